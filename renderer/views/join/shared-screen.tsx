// The host's screen: a <video> filling the window, with its toolbar (size, stats, sound,
// picture-in-picture, fullscreen), keyboard shortcuts, the screen kept awake while
// watching, and an overlay while it is paused.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JoinStatus } from '../../app/app-state';
import type { StreamStats } from '../../stats/normalise-stats';
import { StatsOverlay } from './stats-overlay';
import { useFullscreen, useHasAudio, usePictureInPicture, useScreenShortcuts, useScreenWakeLock } from './screen-hooks';
import { ScreenToolbar } from './screen-toolbar';

export interface SharedScreenProps {
  readonly stream: MediaStream | null;
  readonly status: JoinStatus;
  readonly fit: 'fit' | 'actual';
  readonly showStats: boolean;
  readonly stats: StreamStats | null;
  readonly onToggleFit: () => void;
  readonly onToggleStats: () => void;
}

/** What covers the picture: "Paused" words, a spinner while it is not live yet or again, or nothing. */
function overlayFor(status: JoinStatus, hasStream: boolean): 'paused' | 'busy' | null {
  if (status === 'paused') return 'paused';
  if (status === 'watching') return hasStream ? null : 'busy';
  return 'busy';
}

export function SharedScreen({ stream, status, fit, showStats, stats, onToggleFit, onToggleStats }: SharedScreenProps) {
  const container = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  // Start muted: browsers may refuse to autoplay sound. Unmuting is one click,
  // and it sticks for later streams of this session.
  const [muted, setMuted] = useState(true);
  const hasAudio = useHasAudio(stream);
  const [volume, setVolume] = useState(1);
  const fullscreen = useFullscreen(container);
  const pictureInPicture = usePictureInPicture(video);
  const wakeLock = useScreenWakeLock(status === 'watching' || status === 'paused');

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (!stream) return;
    element.play().catch((error: unknown) => {
      // Sound not allowed without a click: play muted and offer Unmute.
      if (error instanceof DOMException && error.name === 'NotAllowedError' && !element.muted) {
        element.muted = true;
        setMuted(true);
        element.play().catch(() => undefined);
      }
    });
  }, [stream]);

  const toggleMute = () => {
    const next = !muted;
    if (video.current) video.current.muted = next;
    setMuted(next);
    if (!next) video.current?.play().catch(() => undefined);
  };
  const changeVolume = (next: number) => {
    if (video.current) video.current.volume = next;
    setVolume(next);
  };
  useScreenShortcuts({
    fullscreen: fullscreen.toggle,
    mute: hasAudio ? toggleMute : null,
    leaveOverlays: () => {
      if (document.fullscreenElement) fullscreen.toggle();
      if (document.pictureInPictureElement) pictureInPicture.toggle();
    },
  });

  const overlay = overlayFor(status, stream !== null);
  const stageClass = ['stage', fit === 'actual' ? 'stage-actual' : 'stage-fit', overlay ? 'is-dimmed' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div class={fullscreen.active ? 'screen is-fullscreen' : 'screen'} ref={container} data-wake-lock={wakeLock}>
      <ScreenToolbar
        fit={fit}
        showStats={showStats}
        onToggleFit={onToggleFit}
        onToggleStats={onToggleStats}
        sound={hasAudio ? { muted, volume, onToggleMute: toggleMute, onVolume: changeVolume } : null}
        pictureInPicture={pictureInPicture}
        fullscreen={fullscreen}
      />
      <div class={stageClass}>
        <video ref={video} aria-label="Shared screen" autoplay playsInline muted={muted} />
        {overlay === 'paused' && (
          <div class="stage-overlay">
            <span class="stage-overlay-label">Paused</span>
          </div>
        )}
        {overlay === 'busy' && (
          <div class="stage-overlay" aria-hidden="true">
            <span class="spinner large" />
          </div>
        )}
        {showStats && <StatsOverlay stats={stats} />}
      </div>
    </div>
  );
}
