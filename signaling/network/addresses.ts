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

/**
 * The address as the host's own page connects from it: 127.0.0.1 or ::1 (Linux, macOS and Windows pick 127.0.0.1 as
 * the source for any 127/8 destination). Other loopback addresses are only other local processes; per-address
 * quotas treat them like any other machine.
 */
export function isHostAddress(address: string): boolean {
  const plain = normalizeAddress(address);
  return plain === '127.0.0.1' || plain === '::1';
}

/**
 * What per-address quotas count by. IPv4: the address. IPv6: its /64, since one machine (or one home) is given a
 * whole /64 and can pick any address in it; link-local addresses (fe80::/10, all one /64) stay whole.
 */
export function addressGroup(address: string): string {
  const plain = normalizeAddress(address);
  if (isIP(plain) !== 6) return plain;
  const groups = ipv6Groups(plain);
  if (!groups || plain === '::1' || /^fe[89ab]/i.test(groups[0]!.padStart(4, '0'))) return plain;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] | null {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  const front = split(head);
  const back = tail === undefined ? [] : split(tail);
  const last = tail === undefined ? front : back;
  const dotted = last.at(-1);
  if (dotted?.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    last.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const zeros = tail === undefined ? 0 : 8 - front.length - back.length;
  const groups = [...front, ...Array<string>(Math.max(0, zeros)).fill('0'), ...back];
  return groups.length === 8 ? groups.map((group) => parseInt(group, 16).toString(16)) : null;
}
