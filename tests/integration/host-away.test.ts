// protocol.md "Host away": viewers stay, admitted ones get host-left; when a host says
// hello again with the key they get host-joined and its welcome lists them.
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';
import { sleep, until } from '../support/wait';

async function admitted(f: Fixture, host: TestClient, name: string): Promise<{ client: TestClient; id: string }> {
  const viewer = await f.viewer(name);
  await host.nextOfType('viewer-joined');
  host.send({ type: 'admit', id: viewer.id });
  expect(await viewer.client.next()).toEqual({ type: 'admitted' });
  return viewer;
}

/** Host with two admitted viewers (Ann, Bob) and one waiting (Wes). */
async function room(f: Fixture) {
  const host = await f.host();
  const ann = await admitted(f, host, 'Ann');
  const bob = await admitted(f, host, 'Bob');
  const wes = await f.viewer('Wes');
  await host.nextOfType('viewer-joined');
  return { host, ann, bob, wes };
}

describe('host away', () => {
  it('sends host-left to admitted viewers, not to waiting ones, and keeps them all connected', async () => {
    const f = await startServer();
    const { host, ann, bob, wes } = await room(f);
    host.close();
    expect(await ann.client.next()).toEqual({ type: 'host-left' });
    expect(await bob.client.next()).toEqual({ type: 'host-left' });
    await until(() => !f.server.snapshot().hostPresent, 'the host to be gone');
    // host-left went out to everyone it was meant for in one go; give a wrong one time to land (nothing may).
    await sleep(50);
    expect(wes.client.pending()).toEqual([]);
    for (const v of [ann, bob, wes]) expect(v.client.socket.readyState).toBe(v.client.socket.OPEN);
    expect(f.server.snapshot().viewers.map((v) => v.id)).toEqual([ann.id, bob.id, wes.id]);
  });

  it('sends host-left when the host drops without a close handshake', async () => {
    const f = await startServer();
    const { host, ann } = await room(f);
    host.socket.terminate();
    expect(await ann.client.next()).toEqual({ type: 'host-left' });
  });

  it('sends host-left when the host is closed for a protocol error', async () => {
    const f = await startServer();
    const { host, ann } = await room(f);
    host.send('not json');
    expect((await host.closed).code).toBe(4400);
    expect(await ann.client.next()).toEqual({ type: 'host-left' });
  });

  it('welcomes a returning host with every viewer and its state, and sends host-joined to admitted viewers only', async () => {
    const f = await startServer();
    const { host, ann, bob, wes } = await room(f);
    host.close();
    await ann.client.nextOfType('host-left');
    await bob.client.nextOfType('host-left');
    await until(() => !f.server.snapshot().hostPresent, 'the host to be gone');

    const back = await reconnectHost(f);
    expect(back.welcome).toEqual({
      type: 'welcome',
      role: 'host',
      viewers: [
        { id: ann.id, name: 'Ann', address: '127.0.0.1', state: 'admitted' },
        { id: bob.id, name: 'Bob', address: '127.0.0.1', state: 'admitted' },
        { id: wes.id, name: 'Wes', address: '127.0.0.1', state: 'waiting' },
      ],
    });
    expect(await ann.client.next()).toEqual({ type: 'host-joined' });
    expect(await bob.client.next()).toEqual({ type: 'host-joined' });
    // The waiting viewer heard neither host-left nor host-joined: its next message is its admission.
    back.client.send({ type: 'admit', id: wes.id });
    expect(await wes.client.next()).toEqual({ type: 'admitted' });
  });

  it('lets the returning host relay with viewers admitted by the previous one, both ways', async () => {
    const f = await startServer();
    const { host, ann } = await room(f);
    host.close();
    await ann.client.nextOfType('host-left');
    await until(() => !f.server.snapshot().hostPresent, 'the host to be gone');
    const back = await f.host();
    expect(await ann.client.next()).toEqual({ type: 'host-joined' });
    back.send({ type: 'signal', to: ann.id, data: { sdp: { type: 'offer', sdp: 'v=0' } } });
    expect(await ann.client.next()).toEqual({
      type: 'signal',
      from: 'host',
      data: { sdp: { type: 'offer', sdp: 'v=0' } },
    });
    ann.client.send({ type: 'signal', to: 'host', data: { sdp: { type: 'answer', sdp: 'v=0' } } });
    expect(await back.next()).toEqual({ type: 'signal', from: ann.id, data: { sdp: { type: 'answer', sdp: 'v=0' } } });
  });

  it('tells a viewer that joins while the host is away hostPresent false, and lists it to the host that comes', async () => {
    const f = await startServer();
    const late = await f.viewer('Late');
    expect(f.server.snapshot().hostPresent).toBe(false);
    const { client: host, welcome } = await reconnectHost(f);
    expect(welcome).toEqual({
      type: 'welcome',
      role: 'host',
      viewers: [{ id: late.id, name: 'Late', address: '127.0.0.1', state: 'waiting' }],
    });
    // Not admitted, so it heard nothing about the host: its next message is its admission.
    host.send({ type: 'admit', id: late.id });
    expect(await late.client.next()).toEqual({ type: 'admitted' });
  });

  it('sends host-joined to admitted viewers when the first host arrives after them (approval off)', async () => {
    const f = await startServer({ requireApproval: false });
    const early = await f.viewer('Early');
    const { welcome } = await reconnectHost(f);
    expect(welcome).toMatchObject({ viewers: [{ id: early.id, state: 'admitted' }] });
    expect(await early.client.next()).toEqual({ type: 'host-joined' });
  });

  it('sends viewers nothing when a host hello with the wrong key is refused while the host is away', async () => {
    const f = await startServer();
    const { host, ann } = await room(f);
    host.close();
    await ann.client.nextOfType('host-left');
    await until(() => !f.server.snapshot().hostPresent, 'the host to be gone');
    const impostor = track(await TestClient.connect(f.signalUrl));
    impostor.send({ type: 'hello', role: 'host', key: 'A'.repeat(43), protocol: 1 });
    expect((await impostor.closed).code).toBe(4002);
    const back = await f.host();
    // host-joined is the first thing Ann hears after host-left: nothing for the impostor.
    expect(await ann.client.next()).toEqual({ type: 'host-joined' });
    expect(back.socket.readyState).toBe(back.socket.OPEN);
  });
});

/** A host hello on a new connection; returns the welcome as sent. */
async function reconnectHost(f: Fixture) {
  const client = track(await TestClient.connect(f.signalUrl));
  client.send({ type: 'hello', role: 'host', key: f.info.hostKey, protocol: 1 });
  return { client, welcome: await client.next() };
}
