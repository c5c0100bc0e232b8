export type SignalingErrorCode = 'port-in-use' | 'bind-failed' | 'not-running' | 'already-running';

/** A failure of the server itself (not of a client), with a code callers can branch on. */
export class SignalingError extends Error {
  constructor(
    readonly code: SignalingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignalingError';
  }
}
