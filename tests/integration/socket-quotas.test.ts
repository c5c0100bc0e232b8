// Issue 14 item 2: nobody without a secret can fill the socket slots. The host's own
// loopback address (127.0.0.1) keeps a reserve; sockets that have not said hello are
// capped per address and in all, and sockets from other addresses get a shorter hello
// timeout. Other loopback addresses (127.0.0.2, …) stand in for machines on the LAN.
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';

const connectFrom = async (f: Fixture, localAddress: string) =>
  track(await TestClient.connect(f.signalUrl, { localAddress }));

const viewerHello = (f: Fixture, name: string) => ({
  type: 'hello',
  role: 'viewer',
  token: f.info.token,
  name,
  protocol: 1,
});

async function hostFrom(f: Fixture, localAddress = '127.0.0.1'): Promise<TestClient> {
  const host = await connectFrom(f, localAddress);
  host.send({ type: 'hello', role: 'host', key: f.info.hostKey, protocol: 1 });
  expect(await host.next()).toMatchObject({ type: 'welcome', role: 'host' });
  return host;
}

async function viewerFrom(f: Fixture, localAddress: string, name = 'V'): Promise<TestClient> {
  const viewer = await connectFrom(f, localAddress);
  viewer.send(viewerHello(f, name));
  expect(await viewer.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
  return viewer;
}

describe('the host’s reserve', () => {
  it('lets the host in on 127.0.0.1 when other addresses have taken every other slot', async () => {
    const f = await startServer({ maxSockets: 8, requireApproval: false });
    const others: TestClient[] = [];
    for (let n = 2; ; n += 1) {
      try {
        others.push(await viewerFrom(f, `127.0.0.${n}`));
      } catch (error) {
        expect(String(error)).toContain('HTTP 503');
        break;
      }
    }
    // Four slots stay for the host's own address: its signaling socket, its relay socket, a reconnect.
    expect(others).toHaveLength(4);
    await hostFrom(f);
    expect(f.server.snapshot().hostPresent).toBe(true);
  });

  it('still caps the host’s own address at maxSockets', async () => {
    const f = await startServer({ maxSockets: 2 });
    await connectFrom(f, '127.0.0.1');
    await connectFrom(f, '127.0.0.1');
    await expect(TestClient.connect(f.signalUrl, { localAddress: '127.0.0.1' })).rejects.toThrow('HTTP 503');
  });
});

describe('sockets that have not said hello', () => {
  it('are capped per address (maxPendingSocketsPerAddress) while other addresses are still accepted', async () => {
    const f = await startServer({ maxPendingSocketsPerAddress: 2 });
    await connectFrom(f, '127.0.0.2');
    const second = await connectFrom(f, '127.0.0.2');
    await expect(TestClient.connect(f.signalUrl, { localAddress: '127.0.0.2' })).rejects.toThrow('HTTP 503');
    await viewerFrom(f, '127.0.0.3');
    // Once one of them says hello it no longer counts as pending: the address gets another.
    second.send(viewerHello(f, 'Late'));
    expect(await second.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
    await connectFrom(f, '127.0.0.2');
  });

  it('are capped in all (maxPendingSockets), so they never fill maxSockets, and the host still gets in', async () => {
    const f = await startServer({ maxSockets: 12, maxPendingSockets: 3 });
    const outcomes = [];
    for (let n = 2; n < 10; n += 1) {
      outcomes.push(
        await TestClient.connect(f.signalUrl, { localAddress: `127.0.0.${n}` }).then(
          (client) => (track(client), 'open'),
          (error: unknown) => String(error),
        ),
      );
    }
    expect(outcomes).toEqual(['open', 'open', 'open', ...Array(5).fill('Error: HTTP 503')]);
    await hostFrom(f);
  });

  it('from another address are closed sooner (networkHelloTimeoutMs) than from the host’s own', async () => {
    const f = await startServer({ helloTimeoutMs: 5_000, networkHelloTimeoutMs: 200 });
    const local = await connectFrom(f, '127.0.0.1');
    const remote = await connectFrom(f, '127.0.0.2');
    const started = Date.now();
    expect(await remote.next(2_000)).toMatchObject({ type: 'error', code: 'hello-timeout' });
    expect((await remote.closed).code).toBe(4008);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(local.socket.readyState).toBe(local.socket.OPEN);
  });
});

describe('IPv6', () => {
  it('caps sockets per address on ::1 as on IPv4', async () => {
    const f = await startServer({ bind: '::1', maxSocketsPerAddress: 2 });
    const url = `ws://[::1]:${f.info.port}/signal`;
    track(await TestClient.connect(url));
    track(await TestClient.connect(url));
    await expect(TestClient.connect(url)).rejects.toThrow('HTTP 503');
  });
});
