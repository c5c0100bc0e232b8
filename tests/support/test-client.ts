// A real `ws` client for integration tests: queued messages, awaited closes.
import WebSocket from 'ws';
import { parseServerMessage, type ServerMessage } from '../../signaling/protocol';

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

export class TestClient {
  private readonly inbox: ServerMessage[] = [];
  private readonly waiters: Array<(message: ServerMessage) => void> = [];
  readonly closed: Promise<Closed>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = parseServerMessage(data.toString());
      if (!parsed.ok) throw new Error(`server sent an invalid frame: ${parsed.error.message}: ${data.toString()}`);
      const waiter = this.waiters.shift();
      if (waiter) waiter(parsed.value);
      else this.inbox.push(parsed.value);
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message, in order; rejects after `timeoutMs`. */
  next(timeoutMs = 2_000): Promise<ServerMessage> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no message within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (message: ServerMessage) => {
        clearTimeout(timer);
        resolve(message);
      };
      this.waiters.push(waiter);
    });
  }

  /** Skips messages until one of `type` arrives. */
  async nextOfType<T extends ServerMessage['type']>(
    type: T,
    timeoutMs = 2_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.next(Math.max(1, deadline - Date.now()));
      if (message.type === type) return message as Extract<ServerMessage, { type: T }>;
    }
  }

  /** Messages received and not yet read. */
  pending(): readonly ServerMessage[] {
    return this.inbox;
  }

  close(): void {
    this.socket.close();
  }
}
