// The relay strategy: the host encodes once, on its uplink (UplinkConnection) to the
// media relay, which holds one connection per viewer. The host page stays the viewers'
// signaling end: it asks the relay for each viewer's offer and carries SDP and
// candidates both ways in its own `signal` messages, so for a viewer nothing changes.
// A lost uplink is made again (viewers restart at its first keyframe); when the relay
// is not there, goes away or keeps losing the uplink, the strategy fails (the delivery
// hands every viewer to the next strategy).
import type { RelayServerMessage, SignalPayload } from '../../signaling/protocol';
import { newConnectionId } from './connection-id';
import type { DeliveryStrategy, StrategyContext } from './delivery-strategy';
import type { UplinkReport, ViewerConnectionReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { RelayControlSocket } from './relay-control-socket';
import { relayReports, RelayStatsRequests } from './relay-stats';
import { RestartBudget } from './restart-budget';
import { NO_TRACKS, type Tracks } from './send-only-connection';
import { UplinkConnection } from './uplink-connection';
import type { RelayLinkStats } from '../../signaling/protocol';

/** An uplink lost more often than this in a minute is not worth making again: fail (the next strategy takes over). */
const UPLINK_RESTARTS_PER_MINUTE = 3;

export class RelayStrategy implements DeliveryStrategy {
  readonly mode = 'relay';
  private readonly control: RelayControlSocket;
  private readonly statsRequests: RelayStatsRequests;
  private ready = false;
  private uplinkConnection: UplinkConnection | null = null;
  /** viewer id -> its connection id: `link` to the viewer, `peer` to the relay. */
  private readonly connections = new Map<string, string>();
  /** Connection id -> the viewer's answer as received (signed with the link key if it has one): pinned. */
  private readonly answers = new Map<string, string>();
  /** Viewers kept for a possible return, sent nothing meanwhile. */
  private readonly suspended = new Set<string>();
  private tracks: Tracks = NO_TRACKS;
  /** What the uplink has been given. */
  private sending: Tracks = NO_TRACKS;
  private settings: SenderSettings | null = null;
  private paused = false;
  private readonly restartBudget = new RestartBudget(UPLINK_RESTARTS_PER_MINUTE, 60_000);
  /** Lost uplinks made again this session. */
  private restarts = 0;
  private uplinkStats: RelayLinkStats | null = null;
  private relayError: string | null = null;

  constructor(
    private readonly context: StrategyContext,
    relayUrl: string,
    hostKey: string,
  ) {
    this.control = new RelayControlSocket(relayUrl, hostKey, {
      onReady: () => this.relayReady(),
      onMessage: (message) => this.fromRelay(message),
      onGone: () => context.fail('the relay is gone'),
    });
    this.statsRequests = new RelayStatsRequests((request) => this.control.send({ type: 'stats', request }));
  }

  addViewer(viewerId: string): void {
    this.removeViewer(viewerId);
    const connectionId = newConnectionId();
    this.connections.set(viewerId, connectionId);
    if (this.ready) this.control.send({ type: 'viewer-open', peer: connectionId });
    this.updateSending();
  }

  suspend(viewerId: string): void {
    const connectionId = this.connections.get(viewerId);
    if (!connectionId) return;
    this.suspended.add(viewerId);
    this.control.send({ type: 'viewer-active', peer: connectionId, active: false });
    this.updateSending();
  }

  rebind(formerId: string, viewerId: string): boolean {
    const connectionId = this.connections.get(formerId);
    if (!connectionId) return false;
    this.connections.delete(formerId);
    this.suspended.delete(formerId);
    this.removeViewer(viewerId);
    this.connections.set(viewerId, connectionId);
    this.control.send({ type: 'viewer-active', peer: connectionId, active: true });
    this.updateSending();
    return true;
  }

  removeViewer(viewerId: string): void {
    const connectionId = this.connections.get(viewerId);
    if (!connectionId) return;
    this.connections.delete(viewerId);
    this.suspended.delete(viewerId);
    this.answers.delete(connectionId);
    this.control.send({ type: 'viewer-close', peer: connectionId });
    this.updateSending();
  }

  async handleSignal(viewerId: string, data: SignalPayload): Promise<void> {
    // The relay's key for the viewer's connection is its connection id, `link` on the wire (`peer` to the relay).
    const connectionId = this.connections.get(viewerId);
    if (!connectionId || !('sdp' in data || 'candidate' in data)) return;
    if (data.link !== undefined && data.link !== connectionId) return; // meant for a connection we replaced
    if ('sdp' in data) {
      if (data.sdp.type !== 'answer') return;
      // The relay applies only the first answer per connection (later ones find it stable): pin that one.
      if (!this.answers.has(connectionId)) this.answers.set(connectionId, data.sdp.sdp);
      return this.control.send({ type: 'viewer-answer', peer: connectionId, sdp: data.sdp.sdp });
    }
    const { candidate, sdpMid, sdpMLineIndex } = data.candidate;
    this.control.send({
      type: 'viewer-candidate',
      peer: connectionId,
      candidate: { candidate, sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null },
    });
  }

  async setTracks(tracks: Tracks): Promise<void> {
    this.tracks = tracks;
    if (!this.uplinkConnection) return this.publish();
    this.sending = this.sentTracks();
    await this.uplinkConnection.setTracks(this.sending);
  }

  async applySettings(settings: SenderSettings): Promise<void> {
    this.settings = settings;
    await this.uplinkConnection?.applySettings(settings);
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    this.updateSending();
  }

  async collectStats(): Promise<Map<string, ViewerConnectionReport>> {
    if (!this.ready) return new Map();
    const answer = await this.statsRequests.request();
    this.uplinkStats = answer?.publisher ?? null;
    return answer ? relayReports(answer, this.connections, this.answers, this.tracks.video) : new Map();
  }

  uplink(): UplinkReport | null {
    if (!this.uplinkConnection) return null;
    const stats = this.uplinkStats;
    return {
      state: this.uplinkConnection.state,
      bitrateBps: stats?.bitrateBps ?? null,
      fps: stats?.fps ?? null,
      targetBps: stats?.targetBps ?? null,
      restarts: this.restarts,
      relayError: this.relayError,
    };
  }

  close(): void {
    this.ready = false;
    this.control.close();
    this.uplinkConnection?.close();
    this.uplinkConnection = null;
    this.connections.clear();
    this.answers.clear();
    this.suspended.clear();
    this.statsRequests.cancelAll();
  }

  private relayReady(): void {
    this.ready = true;
    this.context.ready();
    for (const connectionId of this.connections.values())
      this.control.send({ type: 'viewer-open', peer: connectionId });
    if (this.tracks.video) this.publish();
  }

  private publish(): void {
    if (!this.ready) return;
    this.uplinkConnection?.close();
    this.sending = this.sentTracks();
    const uplink = new UplinkConnection(
      this.sending,
      this.settings,
      {
        publish: (sdp) => this.control.send({ type: 'publish', sdp }),
        candidate: (candidate) => this.control.send({ type: 'publisher-candidate', candidate }),
      },
      () => this.uplinkLost(uplink),
    );
    this.uplinkConnection = uplink;
    this.uplinkStats = null;
    void uplink.offer().catch(() => this.context.fail('the uplink could not make an offer'));
  }

  /** The relay replaces its publisher on a new offer and keeps every viewer, so a lost uplink is simply made again. */
  private uplinkLost(uplink: UplinkConnection): void {
    if (uplink !== this.uplinkConnection) return;
    if (!this.restartBudget.take(performance.now())) return this.context.fail('the uplink keeps getting lost');
    this.restarts += 1;
    this.publish();
  }

  private fromRelay(message: Exclude<RelayServerMessage, { type: 'ready' }>): void {
    switch (message.type) {
      case 'published':
        void this.uplinkConnection?.accept(message.sdp).catch(() => this.context.fail('the relay answer failed'));
        return;
      case 'viewer-offer': {
        const viewerId = [...this.connections].find(([, connectionId]) => connectionId === message.peer)?.[0];
        if (viewerId !== undefined)
          this.context.send(viewerId, { sdp: { type: 'offer', sdp: message.sdp }, link: message.peer });
        return;
      }
      case 'stats':
        return this.statsRequests.settle(message.request, message);
      case 'error':
        // A request the relay refused: it carries on, but the host should know (and the uplink row shows it).
        this.relayError = message.message;
        this.context.problem(message.message);
        return;
    }
  }

  /**
   * Nothing is encoded while paused or while no admitted viewer watches; the first one back restarts it (a new encode
   * starts at a keyframe).
   */
  private sentTracks(): Tracks {
    const watched = this.connections.size > this.suspended.size;
    return this.paused || !watched ? NO_TRACKS : this.tracks;
  }

  private updateSending(): void {
    const tracks = this.sentTracks();
    if (!this.uplinkConnection || (tracks.video === this.sending.video && tracks.audio === this.sending.audio)) return;
    this.sending = tracks;
    void this.uplinkConnection.setTracks(tracks).catch(() => undefined);
  }
}
