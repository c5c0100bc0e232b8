// Shared pieces of the hosting end-to-end suites: a real SignalingServer with its media
// relay serving the built renderer on loopback, pages that record their errors and
// console output, and the steps every test repeats (start hosting, join, wait for
// decoded frames). Tests run in relay mode, what users get; a test about direct
// delivery opts in with `test.use({ delivery: 'direct' })`.
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Response,
  type TestInfo,
} from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { workerRelay } from '../../../signaling/relay';
import { sleep } from '../../support/wait';
import { SignalingServer, type HostingInfo, type SignalingServerOptions } from '../../../signaling/server';

export const STATIC_DIR = join(__dirname, '../../../dist/renderer');
export const SCREENSHOT_DIR = join(__dirname, '../../../test-results/screenshots');
/** The relay's worker thread, as the build makes it for `npm run serve`. */
export const RELAY_WORKER = join(__dirname, '../../../dist/signaling/relay-worker.js');

/** How media reaches viewers: through the relay (the product's default) or direct, one connection per viewer. */
export type Delivery = 'relay' | 'direct';

/** Upper bound of every wait in these suites. */
export const WAIT_MS = 15_000;

/**
 * Join links on 127.0.0.1 only, whatever network this machine has, and the media relay in a worker thread as
 * `npm run serve` and the desktop app have it (`relay: undefined` for a server without one).
 */
export function serverOptions(options: SignalingServerOptions = {}): SignalingServerOptions {
  return {
    bind: '127.0.0.1',
    port: 0,
    staticDir: STATIC_DIR,
    networkInterfaces: () => ({}),
    defaultRouteAddress: async () => undefined,
    relay: workerRelay(RELAY_WORKER),
    ...options,
  };
}

/** A port that was free a moment ago (for a server that must come back on the same one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface Hosting {
  readonly server: SignalingServer;
  readonly info: HostingInfo;
  readonly joinUrl: string;
}

/** Whether the running server has the whole built renderer (it reads dist/renderer once, at start). */
async function servesBuiltApp(port: number): Promise<boolean> {
  const [page, script] = await Promise.all([
    fetch(`http://127.0.0.1:${port}/join`),
    fetch(`http://127.0.0.1:${port}/app.js`),
  ]);
  return (
    page.ok &&
    script.ok &&
    !(await page.text()).includes('has not been built') &&
    (await script.arrayBuffer()).byteLength > 0
  );
}

/**
 * Starts a server on the built renderer. Someone rebuilding (the build empties dist/
 * first) while it starts would leave it serving a partial site: then it starts again,
 * for up to 20 s, and fails with a clear message after that.
 */
export async function startServer(options: SignalingServerOptions = {}): Promise<Hosting> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const server = new SignalingServer(serverOptions(options));
    const info = await server.start();
    if (await servesBuiltApp(info.port)) return { server, info, joinUrl: info.joinUrls[0]! };
    await server.stop();
    if (Date.now() > deadline)
      throw new Error(`${STATIC_DIR} has no complete build of the renderer: run node esbuild.config.mjs`);
    await sleep(500); // the pace of the retries
  }
}

/** Opens pages, each in its own browser context, and keeps what they report. */
export class PageSet {
  private readonly contexts: BrowserContext[] = [];
  readonly pageErrors: string[] = [];
  readonly consoleLines: string[] = [];

  /** `delivery`: what every host page of this test chooses in its control panel (openHost). */
  constructor(
    private readonly browser: Browser,
    readonly delivery: Delivery = 'relay',
  ) {}

  /** `options` override the desktop-sized default (e.g. a phone's viewport and touch). */
  async open(label: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    this.contexts.push(context);
    await context.addInitScript(OBSERVE_MEDIA);
    const page = await context.newPage();
    this.watch(page, label);
    context.on('page', (popup) => this.watch(popup, `${label} (popup)`));
    return page;
  }

  async closeAll(): Promise<void> {
    const contexts = this.contexts.splice(0);
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  }

