// The server's TCP listeners: one HTTP server per address, its timeouts and Host-header
// check, listen errors as coded failures, and closing them all.
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { isHostHeaderAllowed } from './origin-policy';
import { SignalingError } from './signaling-error';

export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface ListenerSettings {
  /** Host names the server answers to besides IP literals and localhost (already normalised). */
  readonly hostNames: readonly string[];
}

export class HttpListeners {
  private servers: Server[] = [];

  constructor(
    private readonly settings: ListenerSettings,
    private readonly onRequest: RequestListener,
    private readonly onUpgrade: UpgradeListener,
  ) {}

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
    const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
      if (isHostHeaderAllowed(req.headers.host, this.settings.hostNames)) return this.onRequest(req, res);
      res
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('This server does not answer to that host name.\n');
    });
    // Slow or endless requests must not hold sockets open.
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    server.maxHeadersCount = 64;
    server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket as Duplex, head));
    server.on('clientError', (_error, socket) => socket.destroy());
    return server;
  }
}
