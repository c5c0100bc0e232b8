// The host page's control socket to the media relay (ws://127.0.0.1:PORT/relay):
// says hello with the host key, then carries typed messages both ways. Every
// frame from the relay is validated; one that fails counts as the relay gone.
import {
  parseRelayServerMessage,
  RELAY_PATH,
  type RelayClientMessage,
  type RelayServerMessage,
} from '../../signaling/protocol';
import { TypedSocket } from '../connection/typed-socket';

export interface RelayControlHandlers {
  onReady(): void;
  onMessage(message: Exclude<RelayServerMessage, { type: 'ready' }>): void;
  /** Closed (not by close()), never opened, or spoke nonsense: the relay cannot be used. */
  onGone(): void;
}

/** ws://HOST:PORT/signal -> ws://HOST:PORT/relay. */
export function relayUrlFor(signalUrl: string): string {
  const url = new URL(signalUrl);
  url.pathname = RELAY_PATH;
  url.search = '';
  return url.toString();
}

export class RelayControlSocket {
  private readonly socket: TypedSocket<RelayServerMessage, RelayClientMessage>;

  constructor(url: string, hostKey: string, handlers: RelayControlHandlers) {
    this.socket = new TypedSocket<RelayServerMessage, RelayClientMessage>(url, parseRelayServerMessage, {
      onOpen: () => this.send({ type: 'hello', key: hostKey }),
      onMessage: (message) => (message.type === 'ready' ? handlers.onReady() : handlers.onMessage(message)),
      onClose: () => handlers.onGone(),
    });
  }

  send(message: RelayClientMessage): void {
    this.socket.send(message);
  }

  /** Silent, like every TypedSocket close by its owner. */
  close(): void {
    this.socket.close();
  }
}
