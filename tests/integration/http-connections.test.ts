// Issue 14 item 3: plain HTTP connections are capped (slow-loris against the process
// that hosts): a request that never finishes its headers is dropped within about a
// second of the headers timeout, and one address (or all of them together) cannot hold
// more than its share of connections. 127.0.0.2, … stand in for other machines.
import { connect, type Socket } from 'node:net';
import { startServer, type Fixture } from '../support/server-fixture';

const open: Socket[] = [];
afterEach(() => open.splice(0).forEach((socket) => socket.destroy()));

/** A TCP connection from `localAddress` that has started a request it never finishes. */
function slowLoris(f: Fixture, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: f.info.port, localAddress }, () => {
      socket.write(`GET /join HTTP/1.1\r\nHost: 127.0.0.1:${f.info.port}\r\n`);
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    open.push(socket);
  });
}

/** Resolves the time the socket closed, or null if it stays open for `withinMs`. */
function closedWithin(socket: Socket, withinMs: number): Promise<number | null> {
  if (socket.destroyed) return Promise.resolve(Date.now());
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), withinMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now());
    });
  });
}

/** Status of GET /healthz from `localAddress`, or the error it met. */
function healthz(f: Fixture, localAddress: string): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: f.info.port, localAddress }, () =>
      socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${f.info.port}\r\nConnection: close\r\n\r\n`),
    );
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', (error) => resolve(error.message));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 'closed without reply')));
  });
}

it('drops a request that never finishes its headers within about a second of the headers timeout', async () => {
  const f = await startServer({ headersTimeoutMs: 1_000 });
  const started = Date.now();
  const loris = await slowLoris(f, '127.0.0.2');
  // It keeps trickling header bytes, as a slow-loris does, so only the headers timeout can end it.
  const drip = setInterval(() => loris.writable && loris.write('X-Drip: 1\r\n'), 200);
  try {
    const closedAt = await closedWithin(loris, 5_000);
    expect(closedAt).not.toBeNull();
    expect(closedAt! - started).toBeLessThan(1_000 + 1_500);
  } finally {
    clearInterval(drip);
  }
});

it('drops a connection that sends nothing at all within about a second of the headers timeout', async () => {
  const f = await startServer({ headersTimeoutMs: 1_000 });
  const started = Date.now();
  const silent = await new Promise<Socket>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: f.info.port, localAddress: '127.0.0.2' }, () => resolve(socket));
    socket.on('error', () => undefined);
    open.push(socket);
  });
  const closedAt = await closedWithin(silent, 5_000);
  expect(closedAt).not.toBeNull();
  expect(closedAt! - started).toBeLessThan(1_000 + 1_500);
});

it('refuses the connection past maxHttpConnectionsPerAddress while another address is still served', async () => {
  const f = await startServer({ maxHttpConnectionsPerAddress: 3 });
  const held = [];
  for (let n = 0; n < 3; n += 1) held.push(await slowLoris(f, '127.0.0.2'));
  const extra = await slowLoris(f, '127.0.0.2').catch(() => null);
  expect(extra === null || (await closedWithin(extra, 1_000)) !== null).toBe(true);
  expect(await healthz(f, '127.0.0.3')).toBe(200);
  expect(await healthz(f, '127.0.0.1')).toBe(200);
  // The ones it holds were not disturbed.
  expect(held.every((socket) => !socket.destroyed)).toBe(true);
});

it('caps plain connections in all (maxHttpConnections), but the host’s own address is still served', async () => {
  const f = await startServer({ maxHttpConnections: 4 });
  for (const n of [2, 3, 4, 5]) await slowLoris(f, `127.0.0.${n}`);
  expect(await healthz(f, '127.0.0.6')).not.toBe(200);
  expect(await healthz(f, '127.0.0.1')).toBe(200);
});

it('frees the slot once a held connection closes', async () => {
  const f = await startServer({ maxHttpConnectionsPerAddress: 1 });
  const held = await slowLoris(f, '127.0.0.2');
  expect(await healthz(f, '127.0.0.2')).not.toBe(200);
  held.destroy();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await healthz(f, '127.0.0.2')).toBe(200);
});
