// One WebSocket client of the signaling server: its role, its limits and how it is told things.
import { WebSocket } from 'ws';
import { FATAL_ERRORS, type FatalErrorCode, type ServerMessage, type ViewerState } from '../protocol';
import { TokenBucket } from './token-bucket';

const SLOW_CONSUMER_GRACE_MS = 2_000;

export type ClientRole = 'pending' | 'host' | 'viewer';
export type Departure = 'left' | 'kicked' | 'denied' | 'timeout';

export interface ClientLimits {
  readonly maxBufferedBytes: number;
  readonly ratePerSecond: number;
  readonly burst: number;
}

export class Client {
  role: ClientRole = 'pending';
  id = '';
  name = '';
  rejoin: string | undefined;
  state: ViewerState = 'waiting';
  lastSeen = performance.now();
  /** Set once the server has decided how this client goes, so the close handler reports it right. */
  departure: Departure | undefined;
  private readonly bucket: TokenBucket;

  constructor(
    readonly socket: WebSocket,
    readonly address: string,
    private readonly limits: ClientLimits,
    /** Called when the server cuts this client off by itself (a reader that stopped reading). */
    private readonly onCutOff: () => void = () => undefined,
  ) {
    this.bucket = new TokenBucket(limits.ratePerSecond, limits.burst);
  }

  get closing(): boolean {
    return this.departure !== undefined || this.socket.readyState !== WebSocket.OPEN;
  }

  /** The host (local, holding the key) is exempt from rate limits. */
  withinRate(): boolean {
    return this.role === 'host' || this.bucket.take();
  }

  send(message: ServerMessage): void {
    this.sendText(JSON.stringify(message));
  }

  /** A ready-made text frame, as a string or as its UTF-8 bytes. */
  sendText(text: string | Buffer): void {
    if (this.closing) return;
    // A reader that stopped reading would otherwise make us queue without bound.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) return this.cutOff();
    this.socket.send(text, { binary: false });
  }

  private cutOff(): void {
    this.fail('slow-consumer', 'you stopped reading messages', 'timeout');
    // A stalled reader never answers the close handshake: free its buffer soon, and
    // let the room report the departure now rather than when TCP gives up.
    setTimeout(() => this.socket.terminate(), SLOW_CONSUMER_GRACE_MS).unref();
    this.onCutOff();
  }

  /** Fatal: `error`, then close with the contract's code. */
  fail(code: FatalErrorCode, message: string, departure: Departure = 'left'): void {
    if (this.closing) return;
    // Written past the buffer cap on purpose: one small frame, so even a cut-off reader learns why.
    this.socket.send(JSON.stringify({ type: 'error', code, message } satisfies ServerMessage));
    this.departure = departure;
    this.socket.close(FATAL_ERRORS[code], code);
  }
}
