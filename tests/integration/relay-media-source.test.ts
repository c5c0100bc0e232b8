// Issue 14 item 5: someone who can send UDP to the relay's ports (on the LAN) but holds
// no keys. Real werift peers on loopback; the attacker is a plain UDP socket. What it
// sends is what a passive observer captures on the wire: the viewer's own SRTCP
// datagrams, recorded where the viewer's werift hands them to its socket. "Spoofed"
// datagrams (the viewer's address forged as the source, possible on a LAN) are handed to
// the relay's socket callback with that source, the one place the kernel would deliver
// them.
import { createSocket, type Socket } from 'node:dgram';
import { StunProtocol, type Address, type CandidatePair, type RTCPeerConnection } from 'werift';
import { Relay, type ViewerDiagnostics } from '../../signaling/relay/relay';
import { TestPublisher, TestViewer, until } from '../support/werift-peers';

const RTCP_PSFB = 206;

let relay: Relay;
let publisher: TestPublisher;
let viewer: TestViewer;
let attacker: Socket;

beforeEach(async () => {
  relay = new Relay();
  publisher = new TestPublisher();
  viewer = new TestViewer('v');
  attacker = createSocket('udp4');
  await new Promise<void>((resolve) => attacker.bind(0, '127.0.0.1', resolve));
  await publisher.publishTo(relay);
  await viewer.join(relay);
});

afterEach(async () => {
  attacker.close();
  await Promise.all([publisher.close(), viewer.close(), relay.close()]);
});

function nominated(pc: RTCPeerConnection): CandidatePair {
  const pair = pc.iceTransports[0]?.connection.nominated;
  if (!pair) throw new Error('no selected candidate pair');
  return pair;
}

/** Every datagram `from`'s werift sends while `act` runs, as an observer on the path sees them. */
async function captured(act: () => Promise<void>, from: RTCPeerConnection = viewer.pc): Promise<Buffer[]> {
  const protocol = nominated(from).protocol;
  const send = protocol.sendData.bind(protocol);
  const seen: Buffer[] = [];
  protocol.sendData = (data, addr) => {
    seen.push(Buffer.from(data));
    return send(data, addr);
  };
  try {
    await act();
  } finally {
    Reflect.deleteProperty(protocol, 'sendData'); // the class's own method again
  }
  return seen;
}

function diagnostics(): ViewerDiagnostics {
  const found = relay.diagnostics().viewers.v;
  if (!found) throw new Error('no viewer v at the relay');
  return found;
}

/** The viewer asks for a keyframe once (a PLI, as Chrome does on a decode error); returns that datagram. */
async function capturedPli(): Promise<Buffer> {
  const video = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!;
  const ssrc = relay['viewers'].get('v')!['transport'].videoSsrc;
  const plisBefore = diagnostics().plisIn;
  const datagrams = await captured(async () => {
    await video.receiver.sendRtcpPLI(ssrc);
    await until(() => diagnostics().plisIn > plisBefore, 'the relay to count the PLI');
  });
  const pli = datagrams.find((d) => d[1] === RTCP_PSFB);
  if (!pli) throw new Error('the PLI was not seen on the wire');
  return pli;
}

/** Hands `datagram` to the relay's socket for the viewer (or `at`) as though it came from `from`. */
function deliverAtRelay(datagram: Buffer, from: Address, at = relay['viewers'].get('v')!['transport'].pc): void {
  const protocol = nominated(at).protocol;
  if (!(protocol instanceof StunProtocol)) throw new Error('not a UDP pair');
  protocol.transport.onData(datagram, from);
}

