// Issue 14 item 6: an admitted viewer NACKing the relay's whole packet history over and
// over. Real werift peers on loopback; the relay's retransmissions are counted by its
// werift sender (retransmittedPacketsSent).
import { GenericNack, RtcpTransportLayerFeedback } from 'werift';
import { Relay, type ViewerDiagnostics } from '../../signaling/relay/relay';
import { RETRANSMIT_BURST_BYTES, RETRANSMIT_SHARE } from '../../signaling/relay/retransmit-limiter';
import { TestPublisher, TestViewer, until } from '../support/werift-peers';

/** TestPublisher's packets: 1000 bytes of payload and a few of descriptor, plus the RTP header. */
const PACKET_BYTES_AT_LEAST = 1_000;
const STORM_MS = 2_000;

let relay: Relay;
let publisher: TestPublisher;
let viewer: TestViewer;

beforeEach(() => {
  relay = new Relay();
  publisher = new TestPublisher();
  viewer = new TestViewer('v');
});

afterEach(async () => {
  await Promise.all([publisher.close(), viewer.close(), relay.close()]);
});

function diagnostics(): ViewerDiagnostics {
  const found = relay.diagnostics().viewers.v;
  if (!found) throw new Error('no viewer v at the relay');
  return found;
}

it('resends no more than a share of what it forwards when a viewer NACKs its whole history every 10 ms', async () => {
  await publisher.publishTo(relay);
  await viewer.join(relay);
  const video = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!;
  let newest = 0;
  let ssrc = 0;
  video.receiver.tracks[0]!.onReceiveRtp.subscribe((packet) => {
    newest = packet.header.sequenceNumber;
    ssrc = packet.header.ssrc;
  });
  await until(() => ssrc !== 0, 'video at the viewer');

  const before = diagnostics();
  const storm = setInterval(() => {
    const lost = Array.from({ length: 128 }, (_, i) => (newest - i) & 0xffff);
    const nack = new GenericNack({ senderSsrc: 1, mediaSourceSsrc: ssrc, lost });
    void viewer.pc.dtlsTransports[0]?.sendRtcp([new RtcpTransportLayerFeedback({ feedback: nack })]);
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, STORM_MS));
  clearInterval(storm);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = diagnostics();

  const nacks = after.nacksIn - before.nacksIn;
  const forwarded = after.packetsSent - before.packetsSent;
  const resent = after.retransmits - before.retransmits;
  // Without a limit: up to 128 per NACK (measured here: 834 resent against 160 forwarded, which the storm slowed).
  expect(resent).toBeLessThanOrEqual(forwarded * RETRANSMIT_SHARE + RETRANSMIT_BURST_BYTES / PACKET_BYTES_AT_LEAST);
  expect(nacks).toBeGreaterThan(50);
  expect(after.retransmitsRefused - before.retransmitsRefused).toBeGreaterThan(nacks * 100);
});
