// What the relay reports about a viewer connection's DTLS certificates, with a real
// werift viewer on loopback: its own certificate, and the one the viewer really
// presented, whatever the viewer's answer announced. The host page pins the latter to
// the signed answer (renderer/security/dtls-check.ts).
import { CipherContext, HashAlgorithm, NamedCurveAlgorithm, RTCPeerConnection, SignatureAlgorithm } from 'werift';
import { checkFingerprints, safetyCode, sdpFingerprints } from '../../renderer/security/dtls-check';
import { Relay } from '../../signaling/relay/relay';
import { gatheringComplete } from '../../signaling/relay/werift-config';
import type { RelayLinkStats } from '../../signaling/protocol';
import { until } from '../support/wait';

const FORGED_FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  ((i * 53 + 7) % 256).toString(16).toUpperCase().padStart(2, '0'),
).join(':');
const STATE_WAIT_MS = 10_000;

/** A viewer with its own certificate (werift otherwise shares one per process, the relay's). */
async function viewerPeer(): Promise<RTCPeerConnection> {
  const { certPem, keyPem, signatureHash } = await CipherContext.createSelfSignedCertificateWithKey(
    { signature: SignatureAlgorithm.ecdsa_3, hash: HashAlgorithm.sha256_4 },
    NamedCurveAlgorithm.secp256r1_23,
  );
  return new RTCPeerConnection({
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
    dtls: { keys: { certPem, keyPem, signatureHash } },
  });
}

async function answerTo(viewer: RTCPeerConnection, offer: string): Promise<string> {
  await viewer.setRemoteDescription({ type: 'offer', sdp: offer });
  await viewer.setLocalDescription(await viewer.createAnswer());
  await gatheringComplete(viewer);
  return viewer.localDescription!.sdp;
}

/** The relay's stats for `key` once the handshake has given it a remote certificate. */
const statsWithRemoteCertificate = (relay: Relay, key: string): Promise<RelayLinkStats> =>
  until(
    async () => {
      const stats = (await relay.stats()).viewers[key];
      return stats && stats.remoteCertificate !== null ? stats : undefined;
    },
    `a remote certificate on ${key}`,
    STATE_WAIT_MS,
    50,
  );

/** Whether the relay's connection to `key` reaches "connected" within `ms` (false: all of `ms` went by). */
const connectedWithin = (relay: Relay, key: string, ms: number): Promise<boolean> =>
  until(async () => (await relay.stats()).viewers[key]?.connected, `${key} connected`, ms, 50).then(
    () => true,
    () => false,
  );

const relays: Relay[] = [];
const viewers: RTCPeerConnection[] = [];
afterEach(async () => {
  await Promise.all([...relays.splice(0).map((r) => r.close()), ...viewers.splice(0).map((v) => v.close())]);
});

async function connect(
  forgeAnswer: (sdp: string) => string,
): Promise<{ relay: Relay; offer: string; answer: string; sent: string }> {
  const relay = new Relay();
  relays.push(relay);
  const viewer = await viewerPeer();
  viewers.push(viewer);
  const offer = await relay.openViewer('p1');
  const before = (await relay.stats()).viewers.p1!;
  expect(before).toMatchObject({ remoteCertificate: null }); // no handshake yet
  const answer = await answerTo(viewer, offer);
  const sent = forgeAnswer(answer);
  await relay.viewerAnswer('p1', sent);
  return { relay, offer, answer, sent };
}

it("reports its own certificate and the viewer's, which pin to the honest answer with the code the viewer computes", async () => {
  const { relay, offer, answer } = await connect((sdp) => sdp);
  const stats = await statsWithRemoteCertificate(relay, 'p1');
  const relayCertificate = sdpFingerprints(offer)[0]!;
  const viewerCertificate = sdpFingerprints(answer)[0]!;
  expect(relayCertificate).not.toBe(viewerCertificate);
  expect(stats.localCertificate).toBe(relayCertificate);
  expect(stats.remoteCertificate).toBe(viewerCertificate);
  expect(checkFingerprints(stats.localCertificate, stats.remoteCertificate, answer)).toEqual({
    kind: 'pinned',
    safetyCode: safetyCode(viewerCertificate, relayCertificate),
  });
  expect(await connectedWithin(relay, 'p1', STATE_WAIT_MS)).toBe(true);
});

it('reports the certificate the viewer really presented when its answer announced another: the host sees a mismatch', async () => {
  const { relay, answer, sent } = await connect((sdp) =>
    sdp.replace(/^a=fingerprint:(\S+) [0-9A-Fa-f:]+/gm, `a=fingerprint:$1 ${FORGED_FINGERPRINT}`),
  );
  expect(sdpFingerprints(sent)).toContain(`sha-256 ${FORGED_FINGERPRINT}`);
  const stats = await statsWithRemoteCertificate(relay, 'p1');
  expect(stats.remoteCertificate).toBe(sdpFingerprints(answer)[0]); // the real one, not the announced one
  expect(checkFingerprints(stats.localCertificate, stats.remoteCertificate, sent)).toEqual({ kind: 'mismatch' });
  // werift's own check (after the handshake) fails the connection too: nothing is sent to this
  // viewer. (The honest connection above gets there well within this time.)
  expect(await connectedWithin(relay, 'p1', 3_000)).toBe(false);
});
