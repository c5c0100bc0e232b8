// Turns a WebRTC getStats() report into the few numbers people read: bitrate, fps,
// resolution, round trip, loss, jitter, codec and how the peers are connected.
// Pure: fed plain report objects, so it is tested with recorded reports.

export type ConnectionType = 'direct' | 'nat' | 'relay';

export interface StreamStats {
  readonly bitrateBps: number | null;
  readonly fps: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly rttMs: number | null;
  readonly packetLossPct: number | null;
  readonly jitterMs: number | null;
  readonly codec: string | null;
  readonly connectionType: ConnectionType | null;
  /** Receiving side only: frames decoded so far. */
  readonly framesDecoded: number | null;
  /**
   * Relay mode only: the most this viewer can take, from its losses (null: not limited); the host's one bitrate follows
   * the weakest.
   */
  readonly estimateBps?: number | null;
}

/** What the next call needs to turn counters into rates. */
export interface StatsSample {
  readonly timestampMs: number;
  readonly bytes: number;
  readonly packetsLost: number;
  readonly packets: number;
}

type Stat = { readonly type: string; readonly id: string; readonly [key: string]: unknown };

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toList(report: Iterable<unknown> | { forEach(cb: (value: unknown) => void): void }): Stat[] {
  const list: Stat[] = [];
  const add = (value: unknown) => {
    if (value && typeof value === 'object' && typeof (value as Stat).type === 'string') list.push(value as Stat);
  };
  if (Symbol.iterator in report) {
    for (const entry of report as Iterable<unknown>) add(Array.isArray(entry) ? entry[1] : entry);
  } else {
    report.forEach(add);
  }
  return list;
}

function connectionTypeOf(
  stats: Stat[],
  byId: Map<string, Stat>,
): { type: ConnectionType | null; rttMs: number | null } {
  const transport = stats.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  const pair =
    (transport && byId.get(transport.selectedCandidatePairId as string)) ??
    stats.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated === true);
  if (!pair) return { type: null, rttMs: null };
  const kinds = [byId.get(pair.localCandidateId as string), byId.get(pair.remoteCandidateId as string)].map((c) =>
    str(c?.candidateType),
  );
  const rtt = num(pair.currentRoundTripTime);
  const type: ConnectionType | null = kinds.includes('relay')
    ? 'relay'
    : kinds.includes('srflx')
      ? 'nat'
      : kinds.some((k) => k !== null)
        ? 'direct'
        : null;
  return { type, rttMs: rtt === null ? null : rtt * 1000 };
}

/**
 * One normalised reading of a video stream. `direction` picks outbound-rtp (the
 * host's view of a viewer) or inbound-rtp (the viewer's own). Rates need the
 * previous sample; the first reading reports them as null.
 */
export function normaliseStats(
  report: Iterable<unknown> | { forEach(cb: (value: unknown) => void): void },
  direction: 'send' | 'receive',
  previous?: StatsSample,
): { stats: StreamStats; sample: StatsSample | undefined } {
  const stats = toList(report);
  const byId = new Map(stats.map((s) => [s.id, s]));
  const rtpType = direction === 'send' ? 'outbound-rtp' : 'inbound-rtp';
  const rtp = stats.find((s) => s.type === rtpType && (s.kind ?? s.mediaType) === 'video');
  const link = connectionTypeOf(stats, byId);
  if (!rtp) {
    return {
      stats: {
        bitrateBps: null,
        fps: null,
        width: null,
        height: null,
        rttMs: link.rttMs,
        packetLossPct: null,
        jitterMs: null,
        codec: null,
        connectionType: link.type,
        framesDecoded: null,
      },
      sample: undefined,
    };
  }
  const remote =
    direction === 'send'
      ? (stats.find((s) => s.type === 'remote-inbound-rtp' && s.localId === rtp.id) ??
        stats.find((s) => s.type === 'remote-inbound-rtp' && (s.kind ?? s.mediaType) === 'video'))
      : undefined;
  const timestampMs = num(rtp.timestamp) ?? 0;
  const bytes = num(direction === 'send' ? rtp.bytesSent : rtp.bytesReceived) ?? 0;
  const packetsLost = num(direction === 'send' ? remote?.packetsLost : rtp.packetsLost) ?? 0;
  const packets =
    (num(direction === 'send' ? rtp.packetsSent : rtp.packetsReceived) ?? 0) +
    (direction === 'receive' ? packetsLost : 0);
  const sample: StatsSample = { timestampMs, bytes, packetsLost, packets };

  const elapsedMs = previous ? timestampMs - previous.timestampMs : 0;
  const bitrateBps =
    previous && elapsedMs > 0 && bytes >= previous.bytes
      ? Math.round(((bytes - previous.bytes) * 8 * 1000) / elapsedMs)
      : null;

  let packetLossPct: number | null = null;
  if (direction === 'send') {
    const fraction = num(remote?.fractionLost);
    packetLossPct = fraction === null ? null : fraction * 100;
  } else if (previous && packets > previous.packets) {
    packetLossPct = (Math.max(0, packetsLost - previous.packetsLost) / (packets - previous.packets)) * 100;
  }

  const rtt = direction === 'send' ? num(remote?.roundTripTime) : null;
  const jitter = num(direction === 'send' ? remote?.jitter : rtp.jitter);
  const codec = str(byId.get(rtp.codecId as string)?.mimeType);
  return {
    stats: {
      bitrateBps,
      fps: num(rtp.framesPerSecond),
      width: num(rtp.frameWidth),
      height: num(rtp.frameHeight),
      rttMs: rtt !== null ? rtt * 1000 : link.rttMs,
      packetLossPct: packetLossPct === null ? null : Math.round(packetLossPct * 100) / 100,
      jitterMs: jitter === null ? null : jitter * 1000,
      codec: codec ? codec.replace(/^video\//i, '') : null,
      connectionType: link.type,
      framesDecoded: direction === 'receive' ? num(rtp.framesDecoded) : null,
    },
    sample,
  };
}

/** Sums per-viewer readings for the "all viewers" line. */
export function totalBitrate(readings: readonly StreamStats[]): number | null {
  const known = readings.map((r) => r.bitrateBps).filter((b): b is number => b !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}
