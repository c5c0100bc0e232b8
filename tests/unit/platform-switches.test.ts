// Start-up switches and system-sound support per OS, with a recording fake `app`: no
// Electron needed, every platform testable from any machine.
import {
  applyPlatformSwitches,
  displayServerOf,
  MACOS_AUDIO_PERMISSION_NOTE,
  parseVersion,
  PIPEWIRE_DEFAULT_NOTE,
  SYSTEM_AUDIO_REASONS,
  systemAudioSupportFor,
  type SwitchableApp,
} from '../../main/platform-switches';

interface FakeApp extends SwitchableApp {
  readonly switches: Array<[string, string | undefined]>;
}

function fakeApp(): FakeApp {
  const switches: Array<[string, string | undefined]> = [];
  return { switches, commandLine: { appendSwitch: (name, value) => void switches.push([name, value]) } };
}

const WAYLAND_ENVS: NodeJS.ProcessEnv[] = [
  { XDG_SESSION_TYPE: 'wayland' },
  { WAYLAND_DISPLAY: 'wayland-0' },
  { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-1', DISPLAY: ':0' }, // XWayland present too
];
const X11_ENVS: NodeJS.ProcessEnv[] = [
  { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' },
  { DISPLAY: ':0' },
  {},
  { WAYLAND_DISPLAY: '' },
];

describe('Linux', () => {
  it.each(WAYLAND_ENVS)(
    'detects Wayland from %j and appends nothing: PipeWire capture is already on by default',
    (env) => {
      const app = fakeApp();
      const setup = applyPlatformSwitches(app, env, 'linux', '6.8.0');
      expect(setup.displayServer).toBe('wayland');
      expect(app.switches).toEqual([]);
      expect(setup.applied).toEqual([]);
      expect(setup.notes).toEqual([PIPEWIRE_DEFAULT_NOTE]);
      expect(setup.notes[0]).toContain('WebRTCPipeWireCapturer');
    },
  );

  it.each(X11_ENVS)('treats %j as X11: no switches, no notes', (env) => {
    const app = fakeApp();
    const setup = applyPlatformSwitches(app, env, 'linux', '6.8.0');
    expect(setup.displayServer).toBe('x11');
    expect(app.switches).toEqual([]);
    expect(setup.notes).toEqual([]);
  });

  it('says in plain words that system sound is not available, on Wayland and X11 alike', () => {
    for (const env of [...WAYLAND_ENVS, ...X11_ENVS]) {
      expect(applyPlatformSwitches(fakeApp(), env, 'linux', '6.8.0').systemAudio).toEqual({
        available: false,
        reason: SYSTEM_AUDIO_REASONS.linux,
      });
    }
    expect(SYSTEM_AUDIO_REASONS.linux).toMatch(/not available on Linux/);
    expect(SYSTEM_AUDIO_REASONS.linux).toMatch(/only on Windows and macOS/);
  });
});

describe('Windows', () => {
  it('offers system sound (WASAPI loopback) and ignores Wayland variables', () => {
    const app = fakeApp();
    const setup = applyPlatformSwitches(app, { WAYLAND_DISPLAY: 'wayland-0' }, 'win32', '10.0.22631');
    expect(setup).toEqual({
      applied: [],
      displayServer: null,
      systemAudio: { available: true, reason: null },
      notes: [],
    });
    expect(app.switches).toEqual([]);
  });
});

describe('macOS', () => {
  it.each(['10.15.7', '11.7.10', '12.3', '12.7.6'])(
    'macOS %s: no system sound, and says which macOS is needed',
    (version) => {
      const setup = applyPlatformSwitches(fakeApp(), {}, 'darwin', version);
      expect(setup.systemAudio).toEqual({ available: false, reason: SYSTEM_AUDIO_REASONS.macosTooOld });
      expect(setup.systemAudio.reason).toContain('macOS 13');
      expect(setup.notes).toEqual([]);
    },
  );

  it.each(['13.0', '13.6.1', '14.1.2'])(
    'macOS %s: system sound through ScreenCaptureKit, no permission note',
    (version) => {
      const setup = applyPlatformSwitches(fakeApp(), {}, 'darwin', version);
      expect(setup.systemAudio).toEqual({ available: true, reason: null });
      expect(setup.notes).toEqual([]);
    },
  );

  it.each(['14.2', '14.2.1', '15.1', '26.5.2'])(
    'macOS %s: system sound, with the System Audio Recording permission noted',
    (version) => {
      const app = fakeApp();
      const setup = applyPlatformSwitches(app, {}, 'darwin', version);
      expect(setup.systemAudio).toEqual({ available: true, reason: null });
      expect(setup.notes).toEqual([MACOS_AUDIO_PERMISSION_NOTE]);
      expect(app.switches).toEqual([]);
    },
  );

  it('turns system sound off, with a reason, when the version cannot be read', () => {
    expect(applyPlatformSwitches(fakeApp(), {}, 'darwin', '').systemAudio).toEqual({
      available: false,
      reason: SYSTEM_AUDIO_REASONS.macosUnknownVersion,
    });
  });
});

describe('other systems', () => {
  it.each(['freebsd', 'openbsd', 'sunos', 'aix'] as NodeJS.Platform[])(
    '%s: no switches, no system sound',
    (platform) => {
      const app = fakeApp();
      const setup = applyPlatformSwitches(app, { WAYLAND_DISPLAY: 'wayland-0' }, platform, '14.0');
      expect(setup).toEqual({
        applied: [],
        displayServer: null,
        systemAudio: { available: false, reason: SYSTEM_AUDIO_REASONS.other },
        notes: [],
      });
      expect(app.switches).toEqual([]);
    },
  );
});

describe('helpers', () => {
  it('reads versions the way process.getSystemVersion() writes them', () => {
    expect(parseVersion('14.2.1')).toEqual([14, 2, 1]);
    expect(parseVersion('13')).toEqual([13, 0, 0]);
    expect(parseVersion('10.0.22631')).toEqual([10, 0, 22631]);
    expect(parseVersion('')).toBeNull();
    expect(parseVersion('Sonoma')).toBeNull();
  });

  it('decides the display server like Chromium: either variable means Wayland', () => {
    expect(displayServerOf({ XDG_SESSION_TYPE: 'wayland' })).toBe('wayland');
    expect(displayServerOf({ WAYLAND_DISPLAY: 'wayland-0' })).toBe('wayland');
    expect(displayServerOf({ XDG_SESSION_TYPE: 'tty' })).toBe('x11');
  });

  it('every reason is a sentence a person can read, and only unavailable support has one', () => {
    for (const reason of Object.values(SYSTEM_AUDIO_REASONS))
      expect(reason).toMatch(/^Sharing the computer’s sound .+\.$/);
    const cases: Array<[NodeJS.Platform, string]> = [
      ['win32', '10.0'],
      ['darwin', '12.0'],
      ['darwin', '14.5'],
      ['linux', '6.1'],
      ['freebsd', '14.0'],
    ];
    for (const [platform, version] of cases) {
      const support = systemAudioSupportFor(platform, version);
      expect(support.available ? support.reason === null : typeof support.reason === 'string').toBe(true);
    }
  });

  it('uses process.env and process.platform by default', () => {
    expect(() => applyPlatformSwitches(fakeApp())).not.toThrow();
  });
});
