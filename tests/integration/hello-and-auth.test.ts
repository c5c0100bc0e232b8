// protocol.md: hello, roles and secrets, the fatal errors of a bad hello, viewer names.
import { networkInterfaces } from 'node:os';
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';
import { sleep } from '../support/wait';

/** A non-loopback IPv4 address of this machine, to connect from "another computer". */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;
if (!lanAddress)
  console.warn('hello-and-auth: no non-loopback IPv4 address on this machine; skipping the remote-host tests');
const itWithLan = lanAddress ? it : it.skip;

async function expectFatal(client: TestClient, code: string, closeCode: number): Promise<void> {
  expect(await client.next()).toEqual({ type: 'error', code, message: expect.any(String) });
  expect((await client.closed).code).toBe(closeCode);
  expect(client.pending()).toEqual([]);
}

async function connect(f: Fixture, url = f.signalUrl): Promise<TestClient> {
  return track(await TestClient.connect(url));
}

const viewerHello = (f: Fixture, fields: Record<string, unknown> = {}) => ({
  type: 'hello',
  role: 'viewer',
  token: f.info.token,
  name: 'Ann',
  protocol: 1,
  ...fields,
});
const hostHello = (f: Fixture, fields: Record<string, unknown> = {}) => ({
  type: 'hello',
  role: 'host',
  key: f.info.hostKey,
  protocol: 1,
  ...fields,
});

describe('host hello', () => {
  it('welcomes the host with an empty viewer list when nobody has joined', async () => {
    const f = await startServer();
    const host = await connect(f);
    host.send(hostHello(f));
    expect(await host.next()).toEqual({ type: 'welcome', role: 'host', viewers: [] });
    expect(f.server.snapshot().hostPresent).toBe(true);
  });

  it('lists the viewers already connected, with id, name, address and state, in the host welcome', async () => {
    const f = await startServer();
    const ann = await f.viewer('Ann');
    const bob = await f.viewer('Bob');
    const host = await connect(f);
    host.send(hostHello(f));
    expect(await host.next()).toEqual({
      type: 'welcome',
      role: 'host',
      viewers: [
        { id: ann.id, name: 'Ann', address: '127.0.0.1', state: 'waiting' },
        { id: bob.id, name: 'Bob', address: '127.0.0.1', state: 'waiting' },
      ],
    });
  });

  it('accepts and ignores unknown extra fields in hello (forward compatibility)', async () => {
    const f = await startServer();
    const host = await connect(f);
    host.send(hostHello(f, { client: 'test', features: ['x'] }));
    expect(await host.next()).toEqual({ type: 'welcome', role: 'host', viewers: [] });
  });

  it('closes with 4002 bad-key when the host key is wrong', async () => {
    const f = await startServer();
    const host = await connect(f);
    host.send(hostHello(f, { key: f.info.hostKey.slice(0, -1) + (f.info.hostKey.endsWith('A') ? 'B' : 'A') }));
    await expectFatal(host, 'bad-key', 4002);
    expect(f.server.snapshot().hostPresent).toBe(false);
  });

  it('closes with 4002 bad-key when the room token is offered as the host key', async () => {
    const f = await startServer();
    const host = await connect(f);
    host.send(hostHello(f, { key: f.info.token }));
    await expectFatal(host, 'bad-key', 4002);
  });

  it('closes a second host with 4006 host-taken and keeps the first host working', async () => {
    const f = await startServer();
    const first = await f.host();
    const second = await connect(f);
    second.send(hostHello(f));
    await expectFatal(second, 'host-taken', 4006);
    const { id } = await f.viewer('Ann');
    expect(await first.next()).toMatchObject({ type: 'viewer-joined', id });
    expect(first.socket.readyState).toBe(first.socket.OPEN);
  });

  it('refuses a second host with the wrong key as bad-key, not host-taken', async () => {
    const f = await startServer();
    await f.host();
    const second = await connect(f);
    second.send(hostHello(f, { key: 'x'.repeat(43) }));
    await expectFatal(second, 'bad-key', 4002);
  });

  it('closes with 4400 bad-message when the host hello has no key', async () => {
    const f = await startServer();
    const host = await connect(f);
    host.send({ type: 'hello', role: 'host', token: f.info.token, protocol: 1 });
    await expectFatal(host, 'bad-message', 4400);
  });

  itWithLan('refuses a host hello from a non-loopback address with 4002 bad-key, even with the right key', async () => {
    const f = await startServer({ bind: '0.0.0.0' });
    const remote = await connect(f, `ws://${lanAddress}:${f.info.port}/signal`);
    remote.send(hostHello(f));
    await expectFatal(remote, 'bad-key', 4002);
    expect(f.server.snapshot().hostPresent).toBe(false);
    // The same key still works from loopback: the refusal was about the address.
    await f.host();
  });

  itWithLan('welcomes a viewer from a non-loopback address and reports that address to the host', async () => {
    const f = await startServer({ bind: '0.0.0.0' });
    const host = await f.host();
    const remote = await connect(f, `ws://${lanAddress}:${f.info.port}/signal`);
    remote.send(viewerHello(f, { name: 'Remote' }));
    const welcome = await remote.next();
    expect(welcome).toMatchObject({ type: 'welcome', role: 'viewer', state: 'waiting', hostPresent: true });
    expect(await host.next()).toEqual({
      type: 'viewer-joined',
      id: (welcome as { id: string }).id,
      name: 'Remote',
      address: lanAddress,
      state: 'waiting',
    });
  });
});

