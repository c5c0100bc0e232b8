// The same-run baseline for join -> first frame: a bare WebRTC join with no app. Same
// browsers, same fake screen and capture size as the app's runs; the simplest
// signaling (a WebSocket relay in this process, opened at the "click" as the app's
// viewer does); the browser's default sender settings and codec order, except the
// first codec, which is the app's (VP9) unless told otherwise. Timed the same way
// (in-page clock, first of videoWidth > 0 / totalVideoFrames > 0, polled every 5 ms).
// So app / bare is what the app adds on top of what this machine's Chromium needs anyway.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BenchBrowser } from './browsers';

const HOST_PAGE = String.raw`<!doctype html><title>bare host</title><script>
let stream = null;
let firstCodec = 'VP9';
const pcs = new Map();
const ws = new WebSocket('ws://' + location.host + '/relay?role=host');
const opened = new Promise((resolve) => ws.addEventListener('open', resolve));
ws.onmessage = async (event) => {
  const m = JSON.parse(event.data);
  if (m.kind === 'join') {
    const pc = new RTCPeerConnection();
    pcs.set(m.from, pc);
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    const video = pc.getTransceivers().find((t) => t.sender.track && t.sender.track.kind === 'video');
    const codecs = RTCRtpSender.getCapabilities('video').codecs;
    const first = codecs.filter((c) => c.mimeType.toLowerCase() === 'video/' + firstCodec.toLowerCase());
    if (video && first.length > 0) video.setCodecPreferences([...first, ...codecs.filter((c) => !first.includes(c))]);
    pc.onicecandidate = (e) => { if (e.candidate) ws.send(JSON.stringify({ to: m.from, candidate: e.candidate })); };
    await pc.setLocalDescription(await pc.createOffer());
    ws.send(JSON.stringify({ to: m.from, sdp: pc.localDescription }));
  } else if (m.kind === 'leave') {
    pcs.get(m.from)?.close();
    pcs.delete(m.from);
  } else if (m.sdp) {
    await pcs.get(m.from)?.setRemoteDescription(m.sdp);
  } else if (m.candidate) {
    await pcs.get(m.from)?.addIceCandidate(m.candidate);
  }
};
window.bareStart = async (width, height, fps, codec) => {
  firstCodec = codec;
  stream = await navigator.mediaDevices.getDisplayMedia({ video: { width: { max: width }, height: { max: height }, frameRate: fps }, audio: false });
  await opened;
  const s = stream.getVideoTracks()[0].getSettings();
  return s.width + 'x' + s.height;
};
window.bareOpenLinks = () => pcs.size;
</script>`;

const VIEWER_PAGE = String.raw`<!doctype html><title>bare viewer</title><video autoplay muted playsinline></video><script>
let pc = null;
let ws = null;
window.bareJoin = () => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const video = document.querySelector('video');
  ws = new WebSocket('ws://' + location.host + '/relay?role=viewer');
  ws.onopen = () => ws.send(JSON.stringify({ kind: 'join' }));
  ws.onmessage = async (event) => {
    const m = JSON.parse(event.data);
    if (m.sdp) {
      pc = new RTCPeerConnection();
      pc.ontrack = (e) => { video.srcObject = e.streams[0] || new MediaStream([e.track]); };
      pc.onicecandidate = (e) => { if (e.candidate) ws.send(JSON.stringify({ candidate: e.candidate })); };
      await pc.setRemoteDescription(m.sdp);
      await pc.setLocalDescription(await pc.createAnswer());
      ws.send(JSON.stringify({ sdp: pc.localDescription }));
    } else if (m.candidate && pc) {
      await pc.addIceCandidate(m.candidate);
    }
  };
  const poll = setInterval(() => {
    if (video.videoWidth > 0 || video.getVideoPlaybackQuality().totalVideoFrames > 0) {
      clearInterval(poll);
      const ms = performance.now() - t0;
      codecOf(pc).then((codec) => resolve({ ms, codec }), () => resolve({ ms, codec: null }));
    }
  }, 5);
  setTimeout(() => { clearInterval(poll); reject(new Error('no first frame within 15 s')); }, 15000);
});
async function codecOf(pc) {
  const stats = [...(await pc.getStats()).values()];
  const inbound = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'video');
  const codec = inbound && stats.find((s) => s.id === inbound.codecId);
  return codec ? codec.mimeType : null;
}
window.bareLeave = () => { pc?.close(); ws?.close(); };
</script>`;

/** The relay and the two pages, on 127.0.0.1 (a secure context, as the app's host page is). */
export class BareProbe {
  private host: WebSocket | null = null;
  private readonly viewers = new Map<string, WebSocket>();
  private serial = 0;

  private constructor(
    private readonly server: Server,
    private readonly relay: WebSocketServer,
    readonly origin: string,
  ) {
    relay.on('connection', (socket, request) =>
      this.attach(socket, new URL(request.url ?? '/', origin).searchParams.get('role')),
    );
  }

  static async start(): Promise<BareProbe> {
    const server = createServer((request, response) => {
      const page = request.url === '/host' ? HOST_PAGE : request.url === '/viewer' ? VIEWER_PAGE : null;
      response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
    });
    const relay = new WebSocketServer({ server, path: '/relay' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new BareProbe(server, relay, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** A host page sharing the fake screen at this size, in its own context of `browser`. */
  async openHost(
    browser: BenchBrowser,
    width: number,
    height: number,
    fps: number,
    codec: string,
  ): Promise<{ context: BrowserContext; page: Page; size: string }> {
    const { context, page } = await browser.newPage();
    await page.goto(`${this.origin}/host`);
    const size = (await page.evaluate(
      `window.bareStart(${width}, ${height}, ${fps}, ${JSON.stringify(codec)})`,
    )) as string;
    return { context, page, size };
  }

  /**
   * One fresh viewer context joins; ms from its start to the first decoded frame, and the codec it got. The viewer
   * leaves after.
   */
  async join(browser: BenchBrowser): Promise<{ ms: number; codec: string | null }> {
    const { context, page } = await browser.newPage();
    try {
      await page.goto(`${this.origin}/viewer`);
      const result = (await page.evaluate('window.bareJoin()')) as { ms: number; codec: string | null };
      await page.evaluate('window.bareLeave()');
      return result;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.relay.clients) socket.terminate();
    await new Promise<void>((resolve) => this.relay.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(socket: WebSocket, role: string | null): void {
    if (role === 'host') {
      this.host = socket;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { to?: string };
        this.viewers.get(message.to ?? '')?.send(String(data));
      });
      return;
    }
    this.serial += 1;
    const id = `v${this.serial}`;
    this.viewers.set(id, socket);
    const toHost = (message: Record<string, unknown>) => this.host?.send(JSON.stringify({ ...message, from: id }));
    socket.on('message', (data) => toHost(JSON.parse(String(data)) as Record<string, unknown>));
    socket.on('close', () => {
      this.viewers.delete(id);
      toHost({ kind: 'leave' });
    });
  }
}
