// The viewer side: one signaling connection as viewer and one receive-only peer
// connection to the host. Recovers by itself: the host restarts ICE on failure; a
// dropped socket is followed by a fresh hello, with backoff, until the user leaves.
import {
  assertNever,
  isPlainObject,
  parseJoinLink,
  signalUrlFor,
  type JoinTarget,
  type ServerMessage,
} from '../../signaling/protocol';
import type { JoinState } from '../app/app-state';
import type { JoinControls } from '../app/controllers';
import { SignalingConnection } from '../connection/signaling-connection';
import { normaliseStats, type StatsSample } from '../stats/normalise-stats';
import { closeCodeOutcome } from './close-outcome';
import { ViewerSecurity } from './viewer-security';
import { answerAsDtlsServer } from './dtls-answer-role';

const STATS_INTERVAL_MS = 1_000;
const REPORT_EVERY_TICKS = 2; // `stats` to the host every 2 s
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 3_000, 5_000];
export const DEFAULT_VIEWER_NAME = 'Guest';
const TURNED_AWAY_UNVERIFIED =
  'The host lets in only viewers whose link carries its security key (the part after “&k=”). Ask the host for the whole link.';
const TURNED_AWAY_TAMPERED =
  'The host turned this connection away: it received a message in your name that was not signed with the link’s key. Someone on the network may be tampering with the connection.';
const CERTIFICATE_MISMATCH =
  'The connection was closed: the host’s security certificate did not match the one in its signed offer, a sign that someone is in the middle. Tell the host.';

export class ViewerSession implements JoinControls {
  private target: JoinTarget | null = null;
  private connection: SignalingConnection | null = null;
  private pc: RTCPeerConnection | null = null;
  private linkId: unknown = undefined;
  /** The peer connection has had an offer (it belongs to one host link). */
  private peerBound = false;
  private welcomed = false;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private statsSample: StatsSample | undefined;
  private ticks = 0;
  private security: ViewerSecurity | null = null;
  /** The host's offer in force, as checked: its fingerprint is pinned. */
  private offerSdp: string | null = null;
  /** The host got an unsigned message in this viewer's name and turns it away (a kick follows). */
  private turnedAway = false;

  constructor(
    private readonly state: JoinState,
    /** Read when a connection is made, so a settings change applies to the next one. */
    private readonly iceServers: () => RTCIceServer[] = () => [],
    private readonly rememberName: (name: string) => void = () => undefined,
  ) {}

  join(): void {
    const parsed = parseJoinLink(this.state.link.value);
    if (!parsed.ok) {
      this.state.linkError.value = parsed.error;
      return;
    }
    this.leave();
    this.state.linkError.value = null;
    this.state.name.value = this.state.name.value.trim();
    if (this.state.name.value) this.rememberName(this.state.name.value);
    this.target = parsed.value;
    this.security = new ViewerSecurity(this.state.security, parsed.value.linkKey);
    this.turnedAway = false;
    this.retries = 0;
    this.welcomed = false;
    this.setStatus('connecting');
    this.connect();
    // Made now, while the socket opens and the host prepares its offer: one step less after the offer arrives.
    this.openPeer(undefined);
    this.statsTimer = setInterval(() => void this.tick(), STATS_INTERVAL_MS);
  }

  leave(): void {
    // Tell the host this is a goodbye, not a dropped connection it should keep for a return.
    if (this.pc) this.sendSignal({ bye: true });
    this.target = null;
    clearTimeout(this.retryTimer);
    clearInterval(this.statsTimer);
    const connection = this.connection;
    this.connection = null;
    connection?.close();
    this.closePeer();
    if (this.state.status.value !== 'idle') this.setStatus('left');
  }

  // ---- signaling ----

