// Additions to v1: the host asks for its join links and changes settings while hosting.
import { startServer, track } from '../support/server-fixture';
import { TestClient } from '../support/test-client';

describe('session and configure (host only)', () => {
  it('answers a host session request with the join links and current settings', async () => {
    const f = await startServer({ maxViewers: 5 });
    const host = await f.host();
    host.send({ type: 'session' });
    expect(await host.next()).toEqual({
      type: 'session',
      joinUrls: f.info.joinUrls,
      requireApproval: true,
      maxViewers: 5,
    });
  });

  it('turning approval off admits everyone waiting and the viewers after them', async () => {
    const f = await startServer();
    const host = await f.host();
    const waiting = await f.viewer('Waiting');
    await host.nextOfType('viewer-joined');
    host.send({ type: 'configure', requireApproval: false });
    expect(await waiting.client.next()).toEqual({ type: 'admitted' });
    expect(await host.next()).toMatchObject({ type: 'session', requireApproval: false });
    const later = await f.viewer('Later');
    expect(await host.nextOfType('viewer-joined')).toMatchObject({ id: later.id, state: 'admitted' });
  });

  it('applies a lower viewer limit to newcomers only', async () => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const first = await f.viewer('First');
    host.send({ type: 'configure', maxViewers: 1 });
    expect(await host.nextOfType('session')).toMatchObject({ maxViewers: 1 });
    await expect(f.viewer('Second')).rejects.toThrow(/room-full/);
    expect(first.client.socket.readyState).toBe(first.client.socket.OPEN);
  });

  it.each([
    [{ type: 'configure', maxViewers: 0 }],
    [{ type: 'configure', maxViewers: 2.5 }],
    [{ type: 'configure', requireApproval: 'no' }],
  ])('closes the host with 4400 for a malformed %j', async (message) => {
    const f = await startServer();
    const host = await f.host();
    host.send(message);
    expect(await host.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    expect((await host.closed).code).toBe(4400);
  });

  it.each(['session', 'configure'])('refuses %s from a viewer with 4400', async (type) => {
    const f = await startServer({ requireApproval: false });
    const { client } = await f.viewer();
    client.send({ type });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    expect((await client.closed).code).toBe(4400);
  });
});

describe('rejoin tickets (addition to v1)', () => {
  it('passes a viewer hello’s rejoin to the host in viewer-joined, and only when given', async () => {
    const f = await startServer();
    const host = await f.host();
    const plain = await f.viewer('Plain');
    expect(await host.next()).toEqual({
      type: 'viewer-joined',
      id: plain.id,
      name: 'Plain',
      address: '127.0.0.1',
      state: 'waiting',
    });
    const client = track(await TestClient.connect(f.signalUrl));
    client.send({ type: 'hello', role: 'viewer', token: f.info.token, name: 'Back', protocol: 1, rejoin: 'abc123' });
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', name: 'Back', rejoin: 'abc123' });
    client.close();
  });

  it('refuses a rejoin that is not a short string', async () => {
    const f = await startServer();
    const client = track(await TestClient.connect(f.signalUrl));
    client.send({ type: 'hello', role: 'viewer', token: f.info.token, name: 'X', protocol: 1, rejoin: 'x'.repeat(65) });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    expect((await client.closed).code).toBe(4400);
  });
});
