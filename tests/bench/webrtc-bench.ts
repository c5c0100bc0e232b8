// `npm run bench:webrtc`: the real app, end to end, on this machine. A SignalingServer
// in this process serves the built renderer; the host page shares Chromium's fake
// screen in one headless Chromium, viewers join in a second one (each in its own
// context), so the host browser's CPU is read alone from /proc.
//   - join -> first decoded frame: a fresh viewer joins an already-live host, BENCH_RUNS
//     times per resolution (after one warm-up join), with where the time goes, each run
//     paired with a bare join (no app) in the same browsers as the baseline;
//   - steady state with 1, 2, 4 viewers: received fps and size per viewer, host CPU.
// 1080p = the "Balanced" preset (1080p, 30 fps); 720p = "Motion" (720p, 60 fps cap; the
// app has no 720p30 preset), which runs at 30 fps here: the fake screen is set to 30 fps
// (without that it gives 20, whatever is asked). A benchmark, not a test: exits 0 when a target is
// missed (1 only when the bench itself broke). Human summary on stderr; one JSON object
// on the last stdout line.
//
// Knobs (environment): BENCH_RUNS=6 (first-frame joins per resolution for the median, after one warm-up)
//   BENCH_TRACED_RUNS=2 (then joins with getStats polled every BENCH_STATS_POLL_MS=10 ms in both pages
//   until the first frame: they time the host's first encoded frame, but the polling costs CPU, so
//   they stay out of the median)
//   BENCH_VIEWERS=1,2,4,8  BENCH_RESOLUTIONS=720p,1080p  BENCH_WINDOW_MS=5000
//   BENCH_SOAK_S=0 (> 0: after the rest, relay mode at 1080p with BENCH_SOAK_VIEWERS=8 viewers for that many
//   seconds, the relay process's RSS read every BENCH_SOAK_SAMPLE_S=10 s: its growth over the run)
//   BENCH_DELIVERY=direct,relay (each mode measured in turn, in this one run: one peer connection and
//   encoder per viewer, or one to the media relay, a worker thread of this process, which forwards)
//   BENCH_RELAY_IN=process (the relay in a child process, like the desktop app's utility process, so its CPU
//   and RSS are its own) or worker (a worker thread of this process, as `npm run serve` runs it)
//   BENCH_SETTLE_MS=1000 (after every viewer receives the full size, or BENCH_SETTLE_MAX_MS=6000 passed)
//   BENCH_SOURCE_FPS=30 (rate of the host's fake screen; 0 = Chromium's default, 20 fps)
//   BENCH_BARE_CODEC=VP9 (first codec of the baseline's bare joins; VP8 = Chromium's default order, as in testing.md)
//   CHROMIUM_PATH=/usr/bin/chromium
//   Experiments (off by default; they change what is measured, and the JSON says so):
//   BENCH_PREFER_CODEC=VP8 (put this codec first in the host's setCodecPreferences)
// BENCH_STRIP_START_BITRATE=1 (the host applies answers without the app's x-google-start-bitrate: libwebrtc's 300
// kbit/s start)
//   BENCH_SKIP_SET_PARAMETERS=1 (the host's RTCRtpSender.setParameters does nothing)
//   BENCH_CHROMIUM_ARGS="--flag --flag" (more flags for both browsers)
import { describeError, finishReport, log, runBench } from './bench-report';
import { cpus, loadavg } from 'node:os';
import { join as joinPath } from 'node:path';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { childProcessRelay, workerRelay, type RelayDiagnostics, type RelayEndpoint } from '../../signaling/relay';
import { SignalingServer, type HostingInfo } from '../../signaling/server';
import {
  type DeliveryMode,
  BenchBrowser,
  fakeCaptureFlag,
  HostPage,
  openPeers,
  sampleSenders,
  sampleVideo,
  setStatsPoll,
  sleep,
  snapshot,
  ViewerPage,
  type PresetLabel,
} from './webrtc/browsers';
import { cpuBetween, cpuMark } from './webrtc/proc-cpu';
import type { SendSample, VideoSample } from './webrtc/probe';
import { BareProbe } from './webrtc/bare-probe';
import { MILESTONES, traceJoin, type JoinTrace, type Milestone } from './webrtc/timeline';

const round = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
const median = (values: readonly (number | null | undefined)[]) => {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] || Number.NaN);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
};
const describe = describeError;

interface Resolution {
  readonly name: '720p' | '1080p';
  readonly preset: PresetLabel;
  readonly presetNote: string;
  readonly width: number;
  readonly height: number;
}
const RESOLUTIONS: readonly Resolution[] = [
  {
    name: '720p',
    preset: 'Motion',
    presetNote: 'Motion preset: capture capped at 1280x720, 60 fps, 6 Mbit/s, contentHint motion',
    width: 1280,
    height: 720,
  },
  {
    name: '1080p',
    preset: 'Balanced',
    presetNote: 'Balanced preset: capture capped at 1920x1080, 30 fps, 5 Mbit/s, contentHint detail',
    width: 1920,
    height: 1080,
  },
];

const RUNS = Math.max(1, envInt('BENCH_RUNS', 6));
const TRACED_RUNS = envInt('BENCH_TRACED_RUNS', 2);
const VIEWER_COUNTS = (process.env.BENCH_VIEWERS ?? '1,2,4,8')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const MODES = (process.env.BENCH_DELIVERY ?? 'direct,relay')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is DeliveryMode => s === 'direct' || s === 'relay');
const CHOSEN = (process.env.BENCH_RESOLUTIONS ?? '720p,1080p').split(',').map((s) => s.trim());
const WINDOW_MS = Math.max(1_000, envInt('BENCH_WINDOW_MS', 5_000));
const SETTLE_MS = envInt('BENCH_SETTLE_MS', 1_000);
const SETTLE_MAX_MS = envInt('BENCH_SETTLE_MAX_MS', 6_000);
/** Chromium's fake screen runs at 20 fps unless told otherwise: 30 fps, the rate the presets and the targets assume. */
const SOURCE_FPS = envInt('BENCH_SOURCE_FPS', 30);
const PREFER_CODEC = process.env.BENCH_PREFER_CODEC?.trim() || undefined;
const STRIP_START_BITRATE = process.env.BENCH_STRIP_START_BITRATE === '1';
/**
 * First codec of the bare joins: the app's first choice by default, so app / bare is what the app adds, not the codec.
 */
const BARE_CODEC = process.env.BENCH_BARE_CODEC?.trim() || 'VP9';
const SKIP_SET_PARAMETERS = process.env.BENCH_SKIP_SET_PARAMETERS === '1';
const STATS_POLL_MS = Math.max(1, envInt('BENCH_STATS_POLL_MS', 10));
const EXTRA_ARGS = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);
/** After Start hosting, before the first join: the host is "already live". */
const LIVE_SETTLE_MS = 1_000;
/** Host-only CPU windows: live with no viewer, and just after all viewers left. */
const HOST_ONLY_WINDOW_MS = 2_000;
const SOAK_S = envInt('BENCH_SOAK_S', 0);
const SOAK_VIEWERS = Math.max(1, envInt('BENCH_SOAK_VIEWERS', 8));
const SOAK_SAMPLE_S = Math.max(1, envInt('BENCH_SOAK_SAMPLE_S', 10));
/**
 * Scenarios not started past this point: per delivery mode and resolution (the paired bare joins double the first-frame
 * phase).
 */
