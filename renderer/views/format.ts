// Plain-words formatting for the views: numbers as people read them, states as
// sentences. Pure, so it is unit tested without a DOM.
import type { HostingStatus, ViewerEntry } from '../app/app-state';
import type { ConnectionType, StreamStats } from '../stats/normalise-stats';

/** Shown where a number is not known (yet). */
export const UNKNOWN = '—';

const isNum = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** One decimal below 10, whole numbers above: "2.4", "12", "0". */
function compact(value: number): string {
  if (value === 0) return '0';
  const rounded = Math.abs(value) < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return String(rounded);
}

function oneDecimalBelow100(value: number): string {
  return value < 99.95 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

/** 2_400_000 -> "2.4 Mbit/s"; 640_000 -> "640 kbit/s"; null -> "—". */
export function formatBitrate(bps: number | null | undefined): string {
  if (!isNum(bps) || bps < 0) return UNKNOWN;
  if (bps >= 1e9) return `${compact(bps / 1e9)} Gbit/s`;
  // 999_950 would round to "1000 kbit/s": say "1 Mbit/s" instead.
  if (bps >= 999_500) return `${oneDecimalBelow100(bps / 1e6)} Mbit/s`;
  if (bps >= 1000) return `${Math.round(bps / 1000)} kbit/s`;
  return `${Math.round(bps)} bit/s`;
}

export function formatFps(fps: number | null | undefined): string {
  return isNum(fps) && fps >= 0 ? `${Math.round(fps)} fps` : UNKNOWN;
}

export function formatResolution(width: number | null | undefined, height: number | null | undefined): string {
  return isNum(width) && isNum(height) && width > 0 && height > 0
    ? `${Math.round(width)}×${Math.round(height)}`
    : UNKNOWN;
}

/** Milliseconds: "0.4 ms", "12 ms". */
export function formatMs(ms: number | null | undefined): string {
  return isNum(ms) && ms >= 0 ? `${compact(ms)} ms` : UNKNOWN;
}

/** Packet loss: "0%", "0.3%", "12%". */
export function formatPercent(pct: number | null | undefined): string {
  return isNum(pct) && pct >= 0 ? `${compact(pct)}%` : UNKNOWN;
}

export function formatCodec(codec: string | null | undefined): string {
  return codec ? codec : UNKNOWN;
}

export function connectionTypeLabel(type: ConnectionType | null | undefined): string {
  switch (type) {
    case 'direct':
      return 'Direct (LAN)';
    case 'nat':
      return 'Through NAT';
    case 'relay':
      return 'Relayed';
    default:
      return 'Finding a route…';
  }
}

export function viewerStateLabel(state: ViewerEntry['state']): string {
  switch (state) {
    case 'waiting':
      return 'Waiting for you';
    case 'connecting':
      return 'Connecting…';
    case 'watching':
      return 'Watching';
  }
}

export function hostingStatusLabel(status: HostingStatus): string {
  switch (status) {
    case 'idle':
      return 'Not hosting';
    case 'starting':
      return 'Starting…';
    case 'ready':
      return 'Ready: viewers can ask to join, nothing shared yet';
    case 'live':
      return 'Live';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'stopping':
      return 'Stopping…';
  }
}

/** "2.4 Mbit/s · 30 fps · 1920×1080 · RTT 12 ms", leaving out what is not known. */
export function formatStatsLine(stats: StreamStats | null | undefined): string {
  if (!stats) return '';
  const parts: string[] = [];
  if (isNum(stats.bitrateBps)) parts.push(formatBitrate(stats.bitrateBps));
  if (isNum(stats.fps)) parts.push(formatFps(stats.fps));
  if (isNum(stats.width) && isNum(stats.height)) parts.push(formatResolution(stats.width, stats.height));
  if (isNum(stats.rttMs)) parts.push(`RTT ${formatMs(stats.rttMs)}`);
  return parts.join(' · ');
}

/** Error text in plain words, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong. Please try again.';
}
