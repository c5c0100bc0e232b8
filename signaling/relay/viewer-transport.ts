// The relay's werift connection to one viewer: send-only video and audio, offered by
// the relay with every candidate (it does not trickle), carrying what the forwarder
// gives it. werift's sender answers the viewer's NACKs from its packet history, within
// the limits of retransmit-limiter.ts; the rest of what the viewer says back is read by
// viewer-feedback.ts, and strangers' datagrams are kept out by inbound-guards.ts.
import { RTCPeerConnection, type RTCRtpTransceiver, type RtpPacket } from 'werift';
import type { RelayCandidate, RelayLinkStats } from '../protocol';
import { transportCertificates } from './dtls-certificates';
import { negotiatedPayloadTypes, payloadTypePairs } from './payload-types';
import { InboundGuards, type InboundGuardStats } from './inbound-guards';
import { gateNacks } from './nack-gate';
import { addRemoteCandidate } from './remote-candidate';
import { RetransmitLimiter, type RetransmitStats } from './retransmit-limiter';
import { enlargeSocketBuffers } from './socket-buffers';
import { ViewerFeedback, type ViewerFeedbackEvents, type ViewerFeedbackStats } from './viewer-feedback';
import { gatheringComplete, viewerPeerConfig } from './werift-config';

export interface ViewerTransportEvents extends ViewerFeedbackEvents {
  /** Its DTLS is up: media can flow. */
  connected(): void;
}

/** What the transport itself reports: its round trip and loss as the viewer's reports give them, and certificates. */
export type TransportLinkStats = Pick<
  RelayLinkStats,
  'rttMs' | 'packetLossPct' | 'localCertificate' | 'remoteCertificate'
>;

export interface ViewerTransportStats extends ViewerFeedbackStats, RetransmitStats, InboundGuardStats {
  readonly connected: boolean;
  /** UDP sockets given bigger kernel buffers (0: werift's internals changed; see socket-buffers.ts). */
  readonly socketsEnlarged: number;
  readonly retransmits: number;
}

export class ViewerTransport {
  readonly pc = new RTCPeerConnection(viewerPeerConfig());
  private readonly video: RTCRtpTransceiver;
  private readonly audio: RTCRtpTransceiver;
  private readonly feedback: ViewerFeedback;
  private readonly guards = new InboundGuards();
  private readonly retransmits = new RetransmitLimiter();
  private socketsEnlarged = 0;

  /** `videoBytesSent`: the running total the forwarder counts, for the bandwidth estimate. */
  constructor(events: ViewerTransportEvents, videoBytesSent: () => number) {
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') events.connected();
    });
    this.video = this.pc.addTransceiver('video', { direction: 'sendonly' });
    this.audio = this.pc.addTransceiver('audio', { direction: 'sendonly' });
    this.feedback = new ViewerFeedback(this.video.sender, videoBytesSent, events);
    gateNacks(this.video.sender, this.retransmits);
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await gatheringComplete(this.pc);
    this.socketsEnlarged = enlargeSocketBuffers(this.pc);
    this.guards.install(this.pc);
    // a=setup:actpass, as RFC 8842 requires of an offer. Our viewer answers passive
    // (renderer/viewer/dtls-answer-role.ts), which makes werift the DTLS client: as the
    // server, werift often lost Chrome's first ClientHello (sent before werift's ICE was
    // up) and Chrome resent it only after its 1 s timer. A client that answers active
    // still connects, that second later.
    return this.pc.localDescription?.sdp ?? '';
  }

  /** True once the answer was taken (false when none was awaited). */
  async answer(sdp: string): Promise<boolean> {
    if (this.pc.signalingState !== 'have-local-offer') return false;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    return true;
  }

  addCandidate(candidate: RelayCandidate): void {
    addRemoteCandidate(this.pc, candidate);
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** Both sides have negotiated: the codecs and SSRCs are known. */
  get negotiated(): boolean {
    return this.pc.signalingState === 'stable';
  }

  get videoSsrc(): number {
    return this.video.sender.ssrc;
  }

  get audioSsrc(): number {
    return this.audio.sender.ssrc;
  }

  /** The publisher's payload type -> ours, per kind, for the codecs both negotiated. */
  payloadTypePairs(publisher: ReadonlyMap<string, number>): { video: Map<number, number>; audio: Map<number, number> } {
    const ours = negotiatedPayloadTypes([this.video, this.audio]);
    return {
      video: payloadTypePairs(this.video, publisher, ours),
      audio: payloadTypePairs(this.audio, publisher, ours),
    };
  }

  /** What this viewer can take, or null while nothing shows it is limited. */
  get estimateBps(): number | null {
    return this.feedback.estimateBps;
  }

  sendVideo(packet: RtpPacket): void {
    this.retransmits.sent(packet.header.sequenceNumber, packet.payload.length + packet.header.serializeSize);
    void this.video.sender.sendRtp(packet).catch(() => undefined);
  }

  sendAudio(packet: RtpPacket): void {
    void this.audio.sender.sendRtp(packet).catch(() => undefined);
  }

  async linkStats(): Promise<TransportLinkStats> {
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
    return { rttMs, packetLossPct, ...transportCertificates(this.video.sender.dtlsTransport) };
  }

  stats(): ViewerTransportStats {
    return {
      connected: this.connected,
      socketsEnlarged: this.socketsEnlarged,
      ...this.feedback.stats(),
      ...this.retransmits.stats(),
      ...this.guards.stats(),
      retransmits: outboundNumber(this.video.sender.collectStats(Date.now()), 'retransmittedPacketsSent'),
    };
  }

  async close(): Promise<void> {
    await this.pc.close().catch(() => undefined);
  }
}

function outboundNumber(stats: readonly object[], field: string): number {
  const outbound = stats.find((s) => (s as { type?: string }).type === 'outbound-rtp') as
    Record<string, unknown> | undefined;
  const value = outbound?.[field];
  return typeof value === 'number' ? value : 0;
}
