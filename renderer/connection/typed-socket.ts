// One WebSocket that speaks typed messages: every incoming text frame is parsed
// (untrusted) before a handler sees it, and outgoing messages are JSON. Shared by the
// signaling connection and the relay control socket, so both close the same way:
// - close() by the owner is silent: the owner knows, no onClose follows.
// - a close the socket did not ask for (the far end, the network, or a frame that
//   fails to parse, after which nothing else from that end is trusted) fires onClose
//   exactly once, with the WebSocket close code.
import type { Result } from '../../signaling/protocol';

export interface TypedSocketHandlers<In> {
  onOpen(): void;
  onMessage(message: In): void;
  /** `code` is the WebSocket close code: 4xxx are the protocol's, 1006 an unreachable or lost server. */
  onClose(code: number, reason: string): void;
}

export type FrameParser<In> = (text: string) => Result<In, unknown>;

/** The close code sent when a frame fails to parse: a normal close, the reason says why. */
export const BAD_FRAME_CLOSE = 1000;

export class TypedSocket<In, Out> {
  private readonly socket: WebSocket;
  /** Set once onClose has fired or the owner closed: nothing more is reported. */
  private finished = false;
  /** Set after a frame failed to parse: frames still in flight from that end are not looked at. */
  private distrusted = false;

  constructor(url: string, parse: FrameParser<In>, handlers: TypedSocketHandlers<In>) {
    this.socket = new WebSocket(url);
    this.socket.onopen = () => handlers.onOpen();
    this.socket.onmessage = (event: MessageEvent) => {
      if (this.finished || this.distrusted || typeof event.data !== 'string') return;
      const parsed = parse(event.data);
      // A far end we do not understand is not trusted with anything else either.
      if (!parsed.ok) {
        this.distrusted = true;
        return this.socket.close(BAD_FRAME_CLOSE, 'bad frame');
      }
      handlers.onMessage(parsed.value);
    };
    // Every error is followed by a close, which carries what we need to know.
    this.socket.onerror = () => undefined;
    this.socket.onclose = (event: CloseEvent) => {
      if (this.finished) return;
      this.finished = true;
      handlers.onClose(event.code, event.reason);
    };
  }

  send(message: Out): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Closes without telling the handlers (see the top of this file). */
  close(): void {
    this.finished = true;
    this.socket.close(1000);
  }
}
