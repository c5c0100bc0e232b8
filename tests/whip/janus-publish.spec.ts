// Publishing through our WHIP client to a real media server: Chromium's fake screen (VP8) and
// audio (Opus) go to simple-whip-server, which hands them to a Janus VideoRoom; Janus forwards
// the RTP to UDP ports this test counts.
import { expect, test, type Page } from '@playwright/test';
import type { WhipFailure } from '../../signaling/protocol/whip';
import { servePublishPage, type PageServer } from './support/page-server';
import { RtpCounter } from './support/rtp-counter';
import { whipStackUnavailable } from './support/availability';
import { H264_ONLY_ROOM } from './support/janus-config';
import { startWhipStack, type WhipStack } from './support/whip-stack';

const TOKEN = 'wdh-test-token';
// A longer run for measuring: WDH_WHIP_MEASURE_MS=60000.
const MEASURE_MS = Number(process.env.WDH_WHIP_MEASURE_MS ?? 5_000);

const unavailable = whipStackUnavailable();
test.skip(unavailable !== undefined, unavailable);

interface WhipTestPage {
  publish(endpoint: string, token: string | undefined): Promise<{ startedAt: number; failure?: WhipFailure }>;
  sent(): Promise<{
    framesSent: number;
    captureFps?: number;
    limitedBy?: string;
    sourceFps?: number;
    state: string;
    trickleFailures: WhipFailure[];
  }>;
  iceInUse(): Promise<{ inUse: string | undefined; described: string | undefined }>;
  restartIce(): Promise<WhipFailure | undefined>;
  stop(): Promise<WhipFailure | undefined>;
  close(): void;
}
declare const whipTest: WhipTestPage;

let stack: WhipStack;
let pageServer: PageServer;

test.beforeAll(async () => {
  [stack, pageServer] = await Promise.all([startWhipStack(), servePublishPage()]);
});

test.afterAll(async () => {
  await pageServer?.close();
  await stack?.stop();
});

// eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && stack) {
    await testInfo.attach('janus.log', { body: stack.janusProcess.recentOutput() });
    await testInfo.attach('whip-server.log', { body: stack.whip.service.recentOutput() });
  }
});

async function openPublisher(page: Page): Promise<void> {
  await page.goto(pageServer.url);
  await page.waitForFunction(() => 'whipTest' in window);
}

const publish = (page: Page, endpoint: string, token: string | undefined) =>
  page.evaluate(([e, t]) => whipTest.publish(e, t), [endpoint, token] as const);

test('publishes VP8 and Opus to Janus, which receives the frames we send, and DELETE ends it', async ({ page }) => {
  test.setTimeout(MEASURE_MS + 30_000);
  const video = await RtpCounter.open();
  const audio = await RtpCounter.open();
  try {
    const endpoint = await stack.whip.createEndpoint('wdh-media', {
      token: TOKEN,
      forwardTo: { audio: audio.port, video: video.port },
    });
    await openPublisher(page);
    const { startedAt, failure } = await publish(page, endpoint, TOKEN);
    expect(failure).toBeUndefined();
    await expect.poll(() => video.counts().frames, { timeout: 10_000 }).toBeGreaterThan(0);
    const firstFrameMs = (video.counts().firstPacketAt ?? 0) - startedAt;

    // Over a fixed window: frames Chromium sent against frames Janus forwarded.
    const start = await page.evaluate(() => whipTest.sent());
    const before = { sent: start.framesSent, got: video.counts().frames };
    await page.waitForTimeout(MEASURE_MS);
    const end = await page.evaluate(() => whipTest.sent());
    const after = { sent: end.framesSent, got: video.counts().frames };
    const sentFrames = after.sent - before.sent;
    const forwardedFrames = after.got - before.got;
    const report = {
      firstFrameMs,
      captureFps: end.captureFps,
      limitedBy: end.limitedBy,
      sourceFps: end.sourceFps,
      sentFrames,
      forwardedFrames,
      sentFps: (sentFrames * 1000) / MEASURE_MS,
      forwardedFps: (forwardedFrames * 1000) / MEASURE_MS,
      audioPackets: audio.counts().packets,
    };
    console.log(`WHIP to Janus: ${JSON.stringify(report)}`);
    test.info().annotations.push({ type: 'whip-media', description: JSON.stringify(report) });
    expect(sentFrames).toBeGreaterThan(0);
    // Frames on their way when the window closes may land just after it: a few frames of slack.
    expect(forwardedFrames).toBeGreaterThanOrEqual(Math.floor(sentFrames * 0.95) - 3);
    expect(report.audioPackets).toBeGreaterThan(0);
    expect(end.trickleFailures).toEqual([]);

    const publishers = (await stack.janus.participants()).filter((p) => p.publisher);
    expect(publishers).toHaveLength(1);
    expect(await stack.whip.isPublishing('wdh-media')).toBe(true);

    // The connection stays open: only the DELETE can end the session here.
    expect(await page.evaluate(() => whipTest.stop())).toBeUndefined();
    expect(await stack.whip.isPublishing('wdh-media')).toBe(false);
    await expect
      .poll(async () => (await stack.janus.participants()).filter((p) => p.publisher).length, { timeout: 5_000 })
      .toBe(0);
    expect((await page.evaluate(() => whipTest.sent())).state).toBe('connected');
    await page.evaluate(() => whipTest.close());
  } finally {
    video.close();
    audio.close();
  }
});

