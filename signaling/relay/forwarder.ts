// One viewer's media path: layer filter -> rewriter -> transport. Each publisher
// packet is let through (or held back) for this viewer, rewritten into this viewer's
// numbering (outbound-rtp-stream.ts), counted, and handed to its ViewerTransport.
import type { RtpPacket } from 'werift';
import type { RelayCandidate, RelayLinkStats } from '../protocol';
import { ForwardedMedia } from './forwarded-media';
import { OutboundRtpStream } from './outbound-rtp-stream';
import type { ViewerEstimate } from './publisher-target';
import type { ViewerDiagnostics } from './relay-diagnostics';
import { ViewerTransport } from './viewer-transport';
import { isVp8KeyframeStart } from './vp8';

/**
 * Which of the publisher's video packets this viewer gets, before rewriting. The seam for layer selection (temporal
 * layers, issue 17): today every packet passes.
 */
export interface LayerFilter {
  accepts(packet: RtpPacket, keyframeStart: boolean): boolean;
}

const EVERY_LAYER: LayerFilter = { accepts: () => true };

export interface ForwarderEvents {
  /** The viewer just connected, or asked (PLI, FIR). */
  keyframeWanted(): void;
  /** The bitrate it can take (its estimate) changed. */
  estimateChanged(): void;
}

export class Forwarder implements ViewerEstimate {
  private readonly sent = new ForwardedMedia();
  private readonly transport: ViewerTransport;
  private isActive = true;
  private videoOut: OutboundRtpStream | undefined;
  private audioOut: OutboundRtpStream | undefined;
  private publisherPayloadTypes: ReadonlyMap<string, number> = new Map();

  constructor(
    events: ForwarderEvents,
    private readonly layers: LayerFilter = EVERY_LAYER,
  ) {
    this.transport = new ViewerTransport(
      { connected: () => events.keyframeWanted(), ...events },
      () => this.sent.videoBytesSent,
    );
  }

  offer(): Promise<string> {
    return this.transport.offer();
  }

  async answer(sdp: string): Promise<void> {
    if (await this.transport.answer(sdp)) this.buildRewriters();
  }

  addCandidate(candidate: RelayCandidate): void {
    this.transport.addCandidate(candidate);
  }

  /** The publisher's codecs (mime type -> its payload type); set again when the publisher is replaced. */
  setPublisherPayloadTypes(payloadTypes: ReadonlyMap<string, number>): void {
    this.publisherPayloadTypes = payloadTypes;
    this.buildRewriters();
  }

  get connected(): boolean {
    return this.transport.connected;
  }

  /** False while the host pauses or suspends this viewer: it is sent nothing. */
  get active(): boolean {
    return this.isActive;
  }

  get estimateBps(): number | null {
    return this.transport.estimateBps;
  }

  /** Sends one publisher video packet; true when it began a keyframe this viewer got. */
  forwardVideo(packet: RtpPacket, keyframeStart: boolean): boolean {
    if (!this.isActive || !this.connected || !this.videoOut) return false;
    const out = this.layers.accepts(packet, keyframeStart) ? this.videoOut.rewrite(packet, keyframeStart) : null;
    if (!out) {
      this.sent.held();
      return false;
    }
    this.sent.video(out.packet, out.keyframeStart);
    this.transport.sendVideo(out.packet);
    return out.keyframeStart;
  }

  forwardAudio(packet: RtpPacket): void {
    if (!this.isActive || !this.connected || !this.audioOut) return;
    const out = this.audioOut.rewrite(packet);
    if (!out) return;
    this.sent.audio(out.packet);
    this.transport.sendAudio(out.packet);
  }

  /** Paused or resumed by the host; on resume the picture restarts at a keyframe. */
  setActive(active: boolean): void {
    if (active && !this.isActive) this.videoOut?.restartAtKeyframe();
    this.isActive = active;
  }

  /** The control socket's report on this viewer (rates since the previous reading). */
  async linkStats(now: number): Promise<RelayLinkStats> {
    const rates = this.sent.readRates(now);
    const transport = await this.transport.linkStats();
    return {
      connected: this.connected,
      ...rates,
      ...transport,
      keyframesSent: this.sent.keyframesSent,
      estimateBps: this.estimateBps,
      targetBps: null,
    };
  }

  /** Every counter of this viewer's path, from the concern that counts it. */
  stats(): ViewerDiagnostics {
    return { ...this.sent.stats(), ...this.transport.stats() };
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Maps each publisher payload type to ours for the same codec, once both sides have negotiated. */
  private buildRewriters(): void {
    if (!this.transport.negotiated || this.publisherPayloadTypes.size === 0) return;
    const pairs = this.transport.payloadTypePairs(this.publisherPayloadTypes);
    // Kept across publishers, so the viewer's numbering runs on.
    if (this.videoOut) this.videoOut.setPayloadTypes(pairs.video);
    else
      this.videoOut = new OutboundRtpStream({
        ssrc: this.transport.videoSsrc,
        payloadTypes: pairs.video,
        isKeyframeStart: isVp8KeyframeStart,
      });
    if (this.audioOut) this.audioOut.setPayloadTypes(pairs.audio);
    else this.audioOut = new OutboundRtpStream({ ssrc: this.transport.audioSsrc, payloadTypes: pairs.audio });
  }
}
