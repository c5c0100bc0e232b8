// Which web pages may open a signaling WebSocket. Browsers send WebSockets
// cross-origin, so without this any site the host visits could open sockets to its
// server on 127.0.0.1 and fill the per-address slots the host page needs to reconnect.
// Allowed: no Origin (native clients), the server's own origin (its pages), and the
// desktop app's pages (app://desktop, which must reach hosts anywhere on the LAN).
// And under which names the server answers at all (DNS rebinding, below).
import { isIP } from 'node:net';
import { APP_ORIGIN } from '../protocol';

/** The desktop app's page origin (signaling/protocol/app-constants.ts, shared with main). */
const DESKTOP_APP_ORIGIN = APP_ORIGIN;

export function isOriginAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (origin === DESKTOP_APP_ORIGIN) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return host !== undefined && parsed.host.toLowerCase() === host.toLowerCase();
}

/**
 * DNS rebinding: a hostile name that resolves to this machine makes a foreign page
 * same-origin with us (its Origin and Host agree). Browsers send the URL's host as
 * Host, so a page reaches us under a name only through DNS: we answer to IP literals,
 * localhost and this machine's own names, nothing else. No Host header: not a browser.
 */
export function isHostHeaderAllowed(host: string | undefined, machineNames: readonly string[]): boolean {
  // machineNames: already in normaliseHostName's form (the server does that once).
  if (host === undefined) return true;
  const name = hostNameOf(host);
  if (name === null) return false;
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return machineNames.includes(name);
}

/** A host name as compared: lower case, without a trailing dot. */
export function normaliseHostName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * "Name:port", "[v6]:port" or a bare name -> the lower-case name without brackets or a trailing dot; null when
 * malformed.
 */
function hostNameOf(host: string): string | null {
  if (!/^[a-z0-9.\-_:[\]]+$/i.test(host)) return null;
  const match = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i.exec(host) ?? /^([^:[\]]+)(?::\d{1,5})?$/.exec(host);
  return match ? normaliseHostName(match[1]!) : null;
}
