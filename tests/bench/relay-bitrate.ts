// Measures the relay's bitrate for the host against real Chromium: one Chromium page
// publishes a canvas (still, then full of motion) to an in-process Relay as the host
// page does (VP8, start rate at the cap, 8 Mbit/s sender cap), another Chromium page
// watches through it. Per second: what the host sent, its encoder's target, the relay's
// target, the Chromium viewer's REMB and limit. Phases, in one run:
//  1-2. still, then motion, the Chromium viewer watching;
//  3.   motion with that viewer paused (not counted: the cap, the baseline);
//  4.   motion with a second, werift viewer that says REMB 1 Mbit/s and 25 % lost once,
//       then 5 % (GCC's hold band) every second (werift's own loss-free reports still
//       raise its limit 5 % a second, up to its REMB): the host should follow that limit;
//  5.   motion after that viewer left: back to the cap.
// Run: npm run bench:relay-bitrate (STILL_S, MOTION_S: phase lengths in seconds). Prints one JSON line a second and a
// summary.
import { chromium, type Page } from '@playwright/test';
import { withStartBitrate } from '../../renderer/host/start-bitrate';
import { Relay } from '../../signaling/relay/relay';
import { TestViewer } from '../support/werift-peers';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STILL_S = Number(process.env.STILL_S ?? 15);
const MOTION_S = Number(process.env.MOTION_S ?? 20);
const SENDER_CAP_BPS = 8_000_000;

/** In the publishing page: a 1280x720 canvas at 30 fps, still or redrawn with noise each frame. */
const PUBLISHER_PAGE = `
  const canvas = document.createElement('canvas'); canvas.width = 1280; canvas.height = 720; document.body.append(canvas);
  const g = canvas.getContext('2d');
  window.motion = false;
  function still() { g.fillStyle = '#fff'; g.fillRect(0, 0, 1280, 720); g.fillStyle = '#000'; g.font = '20px sans-serif';
    for (let y = 30; y < 720; y += 28) g.fillText('The quick brown fox jumps over the lazy dog 0123456789 '.repeat(2), 10, y); }
  still();
  setInterval(() => {
    if (!window.motion) { g.fillRect(0, 0, 1, 1); return; }
    const image = g.createImageData(1280, 720); const d = image.data;
    for (let i = 0; i < d.length; i += 4) { const v = Math.random() * 255; d[i] = v; d[i + 1] = (v * 7) % 255; d[i + 2] = 255 - v; d[i + 3] = 255; }
    g.putImageData(image, 0, 0);
  }, 33);
  window.track = canvas.captureStream(30).getVideoTracks()[0];
`;

/**
 * The page's `window.pc` description after applying `remoteOffer` (if any) and its own, with every candidate (the relay
 * does not trickle).
 */
function described(page: Page, remoteOffer: string | null): Promise<string> {
  return page.evaluate(async (sdp) => {
    const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
    if (sdp) await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription();
    if (pc.iceGatheringState !== 'complete')
      await new Promise<void>((resolve) =>
        pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()),
      );
    return pc.localDescription!.sdp;
  }, remoteOffer);
}

async function bytesSent(page: Page): Promise<{ at: number; bytes: number; target: number | null }> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
    let bytes = 0;
    let target: number | null = null;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; bytesSent?: number; targetBitrate?: number }) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        bytes += s.bytesSent ?? 0;
        target = s.targetBitrate ?? target;
      }
    });
    return { at: performance.now(), bytes, target };
  });
}

