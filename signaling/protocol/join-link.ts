// Join links: `http://ADDRESS:PORT/join#t=TOKEN`, to which our host page adds `&k=KEY`.
// Shared by the server (which makes them) and every client (which reads them), so no
// Node imports.
import { err, ok, type Result } from './result';

export const JOIN_PATH = '/join';
export const HOST_PATH = '/host';
export const SIGNAL_PATH = '/signal';

/** base64url of at least 128 bits (22 characters). */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,256}$/;

export function isWellFormedSecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

// Unpadded base64url whose last character leaves the unused bits zero (2 bits after 3 characters,
// 4 after 2).
const CANONICAL_BASE64URL = /^(?:[\w-]{4})*(?:[\w-]{2}[AEIMQUYcgkosw048]|[\w-][AQgw])?$/;

/**
 * A link key `k` (or the host page's `lk`): a well-formed secret that is also canonical unpadded
 * base64url (length not 1 mod 4, unused low bits of the last character zero), so it decodes to
 * 16..192 bytes and one key has one spelling. A damaged `k` is refused, never read as "no key".
 */
export function isWellFormedLinkKey(value: string): boolean {
  return isWellFormedSecret(value) && CANONICAL_BASE64URL.test(value);
}

/** IPv6 literals need brackets inside a URL. */
export function formatUrlHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

export interface JoinTarget {
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** `k`, the host's link key for end-to-end authenticated signaling; absent in links without it. */
  readonly linkKey?: string;
  /** Every fragment field, so later versions (`k=...`) can read what they added. */
  readonly fields: ReadonlyMap<string, string>;
}

export function buildJoinUrl(target: { host: string; port: number; token: string; secure?: boolean }): string {
  const scheme = target.secure ? 'https' : 'http';
  return `${scheme}://${formatUrlHost(target.host)}:${target.port}${JOIN_PATH}#t=${target.token}`;
}

/** The join link with the link key `k` added to its fragment. */
export function withLinkKey(joinUrl: string, linkKey: string): string {
  return `${joinUrl}${joinUrl.includes('#') ? '&' : '#'}k=${linkKey}`;
}

/**
 * The host page's fragment field for a link key made by `npm run serve`
 * (`/host#k=HOSTKEY&lk=LINKKEY`), so the links it prints and the page agree.
 */
export const HOST_PAGE_LINK_KEY_FIELD = 'lk';

export function signalUrlFor(target: { host: string; port: number; secure: boolean }): string {
  return `${target.secure ? 'wss' : 'ws'}://${formatUrlHost(target.host)}:${target.port}${SIGNAL_PATH}`;
}

/** Reads a pasted join link. Errors are plain words for the person who pasted it. */
export function parseJoinLink(text: string): Result<JoinTarget, string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return err('That is not a link. A join link looks like http://192.168.1.20:8787/join#t=…');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err('A join link starts with http:// or https://.');
  }
  if (url.pathname !== JOIN_PATH) return err('This link does not point to a join page (…/join#t=…).');
  const fields = new Map(new URLSearchParams(url.hash.replace(/^#/, '')));
  const token = fields.get('t');
  if (!token) return err('The link is missing its access code (the part after #t=). Copy the whole link again.');
  if (!isWellFormedSecret(token)) return err('The access code in this link is damaged. Copy the whole link again.');
  const linkKey = fields.get('k');
  if (linkKey !== undefined && !isWellFormedLinkKey(linkKey))
    return err('The security key in this link (the part after &k=) is damaged. Copy the whole link again.');
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return ok({ secure, host, port, token, fields, ...(linkKey === undefined ? {} : { linkKey }) });
}
