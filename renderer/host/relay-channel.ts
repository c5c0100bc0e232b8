// The host page's control socket to the media relay (ws://127.0.0.1:PORT/relay):
// says hello with the host key, then carries typed messages both ways. Every
// frame from the relay is validated.
import {
  parseRelayServerMessage,
  RELAY_PATH,
  type RelayClientMessage,
  type RelayServerMessage,
} from '../../signaling/protocol';

export interface RelayChannelHandlers {
  onReady(): void;
  onMessage(message: RelayServerMessage): void;
  /** Closed or never opened: the relay cannot be used. */
  onGone(): void;
}

/** ws://HOST:PORT/signal -> ws://HOST:PORT/relay. */
export function relayUrlFor(signalUrl: string): string {
  const url = new URL(signalUrl);
  url.pathname = RELAY_PATH;
  url.search = '';
  return url.toString();
}

export class RelayChannel {
  private readonly socket: WebSocket;
  private gone = false;

  constructor(url: string, hostKey: string, handlers: RelayChannelHandlers) {
    this.socket = new WebSocket(url);
    this.socket.onopen = () => this.send({ type: 'hello', key: hostKey });
    this.socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseRelayServerMessage(event.data);
      if (!parsed.ok) return this.close();
      if (parsed.value.type === 'ready') handlers.onReady();
      else handlers.onMessage(parsed.value);
    };
    this.socket.onerror = () => undefined; // the close that follows says enough
    this.socket.onclose = () => {
      if (this.gone) return;
      this.gone = true;
      handlers.onGone();
    };
  }

  send(message: RelayClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.gone = true;
    this.socket.close(1000);
  }
}
