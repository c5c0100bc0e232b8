// The page's uncaught errors and unhandled rejections, handed to the platform (the
// desktop app writes them to its log file; a browser has nowhere to send them). Cut to
// the contract's limits here so that main does not refuse a long stack.
import type { RendererError } from '../../preload/api-types';
import type { Platform } from '../platform/platform';

/** preload/ipc-contract's RENDERER_ERROR_LIMITS (the renderer may not import it; a unit test keeps them equal). */
export const REPORTED_ERROR_LIMITS = { message: 2000, source: 2048, stack: 8000 } as const;

type ErrorTarget = Pick<Window, 'addEventListener'>;

const cut = (text: string, limit: number): string => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);

export function describeRejection(reason: unknown): Pick<RendererError, 'message' | 'stack'> {
  if (reason instanceof Error) return { message: `${reason.name}: ${reason.message}`, stack: reason.stack ?? '' };
  return { message: typeof reason === 'string' ? reason : String(reason) };
}

export function boundedError(error: RendererError): RendererError {
  return {
    kind: error.kind,
    message: cut(error.message, REPORTED_ERROR_LIMITS.message),
    ...(error.source ? { source: cut(error.source, REPORTED_ERROR_LIMITS.source) } : {}),
    ...(error.stack ? { stack: cut(error.stack, REPORTED_ERROR_LIMITS.stack) } : {}),
  };
}

export function reportPageErrors(target: ErrorTarget, platform: Pick<Platform, 'reportError'>): void {
  const report = platform.reportError?.bind(platform);
  if (!report) return;
  target.addEventListener('error', (event: ErrorEvent) => {
    const thrown: unknown = event.error;
    report(
      boundedError({
        kind: 'error',
        message: event.message || String(thrown),
        ...(event.filename ? { source: `${event.filename}:${event.lineno}:${event.colno}` } : {}),
        ...(thrown instanceof Error && thrown.stack ? { stack: thrown.stack } : {}),
      }),
    );
  });
  target.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    report(boundedError({ kind: 'unhandledrejection', ...describeRejection(event.reason) }));
  });
}
