// The relay's connection to one viewer: send-only video and audio, fed with the
// publisher's packets rewritten for this connection. werift's sender answers the
// viewer's NACKs from its packet history; keyframe requests (PLI, FIR) go to the
// relay, which merges them, and so do changes of the viewer's bandwidth estimate.
import { RtcpPayloadSpecificFeedback, RTCPeerConnection, type RTCRtpTransceiver, type RtpPacket } from 'werift';
import type { RelayCandidate, RelayLinkStats } from '../protocol';
import { transportCertificates } from './dtls-certificates';
import { LinkCounters } from './link-counters';
import { TARGET_CAP_BPS } from './publisher-target';
import { ViewerBandwidth } from './viewer-bandwidth';
import { OutboundRtpStream } from './outbound-rtp-stream';
import { SequenceGaps } from './sequence-gaps';
import { negotiatedPayloadTypes } from './publisher-peer';
import { isVp8KeyframeStart } from './vp8';
import { enlargeSocketBuffers } from './socket-buffers';
import { gatheringComplete, viewerPeerConfig } from './werift-config';

/** Counters since the connection opened (bench and debugging). */
export interface ViewerDiagnostics {
  readonly connected: boolean;
  /** UDP sockets given bigger kernel buffers (0: werift's internals changed; see socket-buffers.ts). */
  readonly socketsEnlarged: number;
  readonly packetsSent: number;
  readonly videoBytesSent: number;
  /** Video frames sent whole (their last packet, the one with the marker bit). */
  readonly framesSent: number;
  /**
   * Holes in the sequence numbers sent (from holes in what came in, or packets the relay skipped), and the numbers
   * missing.
   */
  readonly sentGaps: number;
  readonly sentMissing: number;
  /** Publisher packets not sent: before this viewer's first keyframe, or while inactive. */
  readonly packetsHeld: number;
  readonly keyframesSent: number;
  readonly plisIn: number;
  readonly firsIn: number;
  readonly nacksIn: number;
  /** Sequence numbers asked for again in those NACKs. */
  readonly nackedPackets: number;
  readonly retransmits: number;
  /** RTCP the bandwidth estimate was made from: REMBs, and receiver reports about our video. */
  readonly rembsIn: number;
  readonly reportsIn: number;
  /** The viewer's latest REMB, and the limit its losses set (null: none). */
  readonly rembBps: number | null;
  readonly estimateBps: number | null;
}

export interface ViewerPeerEvents {
  /** The viewer just connected, or asked (PLI, FIR). */
  keyframeWanted(): void;
  /** The bitrate it can take (its estimate) changed. */
  estimateChanged(): void;
}

function outboundNumber(stats: readonly object[], field: string): number {
  const outbound = stats.find((s) => (s as { type?: string }).type === 'outbound-rtp') as
    Record<string, unknown> | undefined;
  const value = outbound?.[field];
  return typeof value === 'number' ? value : 0;
}

/** RFC 5104 payload-specific feedback format 4: Full Intra Request. */
const FIR_FORMAT = 4;

export class ViewerPeer {
  readonly pc = new RTCPeerConnection(viewerPeerConfig());
  readonly counters = new LinkCounters();
  active = true;
  keyframesSent = 0;
  /** Diagnostics: keyframe requests from this viewer, and publisher packets not sent to it. */
  plisIn = 0;
  firsIn = 0;
  packetsSent = 0;
  packetsHeld = 0;
  framesSent = 0;
  private readonly sentSequence = new SequenceGaps();
  nacksIn = 0;
  socketsEnlarged = 0;
  nackedPackets = 0;
  private videoBytesSent = 0;
  private readonly bandwidth: ViewerBandwidth;
  private readonly video: RTCRtpTransceiver;
  private readonly audio: RTCRtpTransceiver;
  private videoOut: OutboundRtpStream | undefined;
  private audioOut: OutboundRtpStream | undefined;
  private publisherPayloadTypes = new Map<string, number>();

