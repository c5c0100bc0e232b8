// The IPC boundary in main: who may call, with what, and that every refusal comes back
// as a Result error rather than a thrown exception.
import type { BrowserWindow } from 'electron';
import { BAD_ARGUMENTS, createIpcRouter, FOREIGN_SENDER } from '../../main/ipc-main-wrappers';
import { invokeChannels } from '../../preload/ipc-contract';
import { ok } from '../../signaling/protocol';
import { BrowserWindow as FakeWindow, fake, resetFakeElectron, type FakeInvokeEvent } from '../support/fake-electron';

const CHOOSE = invokeChannels.chooseSource.channel;
const START = invokeChannels.startHosting.channel;
const GOOD_CHOICE = { sourceId: 'screen:0:0', systemAudio: false };

let window: InstanceType<typeof FakeWindow>;
let calls: unknown[];

beforeEach(async () => {
  resetFakeElectron();
  // Refusals are logged; keep the test output for failures.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  window = new FakeWindow();
  await window.loadURL('app://desktop/host');
  calls = [];
  const ipc = createIpcRouter(() => window as unknown as BrowserWindow);
  ipc.handle('chooseSource', async (request) => {
    calls.push(request);
    return ok(null);
  });
  ipc.handle('startHosting', async () => {
    throw new Error('the port exploded');
  });
});

const fromApp = (): FakeInvokeEvent => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

describe('the sender check', () => {
  it('answers our window’s main frame on app://desktop', async () => {
    await expect(fake.ipcMain.invoke(CHOOSE, fromApp(), GOOD_CHOICE)).resolves.toEqual({ ok: true, value: null });
    expect(calls).toEqual([GOOD_CHOICE]);
  });

  it('refuses a null senderFrame (a frame that navigated away or was destroyed)', async () => {
    const event = { sender: window.webContents, senderFrame: null };
    await expect(fake.ipcMain.invoke(CHOOSE, event, GOOD_CHOICE)).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
  });

  it('refuses a subframe of our own window, even one on our origin', async () => {
    const child = window.webContents.mainFrame.addChild('app://desktop/host');
    await expect(fake.ipcMain.invoke(CHOOSE, { sender: window.webContents, senderFrame: child }, GOOD_CHOICE)).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
  });

  it('refuses our main frame once it shows another origin', async () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:9470/host', 'file:///tmp/x.html', 'app://desktop.evil/host', 'about:blank']) {
      window.webContents.mainFrame.url = url;
      await expect(fake.ipcMain.invoke(CHOOSE, fromApp(), GOOD_CHOICE)).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
    }
  });

  it('refuses another window, even on our origin', async () => {
    const other = new FakeWindow();
    await other.loadURL('app://desktop/host');
    const event = { sender: other.webContents, senderFrame: other.webContents.mainFrame };
    await expect(fake.ipcMain.invoke(CHOOSE, event, GOOD_CHOICE)).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
  });

  it('refuses a frame claiming to be ours from other web contents', async () => {
    const other = new FakeWindow();
    const event = { sender: other.webContents, senderFrame: window.webContents.mainFrame };
    await expect(fake.ipcMain.invoke(CHOOSE, event, GOOD_CHOICE)).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
  });

  it('refuses everyone once the window is gone', async () => {
    window.close();
    await expect(fake.ipcMain.invoke(CHOOSE, fromApp(), GOOD_CHOICE)).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
    expect(calls).toEqual([]);
  });
});

describe('the argument check', () => {
  it.each([
    ['nothing', []],
    ['a string', ['screen:0:0']],
    ['a missing field', [{ sourceId: 'screen:0:0' }]],
    ['a wrong type', [{ sourceId: 'screen:0:0', systemAudio: 'yes' }]],
    ['an extra field', [{ ...GOOD_CHOICE, path: '/etc/passwd' }]],
    ['an id that is not a capture source', [{ sourceId: '../../etc/passwd', systemAudio: false }]],
    ['an oversized id', [{ sourceId: `screen:${'1'.repeat(300)}`, systemAudio: false }]],
    ['two arguments', [GOOD_CHOICE, GOOD_CHOICE]],
  ])('refuses %s without calling the handler', async (_label, args) => {
    await expect(fake.ipcMain.invoke(CHOOSE, fromApp(), ...args)).resolves.toEqual({ ok: false, error: BAD_ARGUMENTS });
    expect(calls).toEqual([]);
  });

  it('refuses arguments on a channel that takes none', async () => {
    await expect(fake.ipcMain.invoke(START, fromApp(), { port: 1 })).resolves.toEqual({ ok: false, error: BAD_ARGUMENTS });
  });
});

afterEach(() => jest.restoreAllMocks());

it('turns a handler that throws into a Result error', async () => {
  await expect(fake.ipcMain.invoke(START, fromApp())).resolves.toEqual({ ok: false, error: 'the port exploded' });
});

it('logs each refused sender, so an attack leaves a trace', async () => {
  await fake.ipcMain.invoke(CHOOSE, { sender: window.webContents, senderFrame: null }, GOOD_CHOICE);
  expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('refused'));
});
