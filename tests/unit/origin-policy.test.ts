import { isOriginAllowed } from '../../signaling/server/origin-policy';

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
