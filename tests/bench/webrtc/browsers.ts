// The two Chromium processes of the bench (one for the host page, one for all the
// viewers, so the host's CPU can be read alone) and the app steps on their pages.
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page } from '@playwright/test';
import { sleep, until } from '../../support/wait';
import { probeScript, type ProbeOptions, type ProbeSnapshot, type SendSample, type VideoSample } from './probe';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The flags testing.md found to work here (Playwright adds --no-sandbox and friends), but the fake capture device's.
 */
const CHROMIUM_ARGS = ['--use-fake-ui-for-media-stream', '--disable-gpu', '--disable-quic'];

/**
 * Chromium's fake capture device, whose getDisplayMedia "screen" runs at `fps` frames per
 * second (without the option: 20 fps, whatever frameRate the page asks for). Constraints
 * still cap it: a 30 fps request on a 60 fps device gets 30.
 */
export const fakeCaptureFlag = (fps?: number) =>
  fps ? `--use-fake-device-for-media-stream=fps=${fps}` : '--use-fake-device-for-media-stream';
const STEP_TIMEOUT_MS = 15_000;

export type PresetLabel = 'Balanced' | 'Motion';
export type DeliveryMode = 'direct' | 'relay';

/** A browser launched as a server, so that its process id (and with it its CPU time) is known. */
export class BenchBrowser {
  private constructor(
    readonly label: string,
    private readonly server: BrowserServer,
    readonly browser: Browser,
    private readonly probe: string,
  ) {}

  static async launch(label: string, args: string[], probe: ProbeOptions = {}): Promise<BenchBrowser> {
    const server = await chromium.launchServer({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...args],
    });
    try {
      const browser = await chromium.connect(server.wsEndpoint());
      return new BenchBrowser(label, server, browser, probeScript(probe));
    } catch (error) {
      await server.close().catch(() => undefined);
      throw error;
    }
  }

  get pid(): number {
    const pid = this.server.process().pid;
    if (pid === undefined) throw new Error(`${this.label} browser has no process id`);
    return pid;
  }

  async newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: this.probe });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return { context, page };
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close().catch(() => undefined);
  }

  /** Last resort (watchdog): no waiting on anything. */
  kill(): void {
    try {
      this.server.process().kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Polls an expression until it is truthy. Not page.waitForFunction: the app's CSP
 * (script-src 'self') forbids the eval it uses; Runtime.evaluate is not subject to it.
 */
async function waitFor(
  page: Page,
  expression: string,
  what: string,
  timeoutMs = STEP_TIMEOUT_MS,
  intervalMs = 50,
): Promise<void> {
  await until(async () => Boolean(await page.evaluate(expression)), what, timeoutMs, intervalMs);
}

const call = async <T>(page: Page, expression: string): Promise<T> => (await page.evaluate(expression)) as T;
export const snapshot = (page: Page) => call<ProbeSnapshot>(page, 'window.__bench.snapshot()');
export const sampleVideo = (page: Page) => call<VideoSample>(page, 'window.__bench.sampleVideo()');
export const sampleSenders = (page: Page) => call<SendSample[]>(page, 'window.__bench.sampleSenders()');
export const openPeers = (page: Page) => call<number>(page, 'window.__bench.openPeers()');
/** getStats polling for the first-frame-* milestones of connections made from now on (0: off). */
export const setStatsPoll = (page: Page, ms: number) =>
  call<void>(page, `window.__bench.setStatsPoll(${Math.max(0, Math.floor(ms))})`);

/** The host page, sharing with the given preset. */
export class HostPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly preset: PresetLabel,
    /** The join link this host page shares: the server's, with the page's link key (`&k=`). */
    readonly joinLink: string,
    readonly delivery: DeliveryMode,
  ) {}

  /** Peer connections the host keeps with no viewer: 1 (to the relay) in relay mode. */
  private get basePeers(): number {
    return this.delivery === 'relay' ? 1 : 0;
  }

  static async open(
    browser: BenchBrowser,
    hostUrl: string,
    joinUrl: string,
    preset: PresetLabel,
    delivery: DeliveryMode = 'direct',
  ): Promise<HostPage> {
    const { context, page } = await browser.newPage();
    try {
      // The app's own setting (renderer/host/delivery-choice.ts), stored on this device.
      await page.addInitScript(`localStorage.setItem('webrtc-desktop-host.delivery', ${JSON.stringify(delivery)})`);
      const response = await page.goto(hostUrl);
      if (response?.status() !== 200)
        throw new Error(`host page: HTTP ${response?.status() ?? 'no response'} (is dist/renderer built?)`);
      await page.getByRole('button', { name: 'Start hosting' }).waitFor();
      // Connected to the server: the join link is on the page.
      const shown = `[...document.querySelectorAll('input[readonly]')].find((el) => el.value.startsWith(${JSON.stringify(`${joinUrl}&k=`)}))`;
      await waitFor(page, `Boolean(${shown})`, 'the join link on the host page');
      const joinLink = await call<string>(page, `${shown}.value`);
      const radio = page.getByRole('radio', { name: preset });
      await radio.check();
      await page.getByRole('button', { name: 'Start hosting' }).click();
      await page.getByRole('button', { name: 'Stop hosting' }).waitFor();
      await waitFor(page, 'window.__bench.snapshot().captures.length > 0', 'the host page capturing');
      if (!(await radio.isChecked())) throw new Error(`host page: preset ${preset} is not selected after starting`);
      const mode = await page.getByTestId('delivery-mode').textContent({ timeout: 10_000 });
      if (delivery === 'relay')
        await page
          .getByTestId('delivery-mode')
          .getByText(/^Relay/)
          .waitFor({ timeout: 10_000 });
      else if (!mode?.startsWith('Direct')) throw new Error(`host page: delivery ${mode}, not direct`);
      return new HostPage(context, page, preset, joinLink, delivery);
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /** The host removes a viewer (its Kick button): the host closes that peer connection at once. */
  async kick(name: string): Promise<void> {
    await this.page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Kick' }).click();
  }

  /** Waits until the host has closed every peer connection (viewers gone). */
  async waitNoPeers(timeoutMs = 5_000): Promise<boolean> {
    return until(async () => (await openPeers(this.page)) <= this.basePeers, 'no peers', timeoutMs, 50).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

/** One viewer: its own browser context, on the join page with the name filled in. */
export class ViewerPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly name: string,
  ) {}

  static async open(browser: BenchBrowser, joinUrl: string, name: string): Promise<ViewerPage> {
    const { context, page } = await browser.newPage();
    try {
      const response = await page.goto(joinUrl);
      if (response?.status() !== 200) throw new Error(`join page: HTTP ${response?.status() ?? 'no response'}`);
      await page.getByLabel('Your name').fill(name);
      return new ViewerPage(context, page, name);
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /** Clicks Join (the page stamps the click itself) and waits for the first decoded frame. */
  async joinAndWaitFirstFrame(timeoutMs = STEP_TIMEOUT_MS): Promise<ProbeSnapshot> {
    await this.page.getByRole('button', { name: 'Join' }).click();
    // Cheap to ask: this polls the page the bench is timing.
    await waitFor(this.page, 'window.__bench.firstFrameSeen()', 'a first frame', timeoutMs);
    // The first-frame polls on both sides stop at most ~10 ms after the frame.
    await sleep(30);
    return snapshot(this.page);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

export { sleep };