  private watch(page: Page, label: string): void {
    const started = Date.now();
    const stamp = () => `+${((Date.now() - started) / 1000).toFixed(1)}s`;
    page.on('pageerror', (error) => {
      this.pageErrors.push(`${label}: ${error.stack ?? error.message}`);
      this.consoleLines.push(`${stamp()} [${label}] pageerror: ${error.stack ?? error.message}`);
    });
    page.on('console', (message) =>
      this.consoleLines.push(`${stamp()} [${label}] ${message.type()}: ${message.text()}`),
    );
    page.on('crash', () => this.pageErrors.push(`${label}: the page crashed`));
  }
}

/**
 * Runs in every page before the app: counts peer connections and screen captures so
 * a test can tell "kept its connection" from "reconnected". Both pass straight through.
 */
const OBSERVE_MEDIA = `(() => {
  const seen = { peerConnections: 0, offersApplied: 0, peers: [], captures: [] };
  Object.defineProperty(window, '__e2e', { value: seen });
  const Base = window.RTCPeerConnection;
  if (Base) {
    window.RTCPeerConnection = class extends Base {
      constructor(...args) { super(...args); seen.peerConnections += 1; seen.peers.push(this); }
      async setRemoteDescription(description) {
        const result = await super.setRemoteDescription(description);
        if (description && description.type === 'offer') seen.offersApplied += 1;
        return result;
      }
    };
  }
  const devices = navigator.mediaDevices;
  if (devices && devices.getDisplayMedia) {
    const getDisplayMedia = devices.getDisplayMedia.bind(devices);
    devices.getDisplayMedia = async (...args) => {
      const stream = await getDisplayMedia(...args);
      seen.captures.push({ stream, constraints: JSON.stringify(args[0] ?? null) });
      return stream;
    };
  }
})();`;

export interface MediaCounts {
  readonly peerConnections: number;
  /** Offers the page's peer connections accepted (setRemoteDescription resolved). */
  readonly offersApplied: number;
  /** Per getDisplayMedia call: what was asked, and whether its video track is still live. */
  readonly captures: readonly {
    readonly constraints: string;
    readonly videoLive: boolean;
    readonly width: number | null;
    readonly height: number | null;
  }[];
}

/** Every peer connection the page made and has not closed: its states and the answer it applied. */
export interface OpenPeer {
  readonly signalingState: string;
  readonly connectionState: string;
  /** The remote description's SDP (the viewer's answer, on a host page); null before one. */
  readonly remoteSdp: string | null;
}

export function openPeers(page: Page): Promise<OpenPeer[]> {
  return page.evaluate(() =>
    (window as unknown as { __e2e: { peers: RTCPeerConnection[] } }).__e2e.peers
      .filter((pc) => pc.signalingState !== 'closed')
      .map((pc) => ({
        signalingState: pc.signalingState,
        connectionState: pc.connectionState,
        remoteSdp: pc.remoteDescription?.sdp ?? null,
      })),
  );
}

export function mediaCounts(page: Page): Promise<MediaCounts> {
  return page.evaluate(() => {
    type Seen = {
      peerConnections: number;
      offersApplied: number;
      captures: { stream: MediaStream; constraints: string }[];
    };
    const seen = (window as unknown as { __e2e: Seen }).__e2e;
    return {
      peerConnections: seen.peerConnections,
      offersApplied: seen.offersApplied,
      captures: seen.captures.map(({ stream, constraints }) => {
        const track = stream.getVideoTracks()[0];
        const settings = track?.getSettings();
        return {
          constraints,
          videoLive: track?.readyState === 'live',
          width: settings?.width ?? null,
          height: settings?.height ?? null,
        };
      }),
    };
  });
}

interface Options {
  /** The media delivery host pages use: 'relay' unless a test is about direct delivery. */
  delivery: Delivery;
}

interface Fixtures {
  /** Pages of this test; no uncaught page error may happen on any of them. */
  pages: PageSet;
  /** A fresh server with its relay for this test (approval on, the protocol default). */
  hosting: Hosting;
}

