// WhipClient against the fake WHIP server: when candidates go out, what an ICE restart
// changes on the peer connection, and DELETE on stop. The peer is a recording stand-in.
import { WhipClient, type WhipFailure, type WhipPeer } from '../../signaling/protocol/whip';
import { answer, created, FakeWhipServer, OFFER } from '../whip/support/fake-whip-server';

type Description = { type: 'offer' | 'answer'; sdp: string };

class RecordingPeer implements WhipPeer {
  localDescription: { sdp: string } | null = null;
  readonly remote: Description[] = [];
  readonly added: { candidate: string; sdpMid: string | null }[] = [];
  restarts = 0;

  async createOffer(options?: { iceRestart?: boolean }) {
    if (options?.iceRestart) this.restarts += 1;
    return { type: 'offer', sdp: this.restarts ? OFFER.replace(/offerUfrag/g, `restart${this.restarts}`) : OFFER };
  }
  async setLocalDescription(description: Description) {
    this.localDescription = { sdp: description.sdp };
  }
  async setRemoteDescription(description: Description) {
    this.remote.push(description);
  }
  async addIceCandidate(candidate: { candidate: string; sdpMid: string | null }) {
    this.added.push(candidate);
  }
}

const candidate = (port: number) => ({
  candidate: `candidate:${port} 1 udp 2122260223 127.0.0.1 ${port} typ host`,
  sdpMid: '0',
});
const restartAnswer = {
  status: 200,
  headers: { 'content-type': 'application/trickle-ice-sdpfrag', etag: '"e2"' },
  body: 'a=ice-ufrag:srv2\r\na=ice-pwd:serverPasswordNumberTwo\r\na=candidate:9 1 udp 1 127.0.0.1 6000 typ host\r\n',
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

let server: FakeWhipServer;
let peer: RecordingPeer;
const failures: WhipFailure[] = [];
let client: WhipClient;

beforeEach(async () => {
  server = await FakeWhipServer.start();
  server.script = (request) => (request.method === 'POST' ? created('/resource/1') : { status: 204 });
  peer = new RecordingPeer();
  failures.length = 0;
  client = new WhipClient(peer, `${server.origin}/endpoint`, { token: 't', onFailure: (f) => failures.push(f) });
});
afterEach(() => server.close());

const patches = () => server.requests.filter((r) => r.method === 'PATCH');

it('holds candidates gathered before the answer, then sends them in one PATCH', async () => {
  client.addLocalCandidate(candidate(5000));
  client.addLocalCandidate(candidate(5001));
  client.addLocalCandidate(null);
  expect((await client.start()).ok).toBe(true);
  await settle();
  expect(patches()).toHaveLength(1);
  expect(patches()[0]?.body).toMatch(/a=candidate:5000 .*\r\na=candidate:5001 .*\r\na=end-of-candidates\r\n$/);
  expect(peer.remote).toEqual([{ type: 'answer', sdp: answer() }]);
  expect(client.sessionUrl).toBe(`${server.origin}/resource/1`);
});

it('sends one PATCH at a time, the later candidates after the first answer', async () => {
  client = new WhipClient(peer, `${server.origin}/endpoint`, {
    timeoutMs: 300,
    onFailure: (f) => failures.push(f),
  });
  await client.start();
  server.script = () => 'hang';
  client.addLocalCandidate(candidate(5000));
  await settle();
  client.addLocalCandidate(candidate(5001));
  await settle();
  expect(patches()).toHaveLength(1);
  // The hung first PATCH fails by timing out; the next batch still goes out after it.
  server.script = () => ({ status: 204 });
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(patches().map((p) => /candidate:(\d+)/.exec(p.body)?.[1])).toEqual(['5000', '5001']);
  expect(failures.map((f) => f.code)).toEqual(['unreachable']);
});

it('stops trickling when the server takes no trickle (405)', async () => {
  await client.start();
  server.script = () => ({ status: 405 });
  client.addLocalCandidate(candidate(5000));
  await settle();
  client.addLocalCandidate(candidate(5001));
  await settle();
  expect(patches()).toHaveLength(1);
  expect(failures).toEqual([]);
});

it('reports a trickle PATCH the server refused', async () => {
  await client.start();
  server.script = () => ({ status: 404 });
  client.addLocalCandidate(candidate(5000));
  await settle();
  expect(failures.map((f) => f.code)).toEqual(['session-gone']);
});

it('restarts ICE: new local credentials out, the server credentials and candidates into the connection', async () => {
  await client.start();
  server.script = () => restartAnswer;
  expect(await client.restartIce()).toEqual({ ok: true, value: undefined });
  expect(patches()[0]).toMatchObject({ headers: { 'if-match': '*' } });
  expect(patches()[0]?.body).toBe('a=ice-ufrag:restart1\r\na=ice-pwd:offerPasswordOfTwentyTwo\r\n');
  const restartedAnswer = peer.remote[1]?.sdp ?? '';
  expect(restartedAnswer).toMatch(/a=ice-ufrag:srv2\r\n/);
  expect(restartedAnswer).not.toMatch(/answerUfrag/);
  expect(peer.added).toEqual([{ candidate: 'candidate:9 1 udp 1 127.0.0.1 6000 typ host', sdpMid: '0' }]);
});

it('holds candidates gathered during an ICE restart until the server has answered it', async () => {
  await client.start();
  let answerRestart: () => void = () => undefined;
  server.script = (request) =>
    request.headers['if-match'] === '*'
      ? new Promise((resolve) => {
          answerRestart = () => resolve(restartAnswer);
        })
      : { status: 204 };
  const restarting = client.restartIce();
  await settle();
  client.addLocalCandidate(candidate(6001));
  await settle();
  expect(patches()).toHaveLength(1);
  answerRestart();
  expect((await restarting).ok).toBe(true);
  await settle();
  expect(patches().map((p) => p.headers['if-match'])).toEqual(['*', '"e2"']);
  expect(patches()[1]?.body).toMatch(/^a=ice-ufrag:restart1\r\n[\s\S]*a=candidate:6001 /);
});

it('DELETEs the session on stop', async () => {
  await client.start();
  server.script = () => ({ status: 200 });
  expect(await client.stop()).toEqual({ ok: true, value: undefined });
  expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/resource/1' });
});

it('ends the session at once when stopped while the offer was on its way', async () => {
  const starting = client.start();
  await client.stop();
  expect((await starting).ok).toBe(true);
  expect(server.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
});

it('returns the failure and sends nothing more when the POST is refused', async () => {
  server.script = () => ({ status: 403 });
  client.addLocalCandidate(candidate(5000));
  const started = await client.start();
  await settle();
  expect(!started.ok && started.error.code).toBe('wrong-token');
  expect(server.requests).toHaveLength(1);
});
