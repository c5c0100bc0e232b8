// publishOffer and WhipSession against a fake WHIP server on a loopback socket: what they send, how they read
// each answer, and the plain words each failure comes to.
import { publishOffer, type WhipSession } from '../../signaling/protocol/whip';
import { answer, created, FakeWhipServer, OFFER } from '../whip/support/fake-whip-server';

let server: FakeWhipServer;
let endpoint: string;

beforeEach(async () => {
  server = await FakeWhipServer.start();
  endpoint = `${server.origin}/whip/endpoint/room1`;
});
afterEach(() => server.close());

async function published(): Promise<WhipSession> {
  server.script = () => created('/whip/resource/abc');
  const result = await publishOffer(endpoint, OFFER, { token: 'secret' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.session;
}

describe('publishOffer', () => {
  it('POSTs the offer as application/sdp with the Bearer token', async () => {
    await published();
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/whip/endpoint/room1',
        body: OFFER,
        headers: expect.objectContaining({ 'content-type': 'application/sdp', authorization: 'Bearer secret' }),
      }),
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    server.script = () => created('/r/1');
    await publishOffer(endpoint, OFFER);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it.each([
    ['/whip/resource/abc', '/whip/resource/abc'],
    ['../resource/abc', '/whip/resource/abc'],
    ['abc', '/whip/endpoint/abc'],
  ])('resolves the Location %s against the endpoint URL', async (location, path) => {
    server.script = () => created(location);
    const result = await publishOffer(endpoint, OFFER);
    expect(result.ok && result.value.session.url).toBe(`${server.origin}${path}`);
    expect(result.ok && result.value.answerSdp).toBe(answer());
  });

  it.each([
    [401, 'wrong-token', /^The media server refused the token: check the WHIP token \(HTTP 401: bad token\)$/],
    [403, 'wrong-token', /refused the token.*HTTP 403/],
    [404, 'endpoint-not-found', /^There is no WHIP endpoint at this URL: check the endpoint URL \(HTTP 404/],
    [406, 'codecs-refused', /refused the offer or its codecs/],
    [409, 'busy', /busy or the stream is already being published/],
    [503, 'busy', /busy/],
    [500, 'server-error', /^The media server failed to handle the request \(HTTP 500/],
    [400, 'offer-refused', /^The media server refused the request \(HTTP 400/],
  ])('maps HTTP %i to %s in plain words', async (status, code, words) => {
    server.script = () => ({ status, body: 'bad token' });
    const result = await publishOffer(endpoint, OFFER, { token: 't' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code, status });
      expect(result.error.message).toMatch(words);
    }
  });

  it('keeps what the server said short and printable', async () => {
    server.script = () => ({ status: 403, body: `\u001b[31mno\u0007 ${'x'.repeat(300)}` });
    const result = await publishOffer(endpoint, OFFER);
    const message = result.ok ? '' : result.error.message;
    expect([...message].every((char) => char >= ' ')).toBe(true);
    expect(message.length).toBeLessThan(220);
  });

  const sdpHeaders = { 'content-type': 'application/sdp', location: '/r' };
  it.each([
    ['200 instead of 201', { status: 200, headers: sdpHeaders, body: answer() }, /201/],
    ['no Location', { status: 201, headers: { 'content-type': 'application/sdp' }, body: answer() }, /no Location/],
    [
      'a JSON answer',
      { status: 201, headers: { ...sdpHeaders, 'content-type': 'application/json' }, body: '{}' },
      /not appl/,
    ],
    ['a non-SDP body', { status: 201, headers: sdpHeaders, body: 'hello' }, /not an SDP/],
    [
      'a javascript: Location',
      { status: 201, headers: { ...sdpHeaders, location: 'javascript:x' }, body: answer() },
      /http/,
    ],
  ])('refuses an answer with %s', async (_, reply, why) => {
    server.script = () => reply;
    const result = await publishOffer(endpoint, OFFER);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-response');
      expect(result.error.message).toMatch(/^The media server's answer is not valid WHIP: /);
      expect(result.error.message).toMatch(why);
    }
  });

  it('says the codecs were refused when the answer rejects the video, and DELETEs that session', async () => {
    server.script = (request) =>
      request.method === 'POST' ? { ...created('/r/1'), body: answer({ refuseVideo: true }) } : { status: 200 };
    const result = await publishOffer(endpoint, OFFER);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'codecs-refused', message: expect.stringMatching(/video/) });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /whip/endpoint/room1', 'DELETE /r/1']);
  });

  it('says the server is unreachable when nothing listens', async () => {
    await server.close();
    const result = await publishOffer(endpoint, OFFER);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unreachable');
      expect(result.error.message).toBe(
        `Could not reach the media server at ${new URL(endpoint).host} (no connection)`,
      );
    }
    server = await FakeWhipServer.start(); // for afterEach
  });

  it('gives up on a server that does not answer in time', async () => {
    server.script = () => 'hang';
    const result = await publishOffer(endpoint, OFFER, { timeoutMs: 200 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/did not answer in time/);
  });
});

describe('WhipSession', () => {
  const fragment = 'a=ice-ufrag:u\r\na=ice-pwd:p\r\n';

  it('PATCHes trickle fragments with the entity-tag the POST gave', async () => {
    const session = await published();
    server.script = () => ({ status: 204 });
    expect(await session.trickle(fragment)).toEqual({ ok: true, value: 'sent' });
    expect(server.requests[1]).toMatchObject({
      method: 'PATCH',
      path: '/whip/resource/abc',
      body: fragment,
      headers: {
        'content-type': 'application/trickle-ice-sdpfrag',
        'if-match': '"etag-1"',
        authorization: 'Bearer secret',
      },
    });
  });

  it.each([405, 422, 501])('takes HTTP %i to a trickle PATCH as "no trickle here"', async (status) => {
    const session = await published();
    server.script = () => ({ status });
    expect(await session.trickle(fragment)).toEqual({ ok: true, value: 'not-supported' });
  });

  it('says the session is gone when the server forgot it', async () => {
    const session = await published();
    server.script = () => ({ status: 404 });
    const result = await session.trickle(fragment);
    expect(!result.ok && result.error.code).toBe('session-gone');
  });

  it('restarts ICE with If-Match: * and takes the new credentials and entity-tag', async () => {
    const session = await published();
    server.script = () => ({
      status: 200,
      headers: { 'content-type': 'application/trickle-ice-sdpfrag', etag: '"etag-2"' },
      body: 'a=ice-ufrag:newU\r\na=ice-pwd:newPasswordOfTwentyTwo\r\na=candidate:1 1 udp 1 127.0.0.1 5000 typ host\r\n',
    });
    const restarted = await session.restartIce(fragment);
    expect(restarted).toEqual({
      ok: true,
      value: {
        credentials: { ufrag: 'newU', pwd: 'newPasswordOfTwentyTwo' },
        candidates: ['candidate:1 1 udp 1 127.0.0.1 5000 typ host'],
      },
    });
    expect(server.requests[1]?.headers['if-match']).toBe('*');
    server.script = () => ({ status: 204 });
    await session.trickle(fragment);
    expect(server.requests[2]?.headers['if-match']).toBe('"etag-2"');
  });

  it('refuses an ICE restart answer without credentials', async () => {
    const session = await published();
    server.script = () => ({ status: 200, headers: { 'content-type': 'application/trickle-ice-sdpfrag' }, body: '' });
    const result = await session.restartIce(fragment);
    expect(!result.ok && result.error.message).toMatch(/no ice-ufrag and ice-pwd/);
  });

  it('DELETEs the session once, with the token', async () => {
    const session = await published();
    server.script = () => ({ status: 200 });
    expect(await session.end()).toEqual({ ok: true, value: undefined });
    expect(await session.end()).toEqual({ ok: true, value: undefined });
    expect(server.requests.slice(1)).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        path: '/whip/resource/abc',
        headers: expect.objectContaining({ authorization: 'Bearer secret' }),
      }),
    ]);
  });
});
