// Per-viewer numbers of what the host sends and what each viewer says it gets,
// with the total and a minute of bitrate history.
import type { UplinkEntry, ViewerEntry } from '../../app/app-state';
import { useApp } from '../../app/context';
import { totalBitrate } from '../../stats/normalise-stats';
import { SparklineChart } from '../common/sparkline-chart';
import { formatBitrate, formatCodec, formatFps, formatMs, formatPercent, formatResolution, UNKNOWN } from '../format';
import { latestSample } from '../sparkline';
import { UplinkRow } from './uplink-row';

export interface StreamStatsViewProps {
  /** Viewers the host sends to (waiting ones get nothing yet). */
  readonly viewers: readonly ViewerEntry[];
  readonly totalHistory: readonly number[];
  /** Relay mode: the host's one link to the relay; null in direct mode. */
  readonly uplink?: UplinkEntry | null;
}

function ViewerRow({ viewer }: { viewer: ViewerEntry }) {
  const sent = viewer.stats;
  const got = viewer.received;
  return (
    <tr>
      <th scope="row">{viewer.name}</th>
      <td>{formatBitrate(sent?.bitrateBps ?? got?.bitrateBps)}</td>
      <td>{formatFps(sent?.fps)}</td>
      <td>{formatFps(got?.fps)}</td>
      <td>
        {sent?.width && sent.height
          ? formatResolution(sent.width, sent.height)
          : formatResolution(got?.width, got?.height)}
      </td>
      <td>{formatMs(sent?.rttMs)}</td>
      <td>{formatPercent(sent?.packetLossPct ?? got?.packetLossPct)}</td>
      <td>{formatMs(sent?.jitterMs ?? got?.jitterMs)}</td>
      <td>{formatCodec(sent?.codec)}</td>
      <td>{formatBitrate(sent?.estimateBps)}</td>
      <td class="spark-cell">
        <SparklineChart values={viewer.bitrateHistory} label={`Bitrate to ${viewer.name}`} width={72} height={20} />
      </td>
    </tr>
  );
}

export function StreamStatsView({ viewers, totalHistory, uplink = null }: StreamStatsViewProps) {
  const readings = viewers.map((v) => v.stats).filter((s) => s !== null);
  const total = totalBitrate(readings) ?? latestSample(totalHistory);
  return (
    <section class="card stream-stats" aria-labelledby="stats-title">
      <div class="card-title-row">
        <h2 id="stats-title">Stream statistics</h2>
        <p class="total-rate">
          <span class="muted">Total sent</span> <strong>{formatBitrate(total)}</strong>
        </p>
      </div>
      {totalHistory.length > 0 && (
        <SparklineChart values={totalHistory} label="Total bitrate" width={480} height={56} class="sparkline-wide" />
      )}
      {viewers.length === 0 ? (
        <p class="muted">Numbers appear here once someone is watching.</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="stats-title">
          <table class="stats-table">
            <thead>
              <tr>
                <th scope="col">Viewer</th>
                <th scope="col">Bitrate</th>
                <th scope="col">FPS sent</th>
                <th scope="col">FPS received</th>
                <th scope="col">Resolution</th>
                <th scope="col">RTT</th>
                <th scope="col">Packet loss</th>
                <th scope="col">Jitter</th>
                <th scope="col">Codec</th>
                <th
                  scope="col"
                  title="The most this viewer can take, from the packets it loses; the host sends for the weakest. None: not limited"
                >
                  Limit
                </th>
                <th scope="col">Last minute</th>
              </tr>
            </thead>
            <tbody>
              {uplink && <UplinkRow uplink={uplink} />}
              {viewers.map((viewer) => (
                <ViewerRow key={viewer.id} viewer={viewer} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total ({viewers.length})</th>
                <td>{formatBitrate(total)}</td>
                <td colSpan={9} class="muted">
                  {UNKNOWN}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export function StreamStats() {
  const { host } = useApp().state;
  return (
    <StreamStatsView
      viewers={host.viewers.value.filter((v) => v.state !== 'waiting')}
      totalHistory={host.totalBitrateHistory.value}
      uplink={host.uplink.value}
    />
  );
}
