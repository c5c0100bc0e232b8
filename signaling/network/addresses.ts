// IP address helpers shared by the signaling server and the media relay: one spelling of
// an address whichever stack accepted it, and which addresses are loopback or wildcard.
import { isIP } from 'node:net';

/** `::ffff:10.0.0.2` -> `10.0.0.2`, so addresses read the same whichever stack accepted them. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

export function isLoopback(address: string): boolean {
  const plain = normalizeAddress(address);
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** True for the "any address" forms, and for no address at all (Node's default). */
export function isWildcard(bind: string | undefined): boolean {
  return bind === undefined || bind === '' || bind === '0.0.0.0' || bind === '::';
}
