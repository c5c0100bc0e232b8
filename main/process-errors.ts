// Errors nobody caught, written to the log file: main's uncaught exceptions and unhandled
// promise rejections, and the renderer's (reported over the contract's reportRendererError
// channel, whose sender main has checked). A renderer stuck in an error loop is capped,
// so it cannot push the useful history out of the rotating log.
import type { RendererError } from '../preload/api-types';
import { log } from './main-log';

/** Main's uncaught errors. `uncaughtExceptionMonitor` observes without changing Electron's own handling. */
export function logProcessErrors(target: Pick<NodeJS.Process, 'on'> = process): void {
  target.on('uncaughtExceptionMonitor', (error, origin) => log.error(`main: ${origin}:`, error));
  target.on('unhandledRejection', (reason) => log.error('main: unhandled promise rejection:', reason));
}

export const RENDERER_ERRORS_PER_MINUTE = 20;

export class RendererErrorLog {
  private windowStart = 0;
  private inWindow = 0;

  constructor(private readonly now: () => number = Date.now) {}

  record(error: RendererError): void {
    const now = this.now();
    if (now - this.windowStart >= 60_000) {
      if (this.inWindow > RENDERER_ERRORS_PER_MINUTE)
        log.warn(`renderer: ${this.inWindow - RENDERER_ERRORS_PER_MINUTE} more errors were not logged`);
      this.windowStart = now;
      this.inWindow = 0;
    }
    this.inWindow += 1;
    if (this.inWindow > RENDERER_ERRORS_PER_MINUTE) return;
    const where = error.source ? ` (${error.source})` : '';
    log.error(`renderer: ${error.kind}: ${error.message}${where}${error.stack ? `\n${error.stack}` : ''}`);
  }
}
