// Issue 14: random hostile traffic from many addresses on the network (sockets that never
// say hello, bad frames, message floods, waiting-room squatters with a sniffed token,
// slow and plentiful HTTP) never stops the host from (re)connecting on 127.0.0.1 or an
// admitted viewer from receiving its signals. The hostile sockets stay open while that is
// checked. 127.0.0.2-127.0.0.40 stand in for other machines; caps are small so the
// traffic reaches them.
import fc from 'fast-check';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { ServerMessage } from '../../signaling/protocol';
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';

jest.setTimeout(120_000);

const RUNS = 15;
const CHECK_MS = 3_000;

type Attack =
  | { readonly kind: 'silent-sockets'; readonly count: number }
  | { readonly kind: 'bad-frames'; readonly frames: readonly string[] }
  | { readonly kind: 'flood'; readonly messages: number }
  | { readonly kind: 'squatters'; readonly count: number }
  | { readonly kind: 'slow-http'; readonly count: number }
  | { readonly kind: 'http-burst'; readonly count: number };

const attack: fc.Arbitrary<Attack> = fc.oneof(
  fc.record({ kind: fc.constant('silent-sockets' as const), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('bad-frames' as const),
    frames: fc.array(fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 2 })), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('flood' as const), messages: fc.integer({ min: 50, max: 400 }) }),
  fc.record({ kind: fc.constant('squatters' as const), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('slow-http' as const), count: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('http-burst' as const), count: fc.integer({ min: 1, max: 10 }) }),
);
/** Each attack from one address of 127.0.0.2-40: several attacks may share one. */
const batch = fc.array(fc.tuple(fc.integer({ min: 2, max: 40 }), attack), { minLength: 1, maxLength: 6 });

/** Everything the attackers opened, destroyed after each run. */
const hostile: Array<WebSocket | Socket> = [];

function openSocket(f: Fixture, localAddress: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(f.signalUrl, { localAddress });
    hostile.push(ws);
    ws.on('error', () => resolve(null));
    ws.once('unexpected-response', () => resolve(null)); // refused (503): what the caps are for
    ws.once('open', () => resolve(ws));
  });
}

function openTcp(f: Fixture, localAddress: string, request: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: f.info.port, localAddress }, () => {
      socket.write(request);
      resolve();
    });
    hostile.push(socket);
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

async function launch(f: Fixture, address: number, what: Attack): Promise<void> {
  const from = `127.0.0.${address}`;
  const hello = (name: string) =>
    JSON.stringify({ type: 'hello', role: 'viewer', token: f.info.token, name, protocol: 1 });
  switch (what.kind) {
    case 'silent-sockets':
      await Promise.all(Array.from({ length: what.count }, () => openSocket(f, from)));
      return;
    case 'bad-frames': {
      const ws = await openSocket(f, from);
      for (const frame of what.frames) ws?.send(frame);
      return;
    }
    case 'flood': {
      const ws = await openSocket(f, from);
      ws?.send(hello('Flood'));
      for (let n = 0; n < what.messages; n += 1) ws?.send(JSON.stringify({ type: 'signal', to: 'host', data: { n } }));
      return;
    }
    case 'squatters':
      await Promise.all(
        Array.from({ length: what.count }, async (_, n) => (await openSocket(f, from))?.send(hello(`Squat ${n}`))),
      );
      return;
    case 'slow-http':
      await Promise.all(
        Array.from({ length: what.count }, () => openTcp(f, from, `GET /join HTTP/1.1\r\nHost: 127.0.0.1\r\n`)),
      );
      return;
    case 'http-burst':
      await Promise.all(
        Array.from({ length: what.count }, () => openTcp(f, from, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)),
      );
      return;
  }
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + CHECK_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The host page's connection drops (a reload, a network blip); resolves once the server has seen it go. */
async function dropHost(f: Fixture, host: TestClient): Promise<void> {
  host.socket.terminate();
  await waitFor(() => !f.server.snapshot().hostPresent, 'the old host to be gone');
}

/** The host page's way in: a new socket says hello from 127.0.0.1 and is welcomed. */
async function connectHost(f: Fixture): Promise<TestClient> {
  const host = track(await TestClient.connect(f.signalUrl, { localAddress: '127.0.0.1' }));
  host.send({ type: 'hello', role: 'host', key: f.info.hostKey, protocol: 1 });
  expect(await host.next(CHECK_MS)).toMatchObject({ type: 'welcome', role: 'host' });
  return host;
}

async function expectSignal(to: TestClient, from: string, probe: number): Promise<void> {
  for (;;) {
    const message: ServerMessage = await to.next(CHECK_MS);
    if (message.type === 'signal' && message.from === from && (message.data as { probe?: number }).probe === probe)
      return;
  }
}

it('keeps the host able to reconnect and an admitted viewer receiving signals under hostile traffic', async () => {
  const f = await startServer({
    maxSockets: 64,
    maxPendingSockets: 16,
    maxPendingSocketsPerAddress: 4,
    maxHttpConnections: 16,
    maxHttpConnectionsPerAddress: 4,
    networkHelloTimeoutMs: 300,
    headersTimeoutMs: 500,
    maxViewers: 4,
    maxWaitingViewers: 4,
  });
  let host = await connectHost(f);
  // The admitted viewer watches from another machine (127.0.0.50), admitted before the traffic starts.
  const viewer = track(await TestClient.connect(f.signalUrl, { localAddress: '127.0.0.50' }));
  viewer.send({ type: 'hello', role: 'viewer', token: f.info.token, name: 'Watcher', protocol: 1 });
  const welcome = await viewer.next();
  if (welcome.type !== 'welcome' || welcome.role !== 'viewer') throw new Error(JSON.stringify(welcome));
  host.send({ type: 'admit', id: welcome.id });
  expect(await viewer.next()).toEqual({ type: 'admitted' });

  let probe = 0;
  await fc.assert(
    fc.asyncProperty(batch, async (attacks) => {
      try {
        // The host page's connection drops just as the traffic comes, so the traffic can take its slot.
        await dropHost(f, host);
        await Promise.all(attacks.map(([address, what]) => launch(f, address, what)));
        // With the hostile sockets still open: the host page reconnects, then signals go both ways.
        host = await connectHost(f);
        probe += 1;
        host.send({ type: 'signal', to: welcome.id, data: { probe } });
        await expectSignal(viewer, 'host', probe);
        viewer.send({ type: 'signal', to: 'host', data: { probe } });
        await expectSignal(host, welcome.id, probe);
      } finally {
        for (const socket of hostile.splice(0)) {
          if (socket instanceof WebSocket) socket.terminate();
          else socket.destroy();
        }
      }
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  expect(f.server.snapshot().viewers.find((v) => v.id === welcome.id)?.state).toBe('admitted');
});
