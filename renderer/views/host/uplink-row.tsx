// The host's one link to the media relay (relay mode), first in the stats table:
// everything every viewer gets passes through it once, so it is what the host's
// encoder really produces.
import type { UplinkEntry } from '../../app/app-state';
import { SparklineChart } from '../common/sparkline-chart';
import { formatBitrate, formatFps, UNKNOWN } from '../format';

const STATE_WORDS: Record<UplinkEntry['state'], string> = {
  connecting: 'connecting…',
  connected: 'encoded once for all',
  lost: 'lost, reconnecting…',
};

export function UplinkRow({ uplink }: { readonly uplink: UplinkEntry }) {
  const restarted = uplink.restarts > 0 ? `, reconnected ${uplink.restarts}×` : '';
  return (
    <tr class="uplink-row" data-testid="uplink-row">
      <th scope="row">
        To the relay{' '}
        <span class="muted small">
          ({STATE_WORDS[uplink.state]}
          {restarted})
        </span>
        {uplink.relayError && (
          <span class="muted small" data-testid="relay-error" title={uplink.relayError}>
            {' '}
            The relay refused a request: {uplink.relayError}
          </span>
        )}
      </th>
      <td>{formatBitrate(uplink.bitrateBps)}</td>
      <td>{formatFps(uplink.fps)}</td>
      <td colSpan={5} class="muted">
        {UNKNOWN}
      </td>
      <td>VP8</td>
      <td title="What the relay lets the host send: the weakest watching viewer's limit, or the cap">
        {formatBitrate(uplink.targetBps)}
      </td>
      <td class="spark-cell">
        <SparklineChart values={uplink.bitrateHistory} label="Bitrate to the relay" width={72} height={20} />
      </td>
    </tr>
  );
}
