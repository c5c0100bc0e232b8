// The link key in join links, and how the host page keeps it for its hosting session.
import { hostingSecurityFor, keepHostingSecurity } from '../../renderer/security/link-key';
import { createBrowserPlatform } from '../../renderer/platform/browser-platform';
import { parseJoinLink, withLinkKey } from '../../signaling/protocol';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const HOST_KEY = 'h'.repeat(43);

describe('join links with a link key', () => {
  it('adds k to the fragment, and the link reader gives it back', () => {
    const link = withLinkKey('http://192.168.1.20:9470/join#t=AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBA');
    expect(link).toBe('http://192.168.1.20:9470/join#t=AAAAAAAAAAAAAAAAAAAAAA&k=BBBBBBBBBBBBBBBBBBBBBA');
    const parsed = parseJoinLink(link);
    expect(parsed.ok && parsed.value.linkKey).toBe('BBBBBBBBBBBBBBBBBBBBBA');
  });

  it('reads a link without k as one without a link key', () => {
    const parsed = parseJoinLink('http://192.168.1.20:9470/join#t=AAAAAAAAAAAAAAAAAAAAAA');
    expect(parsed.ok && parsed.value.linkKey).toBeUndefined();
  });

  it('refuses a damaged k with plain words', () => {
    const parsed = parseJoinLink('http://192.168.1.20:9470/join#t=AAAAAAAAAAAAAAAAAAAAAA&k=short');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/security key .* damaged/);
  });
});

describe('hostingSecurityFor', () => {
  it('starts a new session with a new key and only verified viewers', () => {
    const storage = new MemoryStorage();
    const first = hostingSecurityFor(HOST_KEY, storage);
    expect(first.onlyVerified).toBe(true);
    expect(first.linkKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives a reloaded host page (same host key) the same key and setting', () => {
    const storage = new MemoryStorage();
    const first = hostingSecurityFor(HOST_KEY, storage);
    keepHostingSecurity(HOST_KEY, { ...first, onlyVerified: false }, storage);
    expect(hostingSecurityFor(HOST_KEY, storage)).toEqual({ linkKey: first.linkKey, onlyVerified: false });
    expect([...storage.items.values()].join()).not.toContain(HOST_KEY); // the host key itself is not stored
  });

  it('gives a new hosting session (another host key) a fresh key, verified only', () => {
    const storage = new MemoryStorage();
    const first = hostingSecurityFor(HOST_KEY, storage);
    keepHostingSecurity(HOST_KEY, { ...first, onlyVerified: false }, storage);
    const next = hostingSecurityFor('g'.repeat(43), storage);
    expect(next.linkKey).not.toBe(first.linkKey);
    expect(next.onlyVerified).toBe(true);
  });

  it('uses the key `npm run serve` put in the host page’s link, keeping the kept setting', () => {
    const storage = new MemoryStorage();
    const first = hostingSecurityFor(HOST_KEY, storage);
    keepHostingSecurity(HOST_KEY, { ...first, onlyVerified: false }, storage);
    expect(hostingSecurityFor(HOST_KEY, storage, 'CCCCCCCCCCCCCCCCCCCCCA')).toEqual({
      linkKey: 'CCCCCCCCCCCCCCCCCCCCCA',
      onlyVerified: false,
    });
  });

  it('starts fresh when the kept entry is damaged or storage is unavailable', () => {
    const storage = new MemoryStorage();
    storage.setItem('hostingLinkKey', '{not json');
    expect(hostingSecurityFor(HOST_KEY, storage).onlyVerified).toBe(true);
    expect(hostingSecurityFor(HOST_KEY, undefined).linkKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('the headless host page', () => {
  const location = (hash: string) => ({ hash, port: '9470', protocol: 'http:', hostname: '127.0.0.1' }) as Location;

  it('takes the link key `npm run serve` put in its link (lk), next to the host key', async () => {
    const started = await createBrowserPlatform(location(`#k=${HOST_KEY}&lk=CCCCCCCCCCCCCCCCCCCCCA`)).startHosting();
    expect(started.ok && started.value).toMatchObject({ hostKey: HOST_KEY, linkKey: 'CCCCCCCCCCCCCCCCCCCCCA' });
  });

  it('makes its own when the link has none or a damaged one', async () => {
    for (const hash of [`#k=${HOST_KEY}`, `#k=${HOST_KEY}&lk=short`]) {
      const started = await createBrowserPlatform(location(hash)).startHosting();
      expect(started.ok && started.value.linkKey).toBeUndefined();
    }
  });
});
