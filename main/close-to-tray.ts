// Closing the window while hosting would end the session: the renderer holds the
// viewers' streams. So while hosting, closing hides the window to the tray (said once,
// with a notification). Not hosting, closing quits, except on macOS, where apps stay
// running without windows and the Dock icon brings the window back.
import { app, Notification, type BrowserWindow } from 'electron';
import { log } from './main-log';
import { APP_NAME } from './tray';

export interface CloseToTrayOptions {
  isHosting(): boolean;
  /** Brings the window back (a click on the "still hosting" notification). */
  showWindow(): void;
  readonly platform?: NodeJS.Platform;
}

export class CloseToTray {
  /** A real quit (tray Quit, Cmd+Q, shutdown) closes the window for good. */
  private quitting = false;
  private toldOnce = false;
  /** Held so Electron keeps delivering its click. */
  private notice: Notification | null = null;

  constructor(private readonly options: CloseToTrayOptions) {
    app.on('before-quit', () => (this.quitting = true));
    app.on('window-all-closed', () => {
      if ((options.platform ?? process.platform) !== 'darwin') app.quit();
    });
  }

  attach(window: BrowserWindow): void {
    window.on('close', (event) => {
      if (this.quitting || !this.options.isHosting()) return;
      event.preventDefault();
      window.hide();
      log.info('window: hidden to the tray while hosting');
      this.tellOnce();
    });
    // Windows is logging off or shutting down: a hidden-instead-of-closed window would hold it up.
    window.on('session-end', () => (this.quitting = true));
  }

  private tellOnce(): void {
    if (this.toldOnce || !Notification.isSupported()) return;
    this.toldOnce = true;
    this.notice = new Notification({
      title: `${APP_NAME} is still hosting`,
      body: 'Viewers keep watching. Use the tray icon to show the window, stop hosting or quit.',
    });
    this.notice.on('click', () => this.options.showWindow());
    this.notice.show();
  }
}
