// Join links from outside the window: webrtc-desktop-host:// links the OS hands us (argv
// on Windows and Linux, open-url on macOS, or a second launch) and http join links
// passed on the command line or copied to the clipboard. Every one is validated with
// the protocol's parseJoinLink; anything else is ignored.
import { app, type BrowserWindow } from 'electron';
import { resolve } from 'node:path';
import { JOIN_LINK_MAX } from '../preload/ipc-contract';
import { formatUrlHost, JOIN_PATH, parseJoinLink } from '../signaling/protocol';
import { isAppUrl } from './app-origin';
import { sendEvent } from './ipc-main-wrappers';

export const JOIN_SCHEME = 'webrtc-desktop-host';

/**
 * The http form of a link, or null. Custom-scheme forms:
 *   webrtc-desktop-host://join?host=ADDRESS&port=PORT[&secure=1]#t=TOKEN
 *   webrtc-desktop-host://ADDRESS:PORT/join#t=TOKEN   (an http link with the scheme swapped)
 */
export function toJoinLink(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > JOIN_LINK_MAX) return null;
  const http = trimmed.toLowerCase().startsWith(`${JOIN_SCHEME}:`) ? customToHttp(trimmed) : trimmed;
  return http !== null && parseJoinLink(http).ok ? http : null;
}

function customToHttp(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const host = url.searchParams.get('host');
  if (url.hostname === 'join' && host !== null) {
    const port = url.searchParams.get('port') ?? '';
    if (!/^\d{1,5}$/.test(port) || /[/\\?#@\s]/.test(host)) return null;
    const scheme = url.searchParams.get('secure') === '1' ? 'https' : 'http';
    return `${scheme}://${formatUrlHost(host)}:${port}${JOIN_PATH}${url.hash}`;
  }
  return `http:${link.slice(JOIN_SCHEME.length + 1)}`;
}

/** The last join link among command-line arguments (the OS appends the opened link). */
export function findJoinLink(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const link = toJoinLink(argv[i] ?? '');
    if (link) return link;
  }
  return null;
}

/** Makes the OS open webrtc-desktop-host:// links with this app. */
export function registerJoinScheme(): void {
  // Unpackaged (`electron .`), the OS must start Electron with our entry script too.
  const script = process.argv[1];
  if (process.defaultApp && script !== undefined)
    app.setAsDefaultProtocolClient(JOIN_SCHEME, process.execPath, [resolve(script)]);
  else app.setAsDefaultProtocolClient(JOIN_SCHEME);
}

export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Holds the latest link until the window's page has loaded (links can arrive before
 * there is a window), then hands it to the renderer's onJoinLink and focuses the window.
 */
export class JoinLinkInbox {
  private pending: string | null = null;
  private window: BrowserWindow | null = null;

  /** Returns whether the text was a join link. */
  receive(text: string): boolean {
    const link = toJoinLink(text);
    if (link) this.deliver(link);
    return link !== null;
  }

  receiveArgv(argv: readonly string[]): boolean {
    const link = findJoinLink(argv);
    if (link) this.deliver(link);
    return link !== null;
  }

  attach(window: BrowserWindow): void {
    this.window = window;
    window.webContents.on('did-finish-load', () => this.flush());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.flush();
  }

  private deliver(link: string): void {
    this.pending = link;
    this.flush();
  }

  private flush(): void {
    const window = this.window;
    // Only our own page, fully loaded, gets links (before loadURL the window shows about:blank).
    if (this.pending === null || !window || window.isDestroyed()) return;
    if (window.webContents.isLoading() || !isAppUrl(window.webContents.getURL())) return;
    sendEvent(window.webContents, 'joinLink', this.pending);
    this.pending = null;
    focusWindow(window);
  }
}
