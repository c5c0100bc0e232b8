// The one reconnect backoff of the host and viewer sessions (renderer/connection/backoff.ts).
import { Backoff } from '../../renderer/connection/backoff';

describe('Backoff', () => {
  it('waits each delay in turn, then the last one for ever, and starts over after a reset', () => {
    const backoff = new Backoff([250, 500, 1_000]);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      250, 500, 1_000, 1_000, 1_000,
    ]);
    backoff.reset();
    expect(backoff.next()).toBe(250);
  });
});
