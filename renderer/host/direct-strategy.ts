// The direct strategy: one ViewerConnection (and so one encoder) per viewer, from this
// page. While sharing, one spare connection is kept negotiated ahead of the next viewer
// (offer made, candidates gathered), so a joining viewer gets its offer the moment it
// is let in. Ready at once; it never fails (it is the fallback of the others).
import type { SignalPayload } from '../../signaling/protocol';
import type { DeliveryStrategy, StrategyContext } from './delivery-strategy';
import type { ViewerConnectionReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { NO_TRACKS, type Tracks } from './send-only-connection';
import { ViewerConnection } from './viewer-connection';

export class DirectStrategy implements DeliveryStrategy {
  readonly mode = 'direct';
  private readonly connections = new Map<string, ViewerConnection>();
  /** Connections kept for a viewer that may come back: nothing is sent on them meanwhile. */
  private readonly suspended = new Set<ViewerConnection>();
  /** The next viewer's connection, and what it has said so far (offer, candidates) for whoever takes it. */
  private spare: { readonly connection: ViewerConnection; readonly outbox: SignalPayload[] } | null = null;
  private tracks: Tracks = NO_TRACKS;
  private settings: SenderSettings | null = null;
  private paused = false;

  constructor(
    private readonly context: StrategyContext,
    private readonly iceServers: RTCIceServer[] = [],
  ) {
    context.ready();
  }

  addViewer(viewerId: string): void {
    this.removeViewer(viewerId);
    const spare = this.spare;
    this.spare = null;
    this.connections.set(viewerId, spare?.connection ?? this.newConnection());
    for (const data of spare?.outbox ?? []) this.context.send(viewerId, data);
    this.prepareSpare();
  }

  suspend(viewerId: string): void {
    const connection = this.connections.get(viewerId);
    if (!connection) return;
    this.suspended.add(connection);
    void connection.setTracks(NO_TRACKS);
  }

  rebind(formerId: string, viewerId: string): boolean {
    const connection = this.connections.get(formerId);
    // Never answered (its offer went into a signaling socket that was down, say): it would never carry a picture to
    // the returning viewer, so it is refused and the caller starts a new one.
    if (!connection?.answered) return false;
    this.connections.delete(formerId);
    this.connections.get(viewerId)?.close();
    this.connections.set(viewerId, connection);
    this.suspended.delete(connection);
    void connection.setTracks(this.sentTracks());
    return true;
  }

  removeViewer(viewerId: string): void {
    const connection = this.connections.get(viewerId);
    if (connection) this.suspended.delete(connection);
    connection?.close();
    this.connections.delete(viewerId);
  }

  async handleSignal(viewerId: string, data: SignalPayload): Promise<void> {
    await this.connections.get(viewerId)?.handleSignal(data);
  }

  async setTracks(tracks: Tracks): Promise<void> {
    this.tracks = tracks;
    this.prepareSpare();
    await this.updateTracks();
  }

  async applySettings(settings: SenderSettings): Promise<void> {
    this.settings = settings;
    await Promise.all(this.allConnections().map((connection) => connection.applySettings(settings)));
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    await this.updateTracks();
  }

  async collectStats(): Promise<Map<string, ViewerConnectionReport>> {
    const entries = await Promise.all(
      [...this.connections].map(async ([id, connection]) => [id, await connection.report()] as const),
    );
    return new Map(entries);
  }

  uplink(): null {
    return null; // each viewer has its own connection
  }

  close(): void {
    for (const connection of this.allConnections()) connection.close();
    this.connections.clear();
    this.suspended.clear();
    this.spare = null;
  }

  private newConnection(): ViewerConnection {
    // Addressed by lookup, not by the id at creation: a spare has none yet, and rebind() can change it.
    const connection: ViewerConnection = new ViewerConnection(
      (data) => this.sendFor(connection, data),
      this.sentTracks(),
      this.settings,
      this.iceServers,
    );
    return connection;
  }

  /** Only while there is something to share: a host that never starts sharing holds no idle connection. */
  private prepareSpare(): void {
    if (this.spare || !this.tracks.video) return;
    this.spare = { connection: this.newConnection(), outbox: [] };
  }

  private sendFor(connection: ViewerConnection, data: SignalPayload): void {
    if (this.spare?.connection === connection) {
      this.spare.outbox.push(data);
      return;
    }
    for (const [viewerId, candidate] of this.connections)
      if (candidate === connection) return this.context.send(viewerId, data);
  }

  private allConnections(): ViewerConnection[] {
    const all = [...this.connections.values()];
    return this.spare ? [...all, this.spare.connection] : all;
  }

  private sentTracks(): Tracks {
    return this.paused ? NO_TRACKS : this.tracks;
  }

  private async updateTracks(): Promise<void> {
    const tracks = this.sentTracks();
    await Promise.all(
      this.allConnections()
        .filter((connection) => !this.suspended.has(connection))
        .map((connection) => connection.setTracks(tracks)),
    );
  }
}