interface Second {
  readonly phase: string;
  readonly t: number;
  readonly hostKbps: number;
  readonly encoderTargetKbps: number | null;
  readonly relayTargetKbps: number | null;
  readonly chromiumRembKbps: number | null;
  readonly chromiumLimitKbps: number | null;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--disable-gpu', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
  });
  const relay = new Relay();
  const seconds: Second[] = [];
  try {
    const publisher = await (await browser.newContext()).newPage();
    const viewer = await (await browser.newContext()).newPage();
    await publisher.evaluate(PUBLISHER_PAGE);
    await publisher.evaluate(`window.pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
      pc.addTransceiver(window.track, { direction: 'sendonly' })
        .setCodecPreferences(RTCRtpSender.getCapabilities('video').codecs.filter((c) => c.mimeType === 'video/VP8'));`);
    const { sdp: answer } = await relay.publish(await described(publisher, null));
    await publisher.evaluate(
      async ({ sdp, cap }) => {
        const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
        await pc.setRemoteDescription({ type: 'answer', sdp });
        const sender = pc.getSenders()[0]!;
        const parameters = sender.getParameters();
        parameters.encodings[0]!.maxBitrate = cap;
        await sender.setParameters(parameters);
      },
      { sdp: withStartBitrate(answer, SENDER_CAP_BPS), cap: SENDER_CAP_BPS },
    );
    const viewerOffer = await relay.openViewer('v');
    await viewer.evaluate(
      `window.pc = new RTCPeerConnection(); pc.ontrack = (e) => { const v = document.createElement('video'); v.muted = true; v.autoplay = true; v.srcObject = new MediaStream([e.track]); document.body.append(v); };`,
    );
    await relay.viewerAnswer('v', await described(viewer, viewerOffer));

    let previous = await bytesSent(publisher);
    const run = async (phase: string, motion: boolean, counted: boolean, duration: number, eachSecond = () => {}) => {
      await publisher.evaluate((on) => ((window as unknown as { motion: boolean }).motion = on), motion);
      relay.setViewerActive('v', counted);
      for (let t = 1; t <= duration; t++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        eachSecond();
        const now = await bytesSent(publisher);
        const diagnostics = relay.diagnostics();
        const v = diagnostics.viewers.v;
        seconds.push({
          phase,
          t,
          hostKbps: Math.round(((now.bytes - previous.bytes) * 8) / (now.at - previous.at)),
          encoderTargetKbps: now.target === null ? null : Math.round(now.target / 1000),
          relayTargetKbps: kbps(diagnostics.publisher?.targetBps),
          chromiumRembKbps: kbps(v?.rembBps),
          chromiumLimitKbps: kbps(v?.estimateBps),
        });
        previous = now;
        console.log(JSON.stringify(seconds.at(-1)));
      }
    };
    await run('still', false, true, STILL_S);
    await run('motion', true, true, MOTION_S);
    await run('motion, viewer paused (cap)', true, false, 10);
    const lossy = new TestViewer('lossy');
    await lossy.join(relay);
    lossy.sendRembs(1_000_000);
    lossy.reportLoss(0.25);
    await run('motion, + lossy viewer', true, true, MOTION_S, () => lossy.reportLoss(12 / 256));
    await relay.closeViewer('lossy');
    await lossy.close();
    await run('motion, lossy viewer gone', true, true, MOTION_S);
  } finally {
    await relay.close();
    await browser.close();
  }
  const median = (phase: string, from: number, field: 'hostKbps' | 'relayTargetKbps' = 'hostKbps') => {
    const values = seconds
      .filter((s) => s.phase === phase && s.t >= from)
      .map((s) => s[field] ?? 0)
      .sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? null;
  };
  const lastHalf = Math.ceil(MOTION_S / 2);
  const summary = {
    hostKbpsMedianLastHalf: {
      still: median('still', Math.ceil(STILL_S / 2)),
      motion: median('motion', lastHalf),
      motionViewerPaused: median('motion, viewer paused (cap)', 5),
      motionLossyViewer: median('motion, + lossy viewer', lastHalf),
      motionLossyViewerGone: median('motion, lossy viewer gone', lastHalf),
    },
    relayTargetKbpsMedianLastHalf: {
      motion: median('motion', lastHalf, 'relayTargetKbps'),
      motionLossyViewer: median('motion, + lossy viewer', lastHalf, 'relayTargetKbps'),
    },
    chromiumRembKbps: seconds.filter((s) => s.chromiumRembKbps !== null).map((s) => s.chromiumRembKbps),
  };
  console.log(JSON.stringify({ summary }));
  const h = summary.hostKbpsMedianLastHalf;
  console.log(
    `host sent, median kbit/s over each phase's last half: still ${h.still}; motion ${h.motion}; motion, viewer paused (cap) ${h.motionViewerPaused}; ` +
      `motion with a lossy viewer ${h.motionLossyViewer} (relay target ${summary.relayTargetKbpsMedianLastHalf.motionLossyViewer}); after it left ${h.motionLossyViewerGone}. ` +
      `Chromium's REMB went ${summary.chromiumRembKbps[0]} -> ${summary.chromiumRembKbps.at(-1)} kbit/s.`,
  );
}

const kbps = (bps: number | null | undefined): number | null =>
  bps === null || bps === undefined ? null : Math.round(bps / 1000);

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
