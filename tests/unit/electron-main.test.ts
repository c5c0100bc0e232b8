// The composition in main.ts, run against the fake electron: start-up order, the one
// window, a handler for every channel, links from outside, and quit stopping a real
// SignalingServer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventChannels, invokeChannels } from '../../preload/ipc-contract';
import type * as FakeElectron from '../support/fake-electron';

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
const fromWindow = () => ({ sender: appWindow().webContents, senderFrame: appWindow().webContents.mainFrame });
const healthz = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

async function quitAndWait(): Promise<void> {
  electron.app.quit();
  const deadline = Date.now() + 5_000;
  while (!electron.app.quitted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'main-test-'));
  // Port 0: the saved preference, so the real server never fights another test for 9470.
  await writeFile(join(userData, 'settings.json'), JSON.stringify({ hostingPort: 0 }));
});

afterEach(async () => {
  await quitAndWait();
  await rm(userData, { recursive: true, force: true });
});

it('a second instance hands over to the first and quits without opening a window', async () => {
  const { app, fake } = startMain((f) => (f.app.singleInstanceLock = false));
  await app.fireReady();
  expect(app.quitRequests).toBe(1);
  expect(fake.windows).toEqual([]);
  expect(fake.ipcMain.handlers.size).toBe(0);
});

it('registers the app scheme before ready, then serves it, guards permissions and capture, and opens one hardened window', async () => {
  const { app, fake } = startMain();
  expect(fake.protocol.privileged).toHaveLength(1);
  expect(fake.windows).toEqual([]);
  await app.fireReady();
  expect(fake.protocol.handlers.has('app')).toBe(true);
  expect(fake.session.permissionRequestHandler).not.toBeNull();
  expect(fake.session.permissionCheckHandler).not.toBeNull();
  expect(fake.session.displayMediaRequestHandler).not.toBeNull();
  expect(fake.windows).toHaveLength(1);
  expect(appWindow().loadedUrls).toEqual(['app://desktop/host']);
  expect(appWindow().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  expect(String(appWindow().options.webPreferences?.preload)).toMatch(/preload[/\\]preload\.js$/);
  expect(app.protocolClients[0]?.[0]).toBe('webrtc-desktop-host');
});

it('answers every channel of the contract, and only from the window', async () => {
  const { app, fake } = startMain();
  await app.fireReady();
  expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(invokeChannels).map((c) => c.channel).sort());
  const foreign = { sender: appWindow().webContents, senderFrame: appWindow().webContents.mainFrame.addChild('app://desktop/host') };
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await expect(fake.ipcMain.invoke(invokeChannels.startHosting.channel, foreign)).resolves.toMatchObject({ ok: false });
  jest.restoreAllMocks();
});

it('starts hosting for the window, and quitting stops the server before the app exits', async () => {
  const { app, fake } = startMain();
  await app.fireReady();
  const started = (await fake.ipcMain.invoke(invokeChannels.startHosting.channel, fromWindow())) as { ok: true; value: { port: number } };
  expect(started.ok).toBe(true);
  expect(await healthz(started.value.port)).toBe(200);

  await quitAndWait();
  expect(app.quitted).toBe(true);
  expect(app.quitRequests).toBe(2); // the first quit waited for the server, then quit again
  await expect(healthz(started.value.port)).rejects.toThrow();
});

it('stops hosting on request and can start again', async () => {
  const { app, fake } = startMain();
  await app.fireReady();
  const first = (await fake.ipcMain.invoke(invokeChannels.startHosting.channel, fromWindow())) as { value: { port: number } };
  await expect(fake.ipcMain.invoke(invokeChannels.stopHosting.channel, fromWindow())).resolves.toEqual({ ok: true, value: null });
  await expect(healthz(first.value.port)).rejects.toThrow();
  await expect(fake.ipcMain.invoke(invokeChannels.startHosting.channel, fromWindow())).resolves.toMatchObject({ ok: true });
});

it('quits when the last window closes', async () => {
  const { app } = startMain();
  await app.fireReady();
  app.emit('window-all-closed');
  expect(app.quitted).toBe(true);
});

describe('join links from outside', () => {
  const sentLinks = () => appWindow().webContents.sent.filter((m) => m.channel === eventChannels.joinLink.channel).map((m) => m.args[0]);

  it('delivers a link from a second launch and focuses the window', async () => {
    const { app } = startMain();
    await app.fireReady();
    app.emit('second-instance', {}, ['/opt/app/webrtc-desktop-host', `webrtc-desktop-host://join?host=192.168.1.20&port=9470#t=${TOKEN}`], '/');
    expect(sentLinks()).toEqual([LINK]);
    expect(appWindow().focusCount).toBeGreaterThanOrEqual(1);
  });

  it('handles macOS open-url, even before the window exists', async () => {
    const { app, preventable } = startMain();
    const event = preventable();
    app.emit('open-url', event, `webrtc-desktop-host://192.168.1.20:9470/join#t=${TOKEN}`);
    expect(event.defaultPrevented).toBe(true);
    await app.fireReady();
    expect(sentLinks()).toEqual([LINK]);
  });

  it('delivers a link given on the first launch’s command line once the page has loaded', async () => {
    const argv = process.argv;
    process.argv = [...argv, LINK];
    try {
      const { app } = startMain();
      await app.fireReady();
      expect(sentLinks()).toEqual([LINK]);
    } finally {
      process.argv = argv;
    }
  });

  it('ignores garbage from a second launch', async () => {
    const { app } = startMain();
    await app.fireReady();
    app.emit('second-instance', {}, ['/opt/app/webrtc-desktop-host', 'webrtc-desktop-host://evil', '--inspect=9229'], '/');
    expect(sentLinks()).toEqual([]);
  });

  it('offers a join link from the clipboard, and nothing else from it', async () => {
    const { app, fake } = startMain();
    await app.fireReady();
    fake.clipboard.text = `  ${LINK} `;
    await expect(fake.ipcMain.invoke(invokeChannels.readClipboardJoinLink.channel, fromWindow())).resolves.toEqual({ ok: true, value: LINK });
    fake.clipboard.text = 'my bank password';
    await expect(fake.ipcMain.invoke(invokeChannels.readClipboardJoinLink.channel, fromWindow())).resolves.toEqual({ ok: true, value: null });
  });
});
