// Fingerprint pinning and the safety code, against stats shaped as Chromium reports them.
import { checkDtls, checkFingerprints, safetyCode, sdpFingerprints } from '../../renderer/security/dtls-check';
import { parseRelayServerMessage } from '../../signaling/protocol';

const HOST_FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const VIEWER_FP = '01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20';
const OTHER_FP = 'FF:FF:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20';

const sdpWith = (fingerprint: string) =>
  `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=fingerprint:sha-256 ${fingerprint}\r\na=setup:actpass\r\n`;

/** A getStats() report of a connected transport with these certificates. */
function report(local: string, remote: string, dtlsState = 'connected'): RTCStatsReport {
  return new Map<string, Record<string, unknown>>([
    [
      'T01',
      { id: 'T01', type: 'transport', dtlsState, localCertificateId: 'CFlocal', remoteCertificateId: 'CFremote' },
    ],
    ['CFlocal', { id: 'CFlocal', type: 'certificate', fingerprint: local, fingerprintAlgorithm: 'sha-256' }],
    ['CFremote', { id: 'CFremote', type: 'certificate', fingerprint: remote, fingerprintAlgorithm: 'sha-256' }],
  ]) as unknown as RTCStatsReport;
}

describe('sdpFingerprints', () => {
  it('reads every a=fingerprint line, algorithm lower case and hex upper case', () => {
    const sdp = `${sdpWith(HOST_FP.toLowerCase())}a=fingerprint:SHA-256 ${VIEWER_FP}\r\n`;
    expect(sdpFingerprints(sdp)).toEqual([`sha-256 ${HOST_FP}`, `sha-256 ${VIEWER_FP}`]);
    expect(sdpFingerprints('v=0\r\n')).toEqual([]);
  });
});

describe('checkDtls', () => {
  it('is pending before the transport is connected or before a signed SDP is known', () => {
    expect(checkDtls(report(VIEWER_FP, HOST_FP, 'connecting'), sdpWith(HOST_FP))).toEqual({ kind: 'pending' });
    expect(checkDtls(report(VIEWER_FP, HOST_FP), null)).toEqual({ kind: 'pending' });
    expect(checkDtls(new Map() as unknown as RTCStatsReport, sdpWith(HOST_FP))).toEqual({ kind: 'pending' });
  });

  it('pins the remote certificate to the signed SDP and gives the safety code', () => {
    expect(checkDtls(report(VIEWER_FP, HOST_FP), sdpWith(HOST_FP))).toEqual({
      kind: 'pinned',
      safetyCode: safetyCode(`sha-256 ${VIEWER_FP}`, `sha-256 ${HOST_FP}`),
    });
  });

  it('reports a mismatch when the certificate used is not the one the signed SDP named', () => {
    expect(checkDtls(report(VIEWER_FP, OTHER_FP), sdpWith(HOST_FP))).toEqual({ kind: 'mismatch' });
  });
});

// The one pinning rule; checkDtls (direct mode, above) and relay mode's report both go through it.
describe('checkFingerprints', () => {
  const [viewer, host, other] = [`sha-256 ${VIEWER_FP}`, `sha-256 ${HOST_FP}`, `sha-256 ${OTHER_FP}`];

  it('is pending while either certificate or the signed SDP is missing', () => {
    expect(checkFingerprints(null, viewer, sdpWith(VIEWER_FP))).toEqual({ kind: 'pending' });
    expect(checkFingerprints(host, null, sdpWith(VIEWER_FP))).toEqual({ kind: 'pending' });
    expect(checkFingerprints(host, viewer, null)).toEqual({ kind: 'pending' });
  });

  it('pins the remote certificate to the signed SDP, whatever the case of its hex there', () => {
    expect(checkFingerprints(host, viewer, sdpWith(VIEWER_FP.toLowerCase()))).toEqual({
      kind: 'pinned',
      safetyCode: safetyCode(host, viewer),
    });
  });

  it('is a mismatch when the remote certificate is not in the SDP, or only the local one is', () => {
    expect(checkFingerprints(host, other, sdpWith(VIEWER_FP))).toEqual({ kind: 'mismatch' });
    expect(checkFingerprints(host, viewer, sdpWith(HOST_FP))).toEqual({ kind: 'mismatch' });
    expect(checkFingerprints(host, viewer, 'v=0\r\n')).toEqual({ kind: 'mismatch' });
  });

  it('gives direct mode the same answer as for the same certificates read from getStats', () => {
    for (const sdp of [sdpWith(HOST_FP), sdpWith(OTHER_FP), null]) {
      expect(checkDtls(report(VIEWER_FP, HOST_FP), sdp)).toEqual(checkFingerprints(viewer, host, sdp));
    }
  });
});

describe('relay stats certificates (untrusted input from the relay)', () => {
  const linkStats = (certificates: Record<string, unknown>) => ({
    connected: true,
    bitrateBps: null,
    fps: null,
    rttMs: null,
    packetLossPct: null,
    keyframesSent: 0,
    estimateBps: null,
    targetBps: null,
    ...certificates,
  });
  const message = (certificates: Record<string, unknown>) =>
    JSON.stringify({
      type: 'stats',
      request: 1,
      publisher: linkStats({ localCertificate: null, remoteCertificate: null }),
      viewers: { p1: linkStats(certificates) },
    });

  it('accepts normalised fingerprints and null', () => {
    const parsed = parseRelayServerMessage(
      message({ localCertificate: `sha-256 ${HOST_FP}`, remoteCertificate: null }),
    );
    expect(parsed.ok && parsed.value.type === 'stats' && parsed.value.viewers.p1).toMatchObject({
      localCertificate: `sha-256 ${HOST_FP}`,
      remoteCertificate: null,
    });
  });

  it.each([
    ['missing', {}],
    ['lower-case hex', { localCertificate: null, remoteCertificate: `sha-256 ${VIEWER_FP.toLowerCase()}` }],
    ['no algorithm', { localCertificate: null, remoteCertificate: VIEWER_FP }],
    [
      'an SDP line smuggled in',
      { localCertificate: null, remoteCertificate: `sha-256 ${VIEWER_FP}\r\na=fingerprint:sha-256 ${OTHER_FP}` },
    ],
    ['not a string', { localCertificate: 7, remoteCertificate: null }],
    ['too long', { localCertificate: null, remoteCertificate: `sha-256 ${Array(65).fill('AB').join(':')}` }],
  ])('refuses certificates that are %s', (_, certificates) => {
    expect(parseRelayServerMessage(message(certificates)).ok).toBe(false);
  });
});

describe('safetyCode', () => {
  it('is sixteen digits in four groups (about 53 bits), the same whichever side computes it', () => {
    const code = safetyCode(`sha-256 ${HOST_FP}`, `sha-256 ${VIEWER_FP}`);
    expect(code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(safetyCode(`sha-256 ${VIEWER_FP}`, `sha-256 ${HOST_FP}`)).toBe(code);
  });

  it('differs when either certificate differs (a man in the middle has his own)', () => {
    const honest = safetyCode(`sha-256 ${HOST_FP}`, `sha-256 ${VIEWER_FP}`);
    expect(safetyCode(`sha-256 ${HOST_FP}`, `sha-256 ${OTHER_FP}`)).not.toBe(honest);
    expect(safetyCode(`sha-256 ${OTHER_FP}`, `sha-256 ${VIEWER_FP}`)).not.toBe(honest);
  });
});
