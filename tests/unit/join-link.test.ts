import { buildJoinUrl, formatUrlHost, isWellFormedSecret, parseJoinLink, signalUrlFor } from '../../signaling/protocol';

const TOKEN = 'abcDEF123_-abcDEF123_-xyz';

describe('buildJoinUrl', () => {
  it('puts the token in the fragment, never in the path or query', () => {
    expect(buildJoinUrl({ host: '192.168.1.20', port: 9470, token: TOKEN })).toBe(
      `http://192.168.1.20:9470/join#t=${TOKEN}`,
    );
  });
  it('brackets IPv6 literals', () => {
    expect(buildJoinUrl({ host: 'fd00::2', port: 80, token: TOKEN, secure: true })).toBe(
      `https://[fd00::2]:80/join#t=${TOKEN}`,
    );
  });
});

describe('parseJoinLink', () => {
  it('round-trips a link built by buildJoinUrl', () => {
    const parsed = parseJoinLink(buildJoinUrl({ host: 'fd00::2', port: 9470, token: TOKEN }));
    expect(parsed.ok && { ...parsed.value, fields: undefined }).toEqual({
      secure: false,
      host: 'fd00::2',
      port: 9470,
      token: TOKEN,
      fields: undefined,
    });
  });

  it('ignores fragment fields it does not know, and keeps them readable', () => {
    const parsed = parseJoinLink(`http://10.0.0.5:9470/join#t=${TOKEN}&k=secondSecret_22charsXA&future=1`);
    expect(parsed.ok && parsed.value.token).toBe(TOKEN);
    expect(parsed.ok && parsed.value.fields.get('future')).toBe('1');
    expect(parsed.ok && parsed.value.fields.get('k')).toBe('secondSecret_22charsXA');
  });

  it('tolerates surrounding whitespace from a paste', () => {
    expect(parseJoinLink(`  http://10.0.0.5:9470/join#t=${TOKEN}\n`).ok).toBe(true);
  });

  it('uses the scheme default port when none is given', () => {
    const parsed = parseJoinLink(`https://host.example/join#t=${TOKEN}`);
    expect(parsed.ok && parsed.value.port).toBe(443);
  });

  it.each([
    ['plain words', 'let me in', /not a link/],
    ['another scheme', `ftp://10.0.0.5/join#t=${TOKEN}`, /http/],
    ['javascript URL', 'javascript:alert(1)', /http/],
    ['wrong path', `http://10.0.0.5:9470/host#t=${TOKEN}`, /join page/],
    ['no token', 'http://10.0.0.5:9470/join', /access code/],
    ['empty token', 'http://10.0.0.5:9470/join#t=', /access code/],
    ['truncated token', 'http://10.0.0.5:9470/join#t=abc', /damaged/],
    ['token with illegal characters', `http://10.0.0.5:9470/join#t=${TOKEN}%3Cscript%3E`, /damaged/],
  ])('explains a link with %s in plain words', (_label, text, message) => {
    const parsed = parseJoinLink(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('helpers', () => {
  it('accepts base64url secrets of at least 128 bits only', () => {
    expect(isWellFormedSecret('A'.repeat(22))).toBe(true);
    expect(isWellFormedSecret('A'.repeat(21))).toBe(false);
    expect(isWellFormedSecret('A'.repeat(21) + '+')).toBe(false);
  });
  it('builds the signaling URL for a target', () => {
    expect(signalUrlFor({ host: '::1', port: 1, secure: false })).toBe('ws://[::1]:1/signal');
    expect(formatUrlHost('10.0.0.1')).toBe('10.0.0.1');
  });
});
