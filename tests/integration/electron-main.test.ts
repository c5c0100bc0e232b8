// The composition in main.ts, run against the fake electron: start-up order, the one
// window, a handler for every channel, links from outside, and quit stopping a real
// SignalingServer.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventChannels, invokeChannels } from '../../preload/ipc-contract';
import type * as FakeElectron from '../support/fake-electron';
import { until } from '../support/wait';

type Electron = typeof FakeElectron;

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const LINK = `http://192.168.1.20:9470/join#t=${TOKEN}`;
let userData: string;
let electron: Electron;

/** Loads main.ts afresh (it starts the app on import), with `setup` applied to the fake first. */
function startMain(setup: (fake: Electron) => void = () => undefined): Electron {
  jest.resetModules();
  // require, not import(): the esbuild jest transform leaves import() to Node, outside jest's registry.
  electron = jest.requireActual<Electron>('../support/fake-electron');
  electron.resetFakeElectron();
  electron.app.userDataDir = userData;
  setup(electron);
  jest.requireActual('../../main/main');
  return electron;
}

const appWindow = () => electron.fake.windows[0]!;

/** Fires ready and waits until the window has loaded the app page (it opens after reading the saved placement). */
async function ready(): Promise<void> {
  await electron.app.fireReady();
  await until(() => electron.fake.windows[0]?.webContents.getURL() === 'app://desktop/host', 'the app page');
}
const fromWindow = () => ({ sender: appWindow().webContents, senderFrame: appWindow().webContents.mainFrame });
const healthz = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

async function quitAndWait(): Promise<void> {
  electron.app.quit();
  await until(() => electron.app.quitted, 'the app to quit');
}

beforeEach(async () => {
  // Main logs its lifecycle to the console and its log file; the file is asserted on, the console kept quiet.
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  userData = await mkdtemp(join(tmpdir(), 'main-test-'));
  // Port 0: the saved preference, so the real server never fights another test for 9470.
  await writeFile(join(userData, 'settings.json'), JSON.stringify({ hostingPort: 0 }));
});

afterEach(async () => {
  await quitAndWait();
  jest.restoreAllMocks();
  await rm(userData, { recursive: true, force: true });
});

it('a second instance hands over to the first and quits without opening a window', async () => {
  const { app, fake } = startMain((f) => (f.app.singleInstanceLock = false));
  await app.fireReady();
  await until(() => app.quitRequests > 0, 'the second instance to ask to quit');
  expect(app.quitRequests).toBe(1);
  expect(fake.windows).toEqual([]);
  expect(fake.ipcMain.handlers.size).toBe(0);
});

it('a Squirrel event on Windows quits before anything else starts', async () => {
  const { platform } = process;
  const argv = process.argv;
  Object.defineProperty(process, 'platform', { value: 'win32' });
  process.argv = ['C:\\app\\app-0.1.0\\WebRTC Desktop Host.exe', '--squirrel-obsolete'];
  try {
    const { app, fake } = startMain();
    expect(app.quitRequests).toBe(1);
    expect(fake.crashReporter.started).toEqual([]);
    expect(fake.protocol.privileged).toEqual([]);
    await app.fireReady();
    expect(fake.windows).toEqual([]);
  } finally {
    Object.defineProperty(process, 'platform', { value: platform });
    process.argv = argv;
  }
});

it('registers the app scheme before ready, then serves it, guards permissions and capture, and opens one hardened window', async () => {
  const { app, fake } = startMain();
  expect(fake.protocol.privileged).toHaveLength(1);
  expect(fake.windows).toEqual([]);
  await ready();
  expect(fake.protocol.handlers.has('app')).toBe(true);
  expect(fake.session.permissionRequestHandler).not.toBeNull();
  expect(fake.session.permissionCheckHandler).not.toBeNull();
  expect(fake.session.displayMediaRequestHandler).not.toBeNull();
  expect(fake.windows).toHaveLength(1);
  expect(appWindow().loadedUrls).toEqual(['app://desktop/host']);
  expect(appWindow().options.webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  });
  expect(String(appWindow().options.webPreferences?.preload)).toMatch(/preload[/\\]preload\.js$/);
  expect(app.protocolClients[0]?.[0]).toBe('webrtc-desktop-host');
});

it('answers every channel of the contract, and only from the window', async () => {
  const { fake } = startMain();
  await ready();
  expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
    Object.values(invokeChannels)
      .map((c) => c.channel)
      .sort(),
  );
  const foreign = {
    sender: appWindow().webContents,
    senderFrame: appWindow().webContents.mainFrame.addChild('app://desktop/host'),
  };
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await expect(fake.ipcMain.invoke(invokeChannels.startHosting.channel, foreign)).resolves.toMatchObject({ ok: false });
});

