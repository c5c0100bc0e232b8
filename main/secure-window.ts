// The one window factory, and the navigation guards every web contents gets. Electron's
// security checklist items 2-4, 6, 13 and 14 are met here; the CSP is in app-protocol.ts.
import { app, BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';
import { log } from './main-log';

/** Links the app may open in the user's browser: https only, only these origins. */
export const EXTERNAL_ORIGINS: readonly string[] = ['https://github.com'];

/** Read back by the tests: every window is created with exactly these. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Not a security setting: the page is the host, and hidden in the tray it must keep its
    // timers (reconnects, returning viewers, stats) at full rate, not Chromium's background one.
    backgroundThrottling: false,
  };
}

export interface SecureWindowOptions {
  readonly preloadPath: string;
  /** A remembered position; without one the OS centres the window. */
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
}

export function createSecureWindow(options: SecureWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...(options.x === undefined || options.y === undefined ? {} : { x: options.x, y: options.y }),
    width: options.width ?? 1100,
    height: options.height ?? 760,
    minWidth: 640,
    minHeight: 480,
    title: 'WebRTC Desktop Host',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  guardWebContents(window.webContents);
  return window;
}

/** Applies the guards to every web contents ever created, not only our window's. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.username === '' &&
      parsed.password === '' &&
      EXTERNAL_ORIGINS.includes(parsed.origin)
    );
  } catch {
    return false;
  }
}

/** The one way main opens a web link: in the user's browser, and only if allow-listed. Returns whether it did. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) {
    log.warn(`refused to open ${url}: not on the allow-list`);
    return false;
  }
  shell.openExternal(url).catch((error: unknown) => log.warn(`could not open ${url}:`, error));
  return true;
}

const guarded = new WeakSet<WebContents>();

export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  // A page that navigated away from app://desktop would keep the preload API.
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows, ever: an allow-listed https link goes to the user's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}
