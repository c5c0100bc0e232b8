// The relay sets the host's bitrate for the weakest watching viewer: real werift peers
// on loopback (a publisher sending VP8 RTP, two viewers), the REMB read where it arrives,
// at the publisher's own werift sender.
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import { Relay } from '../../signaling/relay/relay';
import { TARGET_CAP_BPS } from '../../signaling/relay/publisher-target';
import { rembBitrate } from '../../signaling/relay/remb-bitrate';
import { gatheringComplete, relayPeerConfig } from '../../signaling/relay/werift-config';

const WAIT_MS = 10_000;

async function until<T>(read: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The host page's stand-in: sends VP8 RTP (a keyframe start every 10th frame) and records every REMB the relay sends it. */
class TestPublisher {
  readonly pc = new RTCPeerConnection(relayPeerConfig());
  readonly video: RTCRtpTransceiver = this.pc.addTransceiver('video', { direction: 'sendonly' });
  readonly rembs: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sequence = 1;

  constructor() {
    this.video.sender.onRtcp.subscribe((packet) => {
      if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback instanceof ReceiverEstimatedMaxBitrate) this.rembs.push(Number(packet.feedback.bitrate));
    });
  }

  async publishTo(relay: Relay): Promise<void> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await gatheringComplete(this.pc);
    const { sdp } = await relay.publish(this.pc.localDescription!.sdp);
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    await until(() => this.pc.connectionState === 'connected', 'the publisher to connect');
    const payloadType = this.video.codecs.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8')!.payloadType;
    let frame = 0;
    this.timer = setInterval(() => {
      const key = frame % 10 === 0;
      // VP8 descriptor (start of partition 0), then the frame header's first byte: bit 0 clear for a keyframe.
      const payload = Buffer.concat([Buffer.from([0x10, key ? 0x10 : 0x11, 0x02, 0x00, 0x9d, 0x01, 0x2a]), Buffer.alloc(900)]);
      const header = new RtpHeader({ payloadType, sequenceNumber: this.sequence++ & 0xffff, timestamp: frame * 3000, marker: true, ssrc: this.video.sender.ssrc });
      void this.video.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
      frame += 1;
    }, 33);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pc.close();
  }
}

/** A viewer's stand-in: receives the relay's video and can send REMBs about it, as Chrome does (~5 a second). */
class TestViewer {
  readonly pc = new RTCPeerConnection(relayPeerConfig());
  private videoSsrc: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly key: string) {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((packet) => {
        if (track.kind === 'video') this.videoSsrc = packet.header.ssrc;
      });
    });
  }

  async join(relay: Relay): Promise<void> {
    const offer = await relay.openViewer(this.key);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await gatheringComplete(this.pc);
    await relay.viewerAnswer(this.key, this.pc.localDescription!.sdp);
    await until(() => this.videoSsrc, `${this.key} to receive video`);
  }

  sendRembs(bps: number): void {
    const send = () => {
      const remb = new ReceiverEstimatedMaxBitrate({ senderSsrc: 1, mediaSsrc: 0, ...rembBitrate(bps), ssrcNum: 1, ssrcFeedbacks: [this.videoSsrc!] });
      void this.pc.dtlsTransports[0]?.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback: remb })]).catch(() => undefined);
    };
    send();
    this.timer = setInterval(send, 200);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pc.close();
  }
}

let relay: Relay;
let publisher: TestPublisher;
let viewers: TestViewer[];

beforeEach(() => {
  relay = new Relay();
  publisher = new TestPublisher();
  viewers = [new TestViewer('weak'), new TestViewer('strong')];
});

afterEach(async () => {
  await Promise.all([publisher.close(), ...viewers.map((viewer) => viewer.close()), relay.close()]);
});

it('sends the publisher the weakest viewer\'s REMB, and the other viewer\'s once that one closes', async () => {
  await publisher.publishTo(relay);
  const [weak, strong] = viewers as [TestViewer, TestViewer];
  await Promise.all([weak.join(relay), strong.join(relay)]);

  // No viewer estimate yet: the cap, as before this feature.
  await until(() => publisher.rembs.length > 0, 'a first REMB at the publisher');
  expect(publisher.rembs[0]).toBe(TARGET_CAP_BPS);
  expect((await relay.stats()).viewers).toMatchObject({ weak: { estimateBps: null }, strong: { estimateBps: null } });

  weak.sendRembs(800_000);
  await until(() => publisher.rembs.at(-1) === 800_000, 'the publisher to be told 800 kbit/s');
  strong.sendRembs(1_500_000);
  const stats = await until(async () => {
    const now = await relay.stats();
    return now.viewers.strong?.estimateBps === 1_500_000 && now;
  }, 'the strong viewer\'s estimate');
  expect(stats.viewers).toMatchObject({ weak: { estimateBps: 800_000, targetBps: null }, strong: { estimateBps: 1_500_000 } });
  expect(stats.publisher).toMatchObject({ estimateBps: null, targetBps: 800_000 });

  // The weak viewer goes: the target rises to the other's estimate, in steps of at most x1.5.
  const before = publisher.rembs.length;
  await relay.closeViewer('weak');
  await until(() => publisher.rembs.at(-1) === 1_500_000, 'the publisher to be told 1.5 Mbit/s');
  const rise = publisher.rembs.slice(before);
  rise.forEach((bps, i) => expect(bps).toBeLessThanOrEqual((rise[i - 1] ?? 800_000) * 1.5 + 8));
  expect(rise.length).toBeGreaterThan(1); // 800 kbit/s -> 1.5 Mbit/s is more than one step
  expect((await relay.stats()).publisher.targetBps).toBe(1_500_000);
});

it('does not let a paused viewer hold the host back', async () => {
  await publisher.publishTo(relay);
  const [weak, strong] = viewers as [TestViewer, TestViewer];
  await Promise.all([weak.join(relay), strong.join(relay)]);
  weak.sendRembs(800_000);
  strong.sendRembs(1_000_000);
  await until(() => publisher.rembs.at(-1) === 800_000, 'the publisher to be told 800 kbit/s');
  relay.setViewerActive('weak', false);
  await until(() => publisher.rembs.at(-1) === 1_000_000, 'the publisher to be told 1 Mbit/s');
  relay.setViewerActive('weak', true);
  await until(() => publisher.rembs.at(-1) === 800_000, 'the publisher to be told 800 kbit/s again');
});
