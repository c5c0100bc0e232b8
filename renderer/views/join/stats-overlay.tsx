// The viewer's own numbers over the picture.
import type { StreamStats } from '../../stats/normalise-stats';
import {
  connectionTypeLabel,
  formatBitrate,
  formatCodec,
  formatFps,
  formatMs,
  formatPercent,
  formatResolution,
} from '../format';

export interface StatsOverlayProps {
  readonly stats: StreamStats | null;
}

export function StatsOverlay({ stats }: StatsOverlayProps) {
  const rows: [string, string][] = [
    ['Bitrate', formatBitrate(stats?.bitrateBps)],
    ['Frame rate', formatFps(stats?.fps)],
    ['Resolution', formatResolution(stats?.width, stats?.height)],
    ['Packet loss', formatPercent(stats?.packetLossPct)],
    ['Jitter', formatMs(stats?.jitterMs)],
    ['Round trip', formatMs(stats?.rttMs)],
    ['Codec', formatCodec(stats?.codec)],
    ['Connection', stats ? connectionTypeLabel(stats.connectionType) : '—'],
  ];
  return (
    <div class="stats-overlay" aria-label="Stream statistics" role="group">
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
