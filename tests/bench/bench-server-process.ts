// The benchmark's server child, forked by signaling-bench.ts with --expose-gc. It runs
// either the real SignalingServer or a bare ws relay (the yardstick) on 127.0.0.1 and
// answers the parent's IPC requests: memory after a forced GC, CPU time, stop.
import { createServer, type Server } from 'node:http';
import { getHeapSpaceStatistics } from 'node:v8';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SignalingServer } from '../../signaling/server';
import {
  BARE_HOST_PATH,
  BARE_VIEWER_PATH,
  type ChildMessage,
  type MemorySample,
  type ParentMessage,
  type SignalingBenchOptions,
} from './ipc';

const LOOPBACK = '127.0.0.1';
const MAX_PAYLOAD = 64 * 1024;

interface Running {
  readonly port: number;
  readonly token: string;
  readonly hostKey: string;
  stop(): Promise<void>;
}

function reply(message: ChildMessage): void {
  process.send?.(message);
}

async function startSignaling(options: SignalingBenchOptions): Promise<Running> {
  const server = new SignalingServer({
    bind: LOOPBACK,
    networkInterfaces: () => ({}),
    defaultRouteAddress: async () => undefined,
    ...options,
  });
  // The app and `npm run serve` always listen for room changes (the viewer list); so does the bench.
  server.on('change', () => undefined);
  const info = await server.start();
  return { port: info.port, token: info.token, hostKey: info.hostKey, stop: () => server.stop() };
}

/**
 * The yardstick: a ws relay with no validation and no bookkeeping beyond routing.
 * It parses each frame from the host only to read `to`, and forwards the frame's
 * bytes untouched; every viewer frame goes to the host untouched.
 */
async function startBare(): Promise<Running> {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const viewers = new Map<string, WebSocket>();
  const sockets = new Set<WebSocket>();
  let host: WebSocket | undefined;
  let nextViewer = 1;

  const onHost = (ws: WebSocket) => {
    host = ws;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const to = (JSON.parse(data.toString()) as { to?: unknown }).to;
      const viewer = typeof to === 'string' ? viewers.get(to) : undefined;
      viewer?.send(data as Buffer, { binary: false });
    });
    ws.on('close', () => {
      if (host === ws) host = undefined;
    });
    ws.send('{"type":"welcome","role":"host","viewers":[]}');
  };
  const onViewer = (ws: WebSocket) => {
    const id = `v${nextViewer++}`;
    viewers.set(id, ws);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) host?.send(data as Buffer, { binary: false });
    });
    ws.on('close', () => viewers.delete(id));
    ws.send(`{"type":"welcome","role":"viewer","id":"${id}","state":"admitted","hostPresent":${host !== undefined}}`);
  };

  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== BARE_HOST_PATH && path !== BARE_VIEWER_PATH) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('error', () => undefined);
      ws.on('close', () => sockets.delete(ws));
      if (path === BARE_HOST_PATH) onHost(ws);
      else onViewer(ws);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ port: 0, host: LOOPBACK }, () => {
      const address = http.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    port,
    token: '',
    hostKey: '',
    stop: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
    },
  };
}

function memory(): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const spaces: Record<string, { used: number; size: number; physical: number }> = {};
  for (const space of getHeapSpaceStatistics()) {
    spaces[space.space_name] = {
      used: space.space_used_size,
      size: space.space_size,
      physical: space.physical_space_size,
    };
  }
  return { rss, heapTotal, heapUsed, external, arrayBuffers, spaces };
}

let running: Running | undefined;

async function stopAndExit(code: number): Promise<never> {
  const current = running;
  running = undefined;
  // Bounded: a stop that hangs must not keep the child alive.
  setTimeout(() => process.exit(code), 3_000).unref();
  if (current) await current.stop().catch(() => undefined);
  process.exit(code);
}

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'start':
      (message.mode === 'bare' ? startBare() : startSignaling(message.options)).then(
        (started) => {
          running = started;
          reply({ type: 'ready', port: started.port, token: started.token, hostKey: started.hostKey });
        },
        (error: unknown) => reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'memory':
      reply({ type: 'memory', id: message.id, usage: memory() });
      return;
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      reply({ type: 'cpu', id: message.id, usage: { cpuMicros: user + system, atMs: performance.now() } });
      return;
    }
    case 'stop':
      void stopAndExit(0);
      return;
  }
});
// The parent went away (crashed or finished): never outlive it.
process.on('disconnect', () => void stopAndExit(0));