it('starts hosting for the window, and quitting stops the server before the app exits', async () => {
  const { app, fake } = startMain();
  await ready();
  const started = (await fake.ipcMain.invoke(invokeChannels.startHosting.channel, fromWindow())) as {
    ok: true;
    value: { port: number };
  };
  expect(started.ok).toBe(true);
  expect(await healthz(started.value.port)).toBe(200);

  await quitAndWait();
  expect(app.quitted).toBe(true);
  expect(app.quitRequests).toBe(2); // the first quit waited for the server, then quit again
  await expect(healthz(started.value.port)).rejects.toThrow();
});

it('stops hosting on request and can start again', async () => {
  const { fake } = startMain();
  await ready();
  const first = (await fake.ipcMain.invoke(invokeChannels.startHosting.channel, fromWindow())) as {
    value: { port: number };
  };
  await expect(fake.ipcMain.invoke(invokeChannels.stopHosting.channel, fromWindow())).resolves.toEqual({
    ok: true,
    value: null,
  });
  await expect(healthz(first.value.port)).rejects.toThrow();
  await expect(fake.ipcMain.invoke(invokeChannels.startHosting.channel, fromWindow())).resolves.toMatchObject({
    ok: true,
  });
});

it('quits when the last window closes', async () => {
  const { app } = startMain();
  await ready();
  app.emit('window-all-closed');
  expect(app.quitted).toBe(true);
});

describe('join links from outside', () => {
  const sentLinks = () =>
    appWindow()
      .webContents.sent.filter((m) => m.channel === eventChannels.joinLink.channel)
      .map((m) => m.args[0]);

  it('delivers a link from a second launch and focuses the window', async () => {
    const { app } = startMain();
    await ready();
    app.emit(
      'second-instance',
      {},
      ['/opt/app/webrtc-desktop-host', `webrtc-desktop-host://join?host=192.168.1.20&port=9470#t=${TOKEN}`],
      '/',
    );
    expect(sentLinks()).toEqual([LINK]);
    expect(appWindow().focusCount).toBeGreaterThanOrEqual(1);
  });

  it('handles macOS open-url, even before the window exists', async () => {
    const { app, preventable } = startMain();
    const event = preventable();
    app.emit('open-url', event, `webrtc-desktop-host://192.168.1.20:9470/join#t=${TOKEN}`);
    expect(event.defaultPrevented).toBe(true);
    await ready();
    expect(sentLinks()).toEqual([LINK]);
  });

  it('delivers a link given on the first launch’s command line once the page has loaded', async () => {
    const argv = process.argv;
    process.argv = [...argv, LINK];
    try {
      startMain();
      await ready();
      expect(sentLinks()).toEqual([LINK]);
    } finally {
      process.argv = argv;
    }
  });

  it('ignores garbage from a second launch', async () => {
    const { app } = startMain();
    await ready();
    app.emit(
      'second-instance',
      {},
      ['/opt/app/webrtc-desktop-host', 'webrtc-desktop-host://evil', '--inspect=9229'],
      '/',
    );
    expect(sentLinks()).toEqual([]);
  });

  it('offers a join link from the clipboard, and nothing else from it', async () => {
    const { fake } = startMain();
    await ready();
    fake.clipboard.text = `  ${LINK} `;
    await expect(fake.ipcMain.invoke(invokeChannels.readClipboardJoinLink.channel, fromWindow())).resolves.toEqual({
      ok: true,
      value: LINK,
    });
    fake.clipboard.text = 'my bank password';
    await expect(fake.ipcMain.invoke(invokeChannels.readClipboardJoinLink.channel, fromWindow())).resolves.toEqual({
      ok: true,
      value: null,
    });
  });
});

