// The preload: exactly the API's methods on window.desktopHost, each invoking its own
// channel with checked arguments, and subscriptions that really unsubscribe.
import type { DesktopApi } from '../../preload/api-types';
import { eventChannels, invokeChannels } from '../../preload/ipc-contract';
import { fake, resetFakeElectron } from '../support/fake-electron';

const EXPECTED_METHODS = [
  'chooseSource',
  'closeRecording',
  'getHostingPort',
  'listSources',
  'onJoinLink',
  'onStopHostingRequest',
  'onViewerDecision',
  'openRecording',
  'readClipboardJoinLink',
  'reportHostingState',
  'reportRendererError',
  'setHostingPort',
  'startHosting',
  'stopHosting',
  'systemAudioSupport',
  'writeRecording',
].sort();

/** Methods that take a request; each has its own test of what it passes on. */
const WITH_REQUEST = [
  'chooseSource',
  'setHostingPort',
  'reportHostingState',
  'openRecording',
  'writeRecording',
  'closeRecording',
  'reportRendererError',
];

let api: DesktopApi;

beforeAll(() => {
  resetFakeElectron();
  // Loading the preload is what exposes the API (once per test file: jest gives each file its own modules).
  jest.requireActual('../../preload/preload');
  api = fake.contextBridge.exposed.get('desktopHost') as DesktopApi;
});

beforeEach(() => {
  fake.ipcRenderer.invocations.length = 0;
  fake.ipcRenderer.respond = () => ({ ok: true, value: null });
});

it('exposes one object, desktopHost, with exactly the API’s methods and nothing of Electron', () => {
  expect([...fake.contextBridge.exposed.keys()]).toEqual(['desktopHost']);
  expect(Object.keys(api).sort()).toEqual(EXPECTED_METHODS);
  for (const key of EXPECTED_METHODS) expect(typeof api[key as keyof DesktopApi]).toBe('function');
  expect(Object.isFrozen(api)).toBe(true);
});

it('has one method per channel of the contract', () => {
  const invokeMethods = Object.keys(invokeChannels);
  expect([...invokeMethods, 'onJoinLink', 'onViewerDecision', 'onStopHostingRequest'].sort()).toEqual(EXPECTED_METHODS);
  expect(Object.keys(eventChannels)).toEqual(['joinLink', 'viewerDecision', 'stopHostingRequest']);
});

it.each(Object.entries(invokeChannels).filter(([method]) => !WITH_REQUEST.includes(method)))(
  '%s invokes its own channel with no arguments',
  async (method, { channel }) => {
    await (api[method as keyof DesktopApi] as () => Promise<unknown>)();
    expect(fake.ipcRenderer.invocations).toEqual([{ channel, args: [undefined] }]);
  },
);

it('passes main’s answer back unchanged', async () => {
  fake.ipcRenderer.respond = () => ({ ok: true, value: { port: 9470, hostKey: 'k', joinUrls: [] } });
  await expect(api.startHosting()).resolves.toEqual({ ok: true, value: { port: 9470, hostKey: 'k', joinUrls: [] } });
});

it('sends a valid source choice', async () => {
  await api.chooseSource({ sourceId: 'screen:0:0', systemAudio: true });
  expect(fake.ipcRenderer.invocations).toEqual([
    { channel: invokeChannels.chooseSource.channel, args: [{ sourceId: 'screen:0:0', systemAudio: true }] },
  ]);
});

it('refuses bad arguments before they leave the page', async () => {
  const bad = [
    () => api.chooseSource({ sourceId: 'file:///etc/passwd', systemAudio: false }),
    () => api.chooseSource({ sourceId: 'screen:0:0' } as never),
    () => api.setHostingPort({ port: 80 }),
    () => api.setHostingPort({ port: 70000 }),
  ];
  for (const call of bad) await expect(call()).resolves.toMatchObject({ ok: false });
  expect(fake.ipcRenderer.invocations).toEqual([]);
});

it('turns a failed channel into a Result error instead of a rejection', async () => {
  fake.ipcRenderer.respond = () => {
    throw new Error("No handler registered for 'hosting:start'");
  };
  await expect(api.startHosting()).resolves.toEqual({ ok: false, error: "No handler registered for 'hosting:start'" });
});

