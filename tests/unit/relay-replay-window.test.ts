// The relay's SRTP/SRTCP replay check (RFC 3711 section 3.3.2), with constructed indices.
import { REPLAY_WINDOW_SIZE, ReplayWindows } from '../../signaling/relay/replay-window';

const SSRC = 0x1234;

function accepted(windows: ReplayWindows, index: number): boolean {
  if (!windows.isFresh(SSRC, index)) return false;
  windows.accept(SSRC, index);
  return true;
}

it('accepts each index of an SSRC once, in any order within the window', () => {
  const windows = new ReplayWindows();
  expect([5, 7, 6, 7, 5, 8].map((i) => accepted(windows, i))).toEqual([true, true, true, false, false, true]);
  expect(windows.isFresh(0x9999, 5)).toBe(true); // another SSRC has its own window
});

it('refuses an index older than the window, and takes a jump ahead', () => {
  const windows = new ReplayWindows();
  accepted(windows, 1000);
  expect(windows.isFresh(SSRC, 1000 - REPLAY_WINDOW_SIZE)).toBe(false);
  expect(accepted(windows, 1000 - REPLAY_WINDOW_SIZE + 1)).toBe(true);
  expect(accepted(windows, 5000)).toBe(true);
  expect(accepted(windows, 4999)).toBe(true);
  expect(accepted(windows, 1001)).toBe(false);
});

it('is moved only by packets that authenticated: checking alone changes nothing', () => {
  const windows = new ReplayWindows();
  accepted(windows, 10);
  expect(windows.isFresh(SSRC, 100_000)).toBe(true);
  expect(accepted(windows, 11)).toBe(true);
});

it('guesses the SRTP index across the 16-bit sequence wrap (the rollover counter)', () => {
  const windows = new ReplayWindows();
  accepted(windows, windows.srtpIndex(SSRC, 65_534));
  accepted(windows, windows.srtpIndex(SSRC, 65_535));
  expect(windows.srtpIndex(SSRC, 0)).toBe(65_536);
  expect(accepted(windows, windows.srtpIndex(SSRC, 0))).toBe(true);
  // A late packet from before the wrap is still itself, and still only once.
  expect(windows.srtpIndex(SSRC, 65_535)).toBe(65_535);
  expect(accepted(windows, windows.srtpIndex(SSRC, 65_535))).toBe(false);
  expect(accepted(windows, windows.srtpIndex(SSRC, 0))).toBe(false);
});