const DEADLINE_MS = 170_000 * Math.max(1, MODES.length) * Math.max(1, CHOSEN.length);
const WATCHDOG_MS = DEADLINE_MS + 35_000 + (SOAK_S > 0 ? SOAK_S * 1000 + 120_000 : 0);
const TARGETS = { firstFrame1080pMedianMs: 250, minFps720p2Viewers: 25 };
const STATIC_DIR = joinPath(__dirname, '../renderer');
const RELAY_WORKER = joinPath(__dirname, '../signaling/relay-worker.js');
/**
 * Where the relay runs: its own process (as in the desktop app's utility process; its CPU and RSS are then its own) or
 * a worker thread (as headless).
 */
const RELAY_IN = process.env.BENCH_RELAY_IN === 'worker' ? 'worker' : 'process';

/**
 * docs: /work/shared/design/testing.md, "Measured here (a minimal probe, VP8, host and viewers on this 2-core box)".
 */
const BASELINE = {
  source:
    'shared/design/testing.md, "Measured here": a minimal bare probe (no app), VP8, host and viewers on this 2-core box',
  rows: [
    { resolution: '720p', viewers: 1, firstFrameMedianMs: 303, fps: 30, worstViewerFps: 30, hostCpuPct: 30 },
    { resolution: '720p', viewers: 4, firstFrameMedianMs: 595, fps: 29.5, worstViewerFps: 22, hostCpuPct: 101 },
    { resolution: '1080p', viewers: 1, firstFrameMedianMs: 362, fps: 30, worstViewerFps: 30, hostCpuPct: 55 },
    { resolution: '1080p', viewers: 2, firstFrameMedianMs: 570, fps: 30, worstViewerFps: 30, hostCpuPct: 107 },
    { resolution: '1080p', viewers: 4, firstFrameMedianMs: 1005, fps: 21, worstViewerFps: 15, hostCpuPct: 124 },
    { resolution: '1080p', viewers: 8, firstFrameMedianMs: 1333, fps: 9, worstViewerFps: 1, hostCpuPct: 121 },
  ],
};

const errors: string[] = [];
const notes: string[] = [];
/** The running server's relay, read for its counters. */
let relayEndpoint: RelayEndpoint | undefined;

/** Datagrams the kernel dropped because a receiver's socket buffer was full (all UDP sockets on this machine). */
function udpReceiveBufferErrors(): number | null {
  try {
    const lines = readFileSync('/proc/net/snmp', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('Udp:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const value = Number(values[names.indexOf('RcvbufErrors')]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Datagrams dropped so far on this process's own UDP sockets (the relay's, in relay mode), from /proc/net/udp's drops
 * column.
 */
function ownUdpDrops(): number | null {
  try {
    const inodes = new Set<string>();
    for (const fd of readdirSync('/proc/self/fd')) {
      const target = (() => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      })();
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]!);
    }
    let drops = 0;
    for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length >= 13 && inodes.has(cols[9]!)) drops += Number(cols[12]);
    }
    return drops;
  } catch {
    return null;
  }
}

interface RelayWindow {
  /** Relay thread CPU over the window, % of one core. */
  cpuPct: number | null;
  rssMb: number;
  publisher: {
    packetsPerS: number;
    keyframes: number;
    keyframeRequests: number;
    gaps: number;
    missing: number;
    late: number;
  } | null;
  /** Per viewer connection over the window. */
  viewers: {
    packetsPerS: number;
    fps: number;
    gaps: number;
    missing: number;
    held: number;
    keyframes: number;
    plis: number;
    firs: number;
    nacks: number;
    nackedPackets: number;
    retransmits: number;
  }[];
}

function relayWindow(
  before: RelayDiagnostics | null,
  after: RelayDiagnostics | null,
  seconds: number,
): RelayWindow | null {
  if (!before || !after || seconds <= 0) return null;
  const cpu =
    before.threadCpuMs !== null && after.threadCpuMs !== null
      ? ((after.threadCpuMs - before.threadCpuMs) / (seconds * 1000)) * 100
      : null;
  const p0 = before.publisher;
  const p1 = after.publisher;
  return {
    cpuPct: round(cpu, 1),
    rssMb: round(after.rssBytes / 1e6, 1)!,
    publisher: p1 && {
      packetsPerS: round((p1.packetsIn - (p0?.packetsIn ?? 0)) / seconds, 0)!,
      keyframes: p1.keyframesIn - (p0?.keyframesIn ?? 0),
      keyframeRequests: p1.keyframeRequests - (p0?.keyframeRequests ?? 0),
      gaps: p1.gaps - (p0?.gaps ?? 0),
      missing: p1.missing - (p0?.missing ?? 0),
      late: p1.late - (p0?.late ?? 0),
    },
    viewers: Object.entries(after.viewers).map(([key, v1]) => {
      const v0 = before.viewers[key];
      const d = (field: keyof typeof v1) => Number(v1[field]) - Number(v0?.[field] ?? 0);
      return {
        packetsPerS: round(d('packetsSent') / seconds, 0)!,
        fps: round(d('framesSent') / seconds)!,
        gaps: d('sentGaps'),
        missing: d('sentMissing'),
        held: d('packetsHeld'),
        keyframes: d('keyframesSent'),
        plis: d('plisIn'),
        firs: d('firsIn'),
        nacks: d('nacksIn'),
        nackedPackets: d('nackedPackets'),
        retransmits: d('retransmits'),
      };
    }),
  };
}

// ---------------------------------------------------------------- server

/**
 * A server on the built renderer; retried while someone else's build has emptied dist/ (it reads the site once, at
 * start).
 */
async function startServer(): Promise<{ server: SignalingServer; info: HostingInfo; joinUrl: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const server = new SignalingServer({
      bind: '127.0.0.1',
      port: 0,
      staticDir: STATIC_DIR,
      requireApproval: false,
      relay: () => (relayEndpoint = (RELAY_IN === 'worker' ? workerRelay : childProcessRelay)(RELAY_WORKER)()),
      networkInterfaces: () => ({}),
      defaultRouteAddress: async () => undefined,
    });
    const info = await server.start();
    const [page, script] = await Promise.all([
      fetch(`http://127.0.0.1:${info.port}/join`),
      fetch(`http://127.0.0.1:${info.port}/app.js`),
    ]);
    const complete =
      page.ok &&
      script.ok &&
      !(await page.text()).includes('has not been built') &&
      (await script.arrayBuffer()).byteLength > 0;
    if (complete && info.joinUrls[0]) return { server, info, joinUrl: info.joinUrls[0] };
    await server.stop();
    if (Date.now() > deadline) throw new Error(`${STATIC_DIR} holds no complete renderer build`);
    await sleep(500);
  }
}

// ---------------------------------------------------------------- measurements

interface Rig {
  readonly bare: BareProbe;
  readonly info: HostingInfo;
  readonly hostBrowser: BenchBrowser;
  readonly viewerBrowser: BenchBrowser;
}

let viewerSerial = 0;

