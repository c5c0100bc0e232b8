// The id of one host peer connection (the wire's `link` field in signal data): a viewer tells a new
// connection's offer from a renegotiation by it, and the relay keys its viewer connections by it.
import { randomHex } from '../security/base64url';

/** 64 random bits, 16 hex characters (protocol.md, "Additions": `link`). */
export function newConnectionId(): string {
  return randomHex(8);
}
