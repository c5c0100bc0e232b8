// One WebSocket to the signaling server, as the host page or a viewer: typed
// messages both ways (protocol.md), every incoming frame validated before anyone sees it.
import { parseServerMessage, type ClientMessage, type ServerMessage } from '../../signaling/protocol';
import { TypedSocket, type TypedSocketHandlers } from './typed-socket';

export type ConnectionHandlers = TypedSocketHandlers<ServerMessage>;

export class SignalingConnection extends TypedSocket<ServerMessage, ClientMessage> {
  constructor(url: string, handlers: ConnectionHandlers) {
    super(url, parseServerMessage, handlers);
  }
}