/** A fresh viewer context joins; returns it (still watching) and the trace of its join. */
async function join(
  rig: Rig,
  host: HostPage,
  label: string,
  statsPollMs = 0,
): Promise<{ viewer: ViewerPage; trace: JoinTrace }> {
  viewerSerial += 1;
  const viewer = await ViewerPage.open(rig.viewerBrowser, host.joinLink, `${label}-${viewerSerial}`);
  try {
    if (statsPollMs > 0) await setStatsPoll(viewer.page, statsPollMs);
    const viewerSnap = await viewer.joinAndWaitFirstFrame();
    const trace = traceJoin(viewerSnap, await snapshot(host.page));
    return { viewer, trace };
  } catch (error) {
    await viewer.close();
    throw error;
  }
}

interface FirstFrameResult {
  /** Median of `runs`: untraced joins (no getStats polling). */
  median: number | null;
  runs: (number | null)[];
  warmupMs: number | null;
  rvfcMedian: number | null;
  rvfcRuns: (number | null)[];
  /** Joins with getStats polling in both pages (they time the host's encoder; the polling slows them). */
  tracedRuns: (number | null)[];
  /**
   * Per milestone, the median over all runs that have it (traced runs only for first-frame-*), ms after the Join click.
   */
  breakdownMedianMs: Partial<Record<Milestone, number | null>>;
  /** Host candidates as mDNS names (the host page has capture permission, so Chromium shows it real addresses). */
  mdnsCandidates: boolean;
  viewerMdnsCandidates: boolean;
  /** The host candidates the first viewer received: protocol, address (or mDNS name), type. */
  candidateSample: string[];
  /** Every run's milestones (ms after its click), untraced runs then traced ones. */
  runMilestones: Partial<Record<Milestone, number>>[];
  /** getStats numbers at the first frame, traced runs. */
  tracedDetails: JoinTrace['details'][];
  /** The same-run baseline: a bare join (no app, browser defaults) right after each untraced app join. */
  bare: {
    median: number | null;
    runs: (number | null)[];
    warmupMs: number | null;
    hostCapture: string;
    firstCodec: string;
    negotiated: string[];
  };
  /** Median over the runs of app / bare, each app join against the bare join just after it. */
  appOverBare: number | null;
}

const FAILED_TRACE: JoinTrace = {
  firstFrameMs: null,
  rvfcMs: null,
  milestones: {},
  candidates: { viewerReceived: 0, mdns: false, viewerMdns: false, hostLocal: 0, sample: [] },
  details: { hostFirstFrameSent: null, viewerFirstFrameDecoded: null },
};

async function firstFrames(rig: Rig, host: HostPage, resolution: Resolution): Promise<FirstFrameResult> {
  const traces: JoinTrace[] = [];
  const traced: JoinTrace[] = [];
  let warmupMs: number | null = null;
  let failures = 0;
  const bareHost = await rig.bare.openHost(rig.hostBrowser, resolution.width, resolution.height, 30, BARE_CODEC);
  const bareRuns: (number | null)[] = [];
  let bareWarmupMs: number | null = null;
  const bareCodecs = new Set<string>();
  for (let i = 0; i <= RUNS + TRACED_RUNS; i++) {
    const tracing = i > RUNS;
    const label = i === 0 ? 'warm-up' : tracing ? `traced run ${i - RUNS}` : `run ${i}`;
    const into = tracing ? traced : i > 0 ? traces : null;
    let trace: JoinTrace;
    try {
      if (tracing) await setStatsPoll(host.page, STATS_POLL_MS);
      const joined = await join(rig, host, `ff-${resolution.name}`, tracing ? STATS_POLL_MS : 0);
      // Kicked, not just closed: a viewer that simply leaves keeps its peer connection
      // on the host for the app's 15 s rejoin grace (see afterViewersLeft).
      await host.kick(joined.viewer.name);
      await joined.viewer.close();
      trace = joined.trace;
    } catch (error) {
      // A join that never shows a picture is a result (null), not the end of the bench.
      errors.push(`${resolution.name} first-frame ${label}: ${describe(error)}`);
      log(`  ${resolution.name} join ${label}: FAILED (${describe(error)})`);
      into?.push(FAILED_TRACE);
      if (++failures >= 3)
        throw new Error(`${resolution.name}: 3 joins failed, giving up on this resolution`, { cause: error });
      await host.waitNoPeers();
      continue;
    } finally {
      if (tracing) await setStatsPoll(host.page, 0).catch(() => undefined);
    }
    if (into) into.push(trace);
    else warmupMs = trace.firstFrameMs;
    log(`  ${resolution.name} join ${label}: first frame ${trace.firstFrameMs} ms (rVFC ${trace.rvfcMs} ms)`);
    if (!(await host.waitNoPeers()))
      errors.push(`${resolution.name}: the host still had a peer connection 5 s after kicking a viewer`);
    await sleep(250);
    if (tracing) continue;
    const bare = await rig.bare.join(rig.viewerBrowser).catch((error: unknown) => {
      errors.push(`${resolution.name} bare join ${label}: ${describe(error)}`);
      return null;
    });
    if (i === 0) bareWarmupMs = bare?.ms ?? null;
    else bareRuns.push(bare?.ms ?? null);
    if (bare?.codec) bareCodecs.add(bare.codec);
    log(
      `  ${resolution.name} bare join ${label}: first frame ${round(bare?.ms)} ms (${bare?.codec ?? 'codec unknown'})`,
    );
    await sleep(250);
  }
  await bareHost.context.close();
  const ratios = traces.map((t, index) => {
    const bareMs = bareRuns[index];
    return t.firstFrameMs !== null && bareMs ? t.firstFrameMs / bareMs : null;
  });
  const all = [...traces, ...traced];
  const breakdownMedianMs: Partial<Record<Milestone, number | null>> = {};
  for (const name of MILESTONES) breakdownMedianMs[name] = round(median(all.map((t) => t.milestones[name])));
  // A failed run counts as slower than any other in the median.
  const middle = median(traces.map((t) => t.firstFrameMs ?? Number.MAX_SAFE_INTEGER));
  return {
    median: middle !== null && middle < Number.MAX_SAFE_INTEGER ? round(middle) : null,
    runs: traces.map((t) => round(t.firstFrameMs)),
    warmupMs: round(warmupMs),
    rvfcMedian: round(median(traces.map((t) => t.rvfcMs))),
    rvfcRuns: traces.map((t) => round(t.rvfcMs)),
    tracedRuns: traced.map((t) => round(t.firstFrameMs)),
    breakdownMedianMs,
    mdnsCandidates: all.some((t) => t.candidates.mdns),
    viewerMdnsCandidates: all.some((t) => t.candidates.viewerMdns),
    candidateSample: all[0]?.candidates.sample ?? [],
    runMilestones: all.map((t) => t.milestones),
    tracedDetails: traced.map((t) => t.details),
    bare: {
      median: round(median(bareRuns)),
      runs: bareRuns.map((ms) => round(ms)),
      warmupMs: round(bareWarmupMs),
      hostCapture: bareHost.size,
      firstCodec: BARE_CODEC,
      negotiated: [...bareCodecs],
    },
    appOverBare: round(median(ratios), 2),
  };
}

