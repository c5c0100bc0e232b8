// Relay mode end to end: the host page encodes once, to the media relay (a worker
// thread of the real SignalingServer), which forwards to every viewer.
import { InProcessRelay, RelayEndpoint } from '../../signaling/relay';
import { Relay } from '../../signaling/relay/relay';
import { TARGET_CAP_BPS } from '../../signaling/relay/publisher-target';
import { UNKNOWN } from '../../renderer/views/format';
import { MaliciousRelay, swapViewerFingerprints } from '../support/malicious-relay';
import { sleep } from '../support/wait';
import {
  expectDecoding,
  joinAs,
  mediaCounts,
  openHost,
  openPeers,
  sampleVideo,
  startServer,
  startSharing,
  test,
  expect,
  turnApprovalOff,
  viewerItem,
  WAIT_MS,
  sharedJoinLink,
  sharingHost,
  withoutLinkKey,
  type Hosting,
} from './support/hosting';
import { expectSameSafetyCode } from './support/safety-code';

const FULL_HD = { width: 1920, height: 1080 };

function relayOf(hosting: Hosting): RelayEndpoint {
  const relay = hosting.server.relay;
  if (!relay) throw new Error('the relay did not start');
  return relay as RelayEndpoint;
}

test('four viewers decode the 1080p screen through the relay from one host connection', async ({ pages, hosting }) => {
  test.setTimeout(90_000);
  const { host, link } = await sharingHost(pages, hosting);
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Relay/, { timeout: WAIT_MS });

  const names = ['One', 'Two', 'Three', 'Four'];
  const viewers = await Promise.all(names.map((name) => joinAs(pages, link, name)));
  for (const viewer of viewers) await expectDecoding(viewer, FULL_HD);
  for (const name of names) await expect(viewerItem(host, name)).toContainText('Watching', { timeout: WAIT_MS });
  // One encode: the host page made exactly one peer connection (to the relay), not one per viewer.
  expect((await mediaCounts(host)).peerConnections).toBe(1);
  // And the next viewer's connection is ready on the relay's side.
  expect(await relayOf(hosting).counts()).toMatchObject({ publishers: 1, viewers: 4, spares: 1 });
});

test('a viewer joining mid-stream decodes its first frame within 1 s of clicking Join', async ({ pages, hosting }) => {
  test.setTimeout(60_000);
  const { link } = await sharingHost(pages, hosting);
  const first = await joinAs(pages, link, 'Early');
  await expectDecoding(first, FULL_HD);

  const late = await pages.open('viewer Late');
  await late.goto(link);
  await late.getByLabel('Your name').fill('Late');
  // Both instants read in the page: the Join click (capture phase, before the app's handler) and the first decoded
  // frame.
  await late.evaluate(() => {
    const marks = { clickedAt: 0, connectedAt: 0, firstFrameAt: 0 };
    Object.defineProperty(window, '__firstFrame', { value: marks });
    document.addEventListener('click', () => (marks.clickedAt ||= performance.now()), true);
    const Base = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Base {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        this.addEventListener('connectionstatechange', () => {
          if (this.connectionState === 'connected' && !marks.connectedAt) marks.connectedAt = performance.now();
        });
      }
    };
    const poll = setInterval(() => {
      const video = document.querySelector<HTMLVideoElement>('video[aria-label="Shared screen"]');
      if (video && video.getVideoPlaybackQuality().totalVideoFrames > 0) {
        marks.firstFrameAt = performance.now();
        clearInterval(poll);
      }
    }, 5);
  });
  await late.getByRole('button', { name: 'Join' }).click();
  await expectDecoding(late, FULL_HD);
  const marks = await late.evaluate(
    () =>
      (window as unknown as { __firstFrame: { clickedAt: number; connectedAt: number; firstFrameAt: number } })
        .__firstFrame,
  );
  const afterJoin = marks.firstFrameAt - marks.clickedAt;
  test.info().annotations.push({
    type: 'first frame',
    description: `${Math.round(afterJoin)} ms after Join (connected at ${Math.round(marks.connectedAt - marks.clickedAt)} ms)`,
  });
  expect(marks.clickedAt, 'the Join click was seen').toBeGreaterThan(0);
  expect(marks.firstFrameAt, 'a frame was decoded').toBeGreaterThan(marks.clickedAt);
  expect(afterJoin, 'Join click -> first decoded frame').toBeLessThan(1_000);
  // The viewer answered passive to the relay's actpass offer: the relay is the DTLS client (werift as server lost
  // ClientHellos).
  const roles = await late.evaluate(async () => {
    const found: string[] = [];
    for (const pc of (window as unknown as { __e2e: { peers: RTCPeerConnection[] } }).__e2e.peers) {
      if (pc.connectionState !== 'connected') continue;
      (await pc.getStats()).forEach((stat: { type: string; dtlsRole?: string }) => {
        if (stat.type === 'transport' && stat.dtlsRole) found.push(stat.dtlsRole);
      });
      found.push(/^a=setup:(\w+)/m.exec(pc.remoteDescription?.sdp ?? '')?.[1] ?? 'none');
    }
    return found;
  });
  expect(roles, "the viewer's DTLS role, then the relay offer's a=setup").toEqual(['server', 'actpass']);
  // The early viewer was not disturbed.
  await expectDecoding(first, FULL_HD);
});

