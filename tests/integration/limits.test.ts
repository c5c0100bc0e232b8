// protocol.md "Limits": viewers, message size, sockets (HTTP 503 past the cap, >= 64 per
// address), the viewer rate limit (not for the host), and readers that stop reading.
import type { ServerMessage } from '../../signaling/protocol';
import { DEFAULTS } from '../../signaling/server/options';
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';
import { sleep, until } from '../support/wait';

async function expectFatal(client: TestClient, code: string, closeCode: number): Promise<void> {
  expect(await client.next()).toEqual({ type: 'error', code, message: expect.any(String) });
  expect((await client.closed).code).toBe(closeCode);
  expect(client.pending()).toEqual([]);
}

async function connect(f: Fixture, options: { localAddress?: string } = {}): Promise<TestClient> {
  return track(await TestClient.connect(f.signalUrl, options));
}

/** Connects, retrying 503s while the server is still counting earlier closes. */
async function connectOnceAccepted(f: Fixture): Promise<TestClient> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    try {
      return await connect(f);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(10);
    }
  }
}

function viewerHello(f: Fixture, name: string) {
  return { type: 'hello', role: 'viewer', token: f.info.token, name, protocol: 1 };
}

/** Counts `signal` messages a client receives, straight off the socket. */
function countSignals(client: TestClient): { readonly count: number } {
  const counter = { count: 0 };
  client.socket.on('message', (data) => {
    if ((JSON.parse(data.toString()) as ServerMessage).type === 'signal') counter.count += 1;
  });
  return counter;
}

describe('defaults', () => {
  it('match the limits protocol.md states', () => {
    expect(DEFAULTS).toMatchObject({
      requireApproval: true,
      maxViewers: 16,
      maxWaitingViewers: 16,
      maxPayloadBytes: 64 * 1024,
      maxSockets: 1024,
      maxPendingSockets: 128,
      maxPendingSocketsPerAddress: 8,
      helloTimeoutMs: 5_000,
      networkHelloTimeoutMs: 2_000,
      heartbeatIntervalMs: 15_000,
      heartbeatTimeoutMs: 30_000,
      messagesPerSecond: 50,
      messageBurst: 200,
    });
    expect(DEFAULTS.maxSocketsPerAddress).toBeGreaterThanOrEqual(64);
  });
});

describe('viewer limit', () => {
  it('closes the viewer past maxViewers with room-full 4005', async () => {
    const f = await startServer({ maxViewers: 2, requireApproval: false });
    const host = await f.host();
    await f.viewer('One');
    await f.viewer('Two');
    const third = await connect(f);
    third.send(viewerHello(f, 'Three'));
    await expectFatal(third, 'room-full', 4005);
    expect(f.server.snapshot().viewers.map((v) => v.name)).toEqual(['One', 'Two']);
    // The host heard of two viewers only, and is not counted against the limit.
    expect((await host.next()).type).toBe('viewer-joined');
    expect((await host.next()).type).toBe('viewer-joined');
    expect(host.pending()).toEqual([]);
  });

  it('counts waiting viewers apart (maxWaitingViewers): squatters in the waiting room do not lower maxViewers', async () => {
    const f = await startServer({ maxViewers: 2, maxWaitingViewers: 3 });
    const host = await f.host();
    // Three sockets with a sniffed token fill the waiting room; a fourth is turned away.
    const squatters = [await f.viewer('S1'), await f.viewer('S2'), await f.viewer('S3')];
    const fourth = await connect(f);
    fourth.send(viewerHello(f, 'S4'));
    await expectFatal(fourth, 'room-full', 4005);
    // The host can still let in as many as maxViewers.
    host.send({ type: 'admit', id: squatters[0]!.id });
    host.send({ type: 'admit', id: squatters[1]!.id });
    expect(await squatters[0]!.client.next()).toEqual({ type: 'admitted' });
    expect(await squatters[1]!.client.next()).toEqual({ type: 'admitted' });
    // Past it, an admit turns the viewer away with room-full, and the host hears it left.
    host.send({ type: 'admit', id: squatters[2]!.id });
    await expectFatal(squatters[2]!.client, 'room-full', 4005);
    expect(await host.nextOfType('viewer-left')).toEqual({ type: 'viewer-left', id: squatters[2]!.id, reason: 'left' });
    expect(f.server.snapshot().viewers.map((v) => [v.name, v.state])).toEqual([
      ['S1', 'admitted'],
      ['S2', 'admitted'],
    ]);
  });

  it('accepts a new viewer once one has left', async () => {
    const f = await startServer({ maxViewers: 1 });
    const host = await f.host();
    const { client: first, id } = await f.viewer('First');
    await host.nextOfType('viewer-joined');
    first.close();
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
    const second = await f.viewer('Second');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id: second.id });
  });

  it('accepts 16 viewers by default and refuses the 17th with room-full', async () => {
    const f = await startServer();
    for (let i = 0; i < 16; i += 1) await f.viewer(`V${i}`);
    const extra = await connect(f);
    extra.send(viewerHello(f, 'V16'));
    await expectFatal(extra, 'room-full', 4005);
    expect(f.server.snapshot().viewers).toHaveLength(16);
  });
});