interface SteadyResult {
  delivery: DeliveryMode;
  resolution: string;
  preset: string;
  viewers: number;
  fpsPerViewer: (number | null)[];
  minFps: number | null;
  sizes: string[];
  hostCpuPct: number | null;
  viewerBrowserCpuPct: number | null;
  decodedFpsPerViewer: (number | null)[];
  droppedFramesPerViewer: number[];
  /**
   * Per viewer over the window, from its inbound-rtp stats: frames received per second, packets lost, NACKs, PLIs,
   * freezes.
   */
  inboundPerViewer: ({
    framesReceivedFps: number | null;
    packetsLost: number;
    nacks: number;
    plis: number;
    freezes: number;
  } | null)[];
  /** Join -> first frame of the viewers added for this step (others already watching). */
  joinFirstFrameMs: (number | null)[];
  /**
   * From the last join until every viewer received the capture size (null: not within BENCH_SETTLE_MAX_MS), before the
   * extra settle.
   */
  fullSizeAfterMs: number | null;
  host: {
    /** Frames per second the capture delivered to each link's sender (media-source stats). */
    sourceFpsPerLink: (number | null)[];
    encodedFpsPerLink: (number | null)[];
    encodeMsPerFrame: (number | null)[];
    sentSizes: string[];
    qualityLimitation: (string | null)[];
    cpuLimitedShareOfWindow: (number | null)[];
    keyFramesInWindow: number[];
    codec: string | null;
    encoder: string | null;
    selectedCandidate: string | null;
  };
  decoder: string | null;
  windowS: number | null;
  machineBusyPct: number | null;
  /** Machine busy minus host browser, viewer browser and this process: what else ran meanwhile. */
  otherLoadPct: number | null;
  benchNodeCpuPct: number | null;
  load1: [number, number];
  browserProcesses: { host: number; viewer: number };
  /** Relay mode: the relay's counters over the window. */
  relay: RelayWindow | null;
  /** UDP datagrams dropped on this machine for full receive buffers during the window (every process). */
  udpReceiveBufferDrops: number | null;
  /**
   * Of those, drops on this process's sockets (the relay's, in relay mode; per-socket counters of sockets still open).
   */
  udpDropsInBenchProcess: number | null;
}

/**
 * Waits until every viewer shows the capture size (bandwidth estimation ramps up first); ms waited, or null on timeout.
 */
async function waitFullSize(viewers: ViewerPage[], resolution: Resolution): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < SETTLE_MAX_MS) {
    const samples = await Promise.all(viewers.map((v) => sampleVideo(v.page)));
    if (samples.every((v) => v.width === resolution.width && v.height === resolution.height))
      return performance.now() - started;
    await sleep(100);
  }
  return null;
}

async function steadyWindow(
  rig: Rig,
  host: HostPage,
  viewers: ViewerPage[],
  resolution: Resolution,
  joined: JoinTrace[],
  fullSizeAfterMs: number | null,
): Promise<SteadyResult> {
  const sample = () =>
    Promise.all([Promise.all(viewers.map((v) => sampleVideo(v.page))), sampleSenders(host.page)] as const);
  const roots = [rig.hostBrowser.pid, rig.viewerBrowser.pid];
  const relayOn = host.delivery === 'relay' && relayEndpoint;
  const [v0, s0] = await sample();
  const r0 = relayOn ? await relayEndpoint!.diagnostics() : null;
  const u0 = udpReceiveBufferErrors();
  const own0 = ownUdpDrops();
  const c0 = cpuMark(roots);
  await sleep(WINDOW_MS);
  const c1 = cpuMark(roots);
  const u1 = udpReceiveBufferErrors();
  const own1 = ownUdpDrops();
  const r1 = relayOn ? await relayEndpoint!.diagnostics() : null;
  const [v1, s1] = await sample();
  const cpu = cpuBetween(c0, c1);

  const perSecond = (a: number | null, b: number | null, from: number, to: number) =>
    a === null || b === null || to <= from ? null : ((b - a) / (to - from)) * 1000;
  const fps = v1.map((end, i) => perSecond(v0[i]!.totalFrames, end.totalFrames, v0[i]!.at, end.at));
  const decodedFps = v1.map((end, i) => perSecond(v0[i]!.framesDecoded, end.framesDecoded, v0[i]!.at, end.at));
  const links = s1.map((end) => ({ end, start: s0.find((s) => s.index === end.index) }));
  const encodedFps = links.map(({ start, end }) =>
    start ? perSecond(start.framesEncoded, end.framesEncoded, start.at, end.at) : null,
  );
  const sourceFps = links.map(({ start, end }) =>
    start ? perSecond(start.sourceFrames, end.sourceFrames, start.at, end.at) : null,
  );
  const encodeMs = links.map(({ start, end }) =>
    start && end.framesEncoded > start.framesEncoded
      ? ((end.totalEncodeTime - start.totalEncodeTime) * 1000) / (end.framesEncoded - start.framesEncoded)
      : null,
  );
  const cpuShare = links.map(({ start, end }) =>
    start
      ? ((end.qualityLimitationDurations.cpu ?? 0) - (start.qualityLimitationDurations.cpu ?? 0)) /
        ((end.at - start.at) / 1000)
      : null,
  );
  const [hostPct = Number.NaN, viewerPct = Number.NaN] = cpu.treesPct;
  const first: SendSample | undefined = s1[0];
  const firstVideo: VideoSample | undefined = v1[0];
  const minFps = fps.every((f) => f !== null) && fps.length > 0 ? Math.min(...(fps as number[])) : null;
  return {
    delivery: host.delivery,
    resolution: resolution.name,
    preset: resolution.preset,
    viewers: viewers.length,
    fpsPerViewer: fps.map((f) => round(f)),
    minFps: round(minFps),
    sizes: v1.map((v) => `${v.width}x${v.height}`),
    hostCpuPct: round(hostPct, 0),
    viewerBrowserCpuPct: round(viewerPct, 0),
    decodedFpsPerViewer: decodedFps.map((f) => round(f)),
    droppedFramesPerViewer: v1.map((end, i) => end.droppedFrames - v0[i]!.droppedFrames),
    inboundPerViewer: v1.map((end, i) => {
      const a = v0[i]!.inbound;
      const b = end.inbound;
      if (!a || !b) return null;
      return {
        framesReceivedFps: round(perSecond(a.framesReceived, b.framesReceived, v0[i]!.at, end.at)),
        packetsLost: b.packetsLost - a.packetsLost,
        nacks: b.nackCount - a.nackCount,
        plis: b.pliCount - a.pliCount,
        freezes: b.freezeCount - a.freezeCount,
      };
    }),
    joinFirstFrameMs: joined.map((t) => round(t.firstFrameMs)),
    fullSizeAfterMs: round(fullSizeAfterMs, 0),
    host: {
      sourceFpsPerLink: sourceFps.map((f) => round(f)),
      encodedFpsPerLink: encodedFps.map((f) => round(f)),
      encodeMsPerFrame: encodeMs.map((f) => round(f, 2)),
      sentSizes: s1.map((s) => `${s.frameWidth ?? '?'}x${s.frameHeight ?? '?'}`),
      qualityLimitation: s1.map((s) => s.qualityLimitationReason),
      cpuLimitedShareOfWindow: cpuShare.map((f) => round(f, 2)),
      keyFramesInWindow: links.map(({ start, end }) => end.keyFramesEncoded - (start?.keyFramesEncoded ?? 0)),
      codec: first?.codec ?? null,
      encoder: first?.encoder ?? null,
      selectedCandidate: first ? `${first.localCandidateType ?? '?'} -> ${first.remoteCandidate ?? '?'}` : null,
    },
    decoder: firstVideo?.decoder ?? null,
    windowS: round(cpu.seconds, 2),
    machineBusyPct: round(cpu.machineBusyPct, 0),
    otherLoadPct: round(cpu.machineBusyPct - hostPct - viewerPct - cpu.benchNodePct, 0),
    benchNodeCpuPct: round(cpu.benchNodePct, 0),
    load1: [round(cpu.load1[0], 2)!, round(cpu.load1[1], 2)!],
    browserProcesses: { host: cpu.processes[0] ?? 0, viewer: cpu.processes[1] ?? 0 },
    relay: relayWindow(r0, r1, cpu.seconds),
    udpReceiveBufferDrops: u0 === null || u1 === null ? null : u1 - u0,
    udpDropsInBenchProcess: own0 === null || own1 === null ? null : own1 - own0,
  };
}

