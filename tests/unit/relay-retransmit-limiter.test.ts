// Issue 14 item 6: the relay resends a viewer's NACKed packets at most once per round
// trip each, within a byte budget earned by what it forwards. Constructed NACKs.
import { RETRANSMIT_BURST_BYTES, RETRANSMIT_SHARE, RetransmitLimiter } from '../../signaling/relay/retransmit-limiter';

const PACKET_BYTES = 1_000;

/** A limiter that has forwarded `count` packets numbered from `first`. */
function forwarded(count: number, first = 0): RetransmitLimiter {
  const limiter = new RetransmitLimiter();
  for (let i = 0; i < count; i++) limiter.sent((first + i) & 0xffff, PACKET_BYTES);
  return limiter;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i) & 0xffff);

it('resends a NACKed packet once per round trip, however often it is asked for', () => {
  const limiter = forwarded(100);
  expect(limiter.allow([40, 41], 50, 1_000)).toEqual([40, 41]);
  expect(limiter.allow([40, 41, 41], 50, 1_020)).toEqual([]);
  expect(limiter.allow([40], 50, 1_049)).toEqual([]);
  expect(limiter.allow([40], 50, 1_050)).toEqual([40]);
  expect(limiter.stats()).toEqual({ nacksIn: 4, nackedPackets: 7, retransmitsRefused: 4 });
});

it('waits 100 ms before resending again while the round trip is unknown', () => {
  const limiter = forwarded(10);
  expect(limiter.allow([3], null, 0)).toEqual([3]);
  expect(limiter.allow([3], null, 99)).toEqual([]);
  expect(limiter.allow([3], null, 100)).toEqual([3]);
});

it('refuses packets it no longer holds (older than the last 128) or never sent', () => {
  const limiter = forwarded(300);
  expect(limiter.allow([100, 171, 172, 299, 300], 10, 0)).toEqual([172, 299]);
});

it('keeps a NACK storm over the whole history within a share of what is forwarded', () => {
  // A viewer listing the whole history every 10 ms for 10 s while ~240 packets a second are forwarded.
  const limiter = new RetransmitLimiter();
  let seq = 0;
  let resentBytes = 0;
  for (let now = 0; now < 10_000; now += 10) {
    for (let i = 0; i < 2 + (now % 30 === 0 ? 1 : 0); i++) limiter.sent(seq++ & 0xffff, PACKET_BYTES);
    resentBytes += limiter.allow(range(seq - 128, 128), 1, now).length * PACKET_BYTES;
  }
  const forwardedBytes = seq * PACKET_BYTES;
  // Unlimited, werift would have resent 128 packets per NACK: 128 000 packets, ~53x what was forwarded.
  expect(resentBytes).toBeLessThanOrEqual(forwardedBytes * RETRANSMIT_SHARE + RETRANSMIT_BURST_BYTES);
  expect(resentBytes).toBeGreaterThan(0);
});

it('numbers across the 16-bit wrap like the viewer does', () => {
  const limiter = forwarded(20, 65_530);
  expect(limiter.allow([65_535, 0, 5], 10, 0)).toEqual([65_535, 0, 5]);
});
