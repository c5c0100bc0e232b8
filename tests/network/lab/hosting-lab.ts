// The app inside the lab: the signaling server (`npm run serve`'s build, relay included)
// in the host's namespace, the host page in a Chromium there, viewers in Chromiums in
// theirs, and what a viewer decodes, read from getStats() inbound-rtp.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { PageSet, WAIT_MS } from '../../e2e/support/hosting';
import { expect, test, type Lab } from './lab-fixture';
import { startInNamespace } from './processes';

const SERVE = join(__dirname, '../../../dist/signaling/serve.js');
export const SIGNALING_PORT = 9470;
/** The signaling server (and its relay) runs with this group id: its packets told apart from the browser's. */
export const APP_GID = 4747;
const ICE_SERVERS_KEY = 'webrtc-desktop-host.ice-servers';

const serveJson = z.object({ hostUrl: z.string(), joinUrl: z.string() });

export interface LabHosting {
  readonly host: Page;
  /** The join link the host page shows (with its link key). */
  readonly joinLink: string;
}

/** Opens pages in a browser of the namespace; their console lines go into the lab's report. */
export async function pagesIn(lab: Lab, namespace: string): Promise<PageSet> {
  const pages = new PageSet(await lab.browserIn(namespace));
  lab.consoleLines.push(pages.consoleLines);
  return pages;
}

async function withIceServers(page: Page, iceServers: readonly string[]): Promise<void> {
  if (iceServers.length === 0) return;
  await page.addInitScript(
    ([key, text]) => window.localStorage.setItem(key!, text!),
    [ICE_SERVERS_KEY, iceServers.join('\n')],
  );
}

/** Starts the server in `namespace`, opens the host page there and starts sharing (viewers admitted without asking). */
export async function startHosting(
  lab: Lab,
  namespace: string,
  { iceServers = [] as readonly string[], env = process.env } = {},
): Promise<LabHosting> {
  const server = lab.own(
    startInNamespace(
      namespace,
      'signaling server',
      'setpriv',
      [
        `--regid=${APP_GID}`,
        '--clear-groups',
        process.execPath,
        SERVE,
        '--port',
        String(SIGNALING_PORT),
        '--auto-admit',
        '--json',
      ],
      env,
    ),
  );
  const info = serveJson.parse(JSON.parse(await server.waitFor(/^\{.*"hostUrl"/)));
  const pages = await pagesIn(lab, namespace);
  const host = await pages.open('host');
  await withIceServers(host, iceServers);
  await host.goto(info.hostUrl);
  await host.getByRole('button', { name: 'Start hosting' }).click();
  await expect(host.getByRole('button', { name: 'Stop hosting' })).toBeVisible({ timeout: WAIT_MS });
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Relay/, { timeout: WAIT_MS });
  const joinLink = await host.locator('input[readonly]').filter({ visible: true }).first().inputValue();
  return { host, joinLink };
}

/** A viewer in its own namespace opens the join link (on the given address) and joins. */
export async function joinFrom(
  lab: Lab,
  namespace: string,
  joinLink: string,
  name: string,
  { iceServers = [] as readonly string[], timeFirstFrame = false } = {},
): Promise<Page> {
  const pages = await pagesIn(lab, namespace);
  const viewer = await pages.open(`viewer ${name}`);
  await withIceServers(viewer, iceServers);
  await viewer.goto(joinLink);
  await viewer.getByLabel('Your name').fill(name);
  if (timeFirstFrame) await viewer.evaluate(MARK_FIRST_FRAME);
  await viewer.getByRole('button', { name: 'Join' }).click();
  return viewer;
}

/**
 * Both instants read in the page: the Join click (capture phase, before the app's handler) and the first frame
 * inbound-rtp counts as decoded.
 */
const MARK_FIRST_FRAME = `(() => {
  const marks = { clickedAt: 0, firstFrameAt: 0 };
  Object.defineProperty(window, '__firstFrame', { value: marks });
  document.addEventListener('click', () => (marks.clickedAt ||= performance.now()), true);
  const poll = setInterval(async () => {
    for (const pc of window.__e2e.peers) {
      (await pc.getStats()).forEach((stat) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video' && stat.framesDecoded > 0 && !marks.firstFrameAt) {
          marks.firstFrameAt = performance.now();
          clearInterval(poll);
        }
      });
    }
  }, 10);
})()`;

/** Join click -> first decoded frame, in ms, of a viewer joined with `timeFirstFrame`. */
export async function joinToFirstFrame(viewer: Page, timeout = WAIT_MS): Promise<number> {
  const read = () =>
    viewer.evaluate(() => {
      const marks = (window as unknown as { __firstFrame: { clickedAt: number; firstFrameAt: number } }).__firstFrame;
      return marks.firstFrameAt > 0 ? marks.firstFrameAt - marks.clickedAt : null;
    });
  await expect.poll(read, { timeout, message: 'a first frame was decoded' }).not.toBeNull();
  return Math.round((await read()) ?? 0);
}

