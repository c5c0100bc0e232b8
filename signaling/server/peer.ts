// One WebSocket participant: its role, its limits and how it is told things.
import { WebSocket } from 'ws';
import { FATAL_ERRORS, type FatalErrorCode, type ServerMessage, type ViewerState } from '../protocol';
import { TokenBucket } from './token-bucket';

export type PeerRole = 'pending' | 'host' | 'viewer';
export type Departure = 'left' | 'kicked' | 'denied' | 'timeout';

export interface PeerLimits {
  readonly maxBufferedBytes: number;
  readonly ratePerSecond: number;
  readonly burst: number;
}

export class Peer {
  role: PeerRole = 'pending';
  id = '';
  name = '';
  state: ViewerState = 'waiting';
  lastSeen = performance.now();
  /** Set once the server has decided how this peer goes, so the close handler reports it right. */
  departure: Departure | undefined;
  private readonly bucket: TokenBucket;

  constructor(
    readonly socket: WebSocket,
    readonly address: string,
    private readonly limits: PeerLimits,
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

  sendText(text: string): void {
    if (this.closing) return;
    // A reader that stopped reading would otherwise make us queue without bound.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.departure = 'timeout';
      this.socket.close(FATAL_ERRORS['slow-consumer'], 'slow-consumer');
      return;
    }
    this.socket.send(text);
  }

  /** Fatal: `error`, then close with the contract's code. */
  fail(code: FatalErrorCode, message: string, departure: Departure = 'left'): void {
    if (this.closing) return;
    this.send({ type: 'error', code, message });
    this.departure = departure;
    this.socket.close(FATAL_ERRORS[code], code);
  }
}
