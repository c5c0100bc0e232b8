// SignalingServer start/stop: what start() hands out (secrets, join links), what stop()
// releases (sockets, the port, timers), and how it fails (port in use).
import { createServer, type Server } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { parseJoinLink } from '../../signaling/protocol';
import { SignalingError, SignalingServer } from '../../signaling/server';
import { TestClient } from '../support/test-client';
import { startServer, track } from '../support/server-fixture';
import { sleep, until } from '../support/wait';

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;
if (!lanAddress) console.warn('lifecycle: no non-loopback IPv4 address on this machine; skipping the LAN bind tests');
const itWithLan = lanAddress ? it : it.skip;

const BASE64URL_SECRET = /^[A-Za-z0-9_-]{22,}$/;

/** Servers made outside the fixture, stopped after each test. */
const extra = new Set<SignalingServer>();
const blockers = new Set<Server>();
afterEach(async () => {
  await Promise.all([...extra].map((s) => s.stop()));
  extra.clear();
  await Promise.all([...blockers].map((b) => new Promise((resolve) => b.close(resolve))));
  blockers.clear();
});

function server(options: ConstructorParameters<typeof SignalingServer>[0] = {}): SignalingServer {
  const s = new SignalingServer({
    bind: '127.0.0.1',
    networkInterfaces: () => ({}),
    defaultRouteAddress: async () => undefined,
    ...options,
  });
  extra.add(s);
  return s;
}

function listenOn(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const blocker = createServer();
    blocker.once('error', reject);
    blocker.listen({ port, host, exclusive: true }, () => {
      blockers.add(blocker);
      resolve(blocker);
    });
  });
}

function ipv4(address: string): NetworkInterfaceInfo {
  return {
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '02:00:00:00:00:01',
    internal: false,
    cidr: `${address}/24`,
  };
}

