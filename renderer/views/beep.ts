// A short chime when someone asks to join: an 880 Hz tone for 150 ms through
// WebAudio. Never throws: no audio (or a blocked one) just means no sound.

/** The slice of AudioContext the chime uses, so it can be faked in tests. */
export interface ChimeContext {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { value: number };
    connect(node: unknown): unknown;
    start(when?: number): void;
    stop(when?: number): void;
  };
  createGain(): {
    gain: {
      setValueAtTime(value: number, time: number): unknown;
      linearRampToValueAtTime(value: number, time: number): unknown;
    };
    connect(node: unknown): unknown;
  };
}

export type ChimeContextConstructor = new () => ChimeContext;

export const BEEP_FREQUENCY_HZ = 880;
export const BEEP_DURATION_MS = 150;

let shared: { ctor: ChimeContextConstructor; context: ChimeContext } | null = null;

function findConstructor(scope: object): ChimeContextConstructor | null {
  const candidate =
    (scope as { AudioContext?: unknown; webkitAudioContext?: unknown }).AudioContext ??
    (scope as { webkitAudioContext?: unknown }).webkitAudioContext;
  return typeof candidate === 'function' ? (candidate as ChimeContextConstructor) : null;
}

/**
 * Plays the chime. Returns whether a tone was scheduled. `scope` is where
 * AudioContext is looked up (the window by default); one context is reused.
 */
export function playBeep(
  scope: object = globalThis,
  frequencyHz = BEEP_FREQUENCY_HZ,
  durationMs = BEEP_DURATION_MS,
): boolean {
  try {
    const ctor = findConstructor(scope);
    if (!ctor) return false;
    if (!shared || shared.ctor !== ctor) shared = { ctor, context: new ctor() };
    const context = shared.context;
    if (context.state === 'suspended') context.resume().catch(() => undefined);
    const start = context.currentTime;
    const end = start + durationMs / 1000;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequencyHz;
    // A quick fade in and out: a hard start or stop clicks.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.2, start + 0.01);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(start);
    oscillator.stop(end);
    return true;
  } catch {
    shared = null;
    return false;
  }
}
