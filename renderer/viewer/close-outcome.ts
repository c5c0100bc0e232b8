// What a close code or error code means for a viewer: a final state with words, or
// (null) a problem worth retrying.
import { FATAL_ERRORS } from '../../signaling/protocol';
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

/** Close code -> error code, from the protocol's table. */
const BY_CLOSE_CODE = new Map<number, string>(Object.entries(FATAL_ERRORS).map(([code, close]) => [close, code]));

/** For an error code string or a WebSocket close code; null for anything worth retrying. */
export function closeCodeOutcome(code: string | number): Outcome | null {
  const key = typeof code === 'number' ? BY_CLOSE_CODE.get(code) : code;
  return (key !== undefined && OUTCOMES[key]) || null;
}
