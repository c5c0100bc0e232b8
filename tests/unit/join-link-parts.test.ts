import { parseJoinLink } from '../../signaling/protocol';
import { linkFromParts } from '../../renderer/views/join-link-parts';

const CODE = 'azWVke-KXypURa0sPTERsCWg5dixa8Eu8fK15JVpUyo';

describe('linkFromParts', () => {
  it('builds the join link a host would share', () => {
    expect(linkFromParts(' 192.168.1.20 ', '9470', ` ${CODE} `)).toEqual({
      ok: true,
      value: `http://192.168.1.20:9470/join#t=${CODE}`,
    });
  });
  it('keeps the link key when the code is copied with it (everything after “#t=”)', () => {
    const link = linkFromParts('192.168.1.20', '9470', `${CODE}&k=BBBBBBBBBBBBBBBBBBBBBA`);
    expect(link.ok && parseJoinLink(link.value)).toMatchObject({
      ok: true,
      value: { token: CODE, linkKey: 'BBBBBBBBBBBBBBBBBBBBBA' },
    });
    expect(linkFromParts('192.168.1.20', '9470', `${CODE}&k=bad`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/&k=/),
    });
  });
  it('brackets an IPv6 address, with or without the user’s brackets', () => {
    for (const address of ['fd00::2', '[fd00::2]']) {
      const link = linkFromParts(address, '9470', CODE);
      expect(link.ok && parseJoinLink(link.value)).toMatchObject({
        ok: true,
        value: { host: 'fd00::2', port: 9470, token: CODE },
      });
    }
  });
  it.each([
    ['', '9470', CODE, /address/],
    ['192.168.1.20/join', '9470', CODE, /characters/],
    ['192.168.1.20', '', CODE, /port/],
    ['192.168.1.20', '70000', CODE, /port/],
    ['192.168.1.20', '0', CODE, /port/],
    ['192.168.1.20', '9470', 'short', /access code/],
  ])('explains %p %p %p', (address, port, code, words) => {
    const link = linkFromParts(address, port, code);
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.error).toMatch(words);
  });
});
