// Error codes of protocol.md, with the WebSocket close code of each fatal one.
export const FATAL_ERRORS = {
  'bad-message': 4400,
  'bad-token': 4001,
  'bad-key': 4002,
  denied: 4003,
  kicked: 4004,
  'room-full': 4005,
  'host-taken': 4006,
  'hello-timeout': 4008,
  'unsupported-protocol': 4010,
  'rate-limited': 4029,
  // Not in the v1 table: a reader that stops reading while the server keeps queueing.
  'slow-consumer': 4013,
} as const;

export type FatalErrorCode = keyof typeof FATAL_ERRORS;
export type NonFatalErrorCode = 'unknown-peer';
export type ErrorCode = FatalErrorCode | NonFatalErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [...(Object.keys(FATAL_ERRORS) as FatalErrorCode[]), 'unknown-peer'];

export function isFatal(code: ErrorCode): code is FatalErrorCode {
  return code in FATAL_ERRORS;
}

/** A protocol violation found while reading a client's frame. */
export interface ProtocolError {
  readonly code: 'bad-message' | 'unsupported-protocol';
  readonly message: string;
}
