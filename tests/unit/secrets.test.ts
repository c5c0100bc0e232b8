import { isWellFormedSecret } from '../../signaling/protocol';
import { createSecret, secretsEqual } from '../../signaling/server/secrets';

describe('createSecret', () => {
  it('makes base64url secrets of 256 bits', () => {
    const secret = createSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(isWellFormedSecret(secret)).toBe(true);
  });
  it('never repeats across many draws', () => {
    const seen = new Set(Array.from({ length: 2000 }, createSecret));
    expect(seen.size).toBe(2000);
  });
});

describe('secretsEqual', () => {
  it('matches only the identical string', () => {
    const secret = createSecret();
    expect(secretsEqual(secret, secret)).toBe(true);
    expect(secretsEqual(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), secret)).toBe(false);
    expect(secretsEqual('', secret)).toBe(false);
    expect(secretsEqual(secret + 'x', secret)).toBe(false);
  });
  it('handles strings of any length without throwing (timingSafeEqual needs equal lengths)', () => {
    expect(secretsEqual('x'.repeat(10_000), 'y')).toBe(false);
  });
});