/** Adds viewers up to each count in turn and measures; results go to `results` as they come. */
async function steady(
  rig: Rig,
  host: HostPage,
  resolution: Resolution,
  outOfTime: () => boolean,
  results: SteadyResult[],
): Promise<void> {
  const viewers: ViewerPage[] = [];
  try {
    for (const count of VIEWER_COUNTS) {
      if (outOfTime()) {
        errors.push(`${resolution.name} ${count} viewers: skipped to stay within the time budget`);
        break;
      }
      const joined: JoinTrace[] = [];
      while (viewers.length < count) {
        const { viewer, trace } = await join(rig, host, `steady-${resolution.name}`).catch(async (error: unknown) => {
          // What the relay knew of every connection when a join gave up: which step it never reached.
          if (host.delivery === 'relay')
            log(
              `    relay when join ${viewers.length + 1} failed: ${JSON.stringify(await relayEndpoint?.diagnostics())}`,
            );
          throw error;
        });
        viewers.push(viewer);
        joined.push(trace);
      }
      const fullSizeAfterMs = await waitFullSize(viewers, resolution);
      await sleep(SETTLE_MS);
      const result = await steadyWindow(rig, host, viewers, resolution, joined, fullSizeAfterMs);
      results.push(result);
      log(
        `  ${host.delivery} ${resolution.name} ${count} viewer(s): fps ${result.fpsPerViewer.join(' / ')} (min ${result.minFps}), sizes ${result.sizes.join(' ')}; ` +
          `host CPU ${result.hostCpuPct}%, viewer browser ${result.viewerBrowserCpuPct}%, machine ${result.machineBusyPct}% (other ${result.otherLoadPct}%); ` +
          `capture ${result.host.sourceFpsPerLink.join('/')} fps, encoded ${result.host.encodedFpsPerLink.join('/')} fps at ${result.host.encodeMsPerFrame.join('/')} ms/frame, limited by ${result.host.qualityLimitation.join('/')}; ` +
          `UDP receive-buffer drops ${result.udpReceiveBufferDrops} (${result.udpDropsInBenchProcess} on this process's sockets)`,
      );
      log(
        `    viewers received ${result.inboundPerViewer.map((v) => v?.framesReceivedFps ?? '?').join('/')} fps, decoded ${result.decodedFpsPerViewer.join('/')}; ` +
          `lost ${result.inboundPerViewer.map((v) => v?.packetsLost ?? '?').join('/')} packets, NACKs ${result.inboundPerViewer.map((v) => v?.nacks ?? '?').join('/')}, PLIs ${result.inboundPerViewer.map((v) => v?.plis ?? '?').join('/')}, freezes ${result.inboundPerViewer.map((v) => v?.freezes ?? '?').join('/')}`,
      );
      if (result.relay) log(`    relay: ${describeRelayWindow(result.relay)}`);
    }
  } finally {
    await Promise.all(viewers.map((v) => v.close()));
  }
}

interface HostOnlyResult {
  /** Peer connections the host page still has open. */
  openPeerConnections: number;
  /** Frames per second the host still encodes on each of them. */
  encodedFpsPerLink: (number | null)[];
  hostCpuPct: number | null;
  windowS: number | null;
  load1: [number, number];
}

/** Host CPU (and what it still encodes) over a short window with no viewer watching. */
async function hostOnly(rig: Rig, host: HostPage, windowMs: number): Promise<HostOnlyResult> {
  const s0 = await sampleSenders(host.page);
  const c0 = cpuMark([rig.hostBrowser.pid]);
  await sleep(windowMs);
  const c1 = cpuMark([rig.hostBrowser.pid]);
  const s1 = await sampleSenders(host.page);
  const cpu = cpuBetween(c0, c1);
  return {
    openPeerConnections: await openPeers(host.page),
    encodedFpsPerLink: s1.map((end) => {
      const start = s0.find((s) => s.index === end.index);
      return start && end.at > start.at
        ? round(((end.framesEncoded - start.framesEncoded) / (end.at - start.at)) * 1000)
        : null;
    }),
    hostCpuPct: round(cpu.treesPct[0], 0),
    windowS: round(cpu.seconds, 2),
    load1: [round(cpu.load1[0], 2)!, round(cpu.load1[1], 2)!],
  };
}

interface SoakResult {
  viewers: number;
  seconds: number;
  /** Relay RSS (MB) every BENCH_SOAK_SAMPLE_S, from the first sample after every viewer decodes. */
  rssMb: number[];
  /** At the same instants: the relay's live JS heap, and V8's new space (sized by the allocation rate), MB. */
  heapUsedMb: number[];
  newSpaceMb: (number | null)[];
  arrayBuffersMb: number[];
  /**
   * Growth from the mean of the first minute's samples to the mean of the last minute's: RSS, and live
   * memory (JS heap used + Buffers). Single samples swing by 30+ MB with V8's new-space resizing and the
   * memory reducer, so two point readings can show growth or shrinkage that is neither.
   */
  rssMinuteGrowthPct: number | null;
  liveMinuteGrowthPct: number | null;
  rssGrowthPct: number | null;
  relayCpuPct: number | null;
  minFps: number | null;
  medianFps: number | null;
  load1: [number, number];
}

/** Mean of the last minute's samples over the first minute's, as a percent change; null for runs under two minutes. */
function minuteGrowthPct(samples: readonly number[]): number | null {
  const perMinute = Math.max(1, Math.round(60 / SOAK_SAMPLE_S));
  if (samples.length < 2 * perMinute) return null;
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const first = mean(samples.slice(0, perMinute));
  return first > 0 ? round(((mean(samples.slice(-perMinute)) - first) / first) * 100, 1) : null;
}

