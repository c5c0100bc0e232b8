// Properties of signal authentication: any single-bit change, any reordering and any
// replay of signed messages is refused.
import fc from 'fast-check';
import { canonicalJson } from '../../renderer/security/canonical-json';
import { HostSignalAuth } from '../../renderer/security/host-signal-auth';
import { keys, viewerAs } from '../support/signal-auth-fixtures';

/** Any value signed data may hold: JSON with safe integers only (no fractions, no exponents). */
const { value: signableValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 2 },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
  ),
}));

const payloadArb = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== 'auth' && key !== '__proto__'),
  signableValue,
  { maxKeys: 4 },
);

/**
 * Flips one bit of the UTF-8 text; null when the result is not a JSON object, or when
 * it is the same value spelled differently ("1e5" -> "1E5", a last digit beyond a
 * double's precision): the relay may re-serialise, so the MAC covers the value, and
 * such a flip changes no message.
 */
function flipBit(text: string, bit: number): Record<string, unknown> | null {
  const bytes = new TextEncoder().encode(text);
  const index = bit % (bytes.length * 8);
  bytes[index >> 3]! ^= 1 << (index & 7);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return canonicalJson(value) === canonicalJson(JSON.parse(text)) ? null : (value as Record<string, unknown>);
}

describe('signal authentication', () => {
  it('any single-bit change to a host message is refused by the viewer', () => {
    fc.assert(
      fc.property(payloadArb, fc.nat(), (payload, bit) => {
        const sealed = new HostSignalAuth(keys()).seal('v1-abc', payload);
        const changed = flipBit(JSON.stringify(sealed), bit);
        fc.pre(changed !== null);
        expect(viewerAs('v1-abc').open(changed!).kind).toBe('refused');
      }),
      { numRuns: 1_000 },
    );
  });

  it('any single-bit change to a viewer message is never taken as authentic by the host', () => {
    fc.assert(
      fc.property(payloadArb, fc.nat(), (payload, bit) => {
        const host = new HostSignalAuth(keys());
        const viewer = viewerAs('v1-abc');
        viewer.open(host.seal('v1-abc', {}));
        const changed = flipBit(JSON.stringify(viewer.seal(payload)), bit);
        fc.pre(changed !== null);
        expect(host.open('v1-abc', changed!).kind).not.toBe('authentic');
      }),
      { numRuns: 1_000 },
    );
  });

  it('messages delivered out of order: only an increasing run is taken, and a reordering always costs a refusal', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 8 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })),
          ),
        ([n, order]) => {
          const host = new HostSignalAuth(keys());
          const sent = Array.from({ length: n }, (_, i) => host.seal('v1-abc', { candidate: { candidate: `c${i}` } }));
          const viewer = viewerAs('v1-abc');
          const taken = order.filter((i) => viewer.open(sent[i]!).kind === 'authentic');
          for (let i = 1; i < taken.length; i++) expect(taken[i]!).toBeGreaterThan(taken[i - 1]!);
          const inOrder = order.every((value, i) => value === i);
          expect(taken.length === n).toBe(inOrder);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('a replay of any message already delivered is refused, in both directions', () => {
    fc.assert(
      fc.property(fc.array(payloadArb, { minLength: 1, maxLength: 6 }), fc.nat(), (payloads, pick) => {
        const host = new HostSignalAuth(keys());
        const viewer = viewerAs('v1-abc');
        const down = payloads.map((p) => host.seal('v1-abc', p));
        for (const message of down) expect(viewer.open(message).kind).toBe('authentic');
        expect(viewer.open(down[pick % down.length]!)).toEqual({ kind: 'refused', reason: 'replayed' });
        const up = payloads.map((p) => viewer.seal(p)!);
        for (const message of up) expect(host.open('v1-abc', message).kind).toBe('authentic');
        expect(host.open('v1-abc', up[pick % up.length]!)).toEqual({ kind: 'refused', reason: 'replayed' });
      }),
      { numRuns: 300 },
    );
  });
});
