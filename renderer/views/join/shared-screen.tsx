// The host's screen: a <video> filling the window, with fit/actual size,
// fullscreen, sound and stats controls, and an overlay while it is paused.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JoinStatus } from '../../app/app-state';
import type { StreamStats } from '../../stats/normalise-stats';
import { StatsOverlay } from './stats-overlay';

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

function useHasAudio(stream: MediaStream | null): boolean {
  const [hasAudio, setHasAudio] = useState(false);
  useEffect(() => {
    if (!stream) {
      setHasAudio(false);
      return undefined;
    }
    const update = () => setHasAudio(stream.getAudioTracks().length > 0);
    update();
    stream.addEventListener('addtrack', update);
    stream.addEventListener('removetrack', update);
    return () => {
      stream.removeEventListener('addtrack', update);
      stream.removeEventListener('removetrack', update);
    };
  }, [stream]);
  return hasAudio;
}

function useFullscreen(target: { current: HTMLElement | null }): [boolean, () => void, boolean] {
  const [active, setActive] = useState(false);
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled !== false;
  useEffect(() => {
    const update = () =>
      setActive(document.fullscreenElement !== null && document.fullscreenElement === target.current);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, [target]);
  const toggle = () => {
    try {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void target.current?.requestFullscreen?.().catch(() => undefined);
    } catch {
      // No fullscreen here (some mobile browsers): the picture stays as it is.
    }
  };
  return [active, toggle, supported];
}

export function SharedScreen({ stream, status, fit, showStats, stats, onToggleFit, onToggleStats }: SharedScreenProps) {
  const container = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  // Start muted: browsers may refuse to autoplay sound. Unmuting is one click,
  // and it sticks for later streams of this session.
  const [muted, setMuted] = useState(true);
  const hasAudio = useHasAudio(stream);
  const [fullscreen, toggleFullscreen, canFullscreen] = useFullscreen(container);

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

  const overlay = overlayFor(status, stream !== null);
  const stageClass = ['stage', fit === 'actual' ? 'stage-actual' : 'stage-fit', overlay ? 'is-dimmed' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div class={fullscreen ? 'screen is-fullscreen' : 'screen'} ref={container}>
      <div class="screen-toolbar" role="toolbar" aria-label="Picture">
        <button type="button" class="button small" onClick={onToggleFit}>
          {fit === 'fit' ? 'Actual size' : 'Fit to window'}
        </button>
        <button type="button" class="button small" onClick={onToggleStats} aria-expanded={showStats}>
          {showStats ? 'Hide stats' : 'Show stats'}
        </button>
        {hasAudio && (
          <button
            type="button"
            class="button small"
            onClick={() => {
              const next = !muted;
              if (video.current) video.current.muted = next;
              setMuted(next);
              if (!next) video.current?.play().catch(() => undefined);
            }}
          >
            {muted ? 'Unmute' : 'Mute'}
          </button>
        )}
        {canFullscreen && (
          <button type="button" class="button small" onClick={toggleFullscreen}>
            {fullscreen ? 'Exit fullscreen' : 'Fullscreen'}
          </button>
        )}
      </div>
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
