// protocol.md "Approval": waiting until admit, deny and kick, approval off, unknown ids.
import { TestClient } from '../support/test-client';
import { startServer, track } from '../support/server-fixture';

async function expectFatal(client: TestClient, code: string, closeCode: number): Promise<void> {
  expect(await client.next()).toEqual({ type: 'error', code, message: expect.any(String) });
  expect((await client.closed).code).toBe(closeCode);
  expect(client.pending()).toEqual([]);
}

const offer = { sdp: { type: 'offer', sdp: 'v=0\r\n' } };

describe('with approval on (the default)', () => {
  it('keeps a new viewer waiting and tells the host it is waiting', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    expect(await host.next()).toEqual({
      type: 'viewer-joined',
      id,
      name: 'Ann',
      address: '127.0.0.1',
      state: 'waiting',
    });
    expect(f.server.snapshot().viewers).toEqual([{ id, name: 'Ann', address: '127.0.0.1', state: 'waiting' }]);
    // Waiting means the host cannot reach it either.
    host.send({ type: 'signal', to: id, data: offer });
    expect(await host.next()).toEqual({ type: 'error', code: 'unknown-peer', message: expect.any(String) });
    expect(viewer.pending()).toEqual([]);
  });

  it('sends admitted to the viewer the host admits, and then relays to it', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
    expect(f.server.snapshot().viewers[0]?.state).toBe('admitted');
    host.send({ type: 'signal', to: id, data: offer });
    expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data: offer });
  });

  it('admits only the viewer named by the host', async () => {
    const f = await startServer();
    const host = await f.host();
    const ann = await f.viewer('Ann');
    const bob = await f.viewer('Bob');
    host.send({ type: 'admit', id: bob.id });
    expect(await bob.client.next()).toEqual({ type: 'admitted' });
    expect(ann.client.pending()).toEqual([]);
    expect(f.server.snapshot().viewers.map((v) => [v.id, v.state])).toEqual([
      [ann.id, 'waiting'],
      [bob.id, 'admitted'],
    ]);
  });

  it('sends admitted only once when the host admits the same viewer twice', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    host.send({ type: 'admit', id });
    host.send({ type: 'admit', id });
    host.send({ type: 'signal', to: id, data: offer });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
    expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data: offer });
  });

  it('admits a viewer who joined before the host arrived', async () => {
    const f = await startServer();
    const { client: viewer, id } = await f.viewer('Early');
    const host = await f.host();
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
  });

  it('closes a denied viewer with error denied and 4003, and tells the host viewer-left denied', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'deny', id });
    await expectFatal(viewer, 'denied', 4003);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'denied' });
    expect(f.server.snapshot().viewers).toEqual([]);
    // Exactly one viewer-left: the socket's close does not report it again.
    host.send({ type: 'admit', id });
    expect(await host.next()).toEqual({ type: 'error', code: 'unknown-peer', message: expect.any(String) });
  });

  it('closes a kicked admitted viewer with error kicked and 4004, and tells the host viewer-left kicked', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
    host.send({ type: 'kick', id });
    await expectFatal(viewer, 'kicked', 4004);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'kicked' });
    host.send({ type: 'signal', to: id, data: offer });
    expect(await host.next()).toEqual({ type: 'error', code: 'unknown-peer', message: expect.any(String) });
  });

  it('lets the host kick a viewer that is still waiting', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'kick', id });
    await expectFatal(viewer, 'kicked', 4004);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'kicked' });
  });

  it('tells the host viewer-left left when a viewer closes its own connection', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    viewer.close();
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
  });

  it('tells the host viewer-left left when a viewer drops without a close handshake', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    viewer.socket.terminate();
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
  });
});

describe('with approval off', () => {
  it('admits a viewer at once: welcome and viewer-joined both say admitted', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const viewer = track(await TestClient.connect(f.signalUrl));
    viewer.send({ type: 'hello', role: 'viewer', token: f.info.token, name: 'Ann', protocol: 1 });
    const welcome = await viewer.next();
    expect(welcome).toEqual({
      type: 'welcome',
      role: 'viewer',
      id: expect.any(String),
      state: 'admitted',
      hostPresent: true,
    });
    const id = (welcome as { id: string }).id;
    expect(await host.next()).toEqual({
      type: 'viewer-joined',
      id,
      name: 'Ann',
      address: '127.0.0.1',
      state: 'admitted',
    });
    // Admitted means both directions relay without an admit.
    viewer.send({ type: 'signal', to: 'host', data: { candidate: { candidate: 'c' } } });
    expect(await host.next()).toEqual({ type: 'signal', from: id, data: { candidate: { candidate: 'c' } } });
    host.send({ type: 'signal', to: id, data: offer });
    expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data: offer });
  });

  it('still lets the host kick a viewer', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'kick', id });
    await expectFatal(viewer, 'kicked', 4004);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'kicked' });
  });
});

describe('commands naming a viewer that is not there', () => {
  it.each<[string, Record<string, unknown>]>([
    ['admit', { type: 'admit', id: 'nobody' }],
    ['deny', { type: 'deny', id: 'nobody' }],
    ['kick', { type: 'kick', id: 'nobody' }],
    ['signal', { type: 'signal', to: 'nobody', data: offer }],
    ['signal to "host"', { type: 'signal', to: 'host', data: offer }],
  ])('answers %s for an unknown id with a non-fatal unknown-peer and keeps the host open', async (_label, message) => {
    const f = await startServer();
    const host = await f.host();
    host.send(message);
    expect(await host.next()).toEqual({ type: 'error', code: 'unknown-peer', message: expect.any(String) });
    // Still open and still the host: a viewer can join and be admitted.
    const { client: viewer, id } = await f.viewer('Ann');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id });
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
    expect(host.socket.readyState).toBe(host.socket.OPEN);
  });

  it.each(['admit', 'deny', 'kick'])('answers %s for a viewer that already left with unknown-peer', async (type) => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    viewer.close();
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
    host.send({ type, id });
    expect(await host.next()).toEqual({ type: 'error', code: 'unknown-peer', message: expect.any(String) });
    host.send({ type: 'signal', to: id, data: offer });
    expect(await host.next()).toEqual({ type: 'error', code: 'unknown-peer', message: expect.any(String) });
  });
});
