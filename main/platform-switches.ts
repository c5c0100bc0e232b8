// Per-OS start-up settings for capture: the Chromium switches screen capture needs (must
// be appended before the app is ready), and whether the computer's sound can be shared,
// with the reason in plain words when it cannot. Pure: the app, the environment, the
// platform and the OS version come in as arguments, so every case is unit-tested.
//
// What Electron 45 does, per OS:
// - Linux, Wayland: screen capture goes through PipeWire and the xdg-desktop-portal
//   dialog. Chromium's `WebRTCPipeWireCapturer` feature has been on by default since
//   Chromium 110 (Electron 23; content/public/common/content_features.cc), so nothing
//   needs switching on: on Wayland this function appends nothing and says so in `notes`.
// - System sound is `audio: 'loopback'` in the display-media handler's answer
//   (capture-service.ts). Windows: WASAPI loopback. macOS 13 and later: ScreenCaptureKit,
//   and from 14.2 a CoreAudio tap that macOS gates on its "System Audio Recording"
//   permission (Electron docs, desktopCapturer "Caveats"; the Info.plist key
//   NSAudioCaptureUsageDescription is in Electron's own bundle). Linux: Electron has no
//   loopback capture (Electron 45's Streams.audio docs still say "only supported on
//   Windows"; the desktopCapturer caveats add macOS 13 and later, nothing for Linux).
//   Not verified on a Mac here: electron/electron#52738 (open) reports that with an
//   app-supplied picker, as ours is, macOS 26 never shows the permission prompt.
import type { SystemAudioSupport } from '../preload/api-types';

/** The only part of Electron's `app` this needs (a fake in the tests). */
export interface SwitchableApp {
  readonly commandLine: { appendSwitch(the_switch: string, value?: string): void };
}

export type DisplayServer = 'wayland' | 'x11' | null;

export interface PlatformSetup {
  /** Switches this call appended, as `--name` or `--name=value`, in order. Empty when none were needed. */
  readonly applied: readonly string[];
  /** Linux only: which display server the session runs (null elsewhere). */
  readonly displayServer: DisplayServer;
  /** What the Host view may offer for the computer's sound. */
  readonly systemAudio: SystemAudioSupport;
  /** Things worth one line in the log at start-up (what was not switched on, and why; platform caveats). */
  readonly notes: readonly string[];
}

/** Chromium's feature for PipeWire screen capture; enabled by default since Chromium 110 (Electron 23). */
const PIPEWIRE_CAPTURER_FEATURE = 'WebRTCPipeWireCapturer';

export const PIPEWIRE_DEFAULT_NOTE = `Wayland session: screen capture uses PipeWire and the system's screen-sharing dialog (${PIPEWIRE_CAPTURER_FEATURE} is on by default since Chromium 110 / Electron 23; no switch needed).`;

export const SYSTEM_AUDIO_REASONS = {
  linux:
    'Sharing the computer’s sound is not available on Linux: Electron, the framework this app is built on, can capture system sound only on Windows and macOS. Viewers still get the picture.',
  macosTooOld: 'Sharing the computer’s sound needs macOS 13 Ventura or later. Viewers still get the picture.',
  macosUnknownVersion:
    'Sharing the computer’s sound is off because the macOS version could not be read. Viewers still get the picture.',
  other: 'Sharing the computer’s sound is not available on this system. Viewers still get the picture.',
} as const;

export const MACOS_AUDIO_PERMISSION_NOTE =
  'macOS 14.2 or later: the computer’s sound goes through a CoreAudio tap, which macOS allows only with the "System Audio Recording" permission; Electron 45 can neither ask for nor check it, and a refusal shows up only as a sound track that has already ended.';

/**
 * Call once, before `app` is ready (Chromium reads switches at start-up). Appends what
 * this OS needs and returns what it did, plus whether system sound can be shared.
 * `osVersion` is `process.getSystemVersion()` (e.g. "14.2.1" on macOS).
 */
export function applyPlatformSwitches(
  _app: SwitchableApp,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  osVersion: string = currentOsVersion(),
): PlatformSetup {
  const notes: string[] = [];
  // Nothing to append on Electron 45 (see the top of this file), so `_app` is untouched.
  // A switch a later Electron needs goes here, through _app.commandLine.appendSwitch,
  // and is listed in `applied`.
  const applied: string[] = [];

  const displayServer = platform === 'linux' ? displayServerOf(env) : null;
  if (displayServer === 'wayland') notes.push(PIPEWIRE_DEFAULT_NOTE);

  const systemAudio = systemAudioSupportFor(platform, osVersion);
  if (platform === 'darwin' && systemAudio.available && atLeast(osVersion, [14, 2]))
    notes.push(MACOS_AUDIO_PERMISSION_NOTE);

  return { applied, displayServer, systemAudio, notes };
}

/** How Chromium itself decides (DesktopCapturer::IsRunningUnderWayland): either variable says Wayland. */
export function displayServerOf(env: NodeJS.ProcessEnv): 'wayland' | 'x11' {
  return env.XDG_SESSION_TYPE === 'wayland' || (env.WAYLAND_DISPLAY ?? '') !== '' ? 'wayland' : 'x11';
}

export function systemAudioSupportFor(platform: NodeJS.Platform, osVersion: string): SystemAudioSupport {
  switch (platform) {
    case 'win32':
      return { available: true, reason: null };
    case 'darwin':
      if (parseVersion(osVersion) === null)
        return { available: false, reason: SYSTEM_AUDIO_REASONS.macosUnknownVersion };
      return atLeast(osVersion, [13, 0])
        ? { available: true, reason: null }
        : { available: false, reason: SYSTEM_AUDIO_REASONS.macosTooOld };
    case 'linux':
      return { available: false, reason: SYSTEM_AUDIO_REASONS.linux };
    default:
      return { available: false, reason: SYSTEM_AUDIO_REASONS.other };
  }
}

/** "14.2.1" -> [14, 2, 1]; null when it does not start with a number. */
export function parseVersion(version: string): number[] | null {
  const match = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  if (!match) return null;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parsed = parseVersion(version);
  if (!parsed) return false;
  for (let i = 0; i < minimum.length; i++) {
    const have = parsed[i] ?? 0;
    const need = minimum[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

/** Electron adds process.getSystemVersion(); plain Node (the tests) has none. */
function currentOsVersion(): string {
  const withVersion = process as NodeJS.Process & { getSystemVersion?: () => string };
  return typeof withVersion.getSystemVersion === 'function' ? withVersion.getSystemVersion() : '';
}
