// The signaling server: HTTP and WebSocket on one port, run by the Electron main
// process and, unchanged, by `npm run serve`. This file composes the parts (listeners,
// upgrade gate, socket quotas, heartbeat, session secrets, room) and owns the lifecycle
// and each client's frames.
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { buildJoinUrl, formatUrlHost, HOST_PATH, parseClientMessage } from '../protocol';
import { isHostAddress, isLoopback, isWildcard } from '../network/addresses';
import { Client } from './client';
import { Heartbeat } from './heartbeat';
import { createHttpHandler } from './http-handler';
import { HttpListeners } from './http-listeners';
import { detectDefaultRouteAddress, rankJoinAddresses } from './join-addresses';
import { DEFAULTS, type RelayRoute, type SignalingServerOptions } from './options';
import { normaliseHostName } from './origin-policy';
import { Room, type RoomSnapshot } from './room';
import { SessionSecrets } from './session-secrets';
import { SignalingError } from './signaling-error';
import { SocketQuotas } from './socket-quotas';
import { StaticSite } from './static-site';
import { createUpgradeGate } from './upgrade-gate';

export interface HostingInfo {
  readonly port: number;
  readonly hostKey: string;
  readonly token: string;
  /** Every join link, the most likely one first. */
  readonly joinUrls: readonly string[];
  /** The host page on loopback, key in the fragment. */
  readonly hostUrl: string;
}

type Settings = Required<Omit<SignalingServerOptions, 'bind' | 'staticDir' | 'hostKey' | 'token' | 'relay'>> &
  Pick<SignalingServerOptions, 'bind' | 'staticDir' | 'relay'>;

export class SignalingServer extends EventEmitter<{ change: [RoomSnapshot] }> {
  private readonly settings: Settings;
  private readonly secrets: SessionSecrets;
  private room: Room;
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly quotas: SocketQuotas;
  private readonly heartbeat: Heartbeat;
  private http: HttpListeners | undefined;
  private changeQueued = false;
  private info: HostingInfo | undefined;
  private relayRoute: RelayRoute | null = null;

  constructor(options: SignalingServerOptions = {}) {
    super();
    const machine = hostname();
    const settings = {
      ...DEFAULTS,
      networkInterfaces,
      defaultRouteAddress: () => detectDefaultRouteAddress(),
      hostNames: [machine, `${machine}.local`],
      ...stripUndefined(options),
    };
    // Normalised once, not on every request.
    this.settings = { ...settings, hostNames: settings.hostNames.map(normaliseHostName) };
    this.secrets = new SessionSecrets({ hostKey: options.hostKey, token: options.token });
    this.room = this.newRoom();
    this.quotas = new SocketQuotas(this.settings);
    this.heartbeat = new Heartbeat(this.settings, () => this.clients);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.settings.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
  }

  get running(): boolean {
    return this.info !== undefined;
  }

  /** The running relay, or null (none configured, or it failed to start: hosts then send directly). */
  get relay(): RelayRoute | null {
    return this.relayRoute;
  }

  snapshot(): RoomSnapshot {
    return this.room.snapshot();
  }

  async start(): Promise<HostingInfo> {
    if (this.info) throw new SignalingError('already-running', 'the signaling server is already running');
    const site = StaticSite.load(this.settings.staticDir);
    const listeners = new HttpListeners(this.settings, createHttpHandler(site), this.upgradeGate());
    this.http = listeners;
    const { bind } = this.settings;
    let port: number;
    try {
      port = await listeners.listen(this.settings.port, bind);
      // A server bound to one LAN address also listens on loopback: the host page lives there.
      if (!isWildcard(bind) && !isLoopback(bind!)) await listeners.listen(port, '127.0.0.1');
    } catch (error) {
      await this.stop(); // a failed start must not keep the address it did get
      throw error;
    }
    this.heartbeat.start();
    await this.startRelay();

    const preferred = isWildcard(bind) ? await this.settings.defaultRouteAddress() : undefined;
    const addresses = rankJoinAddresses(this.settings.networkInterfaces(), { bind, preferred });
    const loopback = bind !== undefined && isLoopback(bind) ? bind : '127.0.0.1';
    const { hostKey, token } = this.secrets;
    this.info = {
      port,
      hostKey,
      token,
      joinUrls: addresses.map((host) => buildJoinUrl({ host, port, token })),
      hostUrl: `http://${formatUrlHost(loopback)}:${port}${HOST_PATH}#k=${hostKey}`,
    };
    return this.info;
  }

