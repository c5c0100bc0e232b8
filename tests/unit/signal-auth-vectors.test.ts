// The published test vectors of authenticated signaling (docs/signal-auth-vectors.json, quoted in
// docs/protocol.md "Link key"), checked against the implementation, so a client in another
// language can test itself against the same file (issue 14 item 13).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../renderer/security/canonical-json';
import { rejoinHandle, rejoinProof } from '../../renderer/security/rejoin-proof';
import {
  deriveSignalKeys,
  macInput,
  macMatches,
  sealPayload,
  splitTag,
  type Direction,
} from '../../renderer/security/signal-mac';
import { isWellFormedLinkKey, parseJoinLink } from '../../signaling/protocol';

interface SignalVector {
  direction: Direction;
  e: string;
  viewerId: string;
  n: number;
  payload: Record<string, unknown>;
  canonical: string;
  canonicalUtf8Hex: string;
  data: Record<string, unknown>;
}
interface Vectors {
  linkKey: { k: string; ikmHex: string; keysHex: Record<Direction, string> };
  signals: SignalVector[];
  canonical: Array<{ json: string; canonical: string }>;
  noCanonicalForm: string[];
  refused: Array<{ why: string; reason: 'malformed'; data: Record<string, unknown> }>;
  badLinkKeys: string[];
  rejoin: { ticket: string; viewerId: string; handle: string; proof: string };
}

const vectors = JSON.parse(readFileSync(join(__dirname, '../../docs/signal-auth-vectors.json'), 'utf8')) as Vectors;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const keys = deriveSignalKeys(vectors.linkKey.k)!;

it('derives the published keys from k', () => {
  expect(Buffer.from(vectors.linkKey.k, 'base64url').toString('hex')).toBe(vectors.linkKey.ikmHex);
  expect(hex(keys['host-to-viewer'])).toBe(vectors.linkKey.keysHex['host-to-viewer']);
  expect(hex(keys['viewer-to-host'])).toBe(vectors.linkKey.keysHex['viewer-to-host']);
});

describe.each(vectors.signals.map((v) => [`${v.direction} n=${v.n}`, v] as const))('signal %s', (_name, vector) => {
  const context = { epoch: vector.e, viewerId: vector.viewerId };

  it('has the published canonical bytes', () => {
    const input = macInput(vector.direction, context, vector.n, vector.payload)!;
    expect(new TextDecoder().decode(input)).toBe(vector.canonical);
    expect(hex(input)).toBe(vector.canonicalUtf8Hex);
  });

  it('seals to the published data, which verifies, also re-serialised', () => {
    expect(sealPayload(keys, vector.direction, context, vector.n, vector.payload)).toEqual(vector.data);
    // Another spelling of the same value: spaces, other key order, escaped characters.
    const respelled = JSON.stringify(vector.data, null, 1).replace(
      /[a-z]/,
      (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
    );
    const { payload, tag } = splitTag(JSON.parse(respelled) as Record<string, unknown>);
    if (tag === null || tag === 'malformed') throw new Error('the vector has no readable auth');
    expect(macMatches(keys, vector.direction, vector.viewerId, tag, payload)).toBe(true);
    expect(macMatches(keys, vector.direction, `${vector.viewerId}x`, tag, payload)).toBe(false);
  });
});

it.each(vectors.canonical.map((v) => [v.json, v.canonical]))('spells %s canonically as %s', (json, canonical) =>
  expect(canonicalJson(JSON.parse(json))).toBe(canonical),
);

it.each(vectors.noCanonicalForm)('gives %s no canonical form, so a message holding it is malformed', (json) => {
  expect(canonicalJson(JSON.parse(json))).toBeNull();
  const data = { ...(JSON.parse(json) as Record<string, unknown>), auth: vectors.signals[0]!.data.auth };
  expect(splitTag(data).tag).toBe('malformed');
});

it.each(vectors.refused.map((v) => [v.why, v] as const))('refuses %s', (_why, vector) =>
  expect(splitTag(vector.data).tag).toBe(vector.reason),
);

it.each(vectors.badLinkKeys)('refuses the link key %s', (k) => {
  expect(isWellFormedLinkKey(k)).toBe(false);
  expect(deriveSignalKeys(k)).toBeNull();
  // A damaged key refuses the link; it is never read as a link without a key (unverified).
  expect(parseJoinLink(`http://192.0.2.1:9470/join#t=${'A'.repeat(43)}&k=${k}`).ok).toBe(false);
});

it('has the published rejoin handle and proof', () => {
  const { ticket, viewerId, handle, proof } = vectors.rejoin;
  expect(rejoinHandle(ticket)).toBe(handle);
  expect(rejoinProof(ticket, viewerId)).toBe(proof);
});
