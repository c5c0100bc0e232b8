// Relay measurements: one host and N viewers exchanging `signal` frames through a
// server child. Sender and receiver live in this process, so one clock times them.
import type WebSocket from 'ws';
import { joinBareHost, joinBareViewer, joinSignalingHost, joinSignalingViewer, sleep, type Joined } from './clients';
import type { ServerChild } from './server-child';

/** One in SDP_EVERY frames is a ~4 KiB SDP-like payload, the rest ~300-byte candidates. */
export const SDP_EVERY = 20;
const CANDIDATE_BODY =
  '"candidate":{"candidate":"candidate:842163049 1 udp 1677729535 203.0.113.20 54321 typ srflx raddr 192.168.1.20 rport 54321 generation 0 ufrag Xy7Q network-id 1 network-cost 10","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"Xy7Q"}';
const SDP_BODY = `"sdp":{"type":"offer","sdp":${JSON.stringify(makeSdp(3_950))}}`;

function makeSdp(length: number): string {
  const lines = [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=extmap-allow-mixed',
    'a=msid-semantic: WMS stream',
  ];
  for (let i = 0; lines.join('\r\n').length < length; i++) {
    lines.push(
      `a=rtpmap:${96 + (i % 32)} VP8/90000`,
      `a=rtcp-fb:${96 + (i % 32)} goog-remb`,
      `a=fmtp:${97 + (i % 32)} apt=${96 + (i % 32)}`,
    );
  }
  return `${lines.join('\r\n').slice(0, length)}\r\n`;
}

/** Reads the number after `key` ('"f":') in a frame without parsing the whole of it. */
function numberAfter(frame: Buffer, key: string): number {
  const at = frame.indexOf(key);
  if (at < 0) return Number.NaN;
  const start = at + key.length;
  let end = start;
  while (end < frame.length && frame[end] !== 0x2c && frame[end] !== 0x7d) end++;
  return Number(frame.toString('latin1', start, end));
}

export interface Receipt {
  readonly flow: number;
  readonly sentAt: number;
  readonly latencyMs: number;
}

/**
 * Flow 2i is host -> viewer i, flow 2i+1 is viewer i -> host. Frames carry
 * `data: {f: flow, ts: sent at, candidate|sdp: ...}`; the server treats data as opaque.
 */
export class RelayRig {
  onReceipt: (receipt: Receipt) => void = () => undefined;
  /** Frames that were not bench frames (errors, joins...), with the first few kept for the report. */
  others = 0;
  readonly otherSamples: string[] = [];
  private sent = 0;
  private closedEarly = '';

  private constructor(
    readonly child: ServerChild,
    private readonly host: Joined,
    private readonly viewers: readonly Joined[],
  ) {
    const receive = (data: WebSocket.RawData) => this.receive(data as Buffer);
    host.ws.on('message', receive);
    for (const viewer of viewers) viewer.ws.on('message', receive);
    for (const peer of [host, ...viewers]) {
      peer.ws.on('close', (code) => {
        if (!this.closedEarly) this.closedEarly = `${peer.id} closed with ${code}`;
      });
    }
  }

  static async connect(child: ServerChild, viewerCount: number): Promise<RelayRig> {
    const { port, token, hostKey } = child.info;
    const bare = child.mode === 'bare';
    const host = bare ? await joinBareHost(port) : await joinSignalingHost(port, hostKey);
    const viewers: Joined[] = [];
    for (let i = 0; i < viewerCount; i++) {
      viewers.push(bare ? await joinBareViewer(port) : await joinSignalingViewer(port, token, `relay-${i}`));
    }
    const rig = new RelayRig(child, host, viewers);
    await sleep(100); // let the host's viewer-joined frames arrive before counting
    rig.others = 0;
    rig.otherSamples.length = 0;
    return rig;
  }

  get flows(): number {
    return this.viewers.length * 2;
  }

  /** Why the rig broke, or '' while every socket is open. */
  get broken(): string {
    return this.closedEarly;
  }

  send(flow: number): void {
    const viewer = this.viewers[flow >> 1]!;
    const body = this.sent++ % SDP_EVERY === SDP_EVERY - 1 ? SDP_BODY : CANDIDATE_BODY;
    const fromHost = (flow & 1) === 0;
    const frame = `{"type":"signal","to":"${fromHost ? viewer.id : 'host'}","data":{"f":${flow},"ts":${performance.now()},${body}}}`;
    (fromHost ? this.host : viewer).ws.send(frame);
  }

