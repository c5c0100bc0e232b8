// Starts a real SignalingServer on port 0 (loopback) and stops it after each test.
import { SignalingServer, type HostingInfo, type SignalingServerOptions } from '../../signaling/server';
import { TestClient } from './test-client';

export interface Fixture {
  readonly server: SignalingServer;
  readonly info: HostingInfo;
  readonly signalUrl: string;
  readonly httpUrl: string;
  host(): Promise<TestClient>;
  viewer(name?: string): Promise<{ client: TestClient; id: string }>;
}

const running = new Set<SignalingServer>();
const clients = new Set<TestClient>();

afterEach(async () => {
  for (const client of clients) client.socket.terminate();
  clients.clear();
  await Promise.all([...running].map((server) => server.stop()));
  running.clear();
});

export async function startServer(options: SignalingServerOptions = {}): Promise<Fixture> {
  const server = new SignalingServer({
    bind: '127.0.0.1',
    networkInterfaces: () => ({}),
    defaultRouteAddress: async () => undefined,
    ...options,
  });
  const info = await server.start();
  running.add(server);
  const signalUrl = `ws://127.0.0.1:${info.port}/signal`;
  const connect = async () => {
    const client = await TestClient.connect(signalUrl);
    clients.add(client);
    return client;
  };
  return {
    server,
    info,
    signalUrl,
    httpUrl: `http://127.0.0.1:${info.port}`,
    async host() {
      const client = await connect();
      client.send({ type: 'hello', role: 'host', key: info.hostKey, protocol: 1 });
      const welcome = await client.next();
      if (welcome.type !== 'welcome') throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
      return client;
    },
    async viewer(name = 'Viewer') {
      const client = await connect();
      client.send({ type: 'hello', role: 'viewer', token: info.token, name, protocol: 1 });
      const welcome = await client.next();
      if (welcome.type !== 'welcome' || welcome.role !== 'viewer')
        throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
      return { client, id: welcome.id };
    },
  };
}

/** Tracks a client opened outside the fixture so afterEach closes it. */
export function track(client: TestClient): TestClient {
  clients.add(client);
  return client;
}
