// Updates and installer housekeeping: update-electron-app only where a packaged build
// can update itself, a releases link on Linux, and Squirrel's install events answered
// by making or removing shortcuts and quitting. No network, no real processes.
import { UpdateSourceType } from 'update-electron-app';
import { appMenuTemplate } from '../../main/app-menu';
import { handleSquirrelEvent, type Spawner } from '../../main/squirrel-startup';
import { RELEASES_URL, openReleasesPage, startAutoUpdates } from '../../main/updates';
import { fake, resetFakeElectron, type FakeMenuItem } from '../support/fake-electron';

const logger = { log: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };

beforeEach(() => {
  resetFakeElectron();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('startAutoUpdates', () => {
  it.each(['win32', 'darwin'] as const)(
    'checks the GitHub releases through update.electronjs.org in a packaged %s build',
    (platform) => {
      const start = jest.fn();
      expect(startAutoUpdates({ isPackaged: true, platform, logger, start })).toBe(true);
      expect(start).toHaveBeenCalledWith({
        updateSource: {
          type: UpdateSourceType.ElectronPublicUpdateService,
          repo: 'webrtc-desktop-host/webrtc-desktop-host',
        },
        logger,
      });
    },
  );

  it('does not start in a development build', () => {
    const start = jest.fn();
    expect(startAutoUpdates({ isPackaged: false, platform: 'win32', logger, start })).toBe(false);
    expect(start).not.toHaveBeenCalled();
  });

  it('does not start on Linux, which cannot update itself', () => {
    const start = jest.fn();
    expect(startAutoUpdates({ isPackaged: true, platform: 'linux', logger, start })).toBe(false);
    expect(start).not.toHaveBeenCalled();
  });
});

describe('the releases link', () => {
  it('opens the releases page in the browser through the external-link allow-list', () => {
    expect(RELEASES_URL).toBe('https://github.com/webrtc-desktop-host/webrtc-desktop-host/releases');
    expect(openReleasesPage()).toBe(true);
    expect(fake.shell.opened).toEqual([RELEASES_URL]);
  });

  const helpItems = (platformOptions: { platform: NodeJS.Platform; checkForNewVersion?: () => void }) => {
    const help = appMenuTemplate({ isPackaged: true, openLogsFolder: jest.fn(), ...platformOptions }).find(
      (item) => item.role === 'help',
    );
    return (help?.submenu as FakeMenuItem[]).map((item) => item.label);
  };

  it('is in the Help menu when given (Linux), next to Open logs folder', () => {
    expect(helpItems({ platform: 'linux', checkForNewVersion: openReleasesPage })).toEqual([
      'Open logs folder',
      'Check for a new version',
    ]);
    expect(helpItems({ platform: 'win32' })).toEqual(['Open logs folder']);
  });
});

describe('the application menu', () => {
  const roles = (items: FakeMenuItem[]): string[] =>
    items.flatMap((item) => [
      item.role ?? item.label ?? '',
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);

  it('has no Reload (it would drop every viewer) and DevTools only in development', () => {
    const packaged = roles(
      appMenuTemplate({ platform: 'linux', isPackaged: true, openLogsFolder: jest.fn() }) as FakeMenuItem[],
    );
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(
      roles(appMenuTemplate({ platform: 'linux', isPackaged: false, openLogsFolder: jest.fn() }) as FakeMenuItem[]),
    ).toContain('toggleDevTools');
  });

  it('has the app menu on macOS only', () => {
    expect(
      roles(appMenuTemplate({ platform: 'darwin', isPackaged: true, openLogsFolder: jest.fn() }) as FakeMenuItem[])[0],
    ).toBe('appMenu');
    expect(
      roles(appMenuTemplate({ platform: 'win32', isPackaged: true, openLogsFolder: jest.fn() }) as FakeMenuItem[]),
    ).not.toContain('appMenu');
  });
});

describe('Squirrel start-up events', () => {
  const EXE = 'C:\\Users\\ana\\AppData\\Local\\webrtc_desktop_host\\app-0.1.0\\WebRTC Desktop Host.exe';
  const UPDATE_EXE = 'C:\\Users\\ana\\AppData\\Local\\webrtc_desktop_host\\Update.exe';

  function run(event: string | undefined, platform: NodeJS.Platform = 'win32') {
    const spawned: Array<{ command: string; args: readonly string[] }> = [];
    let finish = (): void => undefined;
    const spawner: Spawner = (command, args, onExit) => {
      spawned.push({ command, args });
      finish = onExit;
    };
    const quit = jest.fn();
    const argv = event === undefined ? [EXE] : [EXE, event];
    const handled = handleSquirrelEvent({ argv, platform, execPath: EXE, quit, spawner });
    return { handled, spawned, quit, finish: () => finish() };
  }

  it.each(['--squirrel-install', '--squirrel-updated'])(
    '%s creates the shortcuts with Update.exe, then quits',
    (event) => {
      const { handled, spawned, quit, finish } = run(event);
      expect(handled).toBe(true);
      expect(spawned).toEqual([{ command: UPDATE_EXE, args: ['--createShortcut=WebRTC Desktop Host.exe'] }]);
      expect(quit).not.toHaveBeenCalled(); // Update.exe must finish first
      finish();
      expect(quit).toHaveBeenCalledTimes(1);
    },
  );

  it('--squirrel-uninstall removes the shortcuts, then quits', () => {
    const { handled, spawned, quit, finish } = run('--squirrel-uninstall');
    expect(handled).toBe(true);
    expect(spawned).toEqual([{ command: UPDATE_EXE, args: ['--removeShortcut=WebRTC Desktop Host.exe'] }]);
    finish();
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('--squirrel-obsolete quits at once', () => {
    const { handled, spawned, quit } = run('--squirrel-obsolete');
    expect(handled).toBe(true);
    expect(spawned).toEqual([]);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a normal launch', undefined, 'win32'],
    ['the first run after install', '--squirrel-firstrun', 'win32'],
    ['a join link', 'webrtc-desktop-host://join?host=h&port=1', 'win32'],
    ['the same flag on macOS', '--squirrel-install', 'darwin'],
    ['the same flag on Linux', '--squirrel-install', 'linux'],
  ] as const)('leaves %s alone', (_label, event, platform) => {
    const { handled, spawned, quit } = run(event, platform);
    expect(handled).toBe(false);
    expect(spawned).toEqual([]);
    expect(quit).not.toHaveBeenCalled();
  });
});