  close(): void {
    for (const peer of [this.host, ...this.viewers]) peer.ws.terminate();
  }

  private receive(frame: Buffer): void {
    const flow = numberAfter(frame, '"f":');
    if (Number.isNaN(flow)) {
      this.others++;
      if (this.otherSamples.length < 3) this.otherSamples.push(frame.toString('utf8', 0, Math.min(frame.length, 200)));
      return;
    }
    const sentAt = numberAfter(frame, '"ts":');
    this.onReceipt({ flow, sentAt, latencyMs: performance.now() - sentAt });
  }
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function summarize(latencies: number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { count: sorted.length, p50Ms: rank(0.5), p99Ms: rank(0.99), maxMs: sorted[sorted.length - 1] ?? Number.NaN };
}

async function drain(rig: RelayRig, inFlight: () => number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (inFlight() > 0 && performance.now() < deadline && !rig.broken) await sleep(5);
  return inFlight();
}

export interface FloodResult {
  readonly msgsPerSec: number;
  readonly received: number;
  readonly seconds: number;
  /** Server child CPU (user+system) over the window, as a share of one core. */
  readonly serverCpuShare: number;
  /** Server child CPU microseconds per relayed message. */
  readonly serverCpuMicrosPerMsg: number;
  /** This (client) process's CPU over the window, as a share of one core. */
  readonly clientCpuShare: number;
  readonly latency: LatencySummary;
  readonly lost: number;
}

/** Saturates the relay: every flow keeps `window` frames in flight for `measureMs` (after `warmMs`). */
export async function flood(
  rig: RelayRig,
  options: { window: number; warmMs: number; measureMs: number },
): Promise<FloodResult> {
  let flooding = true;
  let measuring = false;
  let inFlight = 0;
  let received = 0;
  const latencies: number[] = [];
  rig.onReceipt = ({ flow, latencyMs }) => {
    inFlight--;
    if (measuring) {
      received++;
      latencies.push(latencyMs);
    }
    if (flooding) {
      rig.send(flow);
      inFlight++;
    }
  };
  for (let k = 0; k < options.window; k++) {
    for (let flow = 0; flow < rig.flows; flow++) {
      rig.send(flow);
      inFlight++;
    }
  }
  await sleep(options.warmMs);
  const serverCpu0 = rig.child.cpu();
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await sleep(options.measureMs);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  const serverCpu1 = rig.child.cpu();
  flooding = false;
  const [a, b] = await Promise.all([serverCpu0, serverCpu1]);
  const lost = await drain(rig, () => inFlight, 5_000);
  rig.onReceipt = () => undefined;
  const serverCpuMicros = b.cpuMicros - a.cpuMicros;
  return {
    msgsPerSec: received / seconds,
    received,
    seconds,
    serverCpuShare: serverCpuMicros / 1000 / (b.atMs - a.atMs),
    serverCpuMicrosPerMsg: received > 0 ? serverCpuMicros / received : Number.NaN,
    clientCpuShare: (clientCpu.user + clientCpu.system) / 1000 / (seconds * 1000),
    latency: summarize(latencies),
    lost,
  };
}

export interface PacedResult {
  readonly rate: number;
  readonly sent: number;
  readonly latency: LatencySummary;
  readonly lost: number;
}

/**
 * Sends `rate` frames per second in all (round robin over the flows) for `durationMs`; times those sent after `warmMs`.
 */
export async function paced(
  rig: RelayRig,
  options: { rate: number; warmMs: number; durationMs: number },
): Promise<PacedResult> {
  let inFlight = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  const measureFrom = t0 + options.warmMs;
  rig.onReceipt = ({ sentAt, latencyMs }) => {
    inFlight--;
    if (sentAt >= measureFrom) latencies.push(latencyMs);
  };
  let sent = 0;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      if (elapsed >= options.durationMs || rig.broken) {
        clearInterval(timer);
        return done();
      }
      const due = Math.floor((elapsed * options.rate) / 1000);
      while (sent < due) {
        rig.send(sent++ % rig.flows);
        inFlight++;
      }
    }, 1);
  });
  const lost = await drain(rig, () => inFlight, 5_000);
  rig.onReceipt = () => undefined;
  return { rate: options.rate, sent, latency: summarize(latencies), lost };
}
