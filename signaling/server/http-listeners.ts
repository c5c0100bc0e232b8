// The server's TCP listeners: one HTTP server per address, its timeouts and Host-header
// check, listen errors as coded failures, and closing them all.
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ConnectionQuotas, type ConnectionQuotaSettings } from './connection-quotas';
import { isHostHeaderAllowed } from './origin-policy';
import { SignalingError } from './signaling-error';

export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface ListenerSettings extends ConnectionQuotaSettings {
  /** Host names the server answers to besides IP literals and localhost (already normalised). */
  readonly hostNames: readonly string[];
  /** A request whose headers are not complete by then is dropped (slow-loris). */
  readonly headersTimeoutMs: number;
  /** Every open WebSocket is a TCP connection too: `server.maxConnections` leaves room for them. */
  readonly maxSockets: number;
}

/**
 * How often Node checks the header and request timeouts (its default, 30 s, let a slow-loris connection outlive a
 * 10 s headers timeout by up to 30 s).
 */
const TIMEOUT_CHECK_INTERVAL_MS = 500;
/** Connections beyond the caps that the host's own address may still open (its pages load in parallel). */
const HOST_CONNECTION_SLACK = 64;

export class HttpListeners {
  private servers: Server[] = [];
  private readonly connections: ConnectionQuotas;

  constructor(
    private readonly settings: ListenerSettings,
    private readonly onRequest: RequestListener,
    private readonly onUpgrade: UpgradeListener,
  ) {
    this.connections = new ConnectionQuotas(settings);
  }

  get listening(): boolean {
    return this.servers.length > 0;
  }

  /** Listens on `host` (all interfaces when undefined); resolves the port actually bound. */
  listen(port: number, host: string | undefined): Promise<number> {
    const server = this.createHttpServer();
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
        this.servers.push(server);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Frees every port and drops every connection, upgraded ones included. */
  async close(): Promise<void> {
    const servers = this.servers;
    this.servers = [];
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

  private createHttpServer(): Server {
    const { headersTimeoutMs, maxSockets, maxHttpConnections } = this.settings;
    const server = createServer(
      { maxHeaderSize: 16 * 1024, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
      (req, res) => {
        if (isHostHeaderAllowed(req.headers.host, this.settings.hostNames)) return this.onRequest(req, res);
        res
          .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('This server does not answer to that host name.\n');
      },
    );
    // Slow or endless requests must not hold sockets open.
    server.headersTimeout = headersTimeoutMs;
    server.requestTimeout = Math.max(30_000, headersTimeoutMs);
    server.keepAliveTimeout = 5_000;
    server.maxHeadersCount = 64;
    // A backstop: the connection quotas and socket quotas come first, and keep room for the host's address.
    server.maxConnections = maxSockets + maxHttpConnections + HOST_CONNECTION_SLACK;
    server.on('connection', (socket: Socket) => this.connections.admit(socket));
    server.on('upgrade', (req, socket, head) => {
      this.connections.release(req.socket);
      this.onUpgrade(req, socket as Duplex, head);
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    return server;
  }
}