test('the host encodes nothing for the relay while no viewer watches, and starts again for the next one', async ({
  pages,
  hosting,
}) => {
  test.setTimeout(60_000);
  const relay = relayOf(hosting);
  const received = async () => (await relay.diagnostics())?.publisher?.packetsIn ?? 0;
  const arrivingOverOneSecond = async () => {
    const before = await received();
    await sleep(1_000); // on purpose: the window packets are counted over
    return (await received()) - before;
  };
  const { host, link } = await sharingHost(pages, hosting);
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Relay/, { timeout: WAIT_MS });
  await expect.poll(async () => (await relay.counts()).publishers, { timeout: WAIT_MS }).toBe(1);
  expect(await arrivingOverOneSecond(), 'packets from the host with nobody watching').toBe(0);

  const viewer = await joinAs(pages, link, 'First');
  await expectDecoding(viewer, FULL_HD);
  expect(await arrivingOverOneSecond(), 'packets from the host while someone watches').toBeGreaterThan(10);

  await viewerItem(host, 'First').getByRole('button', { name: 'Kick' }).click();
  await expect.poll(async () => (await relay.counts()).viewers, { timeout: WAIT_MS }).toBe(0);
  await expect
    .poll(arrivingOverOneSecond, { timeout: WAIT_MS, message: 'the host stops sending once the last viewer is gone' })
    .toBe(0);

  const next = await joinAs(pages, link, 'Next');
  await expectDecoding(next, FULL_HD);
});

test("a viewer's REMBs reach the relay, and a viewer that loses nothing does not hold the host below the cap", async ({
  pages,
  hosting,
}) => {
  test.setTimeout(60_000);
  const relay = relayOf(hosting);
  const { host, link } = await sharingHost(pages, hosting);
  const viewer = await joinAs(pages, link, 'Estimated');
  await expectDecoding(viewer, FULL_HD);
  const seen = async () => {
    const diagnostics = await relay.diagnostics();
    const one = Object.values(diagnostics?.viewers ?? {})[0];
    return {
      rembs: one?.rembsIn ?? 0,
      rembBps: one?.rembBps ?? null,
      reports: one?.reportsIn ?? 0,
      limit: one?.estimateBps ?? null,
      target: diagnostics?.publisher?.targetBps ?? null,
    };
  };
  // Chromium sends REMB (goog-remb, no transport-cc) and receiver reports a few seconds after its first frames.
  await expect
    .poll(async () => (await seen()).rembs, { timeout: 20_000, message: 'REMBs from Chromium at the relay' })
    .toBeGreaterThan(10);
  const now = await seen();
  expect(now.rembBps, "the REMB's bitrate").toBeGreaterThan(0);
  expect(now.reports, 'receiver reports about our video').toBeGreaterThan(0);
  // Its REMB reads only a little over what it receives (viewer-bandwidth.ts): it must not pull the host down.
  expect({ limit: now.limit, target: now.target }).toEqual({ limit: null, target: TARGET_CAP_BPS });
  const statsRow = host.locator('.stats-table tbody tr', { hasText: 'Estimated' });
  await expect(statsRow.locator('td').nth(0), 'the bitrate column, read from the relay').toHaveText(
    /\d (kbit|Mbit)\/s/,
    { timeout: WAIT_MS },
  );
  await expect(statsRow.locator('td').nth(8), 'the "Limit" column: none').toHaveText(UNKNOWN);
});

