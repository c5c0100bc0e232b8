// The relay's control socket on the signaling server's port (path /relay): loopback
// only, first message `hello` with the host key, one host page at a time. It only
// pipes text to the relay runner; the relay parses and answers.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRelayClientMessage } from '../protocol';
import { isLoopback, normalizeAddress } from '../network/addresses';
import type { RelayCounts, RelayDiagnostics } from './relay';
import type { RelayRunner } from './relay-runner';

const HELLO_TIMEOUT_MS = 5_000;
const MAX_PAYLOAD_BYTES = 64 * 1024;
const RELAY_CLOSE = { badKey: 4002, replaced: 4006, badMessage: 4400, stopped: 1001 } as const;

export class RelayEndpoint {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private current: WebSocket | null = null;
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly runner: RelayRunner) {}

  start(): Promise<void> {
    return this.runner.started();
  }

  /** Takes an upgrade to /relay; `checkKey` compares with the running session's host key. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, checkKey: (key: string) => boolean): void {
    if (!isLoopback(normalizeAddress(req.socket.remoteAddress))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, checkKey));
  }

  /** Open control sockets (for tests: stop must leave none). */
  get openSockets(): number {
    return this.sockets.size;
  }

  counts(): Promise<RelayCounts> {
    return this.runner.counts();
  }

  diagnostics(): Promise<RelayDiagnostics | null> {
    return this.runner.diagnostics();
  }

  /** Ends the host page's session (hosting stopped); the relay stays ready for the next. */
  async closeSession(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.current = null;
    await this.runner.reset();
  }

  async stop(): Promise<void> {
    await this.closeSession();
    await this.runner.stop();
  }

  private accept(ws: WebSocket, checkKey: (key: string) => boolean): void {
    this.sockets.add(ws);
    let said = false;
    const helloTimer = setTimeout(() => ws.close(RELAY_CLOSE.badMessage, 'hello-timeout'), HELLO_TIMEOUT_MS);
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      const text = data.toString();
      if (said) return this.runner.send(text);
      clearTimeout(helloTimer);
      const hello = isBinary ? null : parseRelayClientMessage(text);
      if (!hello?.ok || hello.value.type !== 'hello') return ws.close(RELAY_CLOSE.badMessage, 'bad-message');
      if (!checkKey(hello.value.key)) return ws.close(RELAY_CLOSE.badKey, 'bad-key');
      said = true;
      this.takeOver(ws);
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      this.sockets.delete(ws);
      if (this.current !== ws) return;
      this.current = null;
      void this.runner.reset(); // the host page went away: nothing left to forward
    });
  }

  /** A newer host page (a reload) replaces the older one's session. */
  private takeOver(ws: WebSocket): void {
    const previous = this.current;
    this.current = ws;
    if (previous) {
      previous.close(RELAY_CLOSE.replaced, 'replaced');
      void this.runner.reset();
    }
    this.runner.open((text) => {
      if (this.current === ws && ws.readyState === ws.OPEN) ws.send(text);
    });
    ws.send(JSON.stringify({ type: 'ready' }));
  }
}
