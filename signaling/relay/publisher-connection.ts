// The one connection from the host page (the uplink's relay end): it receives the
// host's encoded video and audio, asks it for keyframes, and tells it how much it may
// send (REMB), since Chrome's own estimate does not rise without feedback it
// understands. How much is the relay's choice (publisher-target.ts): asked for on
// each tick, sent at once on a drop.
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  RTCPeerConnection,
  type MediaStreamTrack,
  type RtpPacket,
} from 'werift';
import type { RelayCandidate } from '../protocol';
import { InboundGuards } from './inbound-guards';
import { negotiatedPayloadTypes } from './payload-types';
import type { Rates } from './rate-counters';
import { ReceivedMedia } from './received-media';
import type { PublisherDiagnostics } from './relay-diagnostics';
import { addRemoteCandidate } from './remote-candidate';
import { rembBitrate } from './remb-bitrate';
import { enlargeSocketBuffers } from './socket-buffers';
import { isVp8KeyframeStart } from './vp8';
import { gatheringComplete, relayPeerConfig } from './werift-config';

const REMB_INTERVAL_MS = 1_000;

export interface PublisherEvents {
  /** `keyframeStart`: parsed once here for every viewer's copy. */
  video(packet: RtpPacket, keyframeStart: boolean): void;
  audio(packet: RtpPacket): void;
  /** The bitrate to allow now, asked for on every REMB tick. */
  targetBps(): number;
}

export class PublisherConnection {
  readonly pc = new RTCPeerConnection(relayPeerConfig());
  private readonly received = new ReceivedMedia();
  private readonly guards = new InboundGuards();
  private keyframeRequests = 0;
  private socketsEnlarged = 0;
  /** The bitrate last sent in a REMB (null: none sent yet). */
  private rembBps: number | null = null;
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
    this.guards.install(this.pc);
    this.rembTimer ??= setInterval(() => this.sendRemb(this.events.targetBps()), REMB_INTERVAL_MS);
    return {
      sdp: this.pc.localDescription?.sdp ?? '',
      payloadTypes: negotiatedPayloadTypes(this.pc.getTransceivers()),
    };
  }

  addCandidate(candidate: RelayCandidate): void {
    addRemoteCandidate(this.pc, candidate);
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** The bitrate last sent in a REMB (null: none sent yet). */
  get targetBps(): number | null {
    return this.rembBps;
  }

  requestKeyframe(): void {
    const ssrc = this.received.ssrc;
    const receiver = this.pc.getTransceivers().find((t) => t.kind === 'video')?.receiver;
    if (ssrc === undefined || !receiver) return;
    this.keyframeRequests += 1;
    void receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  /** Tells the host how much it may send (a REMB for its video). */
  sendRemb(bps: number): void {
    const ssrc = this.received.ssrc;
    const transport = this.pc.dtlsTransports[0];
    if (ssrc === undefined || !transport || !this.connected) return;
    this.rembBps = bps;
    const remb = new ReceiverEstimatedMaxBitrate({
      senderSsrc: 1,
      mediaSsrc: 0,
      ...rembBitrate(bps),
      ssrcNum: 1,
      ssrcFeedbacks: [ssrc],
    });
    void transport.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback: remb })]).catch(() => undefined);
  }

  /** Rates as received since the previous reading (the host's "To the relay" row). */
  readRates(now: number): Rates {
    return this.received.readRates(now);
  }

  stats(): PublisherDiagnostics {
    return {
      ...this.received.stats(),
      ...this.guards.stats(),
      targetBps: this.rembBps,
      keyframeRequests: this.keyframeRequests,
      socketsEnlarged: this.socketsEnlarged,
    };
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
      if (track.kind !== 'video') {
        this.received.audio(packet);
        return this.events.audio(packet);
      }
      const keyframeStart = isVp8KeyframeStart(packet.payload);
      this.received.video(packet, keyframeStart);
      this.events.video(packet, keyframeStart);
    });
  }
}
