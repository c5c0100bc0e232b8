// What the Join view says for each status: plain words and the next step. Pure.
import type { JoinStatus } from '../app/app-state';

export type StatusTone = 'neutral' | 'progress' | 'ok' | 'warning' | 'error';

export interface JoinStatusInfo {
  /** One sentence on what is happening. */
  readonly message: string;
  /** What the user can do next, if anything. */
  readonly nextStep: string | null;
  readonly tone: StatusTone;
}

const INFO: Record<JoinStatus, JoinStatusInfo> = {
  idle: { message: 'Paste the join link the host gave you, then choose Join.', nextStep: null, tone: 'neutral' },
  connecting: { message: 'Connecting to the host…', nextStep: null, tone: 'progress' },
  waiting: {
    message: 'Waiting for the host to let you in…',
    nextStep: 'They see your name and can let you in.',
    tone: 'progress',
  },
  watching: { message: "You're watching the host's screen.", nextStep: null, tone: 'ok' },
  paused: {
    message: 'The host paused sharing. The picture will come back when they resume.',
    nextStep: null,
    tone: 'warning',
  },
  'host-away': { message: "The host is away. We'll reconnect by ourselves.", nextStep: null, tone: 'warning' },
  reconnecting: { message: 'Connection lost. Reconnecting…', nextStep: null, tone: 'warning' },
  denied: {
    message: "The host didn't let you in. Ask them to try again.",
    nextStep: 'Then choose Join again.',
    tone: 'error',
  },
  kicked: { message: 'The host removed you from the session.', nextStep: null, tone: 'error' },
  full: {
    message: 'This session is full. Ask the host to raise the limit.',
    nextStep: 'Then choose Join again.',
    tone: 'error',
  },
  unreachable: {
    message: "Can't reach the host. Check that you're on the same network and the host is still sharing.",
    nextStep: 'Then choose Join again.',
    tone: 'error',
  },
  failed: { message: 'The connection to the host failed.', nextStep: 'Choose Join to try again.', tone: 'error' },
  left: { message: 'You left the session.', nextStep: 'Choose Join to watch again.', tone: 'neutral' },
};

export function joinStatusInfo(status: JoinStatus): JoinStatusInfo {
  return INFO[status];
}

/** Statuses with a session under way: the form gives way to the picture and a Leave button. */
export function isInSession(status: JoinStatus): boolean {
  return (
    status === 'connecting' ||
    status === 'waiting' ||
    status === 'watching' ||
    status === 'paused' ||
    status === 'host-away' ||
    status === 'reconnecting'
  );
}
