import { isHostHeaderAllowed, isOriginAllowed } from '../../signaling/server/origin-policy';

describe('isOriginAllowed (WebSocket upgrades)', () => {
  it.each([
    [undefined, '127.0.0.1:9470', 'a native client sends no Origin'],
    ['http://127.0.0.1:9470', '127.0.0.1:9470', 'the host page served by this server'],
    ['http://192.168.1.20:9470', '192.168.1.20:9470', 'a viewer page served by this server'],
    ['HTTP://LAPTOP.LOCAL:9470', 'laptop.local:9470', 'case does not matter'],
    ['app://desktop', '192.168.1.20:9470', 'the desktop app’s Join view'],
  ] as Array<[string | undefined, string, string]>)('allows %p for Host %p (%s)', (origin, host) => {
    expect(isOriginAllowed(origin, host)).toBe(true);
  });

  it.each([
    ['https://evil.example', '127.0.0.1:9470', 'another site in the host’s browser'],
    ['http://127.0.0.1:8080', '127.0.0.1:9470', 'another local port'],
    ['null', '127.0.0.1:9470', 'a sandboxed or file page'],
    ['app://desktop.evil', '127.0.0.1:9470', 'a look-alike app origin'],
    ['chrome-extension://abc', '127.0.0.1:9470', 'an extension'],
    ['http://127.0.0.1:9470', undefined, 'no Host header to compare with'],
  ] as Array<[string, string | undefined, string]>)('refuses %p for Host %p (%s)', (origin, host) => {
    expect(isOriginAllowed(origin, host)).toBe(false);
  });
});

describe('isHostHeaderAllowed (DNS rebinding: the names the server answers to)', () => {
  const machine = ['laptop', 'laptop.local'];

  it.each([
    [undefined, 'no Host header: not a browser'],
    ['127.0.0.1:9470', 'loopback IPv4'],
    ['192.168.1.20:9470', 'a LAN address (what join links carry)'],
    ['[::1]:9470', 'loopback IPv6'],
    ['[fe80::1c2b:3aff:fe4d:5e6f]:9470', 'a link-local IPv6 address'],
    ['localhost:9470', 'localhost'],
    ['LAPTOP.local:9470', 'this machine’s mDNS name, any case'],
    ['laptop.:9470', 'a fully qualified name with its trailing dot'],
    ['192.168.1.20', 'no port'],
  ] as Array<[string | undefined, string]>)('answers to Host %p (%s)', (host) => {
    expect(isHostHeaderAllowed(host, machine)).toBe(true);
  });

  it.each([
    ['evil.example:9470', 'a foreign name resolving to us (rebinding)'],
    ['127.0.0.1.evil.example:9470', 'a name that only starts like an address'],
    ['laptop.evil.example:9470', 'a name that only starts like ours'],
    ['', 'an empty Host'],
    ['user@127.0.0.1:9470', 'userinfo smuggled into Host'],
    ['127.0.0.1:9470/x', 'a path in Host'],
    ['[::1', 'an unclosed IPv6 bracket'],
    ['127.0.0.1:123456', 'a port of six digits'],
  ] as Array<[string, string]>)('refuses Host %p (%s)', (host) => {
    expect(isHostHeaderAllowed(host, machine)).toBe(false);
  });
});