test('a viewer leaving and another being kicked do not disturb the others; the relay drops their connections', async ({
  pages,
  hosting,
}) => {
  test.setTimeout(90_000);
  const relay = relayOf(hosting);
  const { host, link } = await sharingHost(pages, hosting);
  const names = ['Stays', 'Leaves', 'Kicked'];
  const [stays, leaves, kicked] = await Promise.all(names.map((name) => joinAs(pages, link, name)));
  for (const viewer of [stays!, leaves!, kicked!]) await expectDecoding(viewer, FULL_HD);
  await expect.poll(async () => (await relay.counts()).viewers).toBe(3);

  await leaves!.getByRole('button', { name: 'Leave' }).click();
  await expect(viewerItem(host, 'Leaves')).toHaveCount(0, { timeout: WAIT_MS });
  await viewerItem(host, 'Kicked').getByRole('button', { name: 'Kick' }).click();
  await expect(kicked!.locator('body')).toContainText('removed', { timeout: WAIT_MS });
  await expect.poll(async () => (await relay.counts()).viewers, { timeout: WAIT_MS }).toBe(1);
  await expectDecoding(stays!, FULL_HD);
  const before = (await sampleVideo(stays!))!.frames;
  await stays!.waitForTimeout(1_000); // on purpose: the window frames are counted over
  expect((await sampleVideo(stays!))!.frames - before, 'frames decoded in the second after').toBeGreaterThan(10);
});

test('switching the host source keeps every viewer watching on the same connection', async ({ pages, hosting }) => {
  test.setTimeout(90_000);
  const { host, link } = await sharingHost(pages, hosting);
  const viewers = await Promise.all(['A', 'B'].map((name) => joinAs(pages, link, name)));
  for (const viewer of viewers) await expectDecoding(viewer, FULL_HD);
  const connections = await Promise.all(viewers.map(async (viewer) => (await mediaCounts(viewer)).peerConnections));

  // Turning system audio on captures again: a new source for the same connections.
  await host.getByRole('checkbox', { name: 'Share system audio' }).check();
  await expect.poll(async () => (await mediaCounts(host)).captures.length, { timeout: WAIT_MS }).toBe(2);
  await expect.poll(async () => (await mediaCounts(host)).captures[0]?.videoLive, { timeout: WAIT_MS }).toBe(false);
  for (const viewer of viewers) await expectDecoding(viewer, FULL_HD);
  expect(await Promise.all(viewers.map(async (viewer) => (await mediaCounts(viewer)).peerConnections))).toEqual(
    connections,
  );
  expect((await mediaCounts(host)).peerConnections, 'still one publishing connection').toBe(1);
});

test('stopping hosting releases every relay connection and timer; starting again works', async ({ pages, hosting }) => {
  test.setTimeout(90_000);
  const relay = relayOf(hosting);
  const { host, link } = await sharingHost(pages, hosting);
  const viewer = await joinAs(pages, link, 'Watcher');
  await expectDecoding(viewer, FULL_HD);
  expect(await relay.counts()).toMatchObject({ publishers: 1, viewers: 1 });
  expect(relay.openSockets).toBe(1);

  await host.getByRole('button', { name: 'Stop hosting' }).click();
  await expect
    .poll(async () => ({ ...(await relay.counts()), sockets: relay.openSockets }), { timeout: WAIT_MS })
    .toEqual({ publishers: 0, viewers: 0, spares: 0, timers: 0, sockets: 0 });

  await startSharing(host);
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Relay/, { timeout: WAIT_MS });
  await expectDecoding(viewer, FULL_HD, 30_000);
  expect(await relay.counts()).toMatchObject({ publishers: 1, viewers: 1 });
});

test('a lost link from the host to the relay is made again and every viewer keeps watching', async ({ pages }) => {
  test.setTimeout(90_000);
  // In this process, so the test can break the relay's end of the host's link, as a network failure would.
  const relay = new Relay();
  const hosting = await startServer({ relay: () => new RelayEndpoint(new InProcessRelay(relay)) });
  try {
    const { host, link } = await sharingHost(pages, hosting);
    const viewers = await Promise.all(['One', 'Two'].map((name) => joinAs(pages, link, name)));
    for (const viewer of viewers) await expectDecoding(viewer, FULL_HD);
    const uplink = host.getByTestId('uplink-row');
    await expect(uplink, 'the stats card shows the link to the relay').toContainText(
      /To the relay \(encoded once for all\)\s*[\d.]+ (k|M)bit\/s/,
      { timeout: WAIT_MS },
    );
    await expect(uplink, "the relay's target for the host: the cap, as no viewer is limited on loopback").toContainText(
      /VP8\s*20(\.0)? Mbit\/s/,
    );

    await relay['publisher']?.pc.close();
    const frozen = await Promise.all(viewers.map(sampleVideo));
    await expect(uplink).toContainText('reconnected 1×', { timeout: 30_000 });
    for (const [index, viewer] of viewers.entries()) {
      const after = await expectDecoding(viewer, FULL_HD, 30_000);
      expect(after.frames, 'frames after the link was made again').toBeGreaterThan(frozen[index]!.frames);
    }
    await expect(uplink).toContainText('encoded once for all', { timeout: WAIT_MS });
    await expect(host.getByTestId('delivery-mode'), 'still relay mode, not the direct fallback').toHaveText(/^Relay/);
    expect(await relay.counts()).toMatchObject({ publishers: 1, viewers: 2 });
    // The old link was closed: the host page holds exactly one open connection, the new one.
    expect(
      (await mediaCounts(host)).peerConnections,
      'connections made in all: the first link and its replacement',
    ).toBe(2);
    expect(await openPeers(host)).toHaveLength(1);
  } finally {
    await hosting.server.stop();
  }
});

