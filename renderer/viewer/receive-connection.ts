// The viewer's one receive-only connection to the host: answers the host's offer (as
// the DTLS server), trickles candidates, collects the tracks into one stream, and keeps
// the offer it answered, whose certificate fingerprint is pinned.
import type { IceCandidateJson } from '../../signaling/protocol';
import { iceCandidateJson } from '../connection/ice-candidate';
import { normaliseStats, type StatsSample, type StreamStats } from '../stats/normalise-stats';
import { answerAsDtlsServer } from './dtls-answer-role';

export interface ReceiveHandlers {
  onStream(stream: MediaStream): void;
  onCandidate(candidate: IceCandidateJson): void;
  onStateChange(state: RTCPeerConnectionState): void;
}

export class ReceiveConnection {
  private readonly pc: RTCPeerConnection;
  /** The host connection it belongs to (the wire's `link`); set by the first offer when made ahead of it. */
  connectionId: string | undefined;
  /** Has had an offer. */
  bound = false;
  /** The host's offer in force, as checked: its fingerprint is pinned. */
  offerSdp: string | null = null;
  private statsSample: StatsSample | undefined;

  constructor(iceServers: RTCIceServer[], connectionId: string | undefined, handlers: ReceiveHandlers) {
    this.connectionId = connectionId;
    const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' });
    this.pc = pc;
    const stream = new MediaStream();
    pc.ontrack = (event) => {
      stream.addTrack(event.track);
      handlers.onStream(stream);
    };
    pc.onicecandidate = (event) => {
      if (event.candidate) handlers.onCandidate(iceCandidateJson(event.candidate));
    };
    pc.onconnectionstatechange = () => handlers.onStateChange(pc.connectionState);
  }

  get playing(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** Our answer's SDP to the host's offer. */
  async answer(offerSdp: string): Promise<string> {
    const pc = this.pc;
    this.bound = true;
    await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    this.offerSdp = offerSdp;
    const answer = await pc.createAnswer();
    await pc
      .setLocalDescription({ type: 'answer', sdp: answerAsDtlsServer(answer.sdp ?? '') })
      .catch(() => pc.setLocalDescription(answer));
    return pc.localDescription?.sdp ?? answer.sdp ?? '';
  }

  async addCandidate(candidate: IceCandidateJson): Promise<void> {
    // A candidate for an old ICE generation or a malformed one is no reason to drop the connection.
    await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  async stats(): Promise<{ report: RTCStatsReport; stats: StreamStats }> {
    const report = await this.pc.getStats();
    const { stats, sample } = normaliseStats(report, 'receive', this.statsSample);
    this.statsSample = sample ?? this.statsSample;
    return { report, stats };
  }

  close(): void {
    this.pc.ontrack = null;
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}
