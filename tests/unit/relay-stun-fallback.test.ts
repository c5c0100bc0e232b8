// The relay's werift ICE uses no STUN server unless one was configured: werift's own
// fallback is Google's public server (the network lab proves no packet leaves for it).
import { Connection } from 'werift';
import '../../signaling/relay/werift-config';

describe("the relay's ICE servers", () => {
  it("has no STUN server when none is configured (not werift's stun.l.google.com)", () => {
    expect(new Connection(true, {}).stunServer).toBeUndefined();
  });

  it('keeps a configured STUN server, also one set after construction', () => {
    expect(new Connection(true, { stunServer: ['198.51.100.9', 3478] }).stunServer).toEqual(['198.51.100.9', 3478]);
    const later = new Connection(true, {});
    later.setIceServers({ stunServer: ['203.0.113.3', 3478] });
    expect(later.stunServer).toEqual(['203.0.113.3', 3478]);
    later.setIceServers({});
    expect(later.stunServer).toBeUndefined();
  });
});
