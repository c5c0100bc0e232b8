// What the shared screen asks of the browser: whether the stream has sound, fullscreen,
// picture-in-picture, keeping the screen awake, and the watching keyboard shortcuts.
// Each hook degrades to "not offered" where the browser lacks the API.
import { useEffect, useRef, useState } from 'preact/hooks';

type ElementRef<T extends HTMLElement> = { readonly current: T | null };

export function useHasAudio(stream: MediaStream | null): boolean {
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

export interface Toggle {
  readonly supported: boolean;
  readonly active: boolean;
  readonly toggle: () => void;
}

export function useFullscreen(target: ElementRef<HTMLElement>): Toggle {
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
  return { supported, active, toggle };
}

/** The picture in a small always-on-top window, so the viewer can take notes beside it. */
export function usePictureInPicture(video: ElementRef<HTMLVideoElement>): Toggle {
  const [active, setActive] = useState(false);
  const supported = typeof document !== 'undefined' && document.pictureInPictureEnabled === true;
  useEffect(() => {
    const element = video.current;
    if (!element) return undefined;
    const enter = () => setActive(true);
    const leave = () => setActive(false);
    element.addEventListener('enterpictureinpicture', enter);
    element.addEventListener('leavepictureinpicture', leave);
    return () => {
      element.removeEventListener('enterpictureinpicture', enter);
      element.removeEventListener('leavepictureinpicture', leave);
    };
  }, [video]);
  const toggle = () => {
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => undefined);
    else void video.current?.requestPictureInPicture().catch(() => undefined);
  };
  return { supported, active, toggle };
}

export type WakeLockState = 'held' | 'refused' | 'unsupported' | 'off';

/**
 * Keeps the screen from sleeping while `wanted` (a presentation can go minutes without
 * a touch). Browsers drop the lock when the page is hidden, so it is asked for again
 * each time the page comes back.
 */
export function useScreenWakeLock(wanted: boolean): WakeLockState {
  const [state, setState] = useState<WakeLockState>('off');
  useEffect(() => {
    if (!wanted) {
      setState('off');
      return undefined;
    }
    const wakeLock = typeof navigator !== 'undefined' ? navigator.wakeLock : undefined;
    if (!wakeLock) {
      setState('unsupported');
      return undefined;
    }
    let sentinel: WakeLockSentinel | null = null;
    let stopped = false;
    const acquire = () => {
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      wakeLock.request('screen').then(
        (lock) => {
          if (stopped) return void lock.release().catch(() => undefined);
          sentinel = lock;
          setState('held');
          lock.addEventListener('release', () => !stopped && setState('off'));
        },
        () => !stopped && setState('refused'), // e.g. battery saver: watching goes on anyway
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release().catch(() => undefined);
    };
  }, [wanted]);
  return state;
}

export interface ScreenShortcuts {
  readonly fullscreen: () => void;
  readonly mute: (() => void) | null;
  readonly leaveOverlays: () => void;
}

/** F fullscreen, M mute, Esc out of fullscreen / picture-in-picture; never while typing. */
export function useScreenShortcuts(shortcuts: ScreenShortcuts): void {
  // The latest handlers, read at key time: one listener for the screen's whole life.
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      const { fullscreen, mute, leaveOverlays } = latest.current;
      if (key === 'f') fullscreen();
      else if (key === 'm' && mute) mute();
      else if (key === 'escape') leaveOverlays();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** A field that takes letters (a name, a link): its keys are text, not shortcuts. A slider or button is not one. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return (
    target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}
