// protocol.md "bad-message (4400)": not JSON, not an object, unknown type, missing or
// wrongly typed field, or a message the sender's role (or state) may not send.
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';

async function expectFatal(client: TestClient, code: string, closeCode: number): Promise<void> {
  expect(await client.next()).toEqual({ type: 'error', code, message: expect.any(String) });
  expect((await client.closed).code).toBe(closeCode);
  expect(client.pending()).toEqual([]);
}

/** A host and one admitted viewer, each past its hello. */
async function admittedPair(f: Fixture): Promise<{ host: TestClient; viewer: TestClient; id: string }> {
  const host = await f.host();
  const { client: viewer, id } = await f.viewer('Ann');
  await host.nextOfType('viewer-joined');
  host.send({ type: 'admit', id });
  expect(await viewer.next()).toEqual({ type: 'admitted' });
  return { host, viewer, id };
}

const malformedFrames: Array<[string, string]> = [
  ['not JSON', 'hello there'],
  ['truncated JSON', '{"type":"hello"'],
  ['a JSON array', '[{"type":"hello"}]'],
  ['JSON null', 'null'],
  ['a JSON number', '42'],
  ['a JSON string', '"hello"'],
  ['JSON true', 'true'],
  ['an empty frame', ''],
  ['an object without type', '{"role":"viewer"}'],
  ['an object whose type is not a string', '{"type":7}'],
  ['an unknown type', '{"type":"subscribe"}'],
  ['a type that only the server sends', '{"type":"welcome","role":"host","viewers":[]}'],
  ['a type named after an Object prototype key', '{"type":"constructor"}'],
];

describe('frames that are not protocol messages', () => {
  it.each(malformedFrames)('closes a new connection with 4400 bad-message when it sends %s', async (_label, frame) => {
    const f = await startServer();
    const client = track(await TestClient.connect(f.signalUrl));
    client.send(frame);
    await expectFatal(client, 'bad-message', 4400);
  });

  it.each(malformedFrames)(
    'closes an admitted viewer with 4400 bad-message when it sends %s',
    async (_label, frame) => {
      const f = await startServer();
      const { host, viewer, id } = await admittedPair(f);
      viewer.send(frame);
      await expectFatal(viewer, 'bad-message', 4400);
      expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
    },
  );

  it.each(malformedFrames)('closes the host with 4400 bad-message when it sends %s', async (_label, frame) => {
    const f = await startServer();
    const { host, viewer } = await admittedPair(f);
    host.send(frame);
    await expectFatal(host, 'bad-message', 4400);
    expect(await viewer.next()).toEqual({ type: 'host-left' });
  });

  it('closes a new connection with 4400 bad-message when it sends a binary frame, even one holding a valid hello', async () => {
    const f = await startServer();
    const client = track(await TestClient.connect(f.signalUrl));
    client.socket.send(
      Buffer.from(JSON.stringify({ type: 'hello', role: 'viewer', token: f.info.token, name: 'Ann', protocol: 1 })),
      { binary: true },
    );
    await expectFatal(client, 'bad-message', 4400);
  });

  it('closes an admitted viewer with 4400 bad-message when it sends a binary frame', async () => {
    const f = await startServer();
    const { viewer } = await admittedPair(f);
    viewer.socket.send(Buffer.from(JSON.stringify({ type: 'signal', to: 'host', data: {} })), { binary: true });
    await expectFatal(viewer, 'bad-message', 4400);
  });

  it('closes the host with 4400 bad-message when it sends a binary frame', async () => {
    const f = await startServer();
    const { host, id } = await admittedPair(f);
    host.socket.send(Buffer.from(JSON.stringify({ type: 'signal', to: id, data: {} })), { binary: true });
    await expectFatal(host, 'bad-message', 4400);
  });
});

