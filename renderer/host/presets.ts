// Quality presets: what each asks of capture and of the encoder. Pure, so the
// mapping to sender parameters is tested without a browser.

export type PresetId = 'sharp-text' | 'balanced' | 'motion' | 'data-saver';

export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  readonly description: string;
  /** Capture size cap; undefined = the source's full resolution. */
  readonly maxWidth?: number;
  readonly maxHeight?: number;
  readonly frameRate: number;
  readonly maxBitrateBps: number;
  readonly contentHint: 'detail' | 'text' | 'motion';
  readonly degradationPreference: RTCDegradationPreference;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'sharp-text',
    label: 'Sharp text',
    description: 'Full resolution, 15 fps: documents and code stay crisp.',
    frameRate: 15,
    maxBitrateBps: 8_000_000,
    contentHint: 'detail',
    degradationPreference: 'maintain-resolution',
  },
  {
    id: 'balanced',
    label: 'Balanced',
    description: '1080p at 30 fps: a good default.',
    maxWidth: 1920,
    maxHeight: 1080,
    frameRate: 30,
    maxBitrateBps: 5_000_000,
    contentHint: 'detail',
    degradationPreference: 'balanced',
  },
  {
    id: 'motion',
    label: 'Motion',
    description: '720p at 60 fps: video and games stay smooth.',
    maxWidth: 1280,
    maxHeight: 720,
    frameRate: 60,
    maxBitrateBps: 6_000_000,
    contentHint: 'motion',
    degradationPreference: 'maintain-framerate',
  },
  {
    id: 'data-saver',
    label: 'Data saver',
    description: '720p at 10 fps, under 1 Mbit/s: slow or metered networks.',
    maxWidth: 1280,
    maxHeight: 720,
    frameRate: 10,
    maxBitrateBps: 800_000,
    contentHint: 'detail',
    degradationPreference: 'maintain-resolution',
  },
];

export function presetById(id: PresetId): Preset {
  return PRESETS.find((preset) => preset.id === id) ?? PRESETS[1]!;
}

/** The user's own caps on top of a preset (0 or undefined = no cap). */
export interface UserCaps {
  readonly maxBitrateBps?: number;
  readonly maxFramerate?: number;
}

export interface SenderSettings {
  readonly maxBitrate: number;
  readonly maxFramerate: number;
  /** 1 = no scaling; only > 1 when the captured frame is bigger than the preset allows. */
  readonly scaleResolutionDownBy: number;
  readonly degradationPreference: RTCDegradationPreference;
  readonly contentHint: Preset['contentHint'];
}

const capped = (value: number, cap: number | undefined) => (cap && cap > 0 ? Math.min(value, cap) : value);

/** Sender parameters for a preset, the user's caps and the captured frame size. */
export function senderSettingsFor(
  preset: Preset,
  caps: UserCaps = {},
  frame?: { width: number; height: number },
): SenderSettings {
  let scale = 1;
  if (frame && frame.width > 0 && frame.height > 0) {
    const byWidth = preset.maxWidth ? frame.width / preset.maxWidth : 1;
    const byHeight = preset.maxHeight ? frame.height / preset.maxHeight : 1;
    scale = Math.max(1, byWidth, byHeight);
  }
  return {
    maxBitrate: capped(preset.maxBitrateBps, caps.maxBitrateBps),
    maxFramerate: capped(preset.frameRate, caps.maxFramerate),
    scaleResolutionDownBy: Math.round(scale * 1000) / 1000,
    degradationPreference: preset.degradationPreference,
    contentHint: preset.contentHint,
  };
}

/** Capture constraints for a preset: the browser delivers at most this much. */
export function captureConstraintsFor(
  preset: Preset,
  caps: UserCaps = {},
): { width?: number; height?: number; frameRate: number } {
  return { width: preset.maxWidth, height: preset.maxHeight, frameRate: capped(preset.frameRate, caps.maxFramerate) };
}
