// protocol.md "Heartbeat": the server pings on an interval and drops a connection that
// has not answered for the timeout (`viewer-left` with `reason:"timeout"`).
// Run with short intervals; the defaults (15 s / 30 s) are checked in limits.test.ts.
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';
import { sleep, until } from '../support/wait';

// A timeout of several intervals, so a busy test machine does not drop a healthy client.
const FAST = { heartbeatIntervalMs: 50, heartbeatTimeoutMs: 300 };

/** A viewer whose ws client does not answer pings. */
async function silentViewer(f: Fixture, name: string): Promise<{ client: TestClient; id: string }> {
  const client = track(await TestClient.connect(f.signalUrl, { autoPong: false }));
  client.send({ type: 'hello', role: 'viewer', token: f.info.token, name, protocol: 1 });
  const welcome = await client.next();
  if (welcome.type !== 'welcome' || welcome.role !== 'viewer')
    throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
  return { client, id: welcome.id };
}

describe('heartbeat', () => {
  it('pings every connection on the heartbeat interval', async () => {
    const f = await startServer(FAST);
    const { client } = await f.viewer('Ann');
    let pings = 0;
    client.socket.on('ping', () => (pings += 1));
    // 500 ms are ~10 intervals; 3 pings in them allows for timer slack on a busy machine.
    await until(() => pings >= 3, 'three pings', 500);
  });

  it('drops a viewer that does not answer pings and tells the host viewer-left timeout', async () => {
    const f = await startServer(FAST);
    const host = await f.host();
    const { client, id } = await silentViewer(f, 'Silent');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id });
    const started = Date.now();
    expect(await host.next(2_000)).toEqual({ type: 'viewer-left', id, reason: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.heartbeatTimeoutMs - 100);
    await client.closed;
    expect(client.socket.readyState).toBe(client.socket.CLOSED);
    expect(f.server.snapshot().viewers).toEqual([]);
  });

  it('drops an admitted viewer that stops answering just the same', async () => {
    const f = await startServer(FAST);
    const host = await f.host();
    const { client, id } = await silentViewer(f, 'Silent');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'admit', id });
    expect(await client.next()).toEqual({ type: 'admitted' });
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'timeout' });
  });

  it('drops a host that does not answer pings and tells admitted viewers host-left', async () => {
    const f = await startServer({ ...FAST, requireApproval: false });
    const host = track(await TestClient.connect(f.signalUrl, { autoPong: false }));
    host.send({ type: 'hello', role: 'host', key: f.info.hostKey, protocol: 1 });
    expect(await host.next()).toMatchObject({ type: 'welcome', role: 'host' });
    const { client: viewer } = await f.viewer('Ann');
    expect(await viewer.next(2_000)).toEqual({ type: 'host-left' });
    await host.closed;
    expect(f.server.snapshot().hostPresent).toBe(false);
  });

  it('keeps clients that answer pings connected well beyond the timeout', async () => {
    const f = await startServer(FAST);
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    await sleep(5 * FAST.heartbeatTimeoutMs); // on purpose: nobody may be dropped meanwhile
    expect(host.pending()).toEqual([]);
    expect(viewer.pending()).toEqual([]);
    expect(f.server.snapshot()).toMatchObject({ hostPresent: true, viewers: [{ id }] });
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
    viewer.send({ type: 'signal', to: 'host', data: { candidate: {} } });
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: { candidate: {} } });
  });

  it('drops only the silent viewer and keeps the others', async () => {
    const f = await startServer(FAST);
    const host = await f.host();
    const alive = await f.viewer('Alive');
    const silent = await silentViewer(f, 'Silent');
    expect(await host.nextOfType('viewer-left', 2_000)).toEqual({
      type: 'viewer-left',
      id: silent.id,
      reason: 'timeout',
    });
    await sleep(2 * FAST.heartbeatTimeoutMs); // on purpose: the others must still be there after it
    expect(f.server.snapshot().viewers.map((v) => v.id)).toEqual([alive.id]);
    expect(alive.client.socket.readyState).toBe(alive.client.socket.OPEN);
  });
});