/** Relay mode at 1080p with SOAK_VIEWERS viewers for SOAK_S seconds: does the relay's memory keep growing? */
async function soak(rig: Rig): Promise<SoakResult> {
  const resolution = RESOLUTIONS.find((r) => r.name === '1080p')!;
  const host = await HostPage.open(
    rig.hostBrowser,
    rig.info.hostUrl,
    rig.info.joinUrls[0]!,
    resolution.preset,
    'relay',
  );
  const viewers: ViewerPage[] = [];
  try {
    while (viewers.length < SOAK_VIEWERS) viewers.push((await join(rig, host, 'soak')).viewer);
    await waitFullSize(viewers, resolution);
    const load0 = loadavg()[0]!;
    const first = await relayEndpoint?.diagnostics();
    const v0 = await Promise.all(viewers.map((v) => sampleVideo(v.page)));
    const rssMb: number[] = [];
    const heapUsedMb: number[] = [];
    const newSpaceMb: (number | null)[] = [];
    const arrayBuffersMb: number[] = [];
    const record = (sample: RelayDiagnostics | null | undefined) => {
      rssMb.push(round((sample?.rssBytes ?? 0) / 1e6, 1)!);
      heapUsedMb.push(round((sample?.heapUsedBytes ?? 0) / 1e6, 1)!);
      newSpaceMb.push(typeof sample?.newSpaceBytes === 'number' ? round(sample.newSpaceBytes / 1e6, 1) : null);
      arrayBuffersMb.push(round((sample?.arrayBuffersBytes ?? 0) / 1e6, 1)!);
    };
    record(first);
    const startedAt = performance.now();
    while (performance.now() - startedAt < SOAK_S * 1000) {
      await sleep(SOAK_SAMPLE_S * 1000);
      record(await relayEndpoint?.diagnostics());
      log(
        `  soak ${Math.round((performance.now() - startedAt) / 1000)} s: relay RSS ${rssMb.at(-1)} MB, JS heap used ${heapUsedMb.at(-1)} MB, new space ${newSpaceMb.at(-1)} MB, Buffers ${arrayBuffersMb.at(-1)} MB, load ${loadavg()[0]!.toFixed(2)}`,
      );
    }
    const last = await relayEndpoint?.diagnostics();
    const v1 = await Promise.all(viewers.map((v) => sampleVideo(v.page)));
    const seconds = (performance.now() - startedAt) / 1000;
    const fps = v1.map((end, i) => ((end.totalFrames - v0[i]!.totalFrames) / (end.at - v0[i]!.at)) * 1000);
    const cpu =
      typeof first?.threadCpuMs === 'number' && typeof last?.threadCpuMs === 'number'
        ? ((last.threadCpuMs - first.threadCpuMs) / (seconds * 1000)) * 100
        : null;
    return {
      viewers: viewers.length,
      seconds: round(seconds, 0)!,
      rssMb,
      heapUsedMb,
      newSpaceMb,
      arrayBuffersMb,
      rssMinuteGrowthPct: minuteGrowthPct(rssMb),
      liveMinuteGrowthPct: minuteGrowthPct(heapUsedMb.map((heap, i) => heap + arrayBuffersMb[i]!)),
      rssGrowthPct: rssMb[0] ? round(((rssMb.at(-1)! - rssMb[0]) / rssMb[0]) * 100, 1) : null,
      relayCpuPct: round(cpu, 1),
      minFps: round(Math.min(...fps)),
      medianFps: round(median(fps)),
      load1: [round(load0, 2)!, round(loadavg()[0], 2)!],
    };
  } finally {
    await Promise.all(viewers.map((v) => v.close()));
    await host.close();
  }
}

// ---------------------------------------------------------------- main

function describeRelayWindow(r: RelayWindow): string {
  const sum = (field: keyof RelayWindow['viewers'][number]) => r.viewers.reduce((total, v) => total + v[field], 0);
  return (
    `thread CPU ${r.cpuPct}%, RSS ${r.rssMb} MB; publisher ${r.publisher?.packetsPerS ?? '-'} pkt/s in, ${r.publisher?.keyframes ?? '-'} keyframes, asked ${r.publisher?.keyframeRequests ?? '-'} times, ${r.publisher?.gaps ?? '-'} holes (${r.publisher?.missing ?? '-'} missing), ${r.publisher?.late ?? '-'} late; ` +
    `viewers pkt/s ${r.viewers.map((v) => v.packetsPerS).join('/')}, frames/s sent ${r.viewers.map((v) => v.fps).join('/')}, holes sent ${sum('gaps')} (${sum('missing')} missing), held ${sum('held')}, keyframes ${sum('keyframes')}, PLIs ${sum('plis')}, FIRs ${sum('firs')}, NACKs ${sum('nacks')} (${sum('nackedPackets')} packets), retransmits ${sum('retransmits')}`
  );
}