describe('the desktop shell around the window', () => {
  const LIVE = { status: 'live', watching: 2, waiting: 1, waitingViewers: [{ id: 'v1', name: 'Ana' }] };
  const report = (state: unknown) =>
    electron.fake.ipcMain.invoke(invokeChannels.reportHostingState.channel, fromWindow(), state);
  const sentOn = (channel: string) =>
    appWindow()
      .webContents.sent.filter((m) => m.channel === channel)
      .map((m) => m.args[0]);
  const tray = () => electron.fake.trays[0]!;

  it('keeps crash reports local, started before the app is ready', () => {
    const { fake } = startMain();
    expect(fake.crashReporter.started).toEqual([expect.objectContaining({ uploadToServer: false })]);
  });

  it('writes its lifecycle to main.log in the logs folder', async () => {
    startMain();
    await ready();
    const text = await readFile(join(userData, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/INFO {2}app: starting version/);
    expect(text).toMatch(/INFO {2}app: ready/);
  });

  it('shows the renderer’s reports in the tray, and its Stop hosting asks the renderer to stop', async () => {
    const { fake } = startMain();
    await ready();
    expect(fake.trays).toHaveLength(1);
    expect(tray().toolTip).toBe('WebRTC Desktop Host: Not hosting');
    await expect(report(LIVE)).resolves.toEqual({ ok: true, value: null });
    expect(tray().toolTip).toBe('WebRTC Desktop Host: Hosting — 2 watching, 1 waiting');
    tray().contextMenu!.find('Stop hosting')!.click!();
    expect(sentOn(eventChannels.stopHostingRequest.channel)).toEqual([null]);
  });

  it('refuses a malformed report and keeps the last good one', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    startMain();
    await ready();
    await report(LIVE);
    await expect(report({ ...LIVE, watching: -1 })).resolves.toMatchObject({ ok: false });
    expect(tray().toolTip).toContain('2 watching');
  });

  it('opens the logs folder from the tray and from the Help menu', async () => {
    const { fake } = startMain();
    await ready();
    tray().contextMenu!.find('Open logs folder')!.click!();
    fake.applicationMenu!.find('Open logs folder')!.click!();
    expect(fake.shell.openedPaths).toEqual([join(userData, 'logs'), join(userData, 'logs')]);
  });

  it('copies diagnostics from the tray and from the Help menu, without secrets', async () => {
    const { fake } = startMain();
    await ready();
    tray().contextMenu!.find('Copy diagnostics')!.click!();
    await until(() => fake.clipboard.text.includes('diagnostics'), 'diagnostics on the clipboard');
    expect(fake.clipboard.text).toContain('Settings: {"hostingPort":0}');
    expect(fake.clipboard.text).toMatch(/INFO {2}app: starting version /);
    fake.clipboard.text = '';
    fake.applicationMenu!.find('Copy diagnostics')!.click!();
    await until(() => fake.clipboard.text.includes('diagnostics'), 'diagnostics on the clipboard');
    expect(fake.clipboard.text).toContain('Last ');
  });

  it('hides the window to the tray when closed while hosting, and says so once', async () => {
    const { fake } = startMain();
    await ready();
    await report(LIVE);
    appWindow().close();
    appWindow().close();
    expect(appWindow().isDestroyed()).toBe(false);
    expect(appWindow().isVisible()).toBe(false);
    expect(fake.notifications.map((n) => n.options.title)).toEqual(['WebRTC Desktop Host is still hosting']);
    expect(fake.app.quitted).toBe(false);

    tray().contextMenu!.find('Show')!.click!();
    expect(appWindow().isVisible()).toBe(true);
  });

  it('quits when the window is closed while not hosting (Windows and Linux)', async () => {
    const { app } = startMain();
    await ready();
    await report({ status: 'idle', watching: 0, waiting: 0, waitingViewers: [] });
    appWindow().close();
    expect(appWindow().isDestroyed()).toBe(true);
    if (process.platform === 'darwin') return; // macOS apps stay running without windows
    expect(app.quitRequests).toBe(1);
    await until(() => app.quitted, 'the app to quit'); // the quit waits for the window's position to be saved
    expect(app.quitted).toBe(true);
    expect(JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))).toHaveProperty('window');
  });

  it('notifies a join request while the window is hidden; a click brings the window back', async () => {
    const { fake } = startMain();
    await ready();
    await report({ ...LIVE, waiting: 0, waitingViewers: [] });
    appWindow().hide();
    await report(LIVE);
    const [notification] = fake.notifications;
    expect(notification?.options.title).toBe('Ana wants to watch your screen');
    expect(notification?.shown).toBe(true);
    notification!.click();
    expect(appWindow().isVisible()).toBe(true);
  });

  it('reopens the window where it was left, but not off every screen', async () => {
    startMain();
    await ready();
    appWindow().moveTo({ x: 300, y: 200, width: 900, height: 700 });
    appWindow().close(); // saves at once
    await quitAndWait();
    const saved = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({
      hostingPort: 0,
      window: { x: 300, y: 200, width: 900, height: 700, maximized: false },
    });

    startMain();
    await ready();
    expect(appWindow().options).toMatchObject({ x: 300, y: 200, width: 900, height: 700 });
    await quitAndWait();

    await writeFile(
      join(userData, 'settings.json'),
      JSON.stringify({ hostingPort: 0, window: { x: 5000, y: 3000, width: 900, height: 700, maximized: true } }),
    );
    startMain();
    await ready();
    expect(appWindow().options).not.toHaveProperty('x');
    expect(appWindow().isMaximized()).toBe(false);
  });
});
