import { loadIceServersText, parseIceServers, saveIceServersText } from '../../renderer/app/ice-servers';

describe('parseIceServers', () => {
  it('is empty by default: LAN peers need no servers', () => {
    expect(parseIceServers('')).toEqual({ ok: true, value: [] });
    expect(parseIceServers('  \n \n')).toEqual({ ok: true, value: [] });
  });
  it('reads STUN and TURN lines', () => {
    expect(
      parseIceServers('stun:stun.example.org:3478\n  turns:turn.example.org:443?transport=tcp alice s3cret '),
    ).toEqual({
      ok: true,
      value: [
        { urls: 'stun:stun.example.org:3478' },
        { urls: 'turns:turn.example.org:443?transport=tcp', username: 'alice', credential: 's3cret' },
      ],
    });
  });
  it.each([
    ['http://stun.example.org', /starts with stun:/],
    ['turn:turn.example.org:3478', /needs a username and a password/],
    ['turn:turn.example.org:3478 alice', /needs a username and a password/],
    ['stun:stun.example.org alice', /no username/],
    ['turn:t.example.org a b c', /too many words/],
    ['stun:ok.example.org\njavascript:alert(1)', /Line 2/],
  ])('explains %p', (text, words) => {
    const parsed = parseIceServers(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(words);
  });
});

describe('stored ICE servers', () => {
  it('round-trip and survive broken storage', () => {
    const store = new Map<string, string>();
    saveIceServersText('stun:a.example:3478', { setItem: (k, v) => void store.set(k, v) });
    expect(loadIceServersText({ getItem: (k) => store.get(k) ?? null })).toBe('stun:a.example:3478');
    expect(
      loadIceServersText({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('');
  });
});