  constructor(events: ViewerPeerEvents) {
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') events.keyframeWanted();
    });
    this.video = this.pc.addTransceiver('video', { direction: 'sendonly' });
    this.audio = this.pc.addTransceiver('audio', { direction: 'sendonly' });
    this.bandwidth = new ViewerBandwidth(this.video.sender.ssrc, TARGET_CAP_BPS);
    this.video.sender.onPictureLossIndication.subscribe(() => {
      this.plisIn += 1;
      events.keyframeWanted();
    });
    this.video.sender.onGenericNack.subscribe((nack) => {
      this.nacksIn += 1;
      this.nackedPackets += nack.lost.length;
    });
    this.video.sender.onRtcp.subscribe((packet) => {
      if (this.bandwidth.receive(packet, performance.now(), this.videoBytesSent)) events.estimateChanged();
      if (!(packet instanceof RtcpPayloadSpecificFeedback) || packet.feedback.count !== FIR_FORMAT) return;
      this.firsIn += 1;
      events.keyframeWanted();
    });
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await gatheringComplete(this.pc);
    this.socketsEnlarged = enlargeSocketBuffers(this.pc);
    // a=setup:actpass, as RFC 8842 requires of an offer. Our viewer answers passive
    // (renderer/viewer/dtls-answer-role.ts), which makes werift the DTLS client: as the
    // server, werift often lost Chrome's first ClientHello (sent before werift's ICE was
    // up) and Chrome resent it only after its 1 s timer. A client that answers active
    // still connects, that second later.
    return this.pc.localDescription?.sdp ?? '';
  }

  async answer(sdp: string): Promise<void> {
    if (this.pc.signalingState !== 'have-local-offer') return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.buildStreams();
  }

  addCandidate(candidate: RelayCandidate): void {
    // Never awaited: a `.local` candidate can take seconds to resolve.
    void this.pc
      .addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      })
      .catch(() => undefined);
  }

  /** The publisher's codecs (mime type -> its payload type); set again when the publisher is replaced. */
  setPublisherPayloadTypes(payloadTypes: Map<string, number>): void {
    this.publisherPayloadTypes = payloadTypes;
    this.buildStreams();
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** What this viewer can take, or null while nothing shows it is limited. */
  get estimateBps(): number | null {
    return this.bandwidth.limitBps;
  }

  /** Sends one publisher video packet; true when it began a keyframe this viewer got. */
  forwardVideo(packet: RtpPacket, keyframeStart: boolean): boolean {
    if (!this.active || !this.connected || !this.videoOut) return false;
    const out = this.videoOut.rewrite(packet, keyframeStart);
    if (!out) {
      this.packetsHeld += 1;
      return false;
    }
    this.packetsSent += 1;
    this.videoBytesSent += out.packet.payload.length + out.packet.header.serializeSize;
    this.sentSequence.see(out.packet.header.sequenceNumber);
    if (out.packet.header.marker) this.framesSent += 1;
    this.counters.count(out.packet);
    void this.video.sender.sendRtp(out.packet).catch(() => undefined);
    if (out.keyframeStart) this.keyframesSent += 1;
    return out.keyframeStart;
  }

  forwardAudio(packet: RtpPacket): void {
    if (!this.active || !this.connected || !this.audioOut) return;
    const out = this.audioOut.rewrite(packet);
    if (!out) return;
    this.counters.count(out.packet, false);
    void this.audio.sender.sendRtp(out.packet).catch(() => undefined);
  }

  /** Paused or resumed by the host; on resume the picture restarts at a keyframe. */
  setActive(active: boolean): void {
    if (active && !this.active) this.videoOut?.restartAtKeyframe();
    this.active = active;
  }

  async stats(now: number): Promise<RelayLinkStats> {
    const rates = this.counters.read(now);
    let rttMs: number | null = null;
    let packetLossPct: number | null = null;
    const report = await this.video.sender.getStats().catch(() => undefined);
    for (const stat of report?.values() ?? []) {
      const entry = stat as { type?: string; roundTripTime?: number; fractionLost?: number };
      if (entry.type !== 'remote-inbound-rtp') continue;
      if (typeof entry.roundTripTime === 'number') rttMs = Math.round(entry.roundTripTime * 1000);
      if (typeof entry.fractionLost === 'number') packetLossPct = Math.round(entry.fractionLost * 1000) / 10;
    }
    // Bundled: video's transport is the connection's one transport.
    const certificates = transportCertificates(this.video.sender.dtlsTransport);
    return {
      connected: this.connected,
      ...rates,
      rttMs,
      packetLossPct,
      keyframesSent: this.keyframesSent,
      estimateBps: this.estimateBps,
      targetBps: null,
      ...certificates,
    };
  }

  diagnostics(): ViewerDiagnostics {
    const sender = this.video.sender;
    return {
      connected: this.connected,
      socketsEnlarged: this.socketsEnlarged,
      packetsSent: this.packetsSent,
      videoBytesSent: this.videoBytesSent,
      framesSent: this.framesSent,
      sentGaps: this.sentSequence.gaps,
      sentMissing: this.sentSequence.missing,
      packetsHeld: this.packetsHeld,
      keyframesSent: this.keyframesSent,
      plisIn: this.plisIn,
      firsIn: this.firsIn,
      nacksIn: this.nacksIn,
      nackedPackets: this.nackedPackets,
      retransmits: outboundNumber(sender.collectStats(Date.now()), 'retransmittedPacketsSent'),
      rembsIn: this.bandwidth.rembsIn,
      reportsIn: this.bandwidth.reportsIn,
      rembBps: this.bandwidth.rembBps,
      estimateBps: this.estimateBps,
    };
  }

  async close(): Promise<void> {
    await this.pc.close().catch(() => undefined);
  }

  /** Maps each publisher payload type to ours for the same codec, once both sides have negotiated. */
  private buildStreams(): void {
    if (this.pc.signalingState !== 'stable' || this.publisherPayloadTypes.size === 0) return;
    const ours = negotiatedPayloadTypes([this.video, this.audio]);
    const map = (transceiver: RTCRtpTransceiver) => {
      const pairs = new Map<number, number>();
      for (const codec of transceiver.codecs) {
        const theirs = this.publisherPayloadTypes.get(codec.mimeType.toLowerCase());
        const mine = ours.get(codec.mimeType.toLowerCase());
        if (theirs !== undefined && mine !== undefined) pairs.set(theirs, mine);
      }
      return pairs;
    };
    // Kept across publishers, so the viewer's numbering runs on.
    if (this.videoOut) this.videoOut.setPayloadTypes(map(this.video));
    else
      this.videoOut = new OutboundRtpStream({
        ssrc: this.video.sender.ssrc,
        payloadTypes: map(this.video),
        isKeyframeStart: isVp8KeyframeStart,
      });
    if (this.audioOut) this.audioOut.setPayloadTypes(map(this.audio));
    else this.audioOut = new OutboundRtpStream({ ssrc: this.audio.sender.ssrc, payloadTypes: map(this.audio) });
  }
}