/** The median milestones in time order, each with the gap since the one before. */
function describeBreakdown(result: FirstFrameResult): string[] {
  const known = MILESTONES.map((name) => [name, result.breakdownMedianMs[name]] as const).filter(
    (entry): entry is readonly [Milestone, number] => typeof entry[1] === 'number',
  );
  known.sort((a, b) => a[1] - b[1]);
  let previous = 0;
  return known.map(([name, at]) => {
    const line = `      ${name.padEnd(26)} ${String(at).padStart(7)} ms  (+${round(at - previous)})`;
    previous = at;
    return line;
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadavg().map((l) => round(l, 2));
  const report: Record<string, unknown> = { node: process.version, cpus: cpus().length };
  const opened: BenchBrowser[] = [];
  let server: SignalingServer | undefined;
  let bare: BareProbe | undefined;
  const watchdog = setTimeout(() => {
    errors.push(`watchdog: the bench took over ${WATCHDOG_MS / 1000} s`);
    for (const browser of opened) browser.kill();
    process.stdout.write(`${JSON.stringify({ ...report, errors })}\n`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  if (PREFER_CODEC)
    notes.push(
      `EXPERIMENT: BENCH_PREFER_CODEC=${PREFER_CODEC} put that codec first in the host's codec preferences (not the app's order)`,
    );
  if (STRIP_START_BITRATE)
    notes.push(
      "EXPERIMENT: BENCH_STRIP_START_BITRATE=1: the host page removed the app's x-google-start-bitrate from every answer it applied",
    );
  if (SKIP_SET_PARAMETERS)
    notes.push(
      'EXPERIMENT: BENCH_SKIP_SET_PARAMETERS=1: the host page ignored RTCRtpSender.setParameters (no preset bitrate/framerate/scale applied)',
    );
  if (EXTRA_ARGS.length > 0) notes.push(`EXPERIMENT: extra Chromium flags for both browsers: ${EXTRA_ARGS.join(' ')}`);
  log(
    `webrtc bench: node ${process.version}, ${cpus().length} CPUs, load ${loadAtStart.join(' ')}; ${RUNS} first-frame joins (+1 warm-up, +${TRACED_RUNS} traced) per resolution; host screen ${SOURCE_FPS || 20} fps; viewers ${VIEWER_COUNTS.join(', ')}; window ${WINDOW_MS} ms`,
  );
  const firstFrameMs: Record<string, FirstFrameResult> = {};
  const steadyResults: SteadyResult[] = [];
  const captures: Record<string, unknown> = {};
  const hostIdle: Record<string, HostOnlyResult> = {};
  const afterViewersLeft: Record<string, HostOnlyResult> = {};
  let soakResult: SoakResult | null = null;
  let exitCode = 0;
  try {
    const hosting = await startServer();
    server = hosting.server;
    bare = await BareProbe.start();
    const probe = {
      preferCodec: PREFER_CODEC,
      stripStartBitrate: STRIP_START_BITRATE,
      skipSetParameters: SKIP_SET_PARAMETERS,
    };
    const launched = await Promise.allSettled([
      BenchBrowser.launch('host', [fakeCaptureFlag(SOURCE_FPS), ...EXTRA_ARGS], probe),
      BenchBrowser.launch('viewer', [fakeCaptureFlag(), ...EXTRA_ARGS]),
    ]);
    for (const outcome of launched) if (outcome.status === 'fulfilled') opened.push(outcome.value);
    const [hostBrowser, viewerBrowser] = launched.map((outcome) => {
      if (outcome.status === 'rejected') throw new Error(`Chromium did not start: ${describe(outcome.reason)}`);
      return outcome.value;
    }) as [BenchBrowser, BenchBrowser];
    const rig: Rig = { bare, info: hosting.info, hostBrowser, viewerBrowser };
    report.browser = hostBrowser.browser.version();
    const outOfTime = () => performance.now() - started > DEADLINE_MS;
    for (const resolution of RESOLUTIONS.filter((r) => CHOSEN.includes(r.name))) {
      if (outOfTime()) {
        errors.push(`${resolution.name}: skipped to stay within the time budget`);
        continue;
      }
      for (const delivery of MODES) {
        const key = `${delivery} ${resolution.name}`;
        log(`${key} (${resolution.presetNote})`);
        const host = await HostPage.open(
          hostBrowser,
          hosting.info.hostUrl,
          hosting.joinUrl,
          resolution.preset,
          delivery,
        );
        try {
          const capture = (await snapshot(host.page)).captures.at(-1);
          captures[key] = capture;
          log(
            `  host capture: ${capture?.width}x${capture?.height} at ${capture?.frameRate} fps, asked ${capture?.constraints}`,
          );
          if (capture?.width !== resolution.width || capture.height !== resolution.height) {
            errors.push(
              `${resolution.name}: the host captured ${capture?.width}x${capture?.height}, not ${resolution.width}x${resolution.height}`,
            );
          }
          await sleep(LIVE_SETTLE_MS);
          const idle = await hostOnly(rig, host, HOST_ONLY_WINDOW_MS);
          hostIdle[key] = idle;
          log(`  host live, no viewer: host CPU ${idle.hostCpuPct}% (capture and page)`);
          const result = await firstFrames(rig, host, resolution);
          firstFrameMs[key] = result;
          log(
            `  ${resolution.name} join -> first frame: median ${result.median} ms over ${result.runs.length} runs [${result.runs.join(', ')}], warm-up ${result.warmupMs} ms; ` +
              `rVFC median ${result.rvfcMedian} ms; traced runs [${result.tracedRuns.join(', ')}]; breakdown (medians):`,
          );
          for (const line of describeBreakdown(result)) log(line);
          try {
            await steady(rig, host, resolution, outOfTime, steadyResults);
            // steady() closed its viewers' pages (they leave; nobody kicks them).
            await sleep(1_000);
            const left = await hostOnly(rig, host, HOST_ONLY_WINDOW_MS);
            afterViewersLeft[key] = left;
            log(
              `  1 s after the viewers closed their pages: the host still has ${left.openPeerConnections} peer connection(s), ` +
                `encoding ${left.encodedFpsPerLink.join('/')} fps; host CPU ${left.hostCpuPct}%`,
            );
          } catch (error) {
            // As above: viewers that never decode are a result; the bench goes on.
            errors.push(`${resolution.name} steady: ${describe(error)}`);
          }
        } finally {
          await host.close();
        }
      }
    }
    if (SOAK_S > 0) {
      log(`soak: relay, 1080p, ${SOAK_VIEWERS} viewers, ${SOAK_S} s`);
      soakResult = await soak(rig).catch((error: unknown) => {
        errors.push(`soak: ${describe(error)}`);
        return null;
      });
    }
  } catch (error) {
    errors.push(describe(error));
    exitCode = 1;
  } finally {
    await Promise.all(opened.map((browser) => browser.close()));
    await server?.stop().catch(() => undefined);
    await bare?.stop().catch(() => undefined);
  }

  const steady720p2 = steadyResults.find((s) => s.resolution === '720p' && s.viewers === 2);
  const ff1080 = firstFrameMs[`${MODES[0] ?? 'direct'} 1080p`]?.median;
  const targets = {
    [`firstFrame1080pMedianMs<=${TARGETS.firstFrame1080pMedianMs}`]:
      ff1080 === null || ff1080 === undefined ? null : ff1080 <= TARGETS.firstFrame1080pMedianMs,
    [`minFps720p2Viewers>=${TARGETS.minFps720p2Viewers}`]:
      steady720p2?.minFps === null || steady720p2?.minFps === undefined
        ? null
        : steady720p2.minFps >= TARGETS.minFps720p2Viewers,
  };
  const codec = steadyResults.find((s) => s.host.codec)?.host;
  notes.push(
    'firstFrameMs: Join click (capture-phase click listener in the page) -> first of videoWidth > 0 / getVideoPlaybackQuality().totalVideoFrames > 0 on <video aria-label="Shared screen">, polled every 5 ms in the page; ' +
      'rvfc* is the first requestVideoFrameCallback call, a cross-check (it fires in these foreground headless pages)',
    `each first-frame run: a fresh viewer context, page loaded and name typed before the click, joining a host that has been live >= ${LIVE_SETTLE_MS / 1000} s with no other viewer; one warm-up join first (warmupMs, not in the median)`,
    `720p = the "${RESOLUTIONS[0]!.preset}" preset (720p, 60 fps cap; the app has no 720p30 preset); 1080p = "${RESOLUTIONS[1]!.preset}" (1080p30). ` +
      `Source: Chromium's fake screen, a mostly static synthetic picture, run at ${SOURCE_FPS || 'the default 20'} fps (${fakeCaptureFlag(SOURCE_FPS)}): ` +
      'without fps= it delivers 20 fps whatever the page asks (its track settings still say 30/60), which caps every viewer at 20 fps. ' +
      `So 720p here is Motion at ${SOURCE_FPS ? Math.min(SOURCE_FPS, 60) : 20} fps; BENCH_SOURCE_FPS=60 gives Motion its 60`,
    `codec negotiated by the app: ${codec?.codec ?? 'unknown'} (${codec?.encoder ?? '?'}); the testing.md baseline used VP8`,
    "hostCpuPct: utime+stime from /proc of every process of the host Chromium (browser, renderer, GPU, network, capture) over the window, % of one core; viewerBrowserCpuPct the same for the viewers' Chromium; machineBusyPct from /proc/stat (200 = both cores)",
    'fps: getVideoPlaybackQuality().totalVideoFrames delta / wall time in each viewer page; decodedFps the same from getStats inbound-rtp framesDecoded',
    'breakdownMedianMs: per milestone, the median over the runs of its time after the click (v: viewer page, h: host page; clocks are performance.timeOrigin + now(), shared by both browsers). ' +
      `h:first-frame-*, v:first-packet/frame-* come only from the ${TRACED_RUNS} traced joins (getStats every ${STATS_POLL_MS} ms in both pages from setRemoteDescription(answer)/connected until the first frame; ` +
      'that polling slowed joins by tens of ms here, so traced joins are not in median/runs: see tracedRuns). Chromium caches getStats ~50 ms, so those can lag by as much; ' +
      'v:rvfc-receiveTime (requestVideoFrameCallback metadata: last packet of the first shown frame) is exact',
    'bare (per resolution): the same-run baseline, tests/bench/webrtc/bare-probe.ts: after each untraced app join, a fresh viewer context joins a bare host page (no app: ' +
      `getDisplayMedia at the same size and 30 fps, one RTCPeerConnection per join with browser-default settings and ${BARE_CODEC} first (BENCH_BARE_CODEC), ` +
      'signaling through a WebSocket relay in the bench, opened at the start as the app opens its socket at the click), ' +
      'timed the same way; appOverBare = median over runs of app / the bare join right after it',
    'first-frame runs end with the host kicking the viewer (so the next run starts from a host with no peer connection); steady viewers just close their pages',
    'hostIdle: host browser CPU while live with no viewer; afterViewersLeft: 1 s after the steady viewers closed their pages, what the host still holds and encodes',
    'this machine has 2 cores shared by host, viewers, the bench and whatever else runs: see load and otherLoadPct',
  );
  const result = {
    firstFrameMs,
    steady: steadyResults,
    targets,
    baselineFromTestingMd: BASELINE,
    captures,
    sourceFps: SOURCE_FPS || 20,
    hostIdle,
    afterViewersLeft,
    relayVsDirect: compareModes(steadyResults, firstFrameMs),
    soak: soakResult,
    relayIn: RELAY_IN,
    load: { atStart: loadAtStart, atEnd: loadavg().map((l) => round(l, 2)) },
    notes,
    errors,
    durationS: round((performance.now() - started) / 1000),
    ...report,
  };

  log('');
  log('summary');
  for (const [name, ff] of Object.entries(firstFrameMs)) {
    log(
      `  ${name} 1 viewer join -> first frame: median ${ff.median} ms, runs [${ff.runs.join(', ')}]; ` +
        `bare join (${ff.bare.negotiated.join('/') || ff.bare.firstCodec}) in the same run: median ${ff.bare.median} ms, runs [${ff.bare.runs.join(', ')}]; app / bare ${ff.appOverBare}`,
    );
  }
  for (const s of steadyResults) {
    const base = BASELINE.rows.find((r) => r.resolution === s.resolution && r.viewers === s.viewers);
    log(
      `  ${s.resolution.padEnd(5)} ${s.viewers} viewer(s): min fps ${s.minFps} [${s.fpsPerViewer.join(', ')}] ${s.sizes.join(' ')}; host CPU ${s.hostCpuPct}%` +
        `${base ? ` (testing.md probe: fps ${base.fps} worst ${base.worstViewerFps}, CPU ${base.hostCpuPct}%)` : ''}; viewer browser ${s.viewerBrowserCpuPct}%; load ${s.load1.join('->')}`,
    );
  }
  for (const [name, idle] of Object.entries(hostIdle)) {
    const left = afterViewersLeft[name];
    log(
      `  ${name} host with no viewer: CPU ${idle.hostCpuPct}%` +
        (left
          ? `; 1 s after the viewers closed their pages: ${left.openPeerConnections} peer connections kept, encoding ${left.encodedFpsPerLink.join('/')} fps, CPU ${left.hostCpuPct}%`
          : ''),
    );
  }
  log(
    `  relay vs direct (same run): host CPU = host Chromium, % of a core; relay = the relay's ${RELAY_IN === 'process' ? 'process' : 'worker thread'}, % of a core; ff = join -> first frame (N=1: median of the first-frame runs; N>1: the last join)`,
  );
  for (const row of result.relayVsDirect) {
    const cell = (m: (typeof row)['direct']) =>
      m
        ? `host ${m.hostCpuPct}%${m.relayCpuPct === null ? '' : ` relay ${m.relayCpuPct}% sent>=${m.relaySentFpsWorst} fps`} fps med ${m.medianFps} worst ${m.minFps} ff ${m.firstFrameMs} ms load ${m.load1[1]}`
        : 'not measured';
    log(`  ${row.resolution} N=${row.viewers}: direct [${cell(row.direct)}] | relay [${cell(row.relay)}]`);
  }
  if (soakResult) {
    log(
      `  soak (relay, 1080p, ${soakResult.viewers} viewers, ${soakResult.seconds} s): relay RSS ${soakResult.rssMb[0]} -> ${soakResult.rssMb.at(-1)} MB (${soakResult.rssGrowthPct}%; first minute's mean -> last minute's ${soakResult.rssMinuteGrowthPct}%, live memory ${soakResult.liveMinuteGrowthPct}%), ` +
        `max ${Math.max(...soakResult.rssMb)} MB; JS heap used ${soakResult.heapUsedMb[0]} -> ${soakResult.heapUsedMb.at(-1)} MB (max ${Math.max(...soakResult.heapUsedMb)}), ` +
        `V8 new space ${soakResult.newSpaceMb[0]} -> ${soakResult.newSpaceMb.at(-1)} MB, Buffers ${soakResult.arrayBuffersMb[0]} -> ${soakResult.arrayBuffersMb.at(-1)} MB; relay CPU ${soakResult.relayCpuPct}%; viewer fps median ${soakResult.medianFps} worst ${soakResult.minFps}; load ${soakResult.load1.join('->')}`,
    );
  }
  log(`  load average ${result.load.atStart.join(' ')} at start, ${result.load.atEnd.join(' ')} at end`);
  clearTimeout(watchdog);
  finishReport(result, targets, errors);
  return exitCode;
}

/** One row per resolution and viewer count: the direct and relay measurements of this run side by side. */
function compareModes(results: readonly SteadyResult[], firstFrames: Record<string, FirstFrameResult>) {
  const pick = (r: SteadyResult | undefined) =>
    r && {
      hostCpuPct: r.hostCpuPct,
      relayCpuPct: r.relay?.cpuPct ?? null,
      /**
       * Frames per second the relay sent whole to its slowest viewer: what the relay delivered, whatever the viewers'
       * browser then managed to decode.
       */
      relaySentFpsWorst: r.relay && r.relay.viewers.length > 0 ? Math.min(...r.relay.viewers.map((v) => v.fps)) : null,
      benchNodeCpuPct: r.benchNodeCpuPct,
      medianFps: round(median(r.fpsPerViewer)),
      minFps: r.minFps,
      /**
       * N = 1: the median of the first-frame runs (a fresh viewer joining a live host); N > 1: the join that made N.
       */
      firstFrameMs:
        r.viewers === 1
          ? (firstFrames[`${r.delivery} ${r.resolution}`]?.median ?? null)
          : (r.joinFirstFrameMs.at(-1) ?? null),
      viewerBrowserCpuPct: r.viewerBrowserCpuPct,
      load1: r.load1,
      sizes: r.sizes,
    };
  const keys = [...new Set(results.map((r) => `${r.resolution}|${r.viewers}`))];
  return keys.map((key) => {
    const [resolution, viewers] = key.split('|') as [string, string];
    const of = (delivery: DeliveryMode) =>
      results.find((r) => r.delivery === delivery && r.resolution === resolution && r.viewers === Number(viewers));
    return { resolution, viewers: Number(viewers), direct: pick(of('direct')), relay: pick(of('relay')) };
  });
}

runBench(main, errors);
