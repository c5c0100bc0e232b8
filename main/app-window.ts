// The one app window over its whole life: opened where the user left it, its placement
// remembered, links and close-to-tray attached, shown again from the tray, a
// notification or the Dock, and re-created on macOS after it was closed.
import { screen, type BrowserWindow } from 'electron';
import type { EventName, PayloadOf } from '../preload/ipc-contract';
import { APP_START_URL } from './app-origin';
import type { CloseToTray } from './close-to-tray';
import { sendEvent } from './ipc-main-wrappers';
import { focusWindow, type JoinLinkInbox } from './join-links';
import { log } from './main-log';
import { createSecureWindow } from './secure-window';
import type { SettingsStore } from './settings-store';
import { placementFor, rememberWindowState } from './window-state';

export interface AppWindowOptions {
  readonly preloadPath: string;
  readonly settings: SettingsStore;
  readonly links: JoinLinkInbox;
  readonly closeToTray: CloseToTray;
  /** The page is gone (crashed or closed): whatever it reported no longer holds. */
  readonly onPageGone: () => void;
}

export class AppWindow {
  private window: BrowserWindow | null = null;
  private opening: Promise<void> | null = null;

  constructor(private readonly options: AppWindowOptions) {}

  /** The window IPC may come from, or null while there is none. */
  current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Opens the window unless it exists (or is opening). */
  open(): Promise<void> {
    if (this.current()) return Promise.resolve();
    this.opening ??= this.create().finally(() => (this.opening = null));
    return this.opening;
  }

  /** Brings the window to the front, opening it again if it was closed. */
  show(): void {
    const window = this.current();
    if (window) focusWindow(window);
    else this.open().catch((error: unknown) => log.error('window: cannot open:', error));
  }

  /** Whether the user can see the window now; notifications are for when they cannot. */
  isAttended(): boolean {
    const window = this.current();
    return window !== null && window.isVisible() && !window.isMinimized() && window.isFocused();
  }

  send<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    const window = this.current();
    if (window) sendEvent(window.webContents, event, payload);
  }

  private async create(): Promise<void> {
    const { settings, links, closeToTray, preloadPath, onPageGone } = this.options;
    const placement = placementFor((await settings.read()).window, screen.getAllDisplays());
    const window = createSecureWindow({ preloadPath, ...placement.bounds });
    this.window = window;
    if (placement.maximized) window.maximize();
    rememberWindowState(window, settings);
    closeToTray.attach(window);
    links.attach(window);
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error(`window: the page is gone (${details.reason}, exit code ${details.exitCode})`);
      onPageGone();
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      log.info('window: closed');
      onPageGone();
    });
    await window
      .loadURL(APP_START_URL)
      .catch((error: unknown) => log.error('window: cannot load the app page:', error));
  }
}
