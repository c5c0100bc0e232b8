// The one connection from the host page: it receives the host's encoded video and
// audio, asks it for keyframes, and tells it how much it may send (REMB), since
// Chrome's own estimate does not rise without feedback it understands. How much is
// the relay's choice (publisher-target.ts): asked for on each tick, sent at once on a drop.
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  RTCPeerConnection,
  type MediaStreamTrack,
  type RTCRtpTransceiver,
  type RtpPacket,
} from 'werift';
import type { RelayCandidate } from '../protocol';
import { gatheringComplete, relayPeerConfig } from './werift-config';
import { LinkCounters } from './link-counters';
import { rembBitrate } from './remb-bitrate';
import { enlargeSocketBuffers } from './socket-buffers';
import { SequenceGaps } from './sequence-gaps';
import { isVp8KeyframeStart } from './vp8';

const REMB_INTERVAL_MS = 1_000;

export interface PublisherEvents {
  /** `keyframeStart`: parsed once here for every viewer's copy. */
  video(packet: RtpPacket, keyframeStart: boolean): void;
  audio(packet: RtpPacket): void;
  /** The bitrate to allow now, asked for on every REMB tick. */
  targetBps(): number;
}

export class PublisherPeer {
  readonly pc = new RTCPeerConnection(relayPeerConfig());
  readonly counters = new LinkCounters();
  private videoSsrc: number | undefined;
  /** Diagnostics: what came in, and how often the host was asked for a keyframe. */
  packetsIn = 0;
  videoBytesIn = 0;
  keyframesIn = 0;
  keyframeRequests = 0;
  socketsEnlarged = 0;
  /** The bitrate last sent in a REMB (null: none sent yet). */
  targetBps: number | null = null;
  /** Holes in the video's sequence numbers as received: loss between the host page and the relay. */
  readonly videoSequence = new SequenceGaps();
  private rembTimer: NodeJS.Timeout | undefined;
  private readonly subscribed = new Set<MediaStreamTrack>();

  constructor(private readonly events: PublisherEvents) {
    this.pc.onTrack.subscribe((track) => this.listen(track));
  }

  /** The host's offer in, the relay's answer (with every candidate) out; plus the payload type of each codec. */
  async answer(offerSdp: string): Promise<{ sdp: string; payloadTypes: Map<string, number> }> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    // Tracks can appear during setRemoteDescription, before ontrack is of any use.
    for (const transceiver of this.pc.getTransceivers())
      for (const track of transceiver.receiver.tracks) this.listen(track);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await gatheringComplete(this.pc);
    this.socketsEnlarged = enlargeSocketBuffers(this.pc);
    this.rembTimer ??= setInterval(() => this.sendRemb(this.events.targetBps()), REMB_INTERVAL_MS);
    return {
      sdp: this.pc.localDescription?.sdp ?? '',
      payloadTypes: negotiatedPayloadTypes(this.pc.getTransceivers()),
    };
  }

  addCandidate(candidate: RelayCandidate): void {
    // Resolving a `.local` candidate can take long: never make other messages wait for it.
    void this.pc
      .addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      })
      .catch(() => undefined);
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  requestKeyframe(): void {
    const ssrc = this.videoSsrc;
    const receiver = this.pc.getTransceivers().find((t) => t.kind === 'video')?.receiver;
    if (ssrc === undefined || !receiver) return;
    this.keyframeRequests += 1;
    void receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.rembTimer);
    this.rembTimer = undefined;
    await this.pc.close().catch(() => undefined);
  }

  private listen(track: MediaStreamTrack): void {
    if (this.subscribed.has(track)) return;
    this.subscribed.add(track);
    track.onReceiveRtp.subscribe((packet) => {
      this.counters.count(packet, track.kind === 'video');
      this.packetsIn += 1;
      if (track.kind === 'video') {
        const keyframeStart = isVp8KeyframeStart(packet.payload);
        if (keyframeStart) this.keyframesIn += 1;
        this.videoBytesIn += packet.payload.length + packet.header.serializeSize;
        if (packet.header.ssrc !== this.videoSsrc) this.videoSequence.reset();
        this.videoSequence.see(packet.header.sequenceNumber);
        this.videoSsrc = packet.header.ssrc;
        this.events.video(packet, keyframeStart);
      } else {
        this.events.audio(packet);
      }
    });
  }

  /** Tells the host how much it may send (a REMB for its video). */
  sendRemb(bps: number): void {
    const ssrc = this.videoSsrc;
    const transport = this.pc.dtlsTransports[0];
    if (ssrc === undefined || !transport || !this.connected) return;
    this.targetBps = bps;
    const remb = new ReceiverEstimatedMaxBitrate({
      senderSsrc: 1,
      mediaSsrc: 0,
      ...rembBitrate(bps),
      ssrcNum: 1,
      ssrcFeedbacks: [ssrc],
    });
    void transport.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback: remb })]).catch(() => undefined);
  }
}

/** mime type (lower case) -> payload type, as negotiated on these transceivers. */
export function negotiatedPayloadTypes(transceivers: readonly RTCRtpTransceiver[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const transceiver of transceivers)
    for (const codec of transceiver.codecs)
      if (!map.has(codec.mimeType.toLowerCase())) map.set(codec.mimeType.toLowerCase(), codec.payloadType);
  return map;
}
