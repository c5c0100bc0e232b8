// A deliberately malicious relay for tests: it sits between viewers and the real
// signaling server (as a hostile Wi-Fi or router would), serves the same pages and
// speaks the same protocol, and lets a `Tamper` rewrite, replay, reorder, hold back or
// answer `signal` messages. Everything else passes unchanged. Viewers open the join
// link with the relay's address instead of the server's.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';

export type SignalData = Record<string, unknown>;

/** One viewer's connection through the relay. */
export interface RelayedViewer {
  /** Delivers `data` to the viewer as a signal from the host. */
  toViewer(data: SignalData): void;
  /** Delivers `data` to the host as a signal from this viewer. */
  toHost(data: SignalData): void;
}

export interface Tamper {
  /** A host signal on its way to the viewer (the honest relay calls `viewer.toViewer(data)`). */
  fromHost(data: SignalData, viewer: RelayedViewer): void;
  /** A viewer signal on its way to the host (the honest relay calls `viewer.toHost(data)`). */
  fromViewer(data: SignalData, viewer: RelayedViewer): void;
}

export const honest: Tamper = {
  fromHost: (data, viewer) => viewer.toViewer(data),
  fromViewer: (data, viewer) => viewer.toHost(data),
};

const ATTACKER_FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  ((i * 37 + 11) % 256).toString(16).toUpperCase().padStart(2, '0'),
).join(':');

/** Puts the attacker's certificate fingerprint into every SDP, both ways. */
export const swapFingerprints: Tamper = {
  fromHost: (data, viewer) => viewer.toViewer(withFingerprint(data)),
  fromViewer: (data, viewer) => viewer.toHost(withFingerprint(data)),
};

/**
 * Puts the attacker's fingerprint only into the viewer's answer: the host is told of a
 * certificate the viewer does not use (what someone who could rewrite signaling but not
 * get into the media path would leave behind). Caught by the host's pinning check.
 */
export const swapViewerFingerprints: Tamper = {
  fromHost: (data, viewer) => viewer.toViewer(data),
  fromViewer: (data, viewer) => viewer.toHost(withFingerprint(data)),
};

function withFingerprint(data: SignalData): SignalData {
  const sdp = data.sdp as { type?: unknown; sdp?: unknown } | undefined;
  if (!sdp || typeof sdp.sdp !== 'string') return data;
  return {
    ...data,
    sdp: {
      ...sdp,
      sdp: sdp.sdp.replace(/^a=fingerprint:(\S+) [0-9A-Fa-f:]+/gm, `a=fingerprint:$1 ${ATTACKER_FINGERPRINT}`),
    },
  };
}

/** Delivers every host signal twice. */
export const replayHostSignals: Tamper = {
  fromHost: (data, viewer) => {
    viewer.toViewer(data);
    viewer.toViewer(data);
  },
  fromViewer: (data, viewer) => viewer.toHost(data),
};

/** Swaps host signals in pairs (a lone one goes on after 300 ms). */
export function reorderHostSignals(): Tamper {
  const held = new Map<RelayedViewer, { data: SignalData; timer: NodeJS.Timeout }>();
  return {
    fromHost: (data, viewer) => {
      const first = held.get(viewer);
      if (!first) {
        held.set(viewer, { data, timer: setTimeout(() => (held.delete(viewer), viewer.toViewer(data)), 300) });
        return;
      }
      clearTimeout(first.timer);
      held.delete(viewer);
      viewer.toViewer(data);
      viewer.toViewer(first.data);
    },
    fromViewer: (data, viewer) => viewer.toHost(data),
  };
}

export class MaliciousRelay {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly upstreamPort: number,
    private readonly tamper: Tamper = honest,
  ) {
    this.http = createServer((req, res) => void this.proxyHttp(req, res.writeHead.bind(res), (body) => res.end(body)));
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.wss.handleUpgrade(req, socket, head, (viewerSocket) => this.relay(viewerSocket));
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return this.port;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** The same join link, pointing at the relay. */
  rewrite(joinLink: string): string {
    const url = new URL(joinLink);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async proxyHttp(
    req: IncomingMessage,
    writeHead: (status: number, headers: Record<string, string>) => void,
    end: (body: Buffer) => void,
  ): Promise<void> {
    const upstream = await fetch(`http://127.0.0.1:${this.upstreamPort}${req.url ?? '/'}`, { method: req.method });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'connection' && name !== 'keep-alive') headers[name] = value;
    });
    writeHead(upstream.status, headers);
    end(Buffer.from(await upstream.arrayBuffer()));
  }

  /** One viewer socket and its own upstream socket to the real server (no Origin: a native client). */
  private relay(viewerSocket: WebSocket): void {
    const upstream = new WebSocket(`ws://127.0.0.1:${this.upstreamPort}/signal`);
    this.sockets.add(viewerSocket).add(upstream);
    const pending: string[] = [];
    const sendUp = (text: string) =>
      upstream.readyState === WebSocket.OPEN ? upstream.send(text) : pending.push(text);
    upstream.on('open', () => pending.splice(0).forEach((text) => upstream.send(text)));
    const viewer: RelayedViewer = {
      toViewer: (data) =>
        viewerSocket.readyState === WebSocket.OPEN &&
        viewerSocket.send(JSON.stringify({ type: 'signal', from: 'host', data })),
      toHost: (data) => sendUp(JSON.stringify({ type: 'signal', to: 'host', data })),
    };
    viewerSocket.on('message', (raw) => {
      const text = raw.toString();
      const message = parse(text);
      if (message?.type === 'signal' && isObject(message.data)) this.tamper.fromViewer(message.data, viewer);
      else sendUp(text);
    });
    upstream.on('message', (raw) => {
      const text = raw.toString();
      const message = parse(text);
      if (message?.type === 'signal' && message.from === 'host' && isObject(message.data))
        this.tamper.fromHost(message.data, viewer);
      else if (viewerSocket.readyState === WebSocket.OPEN) viewerSocket.send(text);
    });
    // Closes travel both ways with their code (e.g. a kick's 4004), as the real path would.
    viewerSocket.on('close', () => upstream.close());
    upstream.on('close', (code, reason) => viewerSocket.close(code >= 4000 || code === 1000 ? code : 1011, reason));
    upstream.on('error', () => viewerSocket.terminate());
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
