// The relay strategy's stats: one `stats` request to the relay per poll, answered by
// request number (or given up after a timeout), turned into the per-viewer reports
// the host shows, each viewer's DTLS certificate pinned to its signed answer.
import type { RelayLinkStats, RelayServerMessage } from '../../signaling/protocol';
import { checkFingerprints } from '../security/dtls-check';
import type { StreamStats } from '../stats/normalise-stats';
import type { ViewerConnectionReport } from './media-delivery';

export type RelayStatsAnswer = Extract<RelayServerMessage, { type: 'stats' }>;

const STATS_TIMEOUT_MS = 2_000;

export class RelayStatsRequests {
  private nextRequest = 1;
  private readonly waiting = new Map<number, (answer: RelayStatsAnswer | null) => void>();

  constructor(private readonly ask: (request: number) => void) {}

  /** The relay's answer to a new request; null when it did not come in time or the strategy closed. */
  request(): Promise<RelayStatsAnswer | null> {
    const request = this.nextRequest++;
    return new Promise((resolve) => {
      const timeout = setTimeout(() => this.settle(request, null), STATS_TIMEOUT_MS);
      this.waiting.set(request, (answer) => {
        clearTimeout(timeout);
        resolve(answer);
      });
      this.ask(request);
    });
  }

  settle(request: number, answer: RelayStatsAnswer | null): void {
    this.waiting.get(request)?.(answer);
    this.waiting.delete(request);
  }

  cancelAll(): void {
    for (const request of [...this.waiting.keys()]) this.settle(request, null);
  }
}

/**
 * One report per viewer the relay knows. `connections`: viewer id -> the relay's key for its connection;
 * `answers`: that key -> the viewer's answer as received (its certificate is pinned to it).
 */
export function relayReports(
  answer: RelayStatsAnswer,
  connections: ReadonlyMap<string, string>,
  answers: ReadonlyMap<string, string>,
  video: MediaStreamTrack | null,
): Map<string, ViewerConnectionReport> {
  const reports = new Map<string, ViewerConnectionReport>();
  for (const [viewerId, key] of connections) {
    const stats = answer.viewers[key];
    if (!stats) continue;
    const dtls = checkFingerprints(stats.localCertificate, stats.remoteCertificate, answers.get(key) ?? null);
    reports.set(viewerId, { connected: stats.connected, stats: toStreamStats(stats, video), dtls });
  }
  return reports;
}

function toStreamStats(stats: RelayLinkStats, video: MediaStreamTrack | null): StreamStats {
  const settings = video?.getSettings();
  return {
    bitrateBps: stats.bitrateBps,
    fps: stats.fps,
    width: settings?.width ?? null,
    height: settings?.height ?? null,
    rttMs: stats.rttMs,
    packetLossPct: stats.packetLossPct,
    jitterMs: null,
    codec: 'VP8',
    connectionType: null,
    framesDecoded: null,
    estimateBps: stats.estimateBps,
  };
}