  /** Closes every socket and timer and frees the port. Safe to call twice. */
  async stop(): Promise<void> {
    this.heartbeat.stop();
    const relay = this.relayRoute;
    this.relayRoute = null;
    await relay?.stop();
    for (const client of [...this.clients]) {
      client.socket.terminate();
      this.forget(client);
    }
    // The next start is a new hosting session: no stale host or viewers, fresh secrets.
    this.secrets.renew();
    this.room = this.newRoom();
    const listeners = this.http;
    this.http = undefined;
    this.info = undefined;
    await listeners?.close();
  }

  /** A relay that fails to start is left out: /relay answers 404 and the host page sends directly. */
  private async startRelay(): Promise<void> {
    const route = this.settings.relay?.();
    if (!route) return;
    try {
      await route.start();
      this.relayRoute = route;
    } catch (error) {
      process.emitWarning(
        `media relay not started, hosts send directly: ${error instanceof Error ? error.message : String(error)}`,
      );
      await route.stop().catch(() => undefined);
    }
  }

  /** An empty room for the current secrets. */
  private newRoom(): Room {
    return new Room(
      {
        hostKey: this.secrets.hostKey,
        token: this.secrets.token,
        requireApproval: this.settings.requireApproval,
        maxViewers: this.settings.maxViewers,
        maxWaitingViewers: this.settings.maxWaitingViewers,
        newViewerId: () => this.secrets.newViewerId(),
        joinUrls: () => this.info?.joinUrls ?? [],
      },
      () => this.announceChange(),
    );
  }

  /**
   * One `change` per event-loop turn at most, and none without a listener: a burst of
   * joins must not build a snapshot of every viewer for each one.
   */
  private announceChange(): void {
    if (this.changeQueued || this.listenerCount('change') === 0) return;
    this.changeQueued = true;
    setImmediate(() => {
      this.changeQueued = false;
      this.emit('change', this.room.snapshot());
    });
  }

  private upgradeGate() {
    return createUpgradeGate({
      hostNames: this.settings.hostNames,
      quotas: this.quotas,
      relay: () => this.relayRoute,
      hostKey: () => this.secrets.hostKey,
      signal: (req: IncomingMessage, socket: Duplex, head: Buffer, address: string) =>
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address)),
    });
  }

  private accept(ws: WebSocket, address: string): void {
    if (!this.http?.listening) return ws.terminate(); // stopped while the handshake ran
    const { maxBufferedBytes, messagesPerSecond, messageBurst } = this.settings;
    const client = new Client(
      ws,
      address,
      { maxBufferedBytes, ratePerSecond: messagesPerSecond, burst: messageBurst },
      () => this.forget(client),
    );
    this.clients.add(client);
    this.quotas.take(address);
    const helloTimeoutMs = isHostAddress(address) ? this.settings.helloTimeoutMs : this.settings.networkHelloTimeoutMs;
    const helloTimer = setTimeout(() => {
      if (client.role === 'pending') client.fail('hello-timeout', `no hello within ${helloTimeoutMs / 1000} s`);
    }, helloTimeoutMs);

    ws.on('message', (data, isBinary) => this.receive(client, data, isBinary));
    ws.on('pong', () => (client.lastSeen = performance.now()));
    // ws reports protocol errors (e.g. an oversized frame, closed with 1009) and closes by itself.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(helloTimer);
      this.forget(client);
    });
  }

  /** Releases a client's slot and tells the room, once, whichever way it went. */
  private forget(client: Client): void {
    if (!this.clients.delete(client)) return;
    this.quotas.release(client.address, client.role === 'pending');
    this.room.leave(client);
  }

  private receive(client: Client, data: RawData, isBinary: boolean): void {
    if (client.closing) return;
    client.lastSeen = performance.now();
    if (!client.withinRate()) return client.fail('rate-limited', 'too many messages; slow down');
    if (isBinary) return client.fail('bad-message', 'only text frames are accepted');
    const parsed = parseClientMessage(data.toString());
    if (!parsed.ok) return client.fail(parsed.error.code, parsed.error.message);
    const wasPending = client.role === 'pending';
    this.room.handle(client, parsed.value, Buffer.isBuffer(data) ? data : undefined);
    if (wasPending && client.role !== 'pending') this.quotas.settle(client.address);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