async function helloAsViewer(url: string, token: string): Promise<TestClient> {
  const client = track(await TestClient.connect(url));
  client.send({ type: 'hello', role: 'viewer', token, name: 'Link', protocol: 1 });
  expect(await client.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
  return client;
}

describe('start()', () => {
  it('resolves with the port, a host key, a room token, join links and the host URL', async () => {
    const f = await startServer();
    const { info } = f;
    expect(info.port).toBeGreaterThan(0);
    expect(info.hostKey).toMatch(BASE64URL_SECRET);
    expect(info.token).toMatch(BASE64URL_SECRET);
    expect(info.hostKey).not.toBe(info.token);
    expect(info.joinUrls).toEqual([`http://127.0.0.1:${info.port}/join#t=${info.token}`]);
    expect(info.hostUrl).toBe(`http://127.0.0.1:${info.port}/host#k=${info.hostKey}`);
    expect(f.server.running).toBe(true);
  });

  it('makes fresh secrets for every server', async () => {
    const a = await server().start();
    const b = await server().start();
    const secrets = new Set([a.hostKey, a.token, b.hostKey, b.token]);
    expect(secrets.size).toBe(4);
  });

  it('never puts the host key in a join link', async () => {
    const info = await server({
      bind: undefined,
      networkInterfaces: () => ({ eth0: [ipv4('192.168.1.20')], wlan0: [ipv4('10.0.0.7')] }),
    }).start();
    expect(info.joinUrls.length).toBeGreaterThan(1);
    for (const url of info.joinUrls) {
      expect(url).not.toContain(info.hostKey);
      const parsed = parseJoinLink(url);
      expect(parsed.ok && parsed.value).toMatchObject({ port: info.port, token: info.token, secure: false });
    }
  });

  it('lists the LAN addresses first and 127.0.0.1 last in the join links of a server on all interfaces', async () => {
    const info = await server({
      bind: '0.0.0.0',
      networkInterfaces: () => ({ lo: [{ ...ipv4('127.0.0.1'), internal: true }], eth0: [ipv4('192.168.1.20')] }),
    }).start();
    expect(info.joinUrls).toEqual([
      `http://192.168.1.20:${info.port}/join#t=${info.token}`,
      `http://127.0.0.1:${info.port}/join#t=${info.token}`,
    ]);
  });

  it('hands out join links that work: a viewer using each one is welcomed', async () => {
    const s = server({ bind: '0.0.0.0', networkInterfaces });
    const info = await s.start();
    for (const url of info.joinUrls) {
      const parsed = parseJoinLink(url);
      if (!parsed.ok) throw new Error(parsed.error);
      await helloAsViewer(`ws://${parsed.value.host}:${parsed.value.port}/signal`, parsed.value.token);
    }
    expect(s.snapshot().viewers).toHaveLength(info.joinUrls.length);
  });

  it('hands out a host URL whose key lets a host in', async () => {
    const f = await startServer();
    const url = new URL(f.info.hostUrl);
    const key = new URLSearchParams(url.hash.slice(1)).get('k');
    expect(key).toBe(f.info.hostKey);
    expect((await fetch(url)).status).toBe(200);
    const host = track(await TestClient.connect(`ws://${url.host}/signal`));
    host.send({ type: 'hello', role: 'host', key, protocol: 1 });
    expect(await host.next()).toEqual({ type: 'welcome', role: 'host', viewers: [] });
  });

  it('rejects with SignalingError port-in-use when the port is taken', async () => {
    const f = await startServer();
    const error = await server({ port: f.info.port })
      .start()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect((error as SignalingError).code).toBe('port-in-use');
    // The running server is unaffected.
    expect((await fetch(`${f.httpUrl}/healthz`)).status).toBe(200);
  });

  it('rejects a second start() with already-running', async () => {
    const f = await startServer();
    await expect(f.server.start()).rejects.toMatchObject({ name: 'SignalingError', code: 'already-running' });
  });

  itWithLan('also listens on 127.0.0.1 when bound to a LAN address, so the host can connect', async () => {
    const s = server({ bind: lanAddress });
    const info = await s.start();
    expect(info.joinUrls).toEqual([`http://${lanAddress}:${info.port}/join#t=${info.token}`]);
    expect(info.hostUrl).toBe(`http://127.0.0.1:${info.port}/host#k=${info.hostKey}`);
    const host = track(await TestClient.connect(`ws://127.0.0.1:${info.port}/signal`));
    host.send({ type: 'hello', role: 'host', key: info.hostKey, protocol: 1 });
    expect(await host.next()).toEqual({ type: 'welcome', role: 'host', viewers: [] });
    await helloAsViewer(`ws://${lanAddress}:${info.port}/signal`, info.token);
    expect(await host.next()).toMatchObject({ type: 'viewer-joined', address: lanAddress });
  });

  itWithLan('releases the LAN address when it cannot also listen on 127.0.0.1', async () => {
    const blocker = await listenOn(0, '127.0.0.1');
    const port = (blocker.address() as { port: number }).port;
    const s = server({ bind: lanAddress, port });
    await expect(s.start()).rejects.toMatchObject({ code: 'port-in-use' });
    expect(s.running).toBe(false);
    // Nothing is left listening on the LAN address: it can be taken at once.
    await listenOn(port, lanAddress!);
  });
});

describe('stop()', () => {
  it('closes every client socket: host, viewers and connections that have not said hello', async () => {
    const f = await startServer();
    const host = await f.host();
    const { client: viewer } = await f.viewer('Ann');
    const pending = track(await TestClient.connect(f.signalUrl));
    await f.server.stop();
    await Promise.all([host.closed, viewer.closed, pending.closed]);
    for (const c of [host, viewer, pending]) expect(c.socket.readyState).toBe(c.socket.CLOSED);
    expect(f.server.running).toBe(false);
  });

  it('frees the port at once: a new server can listen on it right after', async () => {
    const f = await startServer();
    await f.host();
    await f.server.stop();
    const again = server({ port: f.info.port });
    const info = await again.start();
    expect(info.port).toBe(f.info.port);
    expect((await fetch(`http://127.0.0.1:${info.port}/healthz`)).status).toBe(200);
  });

  it('leaves no timers, servers or sockets behind', async () => {
    const count = () => {
      const counts: Record<string, number> = {};
      for (const resource of process.getActiveResourcesInfo()) counts[resource] = (counts[resource] ?? 0) + 1;
      return counts;
    };
    // Handles closed by earlier tests are released on a later turn of the event loop.
    const settle = () => sleep(30);
    await settle();
    const before = count();
    // The heartbeat interval is unref'd, so it never shows as an active resource: watch it directly.
    const setIntervalSpy = jest.spyOn(globalThis, 'setInterval');
    const clearIntervalSpy = jest.spyOn(globalThis, 'clearInterval');
    const s = server({ heartbeatIntervalMs: 20 });
    const info = await s.start();
    const intervals = setIntervalSpy.mock.results.map((r) => r.value as NodeJS.Timeout);
    expect(intervals.length).toBeGreaterThan(0);
    const url = `ws://127.0.0.1:${info.port}/signal`;
    const pending = track(await TestClient.connect(url)); // its hello timer is running
    const viewer = await helloAsViewer(url, info.token);
    const during = count();
    expect(during.TCPServerWrap ?? 0).toBeGreaterThan(before.TCPServerWrap ?? 0);
    expect(during.Timeout ?? 0).toBeGreaterThan(before.Timeout ?? 0);
    await s.stop();
    for (const interval of intervals) expect(clearIntervalSpy).toHaveBeenCalledWith(interval);
    setIntervalSpy.mockRestore();
    clearIntervalSpy.mockRestore();
    await Promise.all([pending.closed, viewer.closed]);
    // Other timers of the test process come and go on a loaded machine; what the server
    // leaked would stay (its hello timer alone runs 5 s), so wait for the counts to settle.
    const settled = () => {
      const after = count();
      return ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'].every((kind) => (after[kind] ?? 0) <= (before[kind] ?? 0));
    };
    // Past the deadline the expectations below say which kind was left behind.
    await until(settled, 'the handles to be released', 1_000, 30).catch(() => undefined);
    const after = count();
    expect(after.TCPServerWrap ?? 0).toBeLessThanOrEqual(before.TCPServerWrap ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  });

  it('is safe to call twice, and on a server never started', async () => {
    const f = await startServer();
    await f.server.stop();
    await f.server.stop();
    await server().stop();
    expect(f.server.running).toBe(false);
  });

  it('leaves an empty room: started again, the server welcomes a new host and lists no old viewers', async () => {
    const s = server();
    const first = await s.start();
    const url = `ws://127.0.0.1:${first.port}/signal`;
    const oldHost = track(await TestClient.connect(url));
    oldHost.send({ type: 'hello', role: 'host', key: first.hostKey, protocol: 1 });
    await oldHost.next();
    await helloAsViewer(url, first.token);
    await s.stop();
    expect(s.snapshot()).toEqual({ hostPresent: false, viewers: [] });
    const second = await s.start();
    const host = track(await TestClient.connect(`ws://127.0.0.1:${second.port}/signal`));
    host.send({ type: 'hello', role: 'host', key: second.hostKey, protocol: 1 });
    expect(await host.next()).toEqual({ type: 'welcome', role: 'host', viewers: [] });
  });

  it('makes fresh secrets when the same server starts again, so old links stop working', async () => {
    const s = server();
    const first = await s.start();
    await s.stop();
    const second = await s.start();
    expect(second.hostKey).not.toBe(first.hostKey);
    expect(second.token).not.toBe(first.token);
    const stale = track(await TestClient.connect(`ws://127.0.0.1:${second.port}/signal`));
    stale.send({ type: 'hello', role: 'viewer', token: first.token, name: 'Old link', protocol: 1 });
    expect(await stale.next()).toMatchObject({ type: 'error', code: 'bad-token' });
  });

  it('never reuses a viewer id across restarts of the same server', async () => {
    const s = server();
    const first = await s.start();
    const ids = new Set<string>();
    const join = async (info: { port: number; token: string }) => {
      const client = track(await TestClient.connect(`ws://127.0.0.1:${info.port}/signal`));
      client.send({ type: 'hello', role: 'viewer', token: info.token, name: 'Again', protocol: 1 });
      const welcome = await client.next();
      if (welcome.type !== 'welcome' || welcome.role !== 'viewer')
        throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
      return welcome.id;
    };
    ids.add(await join(first));
    ids.add(await join(first));
    await s.stop();
    const second = await s.start();
    ids.add(await join(second));
    expect(ids.size).toBe(3);
  });

  it('keeps secrets given in the options across restarts', async () => {
    const hostKey = 'K'.repeat(43);
    const token = 'T'.repeat(43);
    const s = server({ hostKey, token });
    expect(await s.start()).toMatchObject({ hostKey, token });
    await s.stop();
    expect(await s.start()).toMatchObject({ hostKey, token });
  });
});
