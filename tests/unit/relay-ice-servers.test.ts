// The host page's STUN/TURN servers ride on the relay control socket's `publish`:
// validated like every relay message, and optional (an older host page sends none).
import { parseRelayClientMessage } from '../../signaling/protocol';

const publish = (extra: object) => JSON.stringify({ type: 'publish', sdp: 'v=0', ...extra });

describe("relay control 'publish' iceServers", () => {
  it('accepts STUN and TURN servers with credentials, and none at all', () => {
    const servers = [
      { urls: 'stun:203.0.113.3:3478' },
      { urls: ['turn:203.0.113.3:3478?transport=tcp', 'turns:turn.example.org:443'], username: 'u', credential: 'p' },
    ];
    const parsed = parseRelayClientMessage(publish({ iceServers: servers }));
    expect(parsed).toEqual({ ok: true, value: { type: 'publish', sdp: 'v=0', iceServers: servers } });
    expect(parseRelayClientMessage(publish({}))).toEqual({ ok: true, value: { type: 'publish', sdp: 'v=0' } });
  });

  it.each([
    ['a URL that is not STUN or TURN', [{ urls: 'http://203.0.113.3/' }]],
    ['an empty URL list', [{ urls: [] }]],
    ['a credential that is not a string', [{ urls: 'turn:203.0.113.3', username: 'u', credential: 7 }]],
    ['more than 8 servers', Array.from({ length: 9 }, () => ({ urls: 'stun:203.0.113.3' }))],
  ])('rejects %s', (_, iceServers) => {
    expect(parseRelayClientMessage(publish({ iceServers })).ok).toBe(false);
  });
});
