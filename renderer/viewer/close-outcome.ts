// What a close code or error code means for a viewer: a final state with words, or
// (null) a problem worth retrying.
import type { JoinStatus } from '../app/app-state';

export interface Outcome {
  readonly status: JoinStatus;
  readonly final: boolean;
  readonly detail?: string;
}

const OUTCOMES: Record<string, Outcome> = {
  denied: { status: 'denied', final: true },
  kicked: { status: 'kicked', final: true },
  'room-full': { status: 'full', final: true },
  'bad-token': {
    status: 'failed',
    final: true,
    detail: 'The access code in this link is wrong or has expired. Ask the host for a new link.',
  },
  'unsupported-protocol': {
    status: 'failed',
    final: true,
    detail: 'This app and the host speak different versions. Update the app that is older.',
  },
  'bad-message': {
    status: 'failed',
    final: true,
    detail: 'The host refused a message from this app. Reload the page and join again.',
  },
};

const BY_CLOSE_CODE: Record<number, string> = {
  4003: 'denied',
  4004: 'kicked',
  4005: 'room-full',
  4001: 'bad-token',
  4010: 'unsupported-protocol',
  4400: 'bad-message',
};

/** For an error code string or a WebSocket close code; null for anything worth retrying. */
export function closeCodeOutcome(code: string | number): Outcome | null {
  const key = typeof code === 'number' ? BY_CLOSE_CODE[code] : code;
  return (key !== undefined && OUTCOMES[key]) || null;
}