describe('viewer hello', () => {
  it('welcomes a viewer with its id, state waiting and hostPresent true when the host is there', async () => {
    const f = await startServer();
    const host = await f.host();
    const viewer = await connect(f);
    viewer.send(viewerHello(f));
    const welcome = await viewer.next();
    expect(welcome).toEqual({
      type: 'welcome',
      role: 'viewer',
      id: expect.any(String),
      state: 'waiting',
      hostPresent: true,
    });
    const id = (welcome as { id: string }).id;
    expect(id.length).toBeGreaterThan(0);
    expect(await host.next()).toEqual({
      type: 'viewer-joined',
      id,
      name: 'Ann',
      address: '127.0.0.1',
      state: 'waiting',
    });
  });

  it('tells a viewer hostPresent false when no host is connected', async () => {
    const f = await startServer();
    const viewer = await connect(f);
    viewer.send(viewerHello(f));
    expect(await viewer.next()).toEqual({
      type: 'welcome',
      role: 'viewer',
      id: expect.any(String),
      state: 'waiting',
      hostPresent: false,
    });
  });

  it('gives every viewer a unique id and never reuses the id of one that left', async () => {
    const f = await startServer();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const { client, id } = await f.viewer(`V${i}`);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      client.close();
      await client.closed;
    }
    const { id } = await f.viewer('Last');
    expect(seen.has(id)).toBe(false);
  });

  it('closes with 4001 when the token is wrong', async () => {
    const f = await startServer();
    const host = await f.host();
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { token: 'A'.repeat(43) }));
    await expectFatal(viewer, 'bad-token', 4001);
    // The host never heard of the rejected viewer: its next message is about the next one.
    const { id } = await f.viewer('Good');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id, name: 'Good' });
  });

  it('closes with 4001 when the host key is offered as the viewer token', async () => {
    const f = await startServer();
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { token: f.info.hostKey }));
    await expectFatal(viewer, 'bad-token', 4001);
  });

  it('closes with 4001 when the token is empty', async () => {
    const f = await startServer();
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { token: '' }));
    await expectFatal(viewer, 'bad-token', 4001);
  });
});

describe('protocol version', () => {
  it.each([2, 0, 1.5, -1])('closes with 4010 unsupported-protocol when a viewer says protocol %p', async (protocol) => {
    const f = await startServer();
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { protocol }));
    await expectFatal(viewer, 'unsupported-protocol', 4010);
  });

  it('closes with 4010 unsupported-protocol when a host says protocol 2', async () => {
    const f = await startServer();
    const host = await connect(f);
    host.send(hostHello(f, { protocol: 2 }));
    await expectFatal(host, 'unsupported-protocol', 4010);
  });

  it.each([
    ['a string "1"', '1'],
    ['missing', undefined],
    ['null', null],
  ])('closes with 4400 bad-message when protocol is %s', async (_label, protocol) => {
    const f = await startServer();
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { protocol }));
    await expectFatal(viewer, 'bad-message', 4400);
  });
});

