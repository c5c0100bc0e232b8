// protocol.md: `signal` both ways with `from`, `stats` -> `viewer-stats`, unknown-peer,
// and "messages between two peers arrive in the order they were sent".
import type { ServerMessage } from '../../signaling/protocol';
import type { TestClient } from '../support/test-client';
import { startServer, type Fixture } from '../support/server-fixture';
import { until } from '../support/wait';

const offer = { sdp: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };
const answer = { sdp: { type: 'answer', sdp: 'v=0\r\n' } };
const candidate = {
  candidate: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host', sdpMid: '0', sdpMLineIndex: 0 },
};

async function admitted(f: Fixture, host: TestClient, name = 'Ann'): Promise<{ client: TestClient; id: string }> {
  const viewer = await f.viewer(name);
  await host.nextOfType('viewer-joined');
  host.send({ type: 'admit', id: viewer.id });
  expect(await viewer.client.next()).toEqual({ type: 'admitted' });
  return viewer;
}

const unknownPeer = { type: 'error', code: 'unknown-peer', message: expect.any(String) };

describe('signal', () => {
  it('relays host -> viewer with from "host" and the data unchanged', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    host.send({ type: 'signal', to: id, data: offer });
    host.send({ type: 'signal', to: id, data: candidate });
    expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data: offer });
    expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data: candidate });
  });

  it('relays viewer -> host with from set to the viewer id and the data unchanged', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    viewer.send({ type: 'signal', to: 'host', data: answer });
    viewer.send({ type: 'signal', to: 'host', data: candidate });
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: answer });
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: candidate });
  });

  it('treats data as opaque: any JSON object passes through unchanged, whatever its fields', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    const data = {
      custom: [1, 'two', { three: null }],
      nested: { deep: { deeper: true } },
      text: 'ünïcødé ✓ 😀',
      empty: {},
      n: -1.5e-7,
    };
    host.send({ type: 'signal', to: id, data });
    expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data });
    viewer.send({ type: 'signal', to: 'host', data: {} });
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: {} });
  });

  it('ignores a from field a viewer puts in its own signal: the server sets from', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    viewer.send({ type: 'signal', to: 'host', from: 'someone-else', data: answer });
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: answer });
  });

  it('delivers a host signal only to the viewer it names', async () => {
    const f = await startServer();
    const host = await f.host();
    const ann = await admitted(f, host, 'Ann');
    const bob = await admitted(f, host, 'Bob');
    host.send({ type: 'signal', to: ann.id, data: { for: 'ann' } });
    host.send({ type: 'signal', to: bob.id, data: { for: 'bob' } });
    expect(await ann.client.next()).toEqual({ type: 'signal', from: 'host', data: { for: 'ann' } });
    expect(await bob.client.next()).toEqual({ type: 'signal', from: 'host', data: { for: 'bob' } });
    expect(ann.client.pending()).toEqual([]);
  });

  it('answers a host signal to a viewer that left with a non-fatal unknown-peer', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    viewer.close();
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
    host.send({ type: 'signal', to: id, data: offer });
    expect(await host.next()).toEqual(unknownPeer);
    // The host is still connected and relaying.
    const other = await admitted(f, host, 'Bob');
    host.send({ type: 'signal', to: other.id, data: offer });
    expect(await other.client.next()).toEqual({ type: 'signal', from: 'host', data: offer });
  });

  it('answers a host signal to a viewer that is still waiting with a non-fatal unknown-peer', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Waiting');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'signal', to: id, data: offer });
    expect(await host.next()).toEqual(unknownPeer);
    expect(viewer.pending()).toEqual([]);
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
  });

  it('answers a viewer signal while the host is away with a non-fatal unknown-peer and keeps the viewer', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    host.close();
    expect(await viewer.next()).toEqual({ type: 'host-left' });
    viewer.send({ type: 'signal', to: 'host', data: answer });
    expect(await viewer.next()).toEqual(unknownPeer);
    expect(viewer.socket.readyState).toBe(viewer.socket.OPEN);
    // Once a host is back, the same viewer relays again.
    await until(() => !f.server.snapshot().hostPresent, 'the host to be gone');
    const back = await f.host();
    expect(await viewer.next()).toEqual({ type: 'host-joined' });
    viewer.send({ type: 'signal', to: 'host', data: answer });
    expect(await back.next()).toEqual({ type: 'signal', from: id, data: answer });
  });
});

