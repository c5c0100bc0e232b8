import type { JoinStatus } from '../../renderer/app/app-state';
import { isInSession, joinStatusInfo } from '../../renderer/views/join-status';

const ALL: JoinStatus[] = [
  'idle',
  'connecting',
  'waiting',
  'watching',
  'paused',
  'host-away',
  'reconnecting',
  'denied',
  'kicked',
  'full',
  'unreachable',
  'failed',
  'left',
];

describe('joinStatusInfo', () => {
  it('has words for every status', () => {
    for (const status of ALL) expect(joinStatusInfo(status).message.length).toBeGreaterThan(5);
  });

  it.each<[JoinStatus, string]>([
    ['connecting', 'Connecting to the host…'],
    ['waiting', 'Waiting for the host to let you in…'],
    ['paused', 'The host paused sharing. The picture will come back when they resume.'],
    ['host-away', "The host is away. We'll reconnect by ourselves."],
    ['reconnecting', 'Connection lost. Reconnecting…'],
    ['denied', "The host didn't let you in. Ask them to try again."],
    ['kicked', 'The host removed you from the session.'],
    ['full', 'This session is full. Ask the host to raise the limit.'],
    ['unreachable', "Can't reach the host. Check that you're on the same network and the host is still sharing."],
  ])('%s says %p', (status, message) => {
    expect(joinStatusInfo(status).message).toBe(message);
  });

  it('marks endings that need the user as errors', () => {
    for (const status of ['denied', 'kicked', 'full', 'unreachable', 'failed'] as const)
      expect(joinStatusInfo(status).tone).toBe('error');
  });
});

describe('isInSession', () => {
  it('is true from connecting until the session ends', () => {
    expect(ALL.filter(isInSession)).toEqual([
      'connecting',
      'waiting',
      'watching',
      'paused',
      'host-away',
      'reconnecting',
    ]);
  });
});
