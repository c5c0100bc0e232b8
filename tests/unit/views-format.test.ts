import {
  connectionTypeLabel,
  describeError,
  formatBitrate,
  formatFps,
  formatMs,
  formatPercent,
  formatResolution,
  formatStatsLine,
  hostingStatusLabel,
  UNKNOWN,
  viewerStateLabel,
} from '../../renderer/views/format';
import type { StreamStats } from '../../renderer/stats/normalise-stats';

describe('formatBitrate', () => {
  it.each([
    [2_400_000, '2.4 Mbit/s'],
    [2_000_000, '2 Mbit/s'],
    [12_345_678, '12.3 Mbit/s'],
    [150_000_000, '150 Mbit/s'],
    [640_000, '640 kbit/s'],
    [999_600, '1 Mbit/s'],
    [1_500, '2 kbit/s'],
    [800, '800 bit/s'],
    [0, '0 bit/s'],
    [2_500_000_000, '2.5 Gbit/s'],
  ])('%d bit/s reads "%s"', (bps, text) => {
    expect(formatBitrate(bps)).toBe(text);
  });

  it('says nothing it does not know', () => {
    expect(formatBitrate(null)).toBe(UNKNOWN);
    expect(formatBitrate(undefined)).toBe(UNKNOWN);
    expect(formatBitrate(Number.NaN)).toBe(UNKNOWN);
    expect(formatBitrate(-1)).toBe(UNKNOWN);
  });
});

describe('small number formats', () => {
  it('rounds frame rates and keeps resolutions exact', () => {
    expect(formatFps(29.97)).toBe('30 fps');
    expect(formatFps(null)).toBe(UNKNOWN);
    expect(formatResolution(1920, 1080)).toBe('1920×1080');
    expect(formatResolution(1920, null)).toBe(UNKNOWN);
    expect(formatResolution(0, 0)).toBe(UNKNOWN);
  });

  it('keeps one decimal below 10 for milliseconds and percentages', () => {
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(12.6)).toBe('13 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.25)).toBe('0.3%');
    expect(formatPercent(12.345)).toBe('12%');
    expect(formatPercent(null)).toBe(UNKNOWN);
  });
});

describe('words for states', () => {
  it('names connection types', () => {
    expect(connectionTypeLabel('direct')).toBe('Direct (LAN)');
    expect(connectionTypeLabel('nat')).toBe('Through NAT');
    expect(connectionTypeLabel('relay')).toBe('Relayed');
    expect(connectionTypeLabel(null)).toBe('Finding a route…');
  });

  it('names viewer and hosting states', () => {
    expect(viewerStateLabel('waiting')).toBe('Waiting for you');
    expect(viewerStateLabel('connecting')).toBe('Connecting…');
    expect(viewerStateLabel('watching')).toBe('Watching');
    expect(hostingStatusLabel('idle')).toBe('Not hosting');
    expect(hostingStatusLabel('starting')).toBe('Starting…');
    expect(hostingStatusLabel('live')).toBe('Live');
    expect(hostingStatusLabel('reconnecting')).toBe('Reconnecting…');
    expect(hostingStatusLabel('ready')).toMatch(/nothing shared yet/);
  });
});

describe('formatStatsLine', () => {
  const stats: StreamStats = {
    bitrateBps: 2_400_000,
    fps: 30,
    width: 1920,
    height: 1080,
    rttMs: 12.2,
    packetLossPct: 0,
    jitterMs: 1,
    codec: 'VP8',
    connectionType: 'direct',
    framesDecoded: null,
  };

  it('joins what is known', () => {
    expect(formatStatsLine(stats)).toBe('2.4 Mbit/s · 30 fps · 1920×1080 · RTT 12 ms');
  });

  it('leaves out what is not', () => {
    expect(formatStatsLine({ ...stats, bitrateBps: null, width: null, rttMs: null })).toBe('30 fps');
    expect(formatStatsLine(null)).toBe('');
  });
});

describe('describeError', () => {
  it('uses the message of whatever was thrown', () => {
    expect(describeError(new Error('No screen found.'))).toBe('No screen found.');
    expect(describeError('plain words')).toBe('plain words');
    expect(describeError(42)).toMatch(/Something went wrong/);
  });
});