describe('missing or wrongly typed fields', () => {
  it.each<[string, Record<string, unknown>]>([
    ['signal without to', { type: 'signal', data: {} }],
    ['signal without data', { type: 'signal', to: 'host' }],
    ['signal with to a number', { type: 'signal', to: 1, data: {} }],
    ['signal with data a string', { type: 'signal', to: 'host', data: 'offer' }],
    ['signal with data an array', { type: 'signal', to: 'host', data: [] }],
    ['signal with data null', { type: 'signal', to: 'host', data: null }],
    ['stats without data', { type: 'stats' }],
    ['stats with data an array', { type: 'stats', data: [1, 2] }],
    ['stats with data a number', { type: 'stats', data: 3 }],
  ])('closes an admitted viewer with 4400 bad-message for %s', async (_label, message) => {
    const f = await startServer();
    const { viewer } = await admittedPair(f);
    viewer.send(message);
    await expectFatal(viewer, 'bad-message', 4400);
  });

  it.each<[string, (id: string) => Record<string, unknown>]>([
    ['admit without id', () => ({ type: 'admit' })],
    ['admit with id a number', () => ({ type: 'admit', id: 1 })],
    ['deny with id null', () => ({ type: 'deny', id: null })],
    ['kick with id an object', (id) => ({ type: 'kick', id: { id } })],
    ['signal without to', () => ({ type: 'signal', data: {} })],
    ['signal with to an array', (id) => ({ type: 'signal', to: [id], data: {} })],
    ['signal with data a string', (id) => ({ type: 'signal', to: id, data: 'v=0' })],
    ['signal without data', (id) => ({ type: 'signal', to: id })],
  ])('closes the host with 4400 bad-message for %s', async (_label, message) => {
    const f = await startServer();
    const { host, viewer, id } = await admittedPair(f);
    host.send(message(id));
    await expectFatal(host, 'bad-message', 4400);
    // The malformed message had no effect on the viewer it named.
    expect(await viewer.next()).toEqual({ type: 'host-left' });
  });
});

describe('messages the sender may not send', () => {
  it.each(['admit', 'deny', 'kick'])(
    'closes a viewer that sends %s with 4400 bad-message, and the command has no effect',
    async (type) => {
      const f = await startServer();
      const host = await f.host();
      const { client: other, id: otherId } = await f.viewer('Other');
      const { client: viewer, id } = await f.viewer('Mallory');
      host.send({ type: 'admit', id });
      expect(await viewer.next()).toEqual({ type: 'admitted' });
      viewer.send({ type, id: otherId });
      await expectFatal(viewer, 'bad-message', 4400);
      expect(await host.nextOfType('viewer-left')).toEqual({ type: 'viewer-left', id, reason: 'left' });
      // The other viewer was neither admitted nor removed by it.
      expect(f.server.snapshot().viewers).toEqual([
        { id: otherId, name: 'Other', address: '127.0.0.1', state: 'waiting' },
      ]);
      expect(other.pending()).toEqual([]);
      expect(other.socket.readyState).toBe(other.socket.OPEN);
    },
  );

  it('closes a waiting viewer that sends admit for itself with 4400 bad-message', async () => {
    const f = await startServer();
    await f.host();
    const { client: viewer, id } = await f.viewer('Eager');
    viewer.send({ type: 'admit', id });
    await expectFatal(viewer, 'bad-message', 4400);
  });

  it('closes the host with 4400 bad-message when it sends stats', async () => {
    const f = await startServer();
    const { host } = await admittedPair(f);
    host.send({ type: 'stats', data: { fps: 30 } });
    await expectFatal(host, 'bad-message', 4400);
  });

  it.each<[string, (self: string, other: string) => string]>([
    ['another viewer', (_self, other) => other],
    ['itself', (self) => self],
    ['an id that does not exist', () => 'v999'],
    ['the empty string', () => ''],
    ['"Host" (case differs)', () => 'Host'],
  ])('closes a viewer that signals %s instead of "host" with 4400 bad-message', async (_label, target) => {
    const f = await startServer({ requireApproval: false });
    const host = await f.host();
    const { client: other, id: otherId } = await f.viewer('Other');
    const { client: viewer, id } = await f.viewer('Ann');
    viewer.send({ type: 'signal', to: target(id, otherId), data: { candidate: {} } });
    await expectFatal(viewer, 'bad-message', 4400);
    expect(other.pending()).toEqual([]);
    // The host got joins and the leave, never the signal.
    const seen = [await host.next(), await host.next(), await host.next()];
    expect(seen.map((m) => m.type)).toEqual(['viewer-joined', 'viewer-joined', 'viewer-left']);
  });

  it('closes a waiting viewer that sends signal with 4400 bad-message and relays nothing', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id });
    viewer.send({ type: 'signal', to: 'host', data: { sdp: { type: 'offer', sdp: 'v=0' } } });
    await expectFatal(viewer, 'bad-message', 4400);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
  });

  it('closes a waiting viewer that sends stats with 4400 bad-message and relays nothing', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer, id } = await f.viewer('Ann');
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', id });
    viewer.send({ type: 'stats', data: { fps: 30 } });
    await expectFatal(viewer, 'bad-message', 4400);
    expect(await host.next()).toEqual({ type: 'viewer-left', id, reason: 'left' });
  });
});
