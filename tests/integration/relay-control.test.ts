// The relay's control socket on a real SignalingServer (relay in this thread): who
// may use it, what it answers, and that closing it releases every connection.
import WebSocket from 'ws';
import { inProcessRelay, type RelayEndpoint } from '../../signaling/relay';
import { startServer } from '../support/server-fixture';
import { until } from '../support/wait';

function open(port: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/relay`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const next = (ws: WebSocket): Promise<Record<string, unknown>> =>
  new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
const closed = (ws: WebSocket): Promise<number> => new Promise((resolve) => ws.once('close', (code) => resolve(code)));
const sockets: WebSocket[] = [];
afterEach(() => sockets.splice(0).forEach((ws) => ws.terminate()));

async function session(port: number, key: string): Promise<WebSocket> {
  const ws = await open(port);
  sockets.push(ws);
  ws.send(JSON.stringify({ type: 'hello', key }));
  expect(await next(ws)).toEqual({ type: 'ready' });
  return ws;
}

it('answers 404 at /relay when the server has no relay', async () => {
  const f = await startServer();
  await expect(open(f.info.port)).rejects.toThrow('404');
});

it('closes with 4002 when the host key is wrong, and 4400 when the first message is not hello', async () => {
  const f = await startServer({ relay: inProcessRelay() });
  const wrong = await open(f.info.port);
  sockets.push(wrong);
  wrong.send(JSON.stringify({ type: 'hello', key: 'not-the-key' }));
  expect(await closed(wrong)).toBe(4002);
  const rude = await open(f.info.port);
  sockets.push(rude);
  rude.send(JSON.stringify({ type: 'viewer-open', peer: 'x' }));
  expect(await closed(rude)).toBe(4400);
});

it('opens a viewer connection on request: a VP8 + Opus send-only offer with candidates, released on viewer-close', async () => {
  const f = await startServer({ relay: inProcessRelay() });
  const relay = f.server.relay as RelayEndpoint;
  const ws = await session(f.info.port, f.info.hostKey);
  ws.send(JSON.stringify({ type: 'viewer-open', peer: 'p1' }));
  const offer = await next(ws);
  expect(offer).toMatchObject({ type: 'viewer-offer', peer: 'p1' });
  const sdp = String(offer.sdp);
  expect(sdp).toMatch(/a=rtpmap:\d+ VP8\/90000/);
  expect(sdp).toMatch(/a=rtpmap:\d+ opus\/48000\/2/i);
  expect(sdp).not.toMatch(/H264|VP9|AV1/);
  expect(sdp).toMatch(/a=sendonly/);
  expect(sdp).toMatch(/a=candidate:.* 127\.0\.0\.1 /);
  expect(sdp).not.toMatch(/transport-cc/);
  // The relay's send time on each video packet, so the viewer's REMB measures the relay-to-viewer path
  // (werift-config.ts).
  expect(sdp).toMatch(/^a=extmap:\d+ http:\/\/www\.webrtc\.org\/experiments\/rtp-hdrext\/abs-send-time\r?$/m);
  // An offer says actpass in every section (RFC 8842 §5.2; strict stacks such as aiortc refuse anything else).
  expect(sdp.match(/^a=setup:actpass\r?$/gm)).toHaveLength(2);
  expect(sdp).not.toMatch(/a=setup:(active|passive)/);
  expect(await relay.counts()).toEqual({ publishers: 0, viewers: 1, spares: 0, timers: 0 });
  // werift's sockets were found and enlarged (socket-buffers.ts walks werift internals: this fails if they move).
  const diagnostics = await relay.diagnostics();
  expect(diagnostics?.viewers.p1).toMatchObject({
    connected: false,
    socketsEnlarged: expect.any(Number),
    packetsSent: 0,
  });
  expect(diagnostics!.viewers.p1!.socketsEnlarged).toBeGreaterThan(0);
  ws.send(JSON.stringify({ type: 'viewer-close', peer: 'p1' }));
  await until(async () => (await relay.counts()).viewers === 0, 'the relay to close p1');
  expect(await relay.counts()).toEqual({ publishers: 0, viewers: 0, spares: 0, timers: 0 });
});

it('answers a malformed message with an error and keeps the session', async () => {
  const f = await startServer({ relay: inProcessRelay() });
  const ws = await session(f.info.port, f.info.hostKey);
  ws.send('{"type":"viewer-open"}');
  expect(await next(ws)).toMatchObject({ type: 'error' });
  ws.send(JSON.stringify({ type: 'stats', request: 7 }));
  expect(await next(ws)).toMatchObject({ type: 'stats', request: 7, viewers: {} });
});

it("releases every relay connection when the host page's socket closes, and when the server stops", async () => {
  const f = await startServer({ relay: inProcessRelay() });
  const relay = f.server.relay as RelayEndpoint;
  const ws = await session(f.info.port, f.info.hostKey);
  for (const peer of ['a', 'b']) {
    ws.send(JSON.stringify({ type: 'viewer-open', peer }));
    await next(ws);
  }
  expect((await relay.counts()).viewers).toBe(2);
  ws.close();
  await closed(ws);
  await until(async () => (await relay.counts()).viewers === 0, 'the relay to close both');
  expect(await relay.counts()).toEqual({ publishers: 0, viewers: 0, spares: 0, timers: 0 });
  expect(relay.openSockets).toBe(0);

  const again = await session(f.info.port, f.info.hostKey);
  again.send(JSON.stringify({ type: 'viewer-open', peer: 'c' }));
  await next(again);
  const gone = closed(again);
  await f.server.stop();
  expect(await gone).toBe(1006);
  expect(await relay.counts()).toEqual({ publishers: 0, viewers: 0, spares: 0, timers: 0 });
  expect(relay.openSockets).toBe(0);
  expect(f.server.relay).toBeNull();
});