describe('message size', () => {
  /** A signal frame of exactly `bytes` bytes. */
  function signalOfSize(to: string, bytes: number): string {
    const shell = JSON.stringify({ type: 'signal', to, data: { pad: '' } });
    return JSON.stringify({ type: 'signal', to, data: { pad: 'x'.repeat(bytes - shell.length) } });
  }

  it('accepts and relays a frame of exactly 64 KiB', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    const frame = signalOfSize('host', 64 * 1024);
    expect(Buffer.byteLength(frame)).toBe(65_536);
    viewer.send(frame);
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: JSON.parse(frame).data });
  });

  it('closes a viewer with 1009 when it sends a frame over 64 KiB, and relays nothing', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    viewer.send(signalOfSize('host', 64 * 1024 + 1));
    expect((await viewer.closed).code).toBe(1009);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
  });

  it('closes the host with 1009 when it sends a frame over 64 KiB', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { id } = await f.viewer('Ann');
    host.send(signalOfSize(id, 64 * 1024 + 1));
    expect((await host.closed).code).toBe(1009);
  });

  it('closes a connection that has not said hello with 1009 for a frame over 64 KiB', async () => {
    const f = await startServer();
    const client = await connect(f);
    client.send('x'.repeat(200 * 1024));
    expect((await client.closed).code).toBe(1009);
  });

  it('honours a configured maxPayloadBytes', async () => {
    const f = await startServer({ maxPayloadBytes: 1024 });
    const client = await connect(f);
    client.send(
      JSON.stringify({ type: 'hello', role: 'viewer', token: f.info.token, name: 'x'.repeat(1100), protocol: 1 }),
    );
    expect((await client.closed).code).toBe(1009);
  });

  it('refuses stats over 8 KiB as bad-message ("data (object, small)")', async () => {
    const f = await startServer({ requireApproval: false });
    const { client: viewer } = await f.viewer('Ann');
    viewer.send({ type: 'stats', data: { blob: 'x'.repeat(9 * 1024) } });
    await expectFatal(viewer, 'bad-message', 4400);
  });
});

describe('rate limit', () => {
  it('closes a viewer over the burst with rate-limited 4029 (defaults: burst 200, 50/s)', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Flood');
    await host.nextOfType('viewer-joined');
    const relayed = countSignals(host);
    for (let n = 0; n < 600; n += 1) viewer.send({ type: 'signal', to: 'host', data: { n } });
    await expectFatal(viewer, 'rate-limited', 4029);
    expect(await host.nextOfType('viewer-left')).toEqual({ type: 'viewer-left', id, reason: 'left' });
    // The burst (less the hello) got through, plus what refilled meanwhile: the rest was never relayed.
    expect(relayed.count).toBeGreaterThanOrEqual(195);
    expect(relayed.count).toBeLessThan(350);
  });

  it('lets a viewer send steadily below the sustained rate indefinitely', async () => {
    const f = await startServer({ requireApproval: false, messagesPerSecond: 100, messageBurst: 10 });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Steady');
    await host.nextOfType('viewer-joined');
    const relayed = countSignals(host);
    // 40 messages at ~50/s: 4x the burst, half the rate.
    for (let n = 0; n < 40; n += 1) {
      viewer.send({ type: 'signal', to: 'host', data: { n } });
      await sleep(20);
    }
    await until(() => relayed.count === 40, 'all 40 signals forwarded');
    expect(viewer.socket.readyState).toBe(viewer.socket.OPEN);
    expect(f.server.snapshot().viewers.map((v) => v.id)).toEqual([id]);
  });

  it('limits the same viewer when it sends those messages all at once', async () => {
    const f = await startServer({ requireApproval: false, messagesPerSecond: 100, messageBurst: 10 });
    const { client: viewer } = await f.viewer('Burst');
    for (let n = 0; n < 40; n += 1) viewer.send({ type: 'signal', to: 'host', data: { n } });
    // Without a host each signal in the burst answers unknown-peer; then comes the limit.
    let message = await viewer.next();
    while (message.type === 'error' && message.code === 'unknown-peer') message = await viewer.next();
    expect(message).toEqual({ type: 'error', code: 'rate-limited', message: expect.any(String) });
    expect((await viewer.closed).code).toBe(4029);
  });

  it('never rate-limits the host, even far past the viewer burst (defaults)', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    const received = countSignals(viewer);
    for (let n = 0; n < 1_500; n += 1) host.send({ type: 'signal', to: id, data: { n } });
    for (let n = 0; n < 300; n += 1) host.send({ type: 'admit', id: `nobody-${n}` });
    await until(() => received.count === 1_500, 'all 1500 signals received');
    for (let n = 0; n < 300; n += 1) expect(await host.next()).toMatchObject({ type: 'error', code: 'unknown-peer' });
    expect(host.socket.readyState).toBe(host.socket.OPEN);
    expect(f.server.snapshot().hostPresent).toBe(true);
  });
});

