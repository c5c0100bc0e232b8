// One WebSocket to the signaling server, as the host page or a viewer: typed
// messages both ways, every incoming frame validated before anyone sees it.
import { parseServerMessage, type ClientMessage, type ServerMessage } from '../../signaling/protocol';

export interface ConnectionHandlers {
  onOpen(): void;
  onMessage(message: ServerMessage): void;
  /** `code` is the WebSocket close code: 4xxx are the protocol's, 1006 an unreachable or lost server. */
  onClose(code: number, reason: string): void;
}

export class SignalingConnection {
  private readonly socket: WebSocket;
  private closed = false;

  constructor(url: string, handlers: ConnectionHandlers) {
    this.socket = new WebSocket(url);
    this.socket.onopen = () => handlers.onOpen();
    this.socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseServerMessage(event.data);
      // A server we do not understand is not trusted with anything else either.
      if (!parsed.ok) return this.close();
      handlers.onMessage(parsed.value);
    };
    // Every error is followed by a close, which carries what we need to know.
    this.socket.onerror = () => undefined;
    this.socket.onclose = (event: CloseEvent) => {
      if (this.closed) return;
      this.closed = true;
      handlers.onClose(event.code, event.reason);
    };
  }

  send(message: ClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.socket.close(1000);
  }
}
