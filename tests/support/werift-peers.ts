// werift stand-ins for the relay's two ends, on loopback: a host page publishing VP8
// RTP, and viewers that send REMBs and receiver reports about what they get, as
// Chromium does. The relay's REMBs are read where they arrive, at the publisher's sender.
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  RtcpReceiverInfo,
  RtcpRrPacket,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import type { Relay } from '../../signaling/relay/relay';
import { rembBitrate } from '../../signaling/relay/remb-bitrate';
import { gatheringComplete, relayPeerConfig, viewerPeerConfig } from '../../signaling/relay/werift-config';
import { until } from './wait';

/** The shared wait helper, where the relay tests have always found it. */
export { until };

/**
 * The host page's stand-in: sends VP8 RTP (30 frames of 8 packets a second, a keyframe every 10th) and records every
 * REMB the relay sends it.
 */
export class TestPublisher {
  readonly pc = new RTCPeerConnection(relayPeerConfig());
  readonly video: RTCRtpTransceiver = this.pc.addTransceiver('video', { direction: 'sendonly' });
  readonly rembs: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sequence = 1;

  constructor() {
    this.video.sender.onRtcp.subscribe((packet) => {
      if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback instanceof ReceiverEstimatedMaxBitrate)
        this.rembs.push(Number(packet.feedback.bitrate));
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
      for (let i = 0; i < 8; i++) {
        // VP8 descriptor (S set on the first packet only), then the frame header's first byte: bit 0 clear for a
        // keyframe.
        const descriptor = i === 0 ? [0x10, key ? 0x10 : 0x11, 0x02, 0x00, 0x9d, 0x01, 0x2a] : [0x00, 0x00];
        const header = new RtpHeader({
          payloadType,
          sequenceNumber: this.sequence++ & 0xffff,
          timestamp: frame * 3000,
          marker: i === 7,
          ssrc: this.video.sender.ssrc,
        });
        void this.video.sender
          .sendRtp(new RtpPacket(header, Buffer.concat([Buffer.from(descriptor), Buffer.alloc(1000)])))
          .catch(() => undefined);
      }
      frame += 1;
    }, 33);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pc.close();
  }
}

/** A viewer's stand-in: receives the relay's video and can send REMBs about it, as Chrome does (~5 a second). */
export class TestViewer {
  // Offered abs-send-time, as Chromium is: the same extensions as the relay's side.
  readonly pc = new RTCPeerConnection(viewerPeerConfig());
  private videoSsrc: number | undefined;
  /** Header extensions seen on the video received (id -> payload length). */
  readonly videoExtensions = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly key: string) {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((packet) => {
        if (track.kind !== 'video') return;
        this.videoSsrc = packet.header.ssrc;
        for (const extension of packet.header.extensions)
          this.videoExtensions.set(extension.id, extension.payload.length);
      });
    });
  }

  async join(relay: Relay): Promise<void> {
    const offer = await relay.openViewer(this.key);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await gatheringComplete(this.pc);
    await relay.viewerAnswer(this.key, this.pc.localDescription!.sdp);
    await until(() => this.videoSsrc, `${this.key} to receive video`).catch((error: unknown) => {
      throw new Error(`${String(error)} (connection ${this.pc.connectionState}, ICE ${this.pc.iceConnectionState})`);
    });
  }

  sendRembs(bps: number): void {
    const send = () => {
      const remb = new ReceiverEstimatedMaxBitrate({
        senderSsrc: 1,
        mediaSsrc: 0,
        ...rembBitrate(bps),
        ssrcNum: 1,
        ssrcFeedbacks: [this.videoSsrc!],
      });
      void this.pc.dtlsTransports[0]
        ?.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback: remb })])
        .catch(() => undefined);
    };
    send();
    this.timer = setInterval(send, 200);
  }

  /**
   * One receiver report saying `lost` (a multiple of 1/256) of our video was lost; werift's own reports (no loss) go
   * on.
   */
  reportLoss(lost: number): void {
    const report = new RtcpReceiverInfo({
      ssrc: this.videoSsrc!,
      fractionLost: Math.round(lost * 256),
      packetsLost: 0,
      highestSequence: 0,
      jitter: 0,
      lsr: 0,
      dlsr: 0,
    });
    void this.pc.dtlsTransports[0]?.sendRtcp([new RtcpRrPacket({ ssrc: 1, reports: [report] })]).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pc.close();
  }
}
