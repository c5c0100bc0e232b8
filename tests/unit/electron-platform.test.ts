// The renderer's Electron platform, over a stand-in for window.desktopHost: hosting
// endpoints on loopback, sources mapped, and capture that chooses before it captures.
import type { DesktopApi, IpcResult } from '../../preload/api-types';
import { detectPlatform } from '../../renderer/platform/detect-platform';
import { createElectronPlatform, type ElectronHostingEndpoint } from '../../renderer/platform/electron-platform';

const SCREEN = {
  id: 'screen:0:0',
  name: 'Entire screen',
  kind: 'screen' as const,
  displayId: '1',
  thumbnail: 'data:image/png;base64,AA',
};
const WINDOW = { id: 'window:7:0', name: 'Editor', kind: 'window' as const, displayId: '', thumbnail: '' };
const okOf = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });

function fakeApi(overrides: Partial<DesktopApi> = {}): jest.Mocked<DesktopApi> {
  return {
    startHosting: jest.fn(() =>
      okOf({
        port: 50123,
        hostKey: 'HOSTKEYHOSTKEYHOSTKEY1',
        joinUrls: ['http://192.168.1.20:50123/join#t=x'],
        portFallbackFrom: 9470,
      }),
    ),
    stopHosting: jest.fn(() => okOf(null)),
    getHostingPort: jest.fn(() => okOf(9470)),
    setHostingPort: jest.fn(() => okOf(null)),
    listSources: jest.fn(() => okOf([WINDOW, SCREEN])),
    chooseSource: jest.fn(() => okOf(null)),
    systemAudioSupport: jest.fn(() => okOf({ available: false, reason: 'Windows only' })),
    readClipboardJoinLink: jest.fn(() => okOf(null)),
    onJoinLink: jest.fn(() => () => undefined),
    ...overrides,
  } as jest.Mocked<DesktopApi>;
}

const stream = { id: 'captured' } as unknown as MediaStream;
const getDisplayMedia = jest.fn(async (_options?: DisplayMediaStreamOptions) => stream);

beforeAll(() => {
  Object.defineProperty(globalThis.navigator, 'mediaDevices', { value: { getDisplayMedia }, configurable: true });
});
beforeEach(() => getDisplayMedia.mockClear());

it('starts hosting through main and connects over loopback', async () => {
  const platform = createElectronPlatform(fakeApi());
  expect(platform.kind).toBe('electron');
  expect(platform.listsSources).toBe(true);
  const started = await platform.startHosting();
  expect(started).toEqual({
    ok: true,
    value: {
      port: 50123,
      hostKey: 'HOSTKEYHOSTKEYHOSTKEY1',
      signalUrl: 'ws://127.0.0.1:50123/signal',
      joinUrls: ['http://192.168.1.20:50123/join#t=x'],
      portFallbackFrom: 9470,
    } satisfies ElectronHostingEndpoint,
  });
});

it('passes main’s words through when hosting cannot start', async () => {
  const platform = createElectronPlatform(
    fakeApi({
      startHosting: jest.fn(() => Promise.resolve({ ok: false as const, error: 'Could not start hosting: nope' })),
    }),
  );
  await expect(platform.startHosting()).resolves.toEqual({ ok: false, error: 'Could not start hosting: nope' });
});

it('maps sources, and throws main’s words when listing fails', async () => {
  expect(await createElectronPlatform(fakeApi()).listSources()).toEqual([
    { id: 'window:7:0', name: 'Editor', kind: 'window', displayId: '' },
    { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', displayId: '1', thumbnail: 'data:image/png;base64,AA' },
  ]);
  const failing = createElectronPlatform(
    fakeApi({ listSources: jest.fn(() => Promise.resolve({ ok: false as const, error: 'no permission' })) }),
  );
  await expect(failing.listSources()).rejects.toThrow('no permission');
});

it('chooses the requested source in main, then captures with getDisplayMedia', async () => {
  const api = fakeApi();
  const platform = createElectronPlatform(api);
  await expect(
    platform.capture({ sourceId: 'window:7:0', width: 1920, height: 1080, frameRate: 30, systemAudio: false }),
  ).resolves.toBe(stream);
  expect(api.chooseSource).toHaveBeenCalledWith({ sourceId: 'window:7:0', systemAudio: false });
  expect(getDisplayMedia).toHaveBeenCalledWith({ video: { width: 1920, height: 1080, frameRate: 30 }, audio: false });
  expect(api.chooseSource.mock.invocationCallOrder[0]!).toBeLessThan(getDisplayMedia.mock.invocationCallOrder[0]!);
});

it('shares the first screen when nothing was picked (one click)', async () => {
  const api = fakeApi();
  await createElectronPlatform(api).capture({ frameRate: 30, systemAudio: false });
  expect(api.chooseSource).toHaveBeenCalledWith({ sourceId: 'screen:0:0', systemAudio: false });
});

it('does not capture when main refuses the choice', async () => {
  const api = fakeApi({
    chooseSource: jest.fn(() => Promise.resolve({ ok: false as const, error: 'That window is gone.' })),
  });
  await expect(
    createElectronPlatform(api).capture({ sourceId: 'window:7:0', frameRate: 30, systemAudio: false }),
  ).rejects.toThrow('That window is gone.');
  expect(getDisplayMedia).not.toHaveBeenCalled();
});

it('asks for system audio only where main says it is available', async () => {
  const without = createElectronPlatform(fakeApi());
  expect((await without.systemAudioSupport()).available).toBe(false);
  await without.capture({ sourceId: 'screen:0:0', frameRate: 30, systemAudio: true });
  expect(getDisplayMedia).toHaveBeenLastCalledWith(expect.objectContaining({ audio: false }));

  const api = fakeApi({ systemAudioSupport: jest.fn(() => okOf({ available: true, reason: null })) });
  const withAudio = createElectronPlatform(api);
  expect(await withAudio.systemAudioSupport()).toEqual({ available: true, reason: null });
  await withAudio.capture({ sourceId: 'screen:0:0', frameRate: 30, systemAudio: true });
  expect(api.chooseSource).toHaveBeenLastCalledWith({ sourceId: 'screen:0:0', systemAudio: true });
  expect(getDisplayMedia).toHaveBeenLastCalledWith(expect.objectContaining({ audio: true }));
});

it('detectPlatform picks Electron when the preload API is there, the browser otherwise', () => {
  const location = new URL('http://127.0.0.1:9470/host') as unknown as Location;
  expect(detectPlatform({ location, desktopHost: fakeApi() }).kind).toBe('electron');
  expect(detectPlatform({ location }).kind).toBe('browser');
  expect(detectPlatform({ location, desktopHost: { platform: 'electron' } as unknown as DesktopApi }).kind).toBe(
    'browser',
  );
});
