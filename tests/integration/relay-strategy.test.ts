// The relay strategy's control side against a stand-in relay (a real WebSocket server speaking the relay control
// protocol): it becomes ready on `ready`, opens each viewer's connection there, surfaces the relay's `error`
// replies (they used to be dropped) and fails when the relay goes away, so the delivery can fall back.
import WebSocket, { WebSocketServer } from 'ws';
import type { StrategyContext } from '../../renderer/host/delivery-strategy';
import { RelayStrategy } from '../../renderer/host/relay-strategy';
import { until } from '../support/session-fakes';

(globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;

let server: WebSocketServer;
let relay: WebSocket | null;
let received: Array<Record<string, unknown>>;
let url: string;

beforeEach(async () => {
  relay = null;
  received = [];
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket) => {
    relay = socket;
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/relay`;
});

afterEach(async () => {
  relay?.terminate();
  await new Promise((resolve) => server.close(resolve));
});

function recordingContext() {
  const events = { ready: 0, failures: [] as string[], problems: [] as string[] };
  const context: StrategyContext = {
    send: () => undefined,
    ready: () => (events.ready += 1),
    fail: (reason) => events.failures.push(reason),
    problem: (message) => events.problems.push(message),
  };
  return { context, events };
}

describe('RelayStrategy (control side)', () => {
  it('says hello, becomes ready on `ready` and then opens the connections of viewers added before', async () => {
    const { context, events } = recordingContext();
    const strategy = new RelayStrategy(context, url, 'HOSTKEY');
    strategy.addViewer('v1');
    await until(() => received.length === 1, 'hello');
    expect(received[0]).toEqual({ type: 'hello', key: 'HOSTKEY' });
    relay!.send(JSON.stringify({ type: 'ready' }));
    await until(() => received.length === 2, 'viewer-open');
    expect(events.ready).toBe(1);
    expect(received[1]).toMatchObject({ type: 'viewer-open' });
    expect(received[1]!.peer).toMatch(/^[0-9a-f]{16}$/);
    strategy.close();
  });

  it('surfaces the relay’s error replies, and carries on', async () => {
    const { context, events } = recordingContext();
    const strategy = new RelayStrategy(context, url, 'HOSTKEY');
    await until(() => relay !== null, 'connected');
    relay!.send(JSON.stringify({ type: 'ready' }));
    relay!.send(JSON.stringify({ type: 'error', message: 'no viewer connection abc' }));
    await until(() => events.problems.length === 1, 'problem surfaced');
    expect(events.problems).toEqual(['no viewer connection abc']);
    expect(events.failures).toEqual([]);
    strategy.close();
  });

  it('fails when the relay goes away, and not when the host page closes it', async () => {
    const first = recordingContext();
    new RelayStrategy(first.context, url, 'HOSTKEY');
    await until(() => relay !== null, 'connected');
    relay!.close();
    await until(() => first.events.failures.length === 1, 'failure');

    relay = null;
    const second = recordingContext();
    const strategy = new RelayStrategy(second.context, url, 'HOSTKEY');
    await until(() => relay !== null, 'connected again');
    const closed = new Promise((resolve) => relay!.once('close', resolve));
    strategy.close();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.events.failures).toEqual([]);
  });
});