async function sendFromAttacker(datagram: Buffer, times: number, to = viewer.pc): Promise<void> {
  const [host, port] = nominated(to).remoteAddr;
  for (let i = 0; i < times; i++)
    await new Promise<void>((resolve, reject) =>
      attacker.send(datagram, port, host, (error) => (error ? reject(error) : resolve())),
    );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

it('ignores a keyframe request replayed to its port from another address', async () => {
  const pli = await capturedPli();
  const before = diagnostics();
  await sendFromAttacker(pli, 20);
  await settle();
  expect(diagnostics().plisIn).toBe(before.plisIn);
  expect(diagnostics().foreignDatagrams).toBeGreaterThanOrEqual(before.foreignDatagrams + 20);
});

it("drops a keyframe request replayed with the viewer's own address forged as its source", async () => {
  const pli = await capturedPli();
  const before = diagnostics();
  const viewerAddress = nominated(relay['viewers'].get('v')!['transport'].pc).remoteAddr;
  for (let i = 0; i < 20; i++) deliverAtRelay(pli, viewerAddress);
  await settle();
  expect(diagnostics().plisIn).toBe(before.plisIn);
  expect(diagnostics().replaysDropped).toBe(before.replaysDropped + 20);
});

it('holds no viewer at a replayed loss report: its estimate is cut once, not on every replay', async () => {
  // A REMB gives the cut a rate to start from even when no video went out since the previous report.
  viewer.sendRembs(1_000_000);
  await until(() => diagnostics().rembsIn > 0 && diagnostics().reportsIn > 0, 'a REMB and a first receiver report');
  const lossReport = (
    await captured(async () => {
      viewer.reportLoss(0.5);
      await until(() => diagnostics().estimateBps !== null, 'the loss report to limit the viewer');
    })
  ).find((d) => d[1] === 201 && d.readUInt32BE(4) === 1); // TestViewer's report: an RR from SSRC 1
  expect(lossReport).toBeDefined();
  const limited = diagnostics().estimateBps!;
  const viewerAddress = nominated(relay['viewers'].get('v')!['transport'].pc).remoteAddr;
  // More than GCC's 300 ms between cuts, so each replay that got through would cut again.
  for (let i = 0; i < 4; i++) {
    await sendFromAttacker(lossReport!, 1);
    deliverAtRelay(lossReport!, viewerAddress);
    await new Promise((resolve) => setTimeout(resolve, 350));
  }
  expect(diagnostics().estimateBps ?? Infinity).toBeGreaterThanOrEqual(limited);
});

it('keeps forwarding to a viewer after unauthenticated DTLS alerts, from another address or forged', async () => {
  // close_notify at warning level in a plaintext record (epoch 0), and an "encrypted" one (epoch 1, garbage).
  const plainAlert = Buffer.from([21, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 9, 0, 2, 1, 0]);
  const epochOneAlert = Buffer.from([21, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 2, 1, 0]);
  const unknownType = Buffer.from([60, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0]);
  const viewerAddress = nominated(relay['viewers'].get('v')!['transport'].pc).remoteAddr;
  for (const record of [plainAlert, epochOneAlert, unknownType]) {
    await sendFromAttacker(record, 1);
    deliverAtRelay(record, viewerAddress);
  }
  await settle();
  let received = 0;
  const video = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!;
  video.receiver.tracks[0]!.onReceiveRtp.subscribe(() => (received += 1));
  await until(() => received > 30, 'more video to reach the viewer', 3_000);
  expect(relay['viewers'].get('v')!['transport'].pc.dtlsTransports[0]!.state).toBe('connected');
  expect(diagnostics().dtlsRecordsDropped).toBeGreaterThanOrEqual(3);
});

it("does not forward the host's video packets again when they are replayed to the publisher's port", async () => {
  const rtp = (await captured(() => new Promise((resolve) => setTimeout(resolve, 100)), publisher.pc)).find(
    (d) => d[0]! >= 128 && d[0]! < 192 && !(d[1]! >= 192 && d[1]! <= 223), // RTP, not RTCP (RFC 5761)
  );
  expect(rtp).toBeDefined();
  const relayEnd = relay['publisher']!.pc;
  const hostAddress = nominated(relayEnd).remoteAddr;
  const before = relay.diagnostics().publisher!;
  await sendFromAttacker(rtp!, 10, publisher.pc);
  for (let i = 0; i < 10; i++) deliverAtRelay(rtp!, hostAddress, relayEnd);
  await settle();
  const after = relay.diagnostics().publisher!;
  // A replayed packet that got through would come in late (its number is behind the newest).
  expect(after.late).toBe(before.late);
  expect(after.foreignDatagrams - before.foreignDatagrams).toBeGreaterThanOrEqual(10);
  expect(after.replaysDropped - before.replaysDropped).toBe(10);
});
