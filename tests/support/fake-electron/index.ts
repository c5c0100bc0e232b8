// A fake `electron` module for jest (jest.config.cjs maps 'electron' here): the parts
// main/ and preload/ use, each recording what was done to it. The real binary cannot be
// downloaded on our machines, and unit tests should not need it anyway.
// Tests import `fake` and `resetFakeElectron` from here; the code under test imports 'electron'.
import { FakeApp } from './fake-app';
import { FakeContextBridge, FakeIpcMain, FakeIpcRenderer } from './fake-ipc';
import { defaultSession } from './fake-session';
import { FakeBrowserWindow, windowHooks, type FakeWebContents } from './fake-window';

export { FakeEvent, preventable } from './fake-event';
export { FakeFrame, FakeWebContents } from './fake-window';
export type { FakeInvokeEvent } from './fake-ipc';

export interface FakeSource {
  id: string;
  name: string;
  display_id: string;
  thumbnail: { isEmpty(): boolean; toDataURL(): string };
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
export const session = { defaultSession };

windowHooks.onWebContentsCreated = (contents: FakeWebContents) => app.emit('web-contents-created', {}, contents);

const protocolState = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
};
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
    protocolState.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    protocolState.handlers.set(scheme, handler);
  },
};

const capturerState = { sources: [] as FakeSource[], calls: [] as unknown[] };
export const desktopCapturer = {
  async getSources(options: unknown): Promise<FakeSource[]> {
    capturerState.calls.push(options);
    return capturerState.sources;
  },
};

const shellState = { opened: [] as string[] };
export const shell = {
  async openExternal(url: string): Promise<void> {
    shellState.opened.push(url);
  },
};

const clipboardState = { text: '' };
export const clipboard = {
  async readText(): Promise<string> {
    return clipboardState.text;
  },
};

/** A desktopCapturer source with a thumbnail. */
export function fakeSource(id: string, name: string, displayId = ''): FakeSource {
  return { id, name, display_id: displayId, thumbnail: { isEmpty: () => false, toDataURL: () => `data:image/png;base64,${id}` } };
}

/** Everything tests inspect or set. */
export const fake = {
  app,
  ipcMain,
  ipcRenderer,
  contextBridge,
  session: defaultSession,
  protocol: protocolState,
  capturer: capturerState,
  shell: shellState,
  clipboard: clipboardState,
  get windows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all;
  },
};

export function resetFakeElectron(): void {
  app.reset();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.respond = () => ({ ok: true, value: null });
  contextBridge.exposed.clear();
  defaultSession.reset();
  protocolState.privileged.length = 0;
  protocolState.handlers.clear();
  capturerState.sources = [];
  capturerState.calls.length = 0;
  shellState.opened.length = 0;
  clipboardState.text = '';
  FakeBrowserWindow.all.length = 0;
}