describe('socket limits', () => {
  it('answers upgrades past maxSockets with HTTP 503, counting sockets that have not said hello', async () => {
    const f = await startServer({ maxSockets: 3 });
    await f.host();
    await f.viewer('Ann');
    const pending = await connect(f);
    await expect(TestClient.connect(f.signalUrl)).rejects.toThrow('HTTP 503');
    // Refusing the fourth did not disturb the three.
    expect(pending.socket.readyState).toBe(pending.socket.OPEN);
    expect(f.server.snapshot().viewers).toHaveLength(1);
  });

  it('accepts new sockets again after open ones close', async () => {
    const f = await startServer({ maxSockets: 2 });
    const a = await connect(f);
    const b = await connect(f);
    await expect(TestClient.connect(f.signalUrl)).rejects.toThrow('HTTP 503');
    a.close();
    b.socket.terminate();
    await Promise.all([a.closed, b.closed]);
    const again = [await connectOnceAccepted(f), await connectOnceAccepted(f)];
    again[0]!.send(viewerHello(f, 'Back'));
    expect(await again[0]!.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
  });

  it('caps sockets per address with HTTP 503 while other addresses are still accepted', async () => {
    const f = await startServer({ maxSocketsPerAddress: 2 });
    await connect(f);
    const second = await connect(f);
    await expect(TestClient.connect(f.signalUrl)).rejects.toThrow('HTTP 503');
    // 127.0.0.2 is another address on the loopback network.
    const other = await connect(f, { localAddress: '127.0.0.2' });
    other.send(viewerHello(f, 'Other'));
    expect(await other.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
    expect(f.server.snapshot().viewers[0]?.address).toBe('127.0.0.2');
    second.close();
    await second.closed;
    const third = await connectOnceAccepted(f);
    expect(third.socket.readyState).toBe(third.socket.OPEN);
  });

  it('allows at least 64 sockets from one address by default (viewers behind one NAT)', async () => {
    const f = await startServer();
    const clients = await Promise.all(Array.from({ length: 64 }, () => connect(f)));
    expect(clients.every((c) => c.socket.readyState === c.socket.OPEN)).toBe(true);
    // All of them are usable, not just open.
    clients[63]!.send(viewerHello(f, 'Sixty-four'));
    expect(await clients[63]!.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
  });
});

describe('readers that stop reading', () => {
  it('cuts off a viewer that stops reading while the host floods it, without queueing the flood, and keeps serving others', async () => {
    const f = await startServer({ requireApproval: false, maxBufferedBytes: 64 * 1024 });
    const host = await f.host();
    const slow = await f.viewer('Slow');
    const healthy = await f.viewer('Healthy');
    await host.nextOfType('viewer-joined');
    await host.nextOfType('viewer-joined');

    const slowReceived = countSignals(slow.client);
    const healthyReceived = countSignals(healthy.client);
    slow.client.socket.pause();

    const FLOOD = 640;
    const pad = 'x'.repeat(32 * 1024);
    const sent = FLOOD * pad.length; // ~20 MiB: far more than socket buffers hold
    for (let n = 0; n < FLOOD; n += 1) {
      host.send({ type: 'signal', to: slow.id, data: { n, pad } });
      if (n % 10 === 0) host.send({ type: 'signal', to: healthy.id, data: { n } });
    }
    // The host hears of the cut-off at once, not when TCP gives up on the stalled reader.
    expect(await host.nextOfType('viewer-left', 5_000)).toEqual({
      type: 'viewer-left',
      id: slow.id,
      reason: 'timeout',
    });
    // Others keep working throughout.
    await until(() => healthyReceived.count === FLOOD / 10, "the healthy viewer's signals", 10_000);
    healthy.client.send({ type: 'signal', to: 'host', data: { still: 'here' } });
    expect(await host.nextOfType('signal')).toEqual({ type: 'signal', from: healthy.id, data: { still: 'here' } });

    // Let the slow reader read again. Within the server's grace period it gets what was
    // in flight, then the reason, then the close; a machine slow enough to take longer
    // than the grace over the flood finds the socket terminated (1006) instead.
    slow.client.socket.resume();
    const closed = await slow.client.closed;
    expect([4013, 1006]).toContain(closed.code);
    if (closed.code === 4013) {
      expect(closed.reason).toBe('slow-consumer');
      expect(slow.client.pending().at(-1)).toEqual({
        type: 'error',
        code: 'slow-consumer',
        message: expect.any(String),
      });
    }
    // It got what the kernel buffers held before the cut-off, and no more.
    expect(slowReceived.count).toBeGreaterThan(0);
    expect(slowReceived.count * pad.length).toBeLessThan(sent / 2);
    expect(healthy.client.socket.readyState).toBe(healthy.client.socket.OPEN);
  });
});