test('the control panel chooses the delivery, remembered on this device; the connection card shows the one in use', async ({
  pages,
  hosting,
}) => {
  test.setTimeout(90_000);
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await turnApprovalOff(host);
  const delivery = host.getByLabel('Media delivery');
  await expect(delivery).toHaveValue('relay'); // the default
  await delivery.selectOption({ label: 'Direct (one encode per viewer)' });
  await host.reload();
  await expect(host.getByLabel('Media delivery')).toHaveValue('direct');

  await startSharing(host);
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Direct/, { timeout: WAIT_MS });
  const viewer = await joinAs(pages, link, 'Direct viewer');
  await expectDecoding(viewer, FULL_HD);
  expect(await relayOf(hosting).counts(), 'direct mode leaves the relay unused').toMatchObject({
    publishers: 0,
    viewers: 0,
  });

  await host.getByLabel('Media delivery').selectOption('relay');
  await expect(host.getByText('Used from the next Start hosting.')).toBeVisible();
  await host.getByRole('button', { name: 'Stop hosting' }).click();
  await startSharing(host);
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Relay/, { timeout: WAIT_MS });
  await expectDecoding(viewer, FULL_HD, 30_000);
  await expect.poll(async () => (await relayOf(hosting).counts()).viewers, { timeout: WAIT_MS }).toBe(1);
});

test("the host's users list and the viewer show the same safety code, made from the viewer's and the relay's certificates", async ({
  pages,
  hosting,
}) => {
  test.setTimeout(60_000);
  const { host, link } = await sharingHost(pages, hosting);
  await expect(host.getByTestId('delivery-mode')).toHaveText(/^Relay/, { timeout: WAIT_MS });
  const viewer = await joinAs(pages, link, 'Vic');
  await expectDecoding(viewer, FULL_HD);
  expect((await mediaCounts(host)).peerConnections, 'the viewer is served by the relay, not by the host page').toBe(1);
  await expect(viewer.getByLabel('Connection security')).toContainText('Verified');
  await expect(viewerItem(host, 'Vic')).toContainText('Verified', { timeout: WAIT_MS });
  await expectSameSafetyCode(viewer, host, 'Vic');
});

test('a viewer whose answer announces a certificate other than the one it uses is refused by the host', async ({
  pages,
  hosting,
}) => {
  test.setTimeout(60_000);
  // A link without its key: with the key, the rewritten answer fails its signature and never
  // gets this far (signaling-security.spec.ts). Here it reaches the relay, and the host checks
  // the certificate the relay saw against it.
  const { host, link } = await sharingHost(pages, hosting, { onlyVerified: false });
  const tampering = new MaliciousRelay(hosting.info.port, swapViewerFingerprints);
  await tampering.start();
  try {
    const viewer = await joinAs(pages, tampering.rewrite(withoutLinkKey(link)), 'Moe');
    await expect(
      host.getByText(/The connection to Moe was closed: its security certificate did not match/),
    ).toBeVisible({ timeout: WAIT_MS });
    await expect(viewerItem(host, 'Moe')).toHaveCount(0);
    await expect(viewer.locator('body')).toContainText('removed', { timeout: WAIT_MS });
    await expect
      .poll(async () => (await relayOf(hosting).counts()).viewers, {
        timeout: WAIT_MS,
        message: 'the relay closed its connection',
      })
      .toBe(0);
    expect((await sampleVideo(viewer))?.frames ?? 0, 'frames the refused viewer decoded').toBe(0);
  } finally {
    await tampering.stop();
  }
});
