// Fed reports shaped like Chromium's getStats() output (fields and nesting as Chromium 156 reports them).
import { normaliseStats, totalBitrate } from '../../renderer/stats/normalise-stats';

function senderReport(t: number, bytesSent: number) {
  return new Map<string, Record<string, unknown>>([
    ['T01', { id: 'T01', type: 'transport', timestamp: t, selectedCandidatePairId: 'CPa_b', dtlsState: 'connected' }],
    [
      'CPa_b',
      {
        id: 'CPa_b',
        type: 'candidate-pair',
        timestamp: t,
        localCandidateId: 'Ia',
        remoteCandidateId: 'Ib',
        state: 'succeeded',
        nominated: true,
        currentRoundTripTime: 0.004,
      },
    ],
    [
      'Ia',
      {
        id: 'Ia',
        type: 'local-candidate',
        timestamp: t,
        candidateType: 'host',
        address: '192.168.1.20',
        protocol: 'udp',
      },
    ],
    [
      'Ib',
      {
        id: 'Ib',
        type: 'remote-candidate',
        timestamp: t,
        candidateType: 'prflx',
        address: '192.168.1.31',
        protocol: 'udp',
      },
    ],
    ['COT01_98', { id: 'COT01_98', type: 'codec', timestamp: t, mimeType: 'video/VP9', clockRate: 90000 }],
    [
      'OT01V1',
      {
        id: 'OT01V1',
        type: 'outbound-rtp',
        timestamp: t,
        kind: 'video',
        mediaType: 'video',
        bytesSent,
        packetsSent: bytesSent / 1000,
        framesPerSecond: 30,
        frameWidth: 1920,
        frameHeight: 1080,
        codecId: 'COT01_98',
      },
    ],
    [
      'RIV1',
      {
        id: 'RIV1',
        type: 'remote-inbound-rtp',
        timestamp: t,
        kind: 'video',
        localId: 'OT01V1',
        roundTripTime: 0.0032,
        fractionLost: 0.015,
        jitter: 0.0021,
        packetsLost: 3,
      },
    ],
    ['OT01A2', { id: 'OT01A2', type: 'outbound-rtp', timestamp: t, kind: 'audio', bytesSent: 99_999 }],
  ]);
}

describe('normaliseStats, sending side (the host looking at one viewer)', () => {
  it('reports nothing rate-based on the first reading', () => {
    const { stats, sample } = normaliseStats(senderReport(1000, 500_000), 'send');
    expect(stats.bitrateBps).toBeNull();
    expect(sample).toEqual({ timestampMs: 1000, bytes: 500_000, packetsLost: 3, packets: 500 });
  });

  it('turns two readings into bitrate, and reads fps, size, RTT, loss, jitter, codec and path', () => {
    const first = normaliseStats(senderReport(1000, 500_000), 'send');
    const { stats } = normaliseStats(senderReport(2000, 1_000_000), 'send', first.sample);
    expect(stats).toEqual({
      bitrateBps: 4_000_000,
      fps: 30,
      width: 1920,
      height: 1080,
      rttMs: 3.2,
      packetLossPct: 1.5,
      jitterMs: 2.1,
      codec: 'VP9',
      connectionType: 'direct',
      framesDecoded: null,
    });
  });

  it('ignores the audio stream', () => {
    const { sample } = normaliseStats(senderReport(1000, 10), 'send');
    expect(sample?.bytes).toBe(10);
  });

  it('calls a relayed path relayed and a server-reflexive one through NAT', () => {
    const relayed = senderReport(1, 1);
    relayed.set('Ib', { ...relayed.get('Ib')!, candidateType: 'relay' });
    expect(normaliseStats(relayed, 'send').stats.connectionType).toBe('relay');
    const natted = senderReport(1, 1);
    natted.set('Ia', { ...natted.get('Ia')!, candidateType: 'srflx' });
    expect(normaliseStats(natted, 'send').stats.connectionType).toBe('nat');
  });

  it('returns an empty reading before any video is negotiated', () => {
    const { stats, sample } = normaliseStats(new Map(), 'send');
    expect(sample).toBeUndefined();
    expect(Object.values(stats).every((v) => v === null)).toBe(true);
  });

  it('accepts the report as an array of stats too', () => {
    expect(normaliseStats([...senderReport(5, 5).values()], 'send').stats.codec).toBe('VP9');
  });

  it('does not report a negative bitrate when counters restart (a new connection)', () => {
    const first = normaliseStats(senderReport(1000, 900_000), 'send');
    expect(normaliseStats(senderReport(2000, 1_000), 'send', first.sample).stats.bitrateBps).toBeNull();
  });
});

function receiverReport(
  t: number,
  bytesReceived: number,
  packetsReceived: number,
  packetsLost: number,
  framesDecoded: number,
) {
  return new Map<string, Record<string, unknown>>([
    [
      'CP1',
      {
        id: 'CP1',
        type: 'candidate-pair',
        timestamp: t,
        localCandidateId: 'L',
        remoteCandidateId: 'R',
        state: 'succeeded',
        nominated: true,
        currentRoundTripTime: 0.0025,
      },
    ],
    ['L', { id: 'L', type: 'local-candidate', candidateType: 'host' }],
    ['R', { id: 'R', type: 'remote-candidate', candidateType: 'host' }],
    ['CIT01_98', { id: 'CIT01_98', type: 'codec', mimeType: 'video/H264' }],
    [
      'IT01V',
      {
        id: 'IT01V',
        type: 'inbound-rtp',
        timestamp: t,
        kind: 'video',
        bytesReceived,
        packetsReceived,
        packetsLost,
        framesDecoded,
        framesPerSecond: 29,
        frameWidth: 1280,
        frameHeight: 720,
        jitter: 0.004,
        codecId: 'CIT01_98',
      },
    ],
  ]);
}

describe('normaliseStats, receiving side (a viewer)', () => {
  it('computes loss over the interval from packet counters', () => {
    const first = normaliseStats(receiverReport(0, 0, 0, 0, 0), 'receive');
    const { stats } = normaliseStats(receiverReport(2000, 1_000_000, 990, 10, 58), 'receive', first.sample);
    expect(stats).toEqual({
      bitrateBps: 4_000_000,
      fps: 29,
      width: 1280,
      height: 720,
      rttMs: 2.5,
      packetLossPct: 1,
      jitterMs: 4,
      codec: 'H264',
      connectionType: 'direct',
      framesDecoded: 58,
    });
  });
});

describe('totalBitrate', () => {
  it('sums the known bitrates', () => {
    const base = normaliseStats(new Map(), 'send').stats;
    expect(
      totalBitrate([
        { ...base, bitrateBps: 1 },
        { ...base, bitrateBps: null },
        { ...base, bitrateBps: 2 },
      ]),
    ).toBe(3);
    expect(totalBitrate([base])).toBeNull();
  });
});