describe('hello order and timing', () => {
  it('closes with 4008 hello-timeout when no hello arrives in time', async () => {
    const f = await startServer({ helloTimeoutMs: 200 });
    const client = await connect(f);
    const started = Date.now();
    await expectFatal(client, 'hello-timeout', 4008);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('keeps a client that said hello in time open past the hello timeout', async () => {
    const f = await startServer({ helloTimeoutMs: 200 });
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await sleep(400); // on purpose: twice the hello timeout, which must not close it
    expect(viewer.pending()).toEqual([]);
    host.send({ type: 'admit', id });
    expect(await viewer.next()).toEqual({ type: 'admitted' });
  });

  it.each([
    ['signal', { type: 'signal', to: 'host', data: {} }],
    ['admit', { type: 'admit', id: 'v1' }],
    ['stats', { type: 'stats', data: {} }],
  ])('closes with 4400 bad-message when the first message is %s, not hello', async (_type, message) => {
    const f = await startServer();
    const client = await connect(f);
    client.send(message);
    await expectFatal(client, 'bad-message', 4400);
  });

  it('closes a viewer with 4400 bad-message when it says hello twice', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    await host.nextOfType('viewer-joined');
    viewer.send(viewerHello(f));
    await expectFatal(viewer, 'bad-message', 4400);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
  });

  it('closes a host with 4400 bad-message when it says hello twice', async () => {
    const f = await startServer();
    const host = await f.host();
    host.send(hostHello(f));
    await expectFatal(host, 'bad-message', 4400);
  });

  it.each([
    ['"admin"', 'admin'],
    ['missing', undefined],
    ['a number', 1],
  ])('closes with 4400 bad-message when role is %s', async (_label, role) => {
    const f = await startServer();
    const client = await connect(f);
    client.send(viewerHello(f, { role }));
    await expectFatal(client, 'bad-message', 4400);
  });
});

describe('viewer names', () => {
  async function joinedName(f: Fixture, host: TestClient, name: unknown): Promise<string> {
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { name }));
    expect(await viewer.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
    const joined = await host.next();
    if (joined.type !== 'viewer-joined') throw new Error(`expected viewer-joined, got ${JSON.stringify(joined)}`);
    return joined.name;
  }

  it('trims whitespace around the name', async () => {
    const f = await startServer();
    const host = await f.host();
    expect(await joinedName(f, host, '  Ann Lee \t ')).toBe('Ann Lee');
  });

  it('removes control characters from the name', async () => {
    const f = await startServer();
    const host = await f.host();
    expect(await joinedName(f, host, 'A\u0000n\u0007n\u001b[31m\u007f\u0085!')).toBe('Ann[31m!');
    expect(await joinedName(f, host, 'Line\nbreak\r')).toBe('Linebreak');
  });

  it('accepts a name of exactly 64 characters and keeps it whole', async () => {
    const f = await startServer();
    const host = await f.host();
    expect(await joinedName(f, host, 'n'.repeat(64))).toBe('n'.repeat(64));
  });

  it('counts characters, not UTF-16 units: 64 emoji are a valid name', async () => {
    const f = await startServer();
    const host = await f.host();
    expect(await joinedName(f, host, '😀'.repeat(64))).toBe('😀'.repeat(64));
  });

  it('measures the length after trimming: 64 characters with surrounding spaces are accepted', async () => {
    const f = await startServer();
    const host = await f.host();
    expect(await joinedName(f, host, `   ${'n'.repeat(64)}   `)).toBe('n'.repeat(64));
  });

  it.each([
    ['65 characters', 'n'.repeat(65)],
    ['65 emoji', '😀'.repeat(65)],
    ['empty', ''],
    ['only spaces', '    '],
    ['only control characters', '\u0000\u0001\u001f'],
    ['spaces and control characters', ' \u0007 \t '],
    ['not a string', 42],
    ['missing', undefined],
  ])('closes with 4400 bad-message when the name is %s', async (_label, name) => {
    const f = await startServer();
    const host = await f.host();
    const viewer = await connect(f);
    viewer.send(viewerHello(f, { name }));
    await expectFatal(viewer, 'bad-message', 4400);
    // No viewer-joined was sent for it: the host's next message concerns the next viewer.
    const { id } = await f.viewer('Next');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id });
  });
});
