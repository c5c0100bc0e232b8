// Once a second while hosting: each viewer's connection stats and DTLS check from the
// delivery into the roster (connecting -> watching, the safety code, the bitrate
// history), the total and the uplink. A certificate that does not match its signed
// answer is reported, so the viewer is closed.
import { pushHistory, type HostState } from '../app/app-state';
import { totalBitrate } from '../stats/normalise-stats';
import type { MediaDelivery } from './media-delivery';
import type { ViewerRoster } from './viewer-roster';

const STATS_INTERVAL_MS = 1_000;

export class StatsPoller {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly state: HostState,
    private readonly roster: ViewerRoster,
    private readonly onMismatch: (viewerId: string) => void,
  ) {}

  start(delivery: MediaDelivery): void {
    this.stop();
    this.timer = setInterval(() => void this.refresh(delivery), STATS_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async refresh(delivery: MediaDelivery): Promise<void> {
    const reports = await delivery.collectStats();
    if (this.timer === undefined) return; // stopped while the stats were on their way
    this.roster.updateAll((viewer) => {
      const report = reports.get(viewer.id);
      if (!report) return viewer;
      const state = viewer.state === 'waiting' ? 'waiting' : report.connected ? 'watching' : 'connecting';
      const safetyCode = report.dtls?.kind === 'pinned' ? report.dtls.safetyCode : viewer.safetyCode;
      return {
        ...viewer,
        state,
        safetyCode,
        stats: report.stats,
        bitrateHistory: pushHistory(viewer.bitrateHistory, report.stats.bitrateBps ?? 0),
      };
    });
    for (const [viewerId, report] of reports) if (report.dtls?.kind === 'mismatch') this.onMismatch(viewerId);
    const total = totalBitrate([...reports.values()].map((r) => r.stats));
    this.state.totalBitrateHistory.value = pushHistory(this.state.totalBitrateHistory.value, total ?? 0);
    const uplink = delivery.uplink?.() ?? null;
    const previous = this.state.uplink.value;
    this.state.uplink.value = uplink && {
      ...uplink,
      bitrateHistory: pushHistory(previous?.bitrateHistory ?? [], uplink.bitrateBps ?? 0),
    };
  }
}