test('an ICE restart over PATCH keeps the media flowing to Janus', async ({ page }) => {
  const video = await RtpCounter.open();
  try {
    const endpoint = await stack.whip.createEndpoint('wdh-restart', { forwardTo: { audio: 0, video: video.port } });
    await openPublisher(page);
    expect((await publish(page, endpoint, undefined)).failure).toBeUndefined();
    await expect.poll(() => video.counts().frames, { timeout: 10_000 }).toBeGreaterThan(0);
    const before = await page.evaluate(() => whipTest.iceInUse());
    expect(before.inUse).toBe(before.described);
    expect(await page.evaluate(() => whipTest.restartIce())).toBeUndefined();
    // Media now flows on the restarted ICE session: Janus took the new credentials too.
    const restarted = (await page.evaluate(() => whipTest.iceInUse())).described;
    expect(restarted).not.toBe(before.described);
    await expect.poll(async () => (await page.evaluate(() => whipTest.iceInUse())).inUse).toBe(restarted);
    const afterRestart = video.counts().frames;
    await expect.poll(() => video.counts().frames - afterRestart, { timeout: 10_000 }).toBeGreaterThan(30);
    expect((await page.evaluate(() => whipTest.sent())).state).toBe('connected');
    await page.evaluate(() => whipTest.stop());
  } finally {
    video.close();
  }
});

test('a wrong token is refused, in plain words', async ({ page }) => {
  const endpoint = await stack.whip.createEndpoint('wdh-token', { token: TOKEN });
  await openPublisher(page);
  const { failure } = await publish(page, endpoint, 'not-the-token');
  expect(failure?.code).toBe('wrong-token');
  // This 2023 server answers 403 (RFC 9725 servers answer 401); both mean a wrong token.
  expect(failure?.message).toMatch(/^The media server refused the token: check the WHIP token \(HTTP 403/);
  expect(await stack.whip.isPublishing('wdh-token')).toBe(false);
});

test('a room without our codec is "refused the codecs", and the half-made session is deleted', async ({ page }) => {
  const endpoint = await stack.whip.createEndpoint('wdh-h264', { room: H264_ONLY_ROOM });
  await openPublisher(page);
  const { failure } = await publish(page, endpoint, undefined);
  expect(failure?.code).toBe('codecs-refused');
  expect(failure?.message).toBe('The media server refused the video codecs we offered');
  expect(await stack.whip.isPublishing('wdh-h264')).toBe(false);
});

test('an endpoint the server does not have is "not found"', async ({ page }) => {
  await openPublisher(page);
  const { failure } = await publish(page, `${stack.whip.baseUrl}/endpoint/no-such-endpoint`, TOKEN);
  expect(failure?.code).toBe('endpoint-not-found');
  expect(failure?.message).toMatch(/^There is no WHIP endpoint at this URL/);
});
