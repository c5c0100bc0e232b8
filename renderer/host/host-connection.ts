// The host page's signaling connection for one hosting session: says hello with the
// host key, and when the socket drops makes it again with backoff, except after a
// refusal that retrying cannot fix (wrong key, a second host page, a message refused).
import { FATAL_ERRORS, type ClientMessage, type ServerMessage } from '../../signaling/protocol';
import { Backoff } from '../connection/backoff';
import { SignalingConnection } from '../connection/signaling-connection';
import type { HostingEndpoint } from '../platform/platform';

/** Closes that will not get better by retrying. */
const FINAL_CLOSES: readonly number[] = [
  FATAL_ERRORS['bad-key'],
  FATAL_ERRORS['host-taken'],
  FATAL_ERRORS['bad-message'],
];

export interface HostConnectionHandlers {
  onMessage(message: ServerMessage): void;
  /** The socket dropped; a new one is on its way. */
  onReconnecting(): void;
  /** Refused for good: hosting cannot go on. */
  onRefused(code: number): void;
}

export class HostConnection {
  private socket: SignalingConnection | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff = new Backoff([250, 500, 1_000, 2_000, 4_000]);
  private closed = false;

  constructor(
    private readonly endpoint: HostingEndpoint,
    private readonly handlers: HostConnectionHandlers,
  ) {
    this.open();
  }

  send(message: ClientMessage): void {
    this.socket?.send(message);
  }

  /** The server took the hello: the next drop starts the backoff from the beginning. */
  welcomed(): void {
    this.backoff.reset();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private open(): void {
    if (this.closed) return;
    const { signalUrl, hostKey } = this.endpoint;
    this.socket = new SignalingConnection(signalUrl, {
      onOpen: () => this.send({ type: 'hello', role: 'host', key: hostKey, protocol: 1 }),
      onMessage: (message) => this.handlers.onMessage(message),
      onClose: (code) => this.lost(code),
    });
  }

  private lost(code: number): void {
    this.socket = null;
    if (this.closed) return;
    if (FINAL_CLOSES.includes(code)) return this.handlers.onRefused(code);
    this.handlers.onReconnecting();
    this.timer = setTimeout(() => this.open(), this.backoff.next());
  }
}