describe('stats', () => {
  it('relays a viewer stats object to the host as viewer-stats with the viewer id', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    const data = { fps: 29.97, width: 1920, height: 1080, packetsLost: 0, codec: 'VP8' };
    viewer.send({ type: 'stats', data });
    expect(await host.next()).toEqual({ type: 'viewer-stats', id, data });
  });

  it('relays stats to no other viewer', async () => {
    const f = await startServer();
    const host = await f.host();
    const ann = await admitted(f, host, 'Ann');
    const bob = await admitted(f, host, 'Bob');
    ann.client.send({ type: 'stats', data: { fps: 1 } });
    expect(await host.next()).toEqual({ type: 'viewer-stats', id: ann.id, data: { fps: 1 } });
    expect(bob.client.pending()).toEqual([]);
  });

  it('drops stats quietly while the host is away and keeps the viewer connected', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer } = await admitted(f, host);
    host.close();
    expect(await viewer.next()).toEqual({ type: 'host-left' });
    viewer.send({ type: 'stats', data: { fps: 1 } });
    viewer.send({ type: 'signal', to: 'host', data: {} });
    // The only answer is the one to the signal.
    expect(await viewer.next()).toEqual(unknownPeer);
    expect(viewer.socket.readyState).toBe(viewer.socket.OPEN);
  });
});

describe('ordering', () => {
  const COUNT = 2_000;

  async function collect(
    client: TestClient,
    count: number,
    pick: (m: ServerMessage) => number | undefined,
  ): Promise<number[]> {
    const seen: number[] = [];
    while (seen.length < count) {
      const n = pick(await client.next(5_000));
      if (n !== undefined) seen.push(n);
    }
    return seen;
  }

  it(`delivers ${COUNT} signals each way, sent back to back, complete and in order`, async () => {
    const f = await startServer({ messagesPerSecond: 1_000_000, messageBurst: 1_000_000 });
    const host = await f.host();
    const { client: viewer, id } = await admitted(f, host);
    const numbered = (m: ServerMessage) => (m.type === 'signal' ? (m.data as { n: number }).n : undefined);
    const atViewer = collect(viewer, COUNT, numbered);
    const atHost = collect(host, COUNT, (m) => (m.type === 'signal' && m.from === id ? numbered(m) : undefined));
    for (let n = 0; n < COUNT; n += 1) {
      host.send({ type: 'signal', to: id, data: { n, candidate: { candidate: `c${n}` } } });
      viewer.send({ type: 'signal', to: 'host', data: { n, candidate: { candidate: `c${n}` } } });
    }
    const expected = Array.from({ length: COUNT }, (_, n) => n);
    const [viewerGot, hostGot] = await Promise.all([atViewer, atHost]);
    expect(viewerGot).toEqual(expected);
    expect(hostGot).toEqual(expected);
  });

  it('keeps the order of a host stream to each of several viewers interleaved', async () => {
    const f = await startServer();
    const host = await f.host();
    const viewers = [await admitted(f, host, 'A'), await admitted(f, host, 'B'), await admitted(f, host, 'C')];
    const PER_VIEWER = 500;
    const received = viewers.map((v) =>
      collect(v.client, PER_VIEWER, (m) => (m.type === 'signal' ? (m.data as { n: number }).n : undefined)),
    );
    for (let n = 0; n < PER_VIEWER; n += 1) {
      for (const v of viewers) host.send({ type: 'signal', to: v.id, data: { n } });
    }
    const expected = Array.from({ length: PER_VIEWER }, (_, n) => n);
    for (const got of await Promise.all(received)) expect(got).toEqual(expected);
  });
});