/** The join link with its host part replaced (the address a viewer elsewhere uses). */
export const linkVia = (joinLink: string, address: string): string => {
  const url = new URL(joinLink);
  url.hostname = address;
  return url.toString();
};

export interface InboundVideo {
  readonly framesDecoded: number;
  readonly frameWidth: number;
  readonly bytesReceived: number;
  readonly packetsLost: number;
  readonly at: number;
}

/** The viewer's inbound video (getStats inbound-rtp), summed over its open connections; null before there is one. */
export function inboundVideo(viewer: Page): Promise<InboundVideo | null> {
  return viewer.evaluate(async () => {
    const peers = (window as unknown as { __e2e: { peers: RTCPeerConnection[] } }).__e2e.peers;
    let found: InboundVideo | null = null;
    for (const pc of peers.filter((p) => p.connectionState !== 'closed')) {
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
        const previous: InboundVideo = found ?? {
          framesDecoded: 0,
          frameWidth: 0,
          bytesReceived: 0,
          packetsLost: 0,
          at: 0,
        };
        found = {
          framesDecoded: previous.framesDecoded + Number(stat.framesDecoded ?? 0),
          frameWidth: Math.max(previous.frameWidth, Number(stat.frameWidth ?? 0)),
          bytesReceived: previous.bytesReceived + Number(stat.bytesReceived ?? 0),
          packetsLost: previous.packetsLost + Number(stat.packetsLost ?? 0),
          at: performance.now(),
        };
      });
    }
    return found;
  });
}

/** Waits until the viewer's decoded frame count rises between two samples, at a real width. */
export async function expectFramesFlowing(viewer: Page, timeout = WAIT_MS): Promise<InboundVideo> {
  let last: InboundVideo | null = null;
  await expect(async () => {
    const before = await inboundVideo(viewer);
    await viewer.waitForTimeout(500);
    const after = await inboundVideo(viewer);
    expect(after?.frameWidth ?? 0, 'inbound-rtp frameWidth').toBeGreaterThan(0);
    expect(after?.framesDecoded ?? 0, 'inbound-rtp framesDecoded keeps rising').toBeGreaterThan(
      before?.framesDecoded ?? Number.POSITIVE_INFINITY,
    );
    last = after;
  }).toPass({ timeout, intervals: [100, 250, 500] });
  return last!;
}

/** fps and kbit/s over a window, from two inbound-rtp samples. */
export async function measure(viewer: Page, windowMs: number): Promise<{ fps: number; kbps: number; lost: number }> {
  const a = await inboundVideo(viewer);
  await viewer.waitForTimeout(windowMs);
  const b = await inboundVideo(viewer);
  if (!a || !b) return { fps: 0, kbps: 0, lost: 0 };
  const seconds = (b.at - a.at) / 1000;
  return {
    fps: Math.round(((b.framesDecoded - a.framesDecoded) / seconds) * 10) / 10,
    kbps: Math.round(((b.bytesReceived - a.bytesReceived) * 8) / seconds / 1000),
    lost: b.packetsLost - a.packetsLost,
  };
}

/** The viewer's selected candidate pair: the far end's candidate type and address. */
export function selectedRemote(viewer: Page): Promise<{ type: string; address: string; protocol: string } | null> {
  return viewer.evaluate(async () => {
    for (const pc of (window as unknown as { __e2e: { peers: RTCPeerConnection[] } }).__e2e.peers) {
      if (pc.connectionState !== 'connected') continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => stats.set(String(stat.id), stat));
      for (const stat of stats.values()) {
        if (stat.type !== 'transport' || !stat.selectedCandidatePairId) continue;
        const pair = stats.get(String(stat.selectedCandidatePairId));
        const remote = stats.get(String(pair?.remoteCandidateId));
        if (remote)
          return {
            type: String(remote.candidateType),
            address: String(remote.address),
            protocol: String(remote.protocol),
          };
      }
    }
    return null;
  });
}

/** A measurement for the lead: printed, and kept as the test's annotation (bench:network collects them). */
export function report(measured: string, value: string): void {
  console.log(`${test.info().title}: ${measured}: ${value}`);
  test.info().annotations.push({ type: measured, description: value });
}

/** Joins (timed) and waits for frames; reports Join -> first frame. */
export async function joinAndWatch(...args: Parameters<typeof joinFrom>): Promise<Page> {
  const [lab, namespace, joinLink, name, options] = args;
  const viewer = await joinFrom(lab, namespace, joinLink, name, { ...options, timeFirstFrame: true });
  report('join -> first frame', `${await joinToFirstFrame(viewer, 30_000)} ms`);
  await expectFramesFlowing(viewer);
  return viewer;
}