export const test = base.extend<Options & Fixtures>({
  delivery: ['relay', { option: true }],
  pages: async ({ browser, delivery }, use, testInfo) => {
    const pages = new PageSet(browser, delivery);
    await use(pages);
    const errors = [...pages.pageErrors];
    await attachConsole(testInfo, pages);
    await pages.closeAll();
    expect(errors, 'uncaught errors in the pages (pageerror events)').toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here
  hosting: async ({}, use) => {
    const hosting = await startServer();
    await use(hosting);
    await hosting.server.stop();
  },
});

export { expect };

async function attachConsole(testInfo: TestInfo, pages: PageSet): Promise<void> {
  if (pages.consoleLines.length === 0) return;
  await testInfo.attach('browser-console.txt', { body: pages.consoleLines.join('\n'), contentType: 'text/plain' });
}

/** The app page came from the server (a 404 means dist/renderer is missing or being rebuilt). */
export function expectServed(response: Response | null): void {
  expect(
    response?.status(),
    `${response?.url() ?? 'the page'}: the built renderer must be served (run node esbuild.config.mjs)`,
  ).toBe(200);
}

// ---- host page ----

/**
 * Opens the host page and waits until it is connected to its server: the join link
 * shown is the server's link with the host page's link key (`&k=`) added. The page
 * uses the test's delivery (direct: chosen as a user would, in the control panel).
 */
export async function openHost(pages: PageSet, info: HostingInfo, joinUrl: string): Promise<Page> {
  const host = await pages.open('host');
  expectServed(await host.goto(info.hostUrl));
  await hostConnected(host, joinUrl);
  // Relay is the default: a relay-mode test leaves the control as a new user finds it. The page reads the choice
  // when it connects to its server, so another one takes a reload (the choice is remembered on this device).
  const choice = host.getByLabel('Media delivery');
  if ((await choice.inputValue()) === pages.delivery) return host;
  await choice.selectOption(pages.delivery);
  expectServed(await host.reload());
  await hostConnected(host, joinUrl);
  await expect(host.getByLabel('Media delivery')).toHaveValue(pages.delivery);
  return host;
}

async function hostConnected(host: Page, joinUrl: string): Promise<void> {
  await expect(host.getByRole('button', { name: 'Start hosting' })).toBeVisible({ timeout: WAIT_MS });
  await expect(host.getByRole('img', { name: 'QR code of the join link' })).toBeVisible({ timeout: WAIT_MS });
  await expect(shownLinkField(host)).toHaveValue(new RegExp(`^${escapeRegExp(joinUrl)}&k=[A-Za-z0-9_-]{22}$`));
}

/** What the connection card says (data-testid="delivery-mode") for each delivery in use. */
export const DELIVERY_SHOWN: Record<Delivery, RegExp> = { relay: /^Relay/, direct: /^Direct/ };

const shownLinkField = (host: Page) => host.locator('input[readonly]').filter({ visible: true }).first();

/** The join link the host page shows for sharing (with its link key). */
export function sharedJoinLink(host: Page): Promise<string> {
  return shownLinkField(host).inputValue();
}

/** The link without its key (`&k=`): what an old link, or a link typed without it, looks like. */
export function withoutLinkKey(link: string): string {
  return link.replace(/&k=[^&]*/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns "Ask before letting viewers in" off (it is on by default). */
export async function turnApprovalOff(host: Page): Promise<void> {
  const approval = host.getByRole('checkbox', { name: 'Ask before letting viewers in' });
  await expect(approval).toBeChecked();
  await approval.uncheck();
  await expect(approval).not.toBeChecked();
}

/** Lets viewers without the link key in, marked "Not verified" ("Only verified viewers" is on for a new session). */
export async function turnOnlyVerifiedOff(host: Page): Promise<void> {
  const box = host.getByRole('checkbox', { name: 'Only verified viewers' });
  await expect(box).toBeChecked();
  await box.uncheck();
}

/**
 * Starts hosting and waits until the connection card shows the delivery chosen in the control panel in use: a
 * relay-mode test that silently fell back to direct fails here.
 */
export async function startSharing(host: Page): Promise<void> {
  const chosen = await host.getByLabel('Media delivery').inputValue();
  await host.getByRole('button', { name: 'Start hosting' }).click();
  await expect(host.getByRole('button', { name: 'Stop hosting' })).toBeVisible({ timeout: WAIT_MS });
  const shown = chosen === 'direct' ? DELIVERY_SHOWN.direct : DELIVERY_SHOWN.relay;
  await expect(host.getByTestId('delivery-mode'), `${chosen} delivery in use`).toHaveText(shown, { timeout: WAIT_MS });
}

/** The host page sharing with approval off, and the join link it shows (with its key). */
export async function sharingHost(
  pages: PageSet,
  hosting: Hosting,
  { onlyVerified = true } = {},
): Promise<{ host: Page; link: string }> {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await turnApprovalOff(host);
  if (!onlyVerified) await turnOnlyVerifiedOff(host);
  await startSharing(host);
  return { host, link };
}

/** The host's list entry of one viewer (names are unique within a test). */
export function viewerItem(host: Page, name: string): Locator {
  return host.getByRole('listitem').filter({ hasText: name });
}

/** The connected users list: the list that holds the given viewer. */
export function usersList(host: Page, someViewer: string): Locator {
  return host.getByRole('list').filter({ has: viewerItem(host, someViewer) });
}

export async function selectPreset(
  host: Page,
  label: 'Sharp text' | 'Balanced' | 'Motion' | 'Data saver',
): Promise<void> {
  const radio = host.getByRole('radio', { name: label });
  await radio.check();
  await expect(radio).toBeChecked();
}

// ---- viewer page ----

/** Opens a join link, types a name and clicks Join. */
export async function joinAs(pages: PageSet, joinUrl: string, name: string): Promise<Page> {
  const viewer = await pages.open(`viewer ${name}`);
  expectServed(await viewer.goto(joinUrl));
  await expect(viewer.getByLabel('Join link')).toHaveValue(joinUrl);
  await viewer.getByLabel('Your name').fill(name);
  await viewer.getByRole('button', { name: 'Join' }).click();
  return viewer;
}

export interface VideoSample {
  readonly width: number;
  readonly height: number;
  readonly frames: number;
}

/** The viewer's <video aria-label="Shared screen">, or null when there is none. */
export function sampleVideo(viewer: Page): Promise<VideoSample | null> {
  return viewer.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[aria-label="Shared screen"]');
    if (!video) return null;
    return {
      width: video.videoWidth,
      height: video.videoHeight,
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
    };
  });
}

/** Two samples apart in time: frames were added in between. */
async function framesAdvance(
  viewer: Page,
  gapMs = 400,
): Promise<{ before: VideoSample | null; after: VideoSample | null }> {
  const before = await sampleVideo(viewer);
  await viewer.waitForTimeout(gapMs);
  const after = await sampleVideo(viewer);
  return { before, after };
}

/** Waits until the viewer decodes new frames of exactly this size. Returns the last sample. */
export async function expectDecoding(
  viewer: Page,
  size: { width: number; height: number },
  timeout = WAIT_MS,
): Promise<VideoSample> {
  const seen: { last?: VideoSample } = {};
  await expect(async () => {
    const { before, after } = await framesAdvance(viewer);
    expect(after, 'the viewer page has a <video aria-label="Shared screen">').not.toBeNull();
    seen.last = after!;
    expect({ width: after!.width, height: after!.height }).toEqual(size);
    expect(after!.frames, 'decoded frame count keeps rising').toBeGreaterThan(
      before?.frames ?? Number.POSITIVE_INFINITY,
    );
  }).toPass({ timeout, intervals: [100, 250, 500] });
  return seen.last!;
}

/** Waits until the viewer's frame count stands still (nothing new is decoded). */
export async function expectFrozen(viewer: Page, timeout = WAIT_MS): Promise<void> {
  await expect(async () => {
    const before = await sampleVideo(viewer);
    await viewer.waitForTimeout(1_000);
    const after = await sampleVideo(viewer);
    expect(after?.frames ?? 0, 'no new frames while paused').toBe(before?.frames ?? 0);
  }).toPass({ timeout, intervals: [250] });
}

/** Full-page screenshot into test-results/screenshots/, also attached to the report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, file: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, file);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(file, { path, contentType: 'image/png' });
}
