// Additions to v1: the host asks for its join links and changes settings while hosting.
import { startServer } from '../support/server-fixture';

describe('session and configure (host only)', () => {
  it('answers a host session request with the join links and current settings', async () => {
    const f = await startServer({ maxViewers: 5 });
    const host = await f.host();
    host.send({ type: 'session' });
    expect(await host.next()).toEqual({ type: 'session', joinUrls: f.info.joinUrls, requireApproval: true, maxViewers: 5 });
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
