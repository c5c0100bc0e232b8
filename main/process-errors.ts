// Errors nobody caught, written to the log file: main's uncaught exceptions and unhandled
// promise rejections, and the renderer's (reported over the contract's reportRendererError
// channel, whose sender main has checked). A renderer stuck in an error loop is capped,
// so it cannot push the useful history out of the rotating log.
import type { RendererError } from '../preload/api-types';
import { log } from './main-log';

type ErrorEvents = Pick<NodeJS.Process, 'on' | 'off'>;
/** The listeners installed last, kept on the process itself: a module loaded again replaces them, never adds more. */
const INSTALLED = Symbol.for('webrtc-desktop-host.process-error-listeners');
type Installed = {
  [INSTALLED]?: { monitor: NodeJS.UncaughtExceptionListener; rejection: NodeJS.UnhandledRejectionListener };
};

/** Main's uncaught errors. `uncaughtExceptionMonitor` observes without changing Electron's own handling. */
export function logProcessErrors(target: ErrorEvents = process): void {
  const holder = target as ErrorEvents & Installed;
  const previous = holder[INSTALLED];
  if (previous) {
    target.off('uncaughtExceptionMonitor', previous.monitor);
    target.off('unhandledRejection', previous.rejection);
  }
  const monitor: NodeJS.UncaughtExceptionListener = (error, origin) => log.error(`main: ${origin}:`, error);
  const rejection: NodeJS.UnhandledRejectionListener = (reason) =>
    log.error('main: unhandled promise rejection:', reason);
  target.on('uncaughtExceptionMonitor', monitor);
  target.on('unhandledRejection', rejection);
  holder[INSTALLED] = { monitor, rejection };
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
