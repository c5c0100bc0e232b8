// Quitting waits for work that must not be cut off: the server stops (viewers are
// disconnected cleanly and the next start finds the port free), and settings still
// being written land (the window's position is saved as it closes, just before a quit).
import { app } from 'electron';
import type { HostingService } from './hosting-service';
import { log } from './main-log';
import type { SettingsStore } from './settings-store';

export function finishWorkBeforeQuit(
  hosting: Pick<HostingService, 'running' | 'stop'>,
  settings: Pick<SettingsStore, 'writing' | 'flush'>,
): void {
  app.on('will-quit', (event) => {
    if (!hosting.running && !settings.writing) return;
    event.preventDefault();
    Promise.all([
      hosting.running
        ? hosting.stop().catch((error: unknown) => log.error('stopping the server on quit failed:', error))
        : null,
      settings.flush(),
    ]).finally(() => app.quit()); // nothing is pending now: this quit goes through
  });
}