  private connect(): void {
    const target = this.target;
    if (!target) return;
    const name = this.state.name.value || DEFAULT_VIEWER_NAME;
    this.connection = new SignalingConnection(signalUrlFor(target), {
      onOpen: () =>
        this.connection?.send({
          type: 'hello',
          role: 'viewer',
          token: target.token,
          name,
          protocol: 1,
          ...this.security?.rejoin.helloFields(),
        }),
      onMessage: (message) => {
        this.receive(message);
        // Back under a new id with a ticket: prove it to the host once it can hear us.
        const proof = this.security?.rejoin.observe(message);
        if (proof) this.sendSignal(proof);
      },
      onClose: (code) => this.connectionLost(code),
    });
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        if (message.role !== 'viewer') return;
        this.welcomed = true;
        this.retries = 0;
        this.security?.setSelfId(message.id);
        // Back after a blip with the picture still flowing: nothing changed for the person watching.
        if (this.isPlaying()) return this.setStatus(this.state.status.value === 'paused' ? 'paused' : 'watching');
        this.setStatus(message.state === 'waiting' ? 'waiting' : message.hostPresent ? 'connecting' : 'host-away');
        return;
      case 'admitted':
        if (!this.isPlaying()) this.setStatus('connecting');
        return;
      case 'host-left':
        // Media may keep flowing if only the host's signaling dropped; the peer
        // connection is closed when it fails, or replaced by the host's next offer.
        if (!this.isPlaying()) this.setStatus('host-away');
        return;
      case 'host-joined':
        if (!this.isPlaying()) this.setStatus('connecting');
        return;
      case 'signal': {
        const data = this.security ? this.security.accept(message.data) : message.data;
        if (data) void this.handleSignal(data).catch(() => undefined);
        return;
      }
      case 'error': {
        const outcome = closeCodeOutcome(message.code);
        if (outcome) this.state.detail.value = outcome.detail ?? message.message;
        return;
      }
      case 'viewer-joined':
      case 'viewer-left':
      case 'viewer-stats':
      case 'session':
        return; // host messages
      default:
        return assertNever(message);
    }
  }

  private connectionLost(code: number): void {
    this.connection = null;
    if (!this.target) return;
    const outcome = closeCodeOutcome(code);
    if (outcome?.final) {
      this.closePeer();
      clearInterval(this.statsTimer);
      this.target = null;
      if (outcome.status === 'kicked' && this.turnedAway)
        this.setStatus('failed', this.security?.verified ? TURNED_AWAY_TAMPERED : TURNED_AWAY_UNVERIFIED);
      else this.setStatus(outcome.status, outcome.detail);
      return;
    }
    // Never reached the server: say so, and keep trying; otherwise reconnect quietly.
    if (!this.welcomed) this.setStatus('unreachable');
    else if (!this.isPlaying()) this.setStatus('reconnecting');
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)]!;
    this.retries += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // ---- media ----

  private async handleSignal(data: Record<string, unknown>): Promise<void> {
    if (data.verify === 'required') {
      this.turnedAway = true;
      return;
    }
    if (typeof data.rejoin === 'string') return this.security?.rejoin.keep(data.rejoin);
    if (isPlainObject(data.control)) {
      const paused = data.control.paused === true;
      if (paused) this.setStatus('paused');
      else if (this.state.status.value === 'paused') this.setStatus(this.isPlaying() ? 'watching' : 'connecting');
      return;
    }
    const sdp = data.sdp as RTCSessionDescriptionInit | undefined;
    if (sdp && sdp.type === 'offer' && typeof sdp.sdp === 'string') {
      // A different link id is a new connection from the host (it reloaded or restarted);
      // the connection made at Join is still unbound and takes the first offer's id.
      if (this.pc && !this.peerBound) this.linkId = data.link;
      else if (!this.pc || data.link !== this.linkId) this.openPeer(data.link);
      this.peerBound = true;
      const pc = this.pc!;
      await pc.setRemoteDescription({ type: 'offer', sdp: sdp.sdp });
      this.offerSdp = sdp.sdp;
      const answer = await pc.createAnswer();
      await pc
        .setLocalDescription({ type: 'answer', sdp: answerAsDtlsServer(answer.sdp ?? '') })
        .catch(() => pc.setLocalDescription(answer));
      this.sendSignal({ sdp: { type: 'answer', sdp: pc.localDescription?.sdp ?? answer.sdp } });
      return;
    }
    const candidate = data.candidate as RTCIceCandidateInit | undefined;
    if (candidate && typeof candidate === 'object' && this.pc && data.link === this.linkId) {
      await this.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }

  private openPeer(linkId: unknown): void {
    this.closePeer();
    this.linkId = linkId;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers(), bundlePolicy: 'max-bundle' });
    this.pc = pc;
    const stream = new MediaStream();
    pc.ontrack = (event) => {
      stream.addTrack(event.track);
      this.state.stream.value = stream;
    };
    pc.onicecandidate = (event) => {
      if (event.candidate) this.sendSignal({ candidate: event.candidate.toJSON() });
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      if (pc.connectionState === 'connected' && this.state.status.value !== 'paused') this.setStatus('watching');
      if (pc.connectionState === 'closed' || (pc.connectionState === 'failed' && !this.connection)) {
        this.closePeer();
        this.setStatus('reconnecting');
      }
    };
  }

  private closePeer(): void {
    const pc = this.pc;
    this.pc = null;
    this.linkId = undefined;
    this.peerBound = false;
    this.offerSdp = null;
    this.security?.forgetConnection();
    this.statsSample = undefined;
    if (pc) {
      pc.ontrack = null;
      pc.onicecandidate = null;
      pc.onconnectionstatechange = null;
      pc.close();
    }
    this.state.stream.value = null;
    this.state.stats.value = null;
  }

  private sendSignal(data: Record<string, unknown>): void {
    const payload = { ...data, link: this.linkId };
    const signed = this.security ? this.security.seal(payload) : payload;
    if (signed) this.connection?.send({ type: 'signal', to: 'host', data: signed });
  }

  private isPlaying(): boolean {
    return this.pc?.connectionState === 'connected';
  }

  private async tick(): Promise<void> {
    if (!this.pc) return;
    const report = await this.pc.getStats();
    if (this.security && !this.security.checkConnection(report, this.offerSdp))
      return this.refuseConnection(CERTIFICATE_MISMATCH);
    const { stats, sample } = normaliseStats(report, 'receive', this.statsSample);
    this.statsSample = sample ?? this.statsSample;
    this.state.stats.value = stats;
    this.ticks += 1;
    if (this.ticks % REPORT_EVERY_TICKS === 0 && this.isPlaying()) {
      const { fps, width, height, bitrateBps, packetLossPct, jitterMs, framesDecoded } = stats;
      this.connection?.send({
        type: 'stats',
        data: { fps, width, height, bitrateBps, packetLossPct, jitterMs, framesDecoded },
      });
    }
  }

  /** Ends the join for good: the connection cannot be trusted. */
  private refuseConnection(detail: string): void {
    this.leave();
    this.setStatus('failed', detail);
  }

  private setStatus(status: JoinState['status']['value'], detail: string | null = null): void {
    this.state.status.value = status;
    this.state.detail.value = detail;
  }
}
