// A fake `electron` module for jest (jest.config.cjs maps 'electron' here): the parts
// main/ and preload/ use, each recording what was done to it. The real binary cannot be
// downloaded on our machines, and unit tests should not need it anyway.
// Tests import `fake` and `resetFakeElectron` from here; the code under test imports 'electron'.
import { FakeApp } from './fake-app';
import { FakeBrowserWindow } from './fake-browser-window';
import { FakeMenu, FakeNotification, FakeTray, resetDesktopUi } from './fake-desktop-ui';
import { FakeContextBridge, FakeIpcMain, FakeIpcRenderer } from './fake-ipc';
import { defaultSession } from './fake-session';
import { FakeUtilityProcess, utilityProcess } from './fake-utility-process';
import { windowHooks, type FakeWebContents } from './fake-window';

export { FakeEvent, preventable } from './fake-event';
export { FakeFrame, FakeWebContents } from './fake-window';
export { nativeImage } from './fake-desktop-ui';
export type { FakeMenuItem, FakeNativeImage } from './fake-desktop-ui';
export type { FakeRectangle } from './fake-browser-window';
export type { FakeInvokeEvent } from './fake-ipc';
export { FakeUtilityProcess, utilityProcess };

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
export const Menu = FakeMenu;
export const Tray = FakeTray;
export const Notification = FakeNotification;

windowHooks.onWebContentsCreated = (contents: FakeWebContents) => app.emit('web-contents-created', {}, contents);
// As in Electron, when the user closes the last window (a quit closes them without this).
windowHooks.onAllWindowsClosed = () => {
  if (!app.quitted) app.emit('window-all-closed');
};

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

const shellState = { opened: [] as string[], openedPaths: [] as string[] };
export const shell = {
  async openExternal(url: string): Promise<void> {
    shellState.opened.push(url);
  },
  /** Resolves with an error message, '' on success (as Electron does). */
  async openPath(path: string): Promise<string> {
    shellState.openedPaths.push(path);
    return '';
  },
};

interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}
/** One 1920x1080 display with a 40 px taskbar, unless a test sets others. */
export const defaultDisplay = (): FakeDisplay => ({
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
});
const screenState = { displays: [defaultDisplay()] };
export const screen = {
  getAllDisplays: (): FakeDisplay[] => screenState.displays,
};

const crashReporterState = { started: [] as unknown[] };
export const crashReporter = {
  start(options: unknown): void {
    crashReporterState.started.push(options);
  },
};

const clipboardState = { text: '' };
export const clipboard = {
  async readText(): Promise<string> {
    return clipboardState.text;
  },
  writeText(text: string): void {
    clipboardState.text = text;
  },
};

/** Message boxes shown, answered with `response` (0: the first button). */
const dialogState = { shown: [] as unknown[], response: 0 };
export const dialog = {
  async showMessageBox(options: unknown): Promise<{ response: number }> {
    dialogState.shown.push(options);
    return { response: dialogState.response };
  },
};

/** A desktopCapturer source with a thumbnail. */
export function fakeSource(id: string, name: string, displayId = ''): FakeSource {
  return {
    id,
    name,
    display_id: displayId,
    thumbnail: { isEmpty: () => false, toDataURL: () => `data:image/png;base64,${id}` },
  };
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
  dialog: dialogState,
  screen: screenState,
  crashReporter: crashReporterState,
  get windows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all;
  },
  get trays(): FakeTray[] {
    return FakeTray.all;
  },
  get notifications(): FakeNotification[] {
    return FakeNotification.all;
  },
  get applicationMenu(): FakeMenu | null {
    return FakeMenu.applicationMenu;
  },
  get utilityProcesses(): FakeUtilityProcess[] {
    return FakeUtilityProcess.all;
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
  shellState.openedPaths.length = 0;
  clipboardState.text = '';
  dialogState.shown.length = 0;
  dialogState.response = 0;
  screenState.displays = [defaultDisplay()];
  crashReporterState.started.length = 0;
  FakeBrowserWindow.all.length = 0;
  for (const running of FakeUtilityProcess.running()) running.kill(); // a test that leaked one must not leave it behind
  FakeUtilityProcess.all.length = 0;
  resetDesktopUi();
}
