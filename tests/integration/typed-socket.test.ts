// The one close behaviour of the renderer's sockets (renderer/connection/typed-socket.ts), against a real
// WebSocket server: the owner's close() is silent, every other close is reported once, and a frame that fails
// to parse closes the socket and is reported (the relay control socket used to swallow it and go quiet).
import WebSocket, { WebSocketServer } from 'ws';
import { TypedSocket } from '../../renderer/connection/typed-socket';
import { RelayControlSocket } from '../../renderer/host/relay-control-socket';
import { err, ok } from '../../signaling/protocol';
import { until } from '../support/session-fakes';

(globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;

let server: WebSocketServer;
let url: string;
let peers: WebSocket[];

beforeEach(async () => {
  peers = [];
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket) => peers.push(socket));
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/relay`;
});

afterEach(async () => {
  for (const peer of peers) peer.terminate();
  await new Promise((resolve) => server.close(resolve));
});

const parseNumber = (text: string) => (/^\d+$/.test(text) ? ok(Number(text)) : err('not a number'));

function recordingSocket() {
  const events = { opened: 0, messages: [] as number[], closes: [] as number[] };
  const socket = new TypedSocket<number, number>(url, parseNumber, {
    onOpen: () => (events.opened += 1),
    onMessage: (message) => events.messages.push(message),
    onClose: (code) => events.closes.push(code),
  });
  return { socket, events };
}

describe('TypedSocket', () => {
  it('passes parsed frames on and sends JSON', async () => {
    const { socket, events } = recordingSocket();
    await until(() => events.opened === 1 && peers.length === 1, 'open');
    const received: string[] = [];
    peers[0]!.on('message', (data) => received.push(String(data)));
    socket.send(42);
    peers[0]!.send('7');
    await until(() => events.messages.length === 1 && received.length === 1, 'both directions');
    expect(events.messages).toEqual([7]);
    expect(received).toEqual(['42']);
    socket.close();
  });

  it('does not report a close its owner asked for', async () => {
    const { socket, events } = recordingSocket();
    await until(() => events.opened === 1 && peers.length === 1, 'open');
    const closed = new Promise((resolve) => peers[0]!.once('close', resolve));
    socket.close();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.closes).toEqual([]);
  });

  it('reports a close by the far end once, with its code', async () => {
    const { events } = recordingSocket();
    await until(() => events.opened === 1 && peers.length === 1, 'open');
    peers[0]!.close(4002, 'wrong key');
    await until(() => events.closes.length > 0, 'close reported');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.closes).toEqual([4002]);
  });

  it('closes on a frame it cannot parse, reports that, and passes nothing after it on', async () => {
    const { events } = recordingSocket();
    await until(() => events.opened === 1 && peers.length === 1, 'open');
    peers[0]!.send('not a number');
    peers[0]!.send('5');
    await until(() => events.closes.length > 0, 'close reported');
    expect(events.closes).toHaveLength(1);
    expect(events.messages).toEqual([]);
  });
});

describe('RelayControlSocket', () => {
  it('says hello with the host key, and counts a relay that speaks nonsense as gone', async () => {
    let gone = 0;
    const hello: string[] = [];
    server.on('connection', (socket) => socket.on('message', (data) => hello.push(String(data))));
    const control = new RelayControlSocket(url, 'HOSTKEY', {
      onReady: () => undefined,
      onMessage: () => undefined,
      onGone: () => (gone += 1),
    });
    await until(() => hello.length === 1, 'hello');
    expect(JSON.parse(hello[0]!)).toEqual({ type: 'hello', key: 'HOSTKEY' });
    peers[0]!.send('{"type":"nonsense"}');
    await until(() => gone === 1, 'gone reported');
    control.close();
  });

  it('stays silent when the host page closes it', async () => {
    let gone = 0;
    const control = new RelayControlSocket(url, 'HOSTKEY', {
      onReady: () => undefined,
      onMessage: () => undefined,
      onGone: () => (gone += 1),
    });
    await until(() => peers.length === 1, 'connected');
    const closed = new Promise((resolve) => peers[0]!.once('close', resolve));
    control.close();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gone).toBe(0);
  });
});
