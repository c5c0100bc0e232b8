// The MAC on every `signal` between host and viewer. Keys come from the link key `k`
// (HKDF-SHA256, one key per direction); the MAC (HMAC-SHA256) covers the direction,
// the host instance (epoch), the viewer id, the sequence number and the payload, so a
// message cannot be moved to another viewer, another direction or another place in
// the stream. @noble/hashes because crypto.subtle is missing on http://LAN-IP pages.
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { authTagSchema, type AuthTag } from '../../signaling/protocol';
import { canonicalJson } from './canonical-json';
import { fromBase64Url, toBase64Url } from './base64url';
import { equalInConstantTime } from './constant-time';

export type Direction = 'host-to-viewer' | 'viewer-to-host';

export interface SignalKeys {
  readonly 'host-to-viewer': Uint8Array;
  readonly 'viewer-to-host': Uint8Array;
}

/** The `auth` member added to a signal's `data` (its schema is the protocol's). */
export type { AuthTag };

export interface ChannelContext {
  readonly epoch: string;
  readonly viewerId: string;
}

const SALT = new TextEncoder().encode('webrtc-desktop-host/signal-auth/1');
const MAC_LABEL = 'wdh-signal/1';

export function deriveSignalKeys(linkKey: string): SignalKeys | null {
  const secret = fromBase64Url(linkKey);
  if (!secret || secret.length < 16) return null;
  const key = (direction: Direction) => hkdf(sha256, secret, SALT, new TextEncoder().encode(direction), 32);
  return { 'host-to-viewer': key('host-to-viewer'), 'viewer-to-host': key('viewer-to-host') };
}

/** The exact bytes the MAC covers (UTF-8 of canonical JSON); null when the payload has no canonical form. */
export function macInput(
  direction: Direction,
  context: ChannelContext,
  seq: number,
  payload: Record<string, unknown>,
): Uint8Array | null {
  const input = canonicalJson([MAC_LABEL, direction, context.epoch, context.viewerId, seq, payload]);
  return input === null ? null : new TextEncoder().encode(input);
}

function macOf(
  keys: SignalKeys,
  direction: Direction,
  context: ChannelContext,
  seq: number,
  payload: Record<string, unknown>,
): string | null {
  const input = macInput(direction, context, seq, payload);
  return input === null ? null : toBase64Url(hmac(sha256, keys[direction], input));
}

/** `payload` with its `auth` member; throws for a payload without canonical form (a bug of ours). */
export function sealPayload(
  keys: SignalKeys,
  direction: Direction,
  context: ChannelContext,
  seq: number,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const { auth: _ignored, ...clean } = payload;
  const m = macOf(keys, direction, context, seq, clean);
  if (m === null) throw new Error('signal data without a canonical JSON form (a number that is not a safe integer?)');
  return { ...clean, auth: { e: context.epoch, n: seq, m } satisfies AuthTag };
}

/** Splits `data` into its payload and tag; the tag is null when absent, 'malformed' when unreadable. */
export function splitTag(data: Record<string, unknown>): {
  payload: Record<string, unknown>;
  tag: AuthTag | null | 'malformed';
} {
  const { auth, ...payload } = data;
  if (auth === undefined) return { payload, tag: null };
  // The schema takes exactly e, n and m: extra members are outside the MAC, so they are refused, not ignored.
  const tag = authTagSchema.safeParse(auth);
  // A payload without canonical JSON form (a fraction, a lone surrogate) cannot have been signed.
  return { payload, tag: tag.success && canonicalJson(payload) !== null ? tag.data : 'malformed' };
}

/** Whether the tag's MAC is right for this payload, direction and viewer (constant time). */
export function macMatches(
  keys: SignalKeys,
  direction: Direction,
  viewerId: string,
  tag: AuthTag,
  payload: Record<string, unknown>,
): boolean {
  const expected = macOf(keys, direction, { epoch: tag.e, viewerId }, tag.n, payload);
  return expected !== null && equalInConstantTime(expected, tag.m);
}
