// Bench clients: raw `ws` sockets (no validation on the client side, so the client
// costs as little CPU as possible), joined to the real server or to the bare relay.
import WebSocket from 'ws';
import { BARE_HOST_PATH, BARE_VIEWER_PATH } from './ipc';

const LOOPBACK = '127.0.0.1';
const JOIN_TIMEOUT_MS = 15_000;

export { sleep } from '../support/wait';

/** Opens a socket and waits for the first frame after sending `hello` (if any). */
function openAndGreet(
  url: string,
  hello: string | undefined,
  localAddress?: string,
): Promise<{ ws: WebSocket; first: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      handshakeTimeout: JOIN_TIMEOUT_MS,
      // An all-zero mask is a valid mask, and ws skips the XOR pass for it: the client's
      // CPU goes to sending and receiving, so the server stays the bottleneck.
      generateMask: (mask: Buffer) => void mask.fill(0),
      ...(localAddress ? { localAddress } : {}),
    });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no welcome within ${JOIN_TIMEOUT_MS} ms`));
    }, JOIN_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    ws.once('error', fail);
    ws.once('close', (code) => fail(new Error(`closed (${code}) before welcome`)));
    ws.once('open', () => {
      if (hello !== undefined) ws.send(hello);
    });
    ws.once('message', (data) => {
      clearTimeout(timer);
      ws.removeAllListeners('error');
      ws.removeAllListeners('close');
      ws.on('error', () => undefined);
      resolve({ ws, first: (data as Buffer).toString() });
    });
  });
}

export interface Joined {
  readonly ws: WebSocket;
  readonly id: string;
}

function expectWelcome(first: string, role: 'host' | 'viewer'): { id?: string } {
  const message = JSON.parse(first) as { type?: string; role?: string; id?: string; state?: string; code?: string };
  if (message.type !== 'welcome' || message.role !== role)
    throw new Error(`expected a ${role} welcome, got ${first.slice(0, 200)}`);
  if (role === 'viewer' && message.state !== 'admitted') throw new Error(`viewer not admitted: ${first.slice(0, 200)}`);
  return message;
}

export async function joinSignalingViewer(
  port: number,
  token: string,
  name: string,
  localAddress?: string,
): Promise<Joined> {
  const hello = JSON.stringify({ type: 'hello', role: 'viewer', token, name, protocol: 1 });
  const { ws, first } = await openAndGreet(`ws://${LOOPBACK}:${port}/signal`, hello, localAddress);
  try {
    return { ws, id: expectWelcome(first, 'viewer').id ?? '' };
  } catch (error) {
    ws.terminate();
    throw error;
  }
}

export async function joinSignalingHost(port: number, hostKey: string): Promise<Joined> {
  const hello = JSON.stringify({ type: 'hello', role: 'host', key: hostKey, protocol: 1 });
  const { ws, first } = await openAndGreet(`ws://${LOOPBACK}:${port}/signal`, hello);
  expectWelcome(first, 'host');
  return { ws, id: 'host' };
}

export async function joinBareViewer(port: number, localAddress?: string): Promise<Joined> {
  const { ws, first } = await openAndGreet(`ws://${LOOPBACK}:${port}${BARE_VIEWER_PATH}`, undefined, localAddress);
  return { ws, id: expectWelcome(first, 'viewer').id ?? '' };
}

export async function joinBareHost(port: number): Promise<Joined> {
  const { ws, first } = await openAndGreet(`ws://${LOOPBACK}:${port}${BARE_HOST_PATH}`, undefined);
  expectWelcome(first, 'host');
  return { ws, id: 'host' };
}

/** Runs `task(0..count-1)` with at most `concurrency` at a time; failures are counted, not thrown. */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<{ ok: T[]; failures: string[] }> {
  const ok: T[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        ok.push(await task(index));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { ok, failures };
}
