// Quitting frees the port: the server stops before the process exits, so viewers are
// disconnected cleanly and the next start finds the port free.
import { app } from 'electron';
import type { HostingService } from './hosting-service';

export function stopServerOnQuit(hosting: Pick<HostingService, 'running' | 'stop'>): void {
  app.on('will-quit', (event) => {
    if (!hosting.running) return;
    event.preventDefault();
    hosting
      .stop()
      .catch((error: unknown) => console.error('stopping the server on quit failed:', error))
      .finally(() => app.quit()); // running is false now: this quit goes through
  });
}