describe('onJoinLink', () => {
  const channel = eventChannels.joinLink.channel;

  it('calls the listener with the link only (never the IPC event) until unsubscribed', () => {
    const seen: unknown[][] = [];
    const unsubscribe = api.onJoinLink((...args: unknown[]) => seen.push(args));
    fake.ipcRenderer.deliver(channel, 'http://192.168.1.20:9470/join#t=AbCdEfGhIjKlMnOpQrStUv');
    expect(seen).toEqual([['http://192.168.1.20:9470/join#t=AbCdEfGhIjKlMnOpQrStUv']]);

    unsubscribe();
    fake.ipcRenderer.deliver(channel, 'http://192.168.1.20:9470/join#t=ZZZZZZZZZZZZZZZZZZZZZZ');
    expect(seen).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(channel)).toBe(0);
    unsubscribe(); // twice is harmless
  });

  it('keeps other subscribers when one unsubscribes', () => {
    const first = jest.fn();
    const second = jest.fn();
    const stopFirst = api.onJoinLink(first);
    const stopSecond = api.onJoinLink(second);
    stopFirst();
    fake.ipcRenderer.deliver(channel, 'http://h:1/join#t=AbCdEfGhIjKlMnOpQrStUv');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    stopSecond();
  });

  it('drops payloads that do not match the contract', () => {
    const listener = jest.fn();
    const unsubscribe = api.onJoinLink(listener);
    fake.ipcRenderer.deliver(channel, { href: 'x' });
    fake.ipcRenderer.deliver(channel, 'x'.repeat(5000));
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
  });
});

describe('reportHostingState', () => {
  const REPORT = { status: 'live', watching: 2, waiting: 1, waitingViewers: [{ id: 'v1', name: 'Ana' }] } as const;

  it('sends a valid report on its channel', async () => {
    await expect(api.reportHostingState(REPORT)).resolves.toEqual({ ok: true, value: null });
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: invokeChannels.reportHostingState.channel, args: [REPORT] },
    ]);
  });

  it('refuses a report that breaks the contract before it leaves the page', async () => {
    const bad = [
      { ...REPORT, status: 'hosting' },
      { ...REPORT, watching: 1.5 },
      { ...REPORT, waiting: 0 }, // lists more waiting viewers than it counts
      { ...REPORT, waitingViewers: [{ id: 'v1', name: '' }] },
      { ...REPORT, waiting: 100, waitingViewers: Array.from({ length: 100 }, (_, i) => ({ id: `v${i}`, name: 'x' })) },
    ];
    for (const report of bad)
      await expect(api.reportHostingState(report as never)).resolves.toMatchObject({ ok: false });
    expect(fake.ipcRenderer.invocations).toEqual([]);
  });
});

describe('reportRendererError', () => {
  it('sends a bounded error report on its channel and refuses anything else before it leaves the page', async () => {
    const error = { kind: 'error', message: 'TypeError: x is undefined', source: 'app://desktop/app.js:1:2' } as const;
    await expect(api.reportRendererError(error)).resolves.toEqual({ ok: true, value: null });
    for (const bad of [
      { ...error, kind: 'warning' },
      { ...error, message: 'x'.repeat(2001) },
      { ...error, stack: 'x'.repeat(8001) },
      { ...error, extra: 1 },
    ])
      await expect(api.reportRendererError(bad as never)).resolves.toMatchObject({ ok: false });
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: invokeChannels.reportRendererError.channel, args: [error] },
    ]);
  });
});

describe('onViewerDecision and onStopHostingRequest', () => {
  it('passes a decision from a notification, and drops anything else', () => {
    const listener = jest.fn();
    const unsubscribe = api.onViewerDecision(listener);
    fake.ipcRenderer.deliver(eventChannels.viewerDecision.channel, { id: 'v1', decision: 'admit' });
    fake.ipcRenderer.deliver(eventChannels.viewerDecision.channel, { id: 'v1', decision: 'kick' });
    fake.ipcRenderer.deliver(eventChannels.viewerDecision.channel, 'v1');
    expect(listener.mock.calls).toEqual([[{ id: 'v1', decision: 'admit' }]]);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(eventChannels.viewerDecision.channel)).toBe(0);
  });

  it('calls the stop listener with nothing, until unsubscribed', () => {
    const listener = jest.fn();
    const unsubscribe = api.onStopHostingRequest(listener);
    fake.ipcRenderer.deliver(eventChannels.stopHostingRequest.channel, null);
    expect(listener.mock.calls).toEqual([[]]);
    unsubscribe();
    fake.ipcRenderer.deliver(eventChannels.stopHostingRequest.channel, null);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('recording', () => {
  it('passes a chunk of bytes on to its channel, and refuses a path for a name', async () => {
    const recordingId = 'b'.repeat(32);
    await api.writeRecording({ recordingId, bytes: new Uint8Array([1, 2, 3]) });
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: invokeChannels.writeRecording.channel, args: [{ recordingId, bytes: new Uint8Array([1, 2, 3]) }] },
    ]);
    fake.ipcRenderer.invocations.length = 0;
    await expect(api.openRecording({ suggestedName: '/etc/passwd.webm' })).resolves.toMatchObject({ ok: false });
    expect(fake.ipcRenderer.invocations).toEqual([]);
  });
});
