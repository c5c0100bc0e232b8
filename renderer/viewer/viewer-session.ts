// The viewer side: one signaling connection as viewer and one receive-only
// connection to the host. Recovers by itself: the host restarts ICE on failure; a
// dropped socket is followed by a fresh hello, with backoff, until the user leaves.
import {
  assertNever,
  parseJoinLink,
  parseSignalPayload,
  parseViewerReport,
  signalUrlFor,
  type JoinTarget,
  type ServerMessage,
  type SignalPayload,
} from '../../signaling/protocol';
import type { JoinState } from '../app/app-state';
import type { JoinControls } from '../app/controllers';
import { Backoff } from '../connection/backoff';
import { SignalingConnection } from '../connection/signaling-connection';
import { closeCodeOutcome } from './close-outcome';
import { ViewerSecurity } from './viewer-security';
import { CERTIFICATE_MISMATCH, turnedAwayWords } from './viewer-words';
import { ReceiveConnection } from './receive-connection';
import { statusOnNews } from './status-on-news';

const STATS_INTERVAL_MS = 1_000;
const REPORT_EVERY_TICKS = 2; // `stats` to the host every 2 s
export const DEFAULT_VIEWER_NAME = 'Guest';

export class ViewerSession implements JoinControls {
  private target: JoinTarget | null = null;
  private connection: SignalingConnection | null = null;
  private media: ReceiveConnection | null = null;
  private welcomed = false;
  private readonly retries = new Backoff([500, 1_000, 2_000, 3_000, 5_000]);
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private ticks = 0;
  private security: ViewerSecurity | null = null;
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
    this.retries.reset();
    this.welcomed = false;
    this.setStatus('connecting');
    this.connect();
    // Made now, while the socket opens and the host prepares its offer: one step less after the offer arrives.
    this.openConnection(undefined);
    this.statsTimer = setInterval(() => void this.tick(), STATS_INTERVAL_MS);
  }

  leave(): void {
    // Tell the host this is a goodbye, not a dropped connection it should keep for a return.
    if (this.media) this.sendSignal({ bye: true });
    this.target = null;
    clearTimeout(this.retryTimer);
    clearInterval(this.statsTimer);
    const connection = this.connection;
    this.connection = null;
    connection?.close();
    this.closeConnection();
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
      onMessage: (message) => this.receive(message),
      onClose: (code) => this.connectionLost(code),
    });
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        if (message.role === 'viewer') {
          this.welcomed = true;
          this.retries.reset();
          this.security?.setSelfId(message.id);
        }
        return this.followNews(message);
      case 'admitted':
      case 'host-left':
      case 'host-joined':
        return this.followNews(message);
      case 'signal': {
        // Checked (signed when the link has `k`), then read: the one place a host signal enters.
        const opened = this.security ? this.security.accept(message.data) : message.data;
        const payload = opened && parseSignalPayload(opened);
        if (payload) void this.handleSignal(payload).catch(() => undefined);
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

  private followNews(news: Parameters<typeof statusOnNews>[0]): void {
    const status = statusOnNews(news, this.isPlaying(), this.state.status.value);
    if (status) this.setStatus(status);
    // Back under a new id with a ticket: prove it to the host once it can hear us (signed under the new id).
    const proof = this.security?.rejoin.observe(news);
    if (proof) this.sendSignal(proof);
  }

  private connectionLost(code: number): void {
    this.connection = null;
    if (!this.target) return;
    const outcome = closeCodeOutcome(code);
    if (outcome?.final) {
      this.closeConnection();
      clearInterval(this.statsTimer);
      this.target = null;
      const turnedAway = outcome.status === 'kicked' && this.turnedAway;
      return turnedAway
        ? this.setStatus('failed', turnedAwayWords(this.security?.verified ?? false))
        : this.setStatus(outcome.status, outcome.detail);
    }
    // Never reached the server: say so, and keep trying; otherwise reconnect quietly.
    if (!this.welcomed) this.setStatus('unreachable');
    else if (!this.isPlaying()) this.setStatus('reconnecting');
    this.retryTimer = setTimeout(() => this.connect(), this.retries.next());
  }

  // ---- media ----

  private async handleSignal(data: SignalPayload): Promise<void> {
    if ('verify' in data) return void (this.turnedAway = true);
    if ('rejoin' in data) return this.security?.rejoin.keep(data.rejoin);
    if ('control' in data) {
      this.state.hostRecording.value = data.control.recording === true;
      if (data.control.paused) this.setStatus('paused');
      else if (this.state.status.value === 'paused') this.setStatus(this.isPlaying() ? 'watching' : 'connecting');
      return;
    }
    if ('sdp' in data && data.sdp.type === 'offer') {
      // A different connection id is a new connection from the host (it reloaded or restarted);
      // the connection made at Join is still unbound and takes the first offer's id.
      if (this.media && !this.media.bound) this.media.connectionId = data.link;
      else if (!this.media || data.link !== this.media.connectionId) this.openConnection(data.link);
      const answer = await this.media!.answer(data.sdp.sdp);
      this.sendSignal({ sdp: { type: 'answer', sdp: answer } });
      return;
    }
    if ('candidate' in data && this.media && data.link === this.media.connectionId) {
      await this.media.addCandidate(data.candidate);
    }
  }

  private openConnection(connectionId: string | undefined): void {
    this.closeConnection();
    const media: ReceiveConnection = new ReceiveConnection(this.iceServers(), connectionId, {
      onStream: (stream) => (this.state.stream.value = stream),
      onCandidate: (candidate) => this.sendSignal({ candidate }),
      onStateChange: (state) => {
        if (media !== this.media) return;
        if (state === 'connected' && this.state.status.value !== 'paused') this.setStatus('watching');
        if (state === 'closed' || (state === 'failed' && !this.connection)) {
          this.closeConnection();
          this.setStatus('reconnecting');
        }
      },
    });
    this.media = media;
  }

  private closeConnection(): void {
    const media = this.media;
    this.media = null;
    this.security?.forgetConnection();
    media?.close();
    this.state.stream.value = null;
    this.state.stats.value = null;
    this.state.hostRecording.value = false;
  }

  private sendSignal(data: SignalPayload): void {
    const payload = { ...data, link: this.media?.connectionId };
    const signed = this.security ? this.security.seal(payload) : payload;
    if (signed) this.connection?.send({ type: 'signal', to: 'host', data: signed });
  }

  private isPlaying(): boolean {
    return this.media?.playing ?? false;
  }

  private async tick(): Promise<void> {
    const media = this.media;
    if (!media) return;
    const { report, stats } = await media.stats();
    if (this.security && !this.security.checkConnection(report, media.offerSdp))
      return this.refuseConnection(CERTIFICATE_MISMATCH);
    this.state.stats.value = stats;
    this.ticks += 1;
    // What the host shows of it: the protocol's viewer report, picked from our stats.
    const forHost = parseViewerReport(stats);
    if (this.ticks % REPORT_EVERY_TICKS === 0 && this.isPlaying() && forHost)
      this.connection?.send({ type: 'stats', data: forHost });
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
