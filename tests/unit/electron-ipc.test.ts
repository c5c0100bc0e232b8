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
  ipc.handle('reportHostingState', async (report) => {
    calls.push(report);
    return ok(null);
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
    await expect(fake.ipcMain.invoke(CHOOSE, event, GOOD_CHOICE)).resolves.toEqual({
      ok: false,
      error: FOREIGN_SENDER,
    });
  });

  it('refuses a subframe of our own window, even one on our origin', async () => {
    const child = window.webContents.mainFrame.addChild('app://desktop/host');
    await expect(
      fake.ipcMain.invoke(CHOOSE, { sender: window.webContents, senderFrame: child }, GOOD_CHOICE),
    ).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
  });

  it('refuses our main frame once it shows another origin', async () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:9470/host',
      'file:///tmp/x.html',
      'app://desktop.evil/host',
      'about:blank',
    ]) {
      window.webContents.mainFrame.url = url;
      await expect(fake.ipcMain.invoke(CHOOSE, fromApp(), GOOD_CHOICE)).resolves.toEqual({
        ok: false,
        error: FOREIGN_SENDER,
      });
    }
  });

  it('refuses another window, even on our origin', async () => {
    const other = new FakeWindow();
    await other.loadURL('app://desktop/host');
    const event = { sender: other.webContents, senderFrame: other.webContents.mainFrame };
    await expect(fake.ipcMain.invoke(CHOOSE, event, GOOD_CHOICE)).resolves.toEqual({
      ok: false,
      error: FOREIGN_SENDER,
    });
  });

  it('refuses a frame claiming to be ours from other web contents', async () => {
    const other = new FakeWindow();
    const event = { sender: other.webContents, senderFrame: window.webContents.mainFrame };
    await expect(fake.ipcMain.invoke(CHOOSE, event, GOOD_CHOICE)).resolves.toEqual({
      ok: false,
      error: FOREIGN_SENDER,
    });
  });

  it('refuses everyone once the window is gone', async () => {
    window.close();
    await expect(fake.ipcMain.invoke(CHOOSE, fromApp(), GOOD_CHOICE)).resolves.toEqual({
      ok: false,
      error: FOREIGN_SENDER,
    });
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
    await expect(fake.ipcMain.invoke(START, fromApp(), { port: 1 })).resolves.toEqual({
      ok: false,
      error: BAD_ARGUMENTS,
    });
  });
});

describe('reportHostingState', () => {
  const REPORT_CHANNEL = invokeChannels.reportHostingState.channel;
  const GOOD = { status: 'live', watching: 2, waiting: 1, waitingViewers: [{ id: 'v1', name: 'Ana' }] };
  const crowd = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `v${i}`, name: `Viewer ${i}` }));

  it('passes a valid report to its handler', async () => {
    await expect(fake.ipcMain.invoke(REPORT_CHANNEL, fromApp(), GOOD)).resolves.toEqual({ ok: true, value: null });
    expect(calls).toEqual([GOOD]);
  });

  it.each([
    ['an unknown status', { ...GOOD, status: 'hosting' }],
    ['a negative count', { ...GOOD, watching: -1 }],
    ['a fractional count', { ...GOOD, waiting: 1.5 }],
    ['an absurd count', { ...GOOD, watching: 1e9 }],
    ['more waiting viewers listed than counted', { ...GOOD, waiting: 0 }],
    ['too many waiting viewers', { ...GOOD, waiting: 500, waitingViewers: crowd(33) }],
    ['an empty name', { ...GOOD, waitingViewers: [{ id: 'v1', name: '' }] }],
    ['an oversized name', { ...GOOD, waitingViewers: [{ id: 'v1', name: 'A'.repeat(200) }] }],
    ['an oversized id', { ...GOOD, waitingViewers: [{ id: 'v'.repeat(65), name: 'Ana' }] }],
    ['an extra field', { ...GOOD, hostKey: 'secret' }],
    ['an extra field on a viewer', { ...GOOD, waitingViewers: [{ id: 'v1', name: 'Ana', address: '10.0.0.2' }] }],
    ['a missing field', { status: 'live', watching: 0, waiting: 0 }],
    ['not an object', 'live'],
  ])('refuses %s without calling the handler', async (_label, report) => {
    await expect(fake.ipcMain.invoke(REPORT_CHANNEL, fromApp(), report)).resolves.toEqual({
      ok: false,
      error: BAD_ARGUMENTS,
    });
    expect(calls).toEqual([]);
  });

  it('refuses a report from anything but the app window', async () => {
    const child = window.webContents.mainFrame.addChild('app://desktop/host');
    await expect(
      fake.ipcMain.invoke(REPORT_CHANNEL, { sender: window.webContents, senderFrame: child }, GOOD),
    ).resolves.toEqual({ ok: false, error: FOREIGN_SENDER });
    expect(calls).toEqual([]);
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

it('logs each refused argument too', async () => {
  await fake.ipcMain.invoke(CHOOSE, fromApp(), 'nonsense');
  expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/capture:choose-source refused: arguments/));
});
