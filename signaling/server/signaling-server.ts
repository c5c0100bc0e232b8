// The signaling server: HTTP and WebSocket on one port, run by the Electron main
// process and, unchanged, by `npm run serve`.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { buildJoinUrl, formatUrlHost, HOST_PATH, parseClientMessage, RELAY_PATH, SIGNAL_PATH } from '../protocol';
import { isLoopback, isWildcard, normalizeAddress } from './addresses';
import { createHttpHandler } from './http-handler';
import { detectDefaultRouteAddress, rankJoinAddresses } from './join-addresses';
import { DEFAULTS, type RelayRoute, type SignalingServerOptions } from './options';
import { isHostHeaderAllowed, isOriginAllowed, normaliseHostName } from './origin-policy';
import { Peer } from './peer';
import { Room, type RoomSnapshot } from './room';
import { createSecret, secretsEqual } from './secrets';
import { SignalingError } from './signaling-error';
import { StaticSite } from './static-site';

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
  private readonly fixedSecrets: Pick<SignalingServerOptions, 'hostKey' | 'token'>;
  private hostKey = '';
  private token = '';
  private room: Room;
  private readonly wss: WebSocketServer;
  private readonly peers = new Set<Peer>();
  private readonly socketsPerAddress = new Map<string, number>();
  private httpServers: Server[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private lastPingAt = performance.now();
  private viewersEver = 0;
  /**
   * Keeps ids unique across server restarts too: a host that outlives the server must not mistake a newcomer for
   * someone it admitted.
   */
  private readonly instanceTag = randomBytes(3).toString('hex');
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
    this.fixedSecrets = { hostKey: options.hostKey, token: options.token };
    this.room = this.newSession();
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
    const handler = createHttpHandler(site);
    const { bind } = this.settings;
    let port: number;
    try {
      port = await this.listen(handler, this.settings.port, bind);
      // A server bound to one LAN address also listens on loopback: the host page lives there.
      if (!isWildcard(bind) && !isLoopback(bind!)) await this.listen(handler, port, '127.0.0.1');
    } catch (error) {
      await this.stop(); // a failed start must not keep the address it did get
      throw error;
    }
    // Checked more often than pinged, so a silent peer goes close to the timeout, not up to one interval later.
    const { heartbeatIntervalMs, heartbeatTimeoutMs } = this.settings;
    this.heartbeat = setInterval(
      () => this.checkHeartbeats(),
      Math.max(10, Math.min(heartbeatIntervalMs, heartbeatTimeoutMs) / 5),
    );
    this.heartbeat.unref();
    await this.startRelay();

    const preferred = isWildcard(bind) ? await this.settings.defaultRouteAddress() : undefined;
    const addresses = rankJoinAddresses(this.settings.networkInterfaces(), { bind, preferred });
    const loopback = bind !== undefined && isLoopback(bind) ? bind : '127.0.0.1';
    this.info = {
      port,
      hostKey: this.hostKey,
      token: this.token,
      joinUrls: addresses.map((host) => buildJoinUrl({ host, port, token: this.token })),
      hostUrl: `http://${formatUrlHost(loopback)}:${port}${HOST_PATH}#k=${this.hostKey}`,
    };
    return this.info;
  }

  /** Closes every socket and timer and frees the port. Safe to call twice. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    const relay = this.relayRoute;
    this.relayRoute = null;
    await relay?.stop();
    for (const peer of [...this.peers]) {
      peer.socket.terminate();
      this.forget(peer);
    }
    // The next start is a new hosting session: no stale host or viewers, fresh secrets.
    this.room = this.newSession();
    const servers = this.httpServers;
    this.httpServers = [];
    this.info = undefined;
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
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

  /** An empty room, with new secrets unless the options fixed them. */
  private newSession(): Room {
    this.hostKey = this.fixedSecrets.hostKey ?? createSecret();
    this.token = this.fixedSecrets.token ?? createSecret();
    return new Room(
      {
        hostKey: this.hostKey,
        token: this.token,
        requireApproval: this.settings.requireApproval,
        maxViewers: this.settings.maxViewers,
        // Counted by the server, not the room: ids stay unique across hosting sessions.
        newViewerId: () => `v${++this.viewersEver}-${this.instanceTag}`,
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

  private listen(
    handler: ReturnType<typeof createHttpHandler>,
    port: number,
    host: string | undefined,
  ): Promise<number> {
    const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
      if (isHostHeaderAllowed(req.headers.host, this.settings.hostNames)) return handler(req, res);
      res
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('This server does not answer to that host name.\n');
    });
    // Slow or endless requests must not hold sockets open.
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    server.maxHeadersCount = 64;
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket as Duplex, head));
    server.on('clientError', (_error, socket) => socket.destroy());
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const where = `${host ?? 'all interfaces'} port ${port}`;
        reject(
          error.code === 'EADDRINUSE'
            ? new SignalingError('port-in-use', `port ${port} is already in use (${where})`, { cause: error })
            : new SignalingError('bind-failed', `cannot listen on ${where}: ${error.message}`, { cause: error }),
        );
      });
      server.listen({ port, host }, () => {
        this.httpServers.push(server);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path === RELAY_PATH && this.relayRoute) {
      if (!isOriginAllowed(req.headers.origin, req.headers.host)) return rejectUpgrade(socket, 403, 'Forbidden');
      return this.relayRoute.upgrade(req, socket, head, (key) => secretsEqual(key, this.hostKey));
    }
    if (path !== SIGNAL_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (
      !isHostHeaderAllowed(req.headers.host, this.settings.hostNames) ||
      !isOriginAllowed(req.headers.origin, req.headers.host)
    ) {
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    const address = normalizeAddress(req.socket.remoteAddress);
    const fromAddress = this.socketsPerAddress.get(address) ?? 0;
    if (this.peers.size >= this.settings.maxSockets || fromAddress >= this.settings.maxSocketsPerAddress) {
      return rejectUpgrade(socket, 503, 'Service Unavailable');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address));
  }

  private accept(ws: WebSocket, address: string): void {
    if (this.httpServers.length === 0) return ws.terminate(); // stopped while the handshake ran
    const { maxBufferedBytes, messagesPerSecond, messageBurst } = this.settings;
    const peer = new Peer(
      ws,
      address,
      { maxBufferedBytes, ratePerSecond: messagesPerSecond, burst: messageBurst },
      () => this.forget(peer),
    );
    this.peers.add(peer);
    this.socketsPerAddress.set(address, (this.socketsPerAddress.get(address) ?? 0) + 1);
    const helloTimer = setTimeout(() => {
      if (peer.role === 'pending')
        peer.fail('hello-timeout', `no hello within ${this.settings.helloTimeoutMs / 1000} s`);
    }, this.settings.helloTimeoutMs);

    ws.on('message', (data, isBinary) => this.receive(peer, data, isBinary));
    ws.on('pong', () => (peer.lastSeen = performance.now()));
    // ws reports protocol errors (e.g. an oversized frame, closed with 1009) and closes by itself.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(helloTimer);
      this.forget(peer);
    });
  }

  /** Releases a peer's slot and tells the room, once, whichever way it went. */
  private forget(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    const left = (this.socketsPerAddress.get(peer.address) ?? 1) - 1;
    if (left > 0) this.socketsPerAddress.set(peer.address, left);
    else this.socketsPerAddress.delete(peer.address);
    this.room.leave(peer);
  }

  private receive(peer: Peer, data: RawData, isBinary: boolean): void {
    if (peer.closing) return;
    peer.lastSeen = performance.now();
    if (!peer.withinRate()) return peer.fail('rate-limited', 'too many messages; slow down');
    if (isBinary) return peer.fail('bad-message', 'only text frames are accepted');
    const parsed = parseClientMessage(data.toString());
    if (!parsed.ok) return peer.fail(parsed.error.code, parsed.error.message);
    this.room.handle(peer, parsed.value, Buffer.isBuffer(data) ? data : undefined);
  }

  private checkHeartbeats(): void {
    const now = performance.now();
    const pingDue = now - this.lastPingAt >= this.settings.heartbeatIntervalMs;
    if (pingDue) this.lastPingAt = now;
    for (const peer of this.peers) {
      if (now - peer.lastSeen >= this.settings.heartbeatTimeoutMs) {
        peer.departure = 'timeout';
        peer.socket.terminate();
      } else if (pingDue) {
        peer.socket.ping();
      }
    }
  }
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
