// Hosting from a browser tab (/host#k=...) to viewers in other browsers (/join#t=...),
// through a real SignalingServer and real peer connections on loopback: who gets in,
// and whether they see the screen.
import {
  expectDecoding,
  joinAs,
  openHost,
  openPeers,
  sampleVideo,
  startSharing,
  test,
  expect,
  turnApprovalOff,
  usersList,
  viewerItem,
  WAIT_MS,
  sharedJoinLink,
} from './support/hosting';

const FULL_HD = { width: 1920, height: 1080 };

test('a viewer asks to join, the host admits them, and the viewer decodes the 1080p screen', async ({
  pages,
  hosting,
}) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await expect(host.getByRole('radio', { name: 'Balanced' })).toBeChecked();
  await startSharing(host);

  const viewer = await joinAs(pages, link, 'Alice');
  const alice = viewerItem(host, 'Alice');
  await expect(alice).toBeVisible({ timeout: WAIT_MS });
  await expect(alice.getByRole('button', { name: 'Deny' })).toBeVisible();
  // Waiting: nothing reaches the viewer before the host says yes.
  expect((await sampleVideo(viewer))?.frames ?? 0).toBe(0);

  await alice.getByRole('button', { name: 'Admit' }).click();
  await expectDecoding(viewer, FULL_HD);
  await expect(alice).toContainText('Watching', { timeout: WAIT_MS });
  await expect(alice.getByRole('button', { name: 'Kick' })).toBeVisible();
  await expect(alice.getByRole('button', { name: 'Admit' })).toHaveCount(0);
});

test('with approval off, three viewers get in at once and all decode the 1080p screen', async ({ pages, hosting }) => {
  test.setTimeout(60_000); // three 1080p encoders on two cores
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await turnApprovalOff(host);
  await startSharing(host);

  const names = ['Viewer One', 'Viewer Two', 'Viewer Three'];
  const viewers = await Promise.all(names.map((name) => joinAs(pages, link, name)));
  for (const viewer of viewers) await expectDecoding(viewer, FULL_HD);

  await expect(usersList(host, names[0]!).getByRole('listitem')).toHaveCount(3);
  for (const name of names) {
    const item = viewerItem(host, name);
    await expect(item).toContainText('Watching', { timeout: WAIT_MS });
    await expect(item.getByRole('button', { name: 'Admit' })).toHaveCount(0);
    await expect(item.getByRole('button', { name: 'Kick' })).toBeVisible();
  }
  expect(hosting.server.snapshot().viewers.map((v) => v.state)).toEqual(['admitted', 'admitted', 'admitted']);
});

test('a denied viewer is told so in plain words and sees nothing', async ({ pages, hosting }) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await startSharing(host);
  const viewer = await joinAs(pages, link, 'Mallory');
  const mallory = viewerItem(host, 'Mallory');
  await expect(mallory).toBeVisible({ timeout: WAIT_MS });

  await mallory.getByRole('button', { name: 'Deny' }).click();
  await expect(viewer.locator('body')).toContainText(/didn['’]t let you in/, { timeout: WAIT_MS });
  await expect(mallory).toHaveCount(0);
  const video = await sampleVideo(viewer);
  expect(
    video === null || (video.frames === 0 && video.width === 0),
    `no picture for a denied viewer, got ${JSON.stringify(video)}`,
  ).toBe(true);
  await expect.poll(() => hosting.server.snapshot().viewers.length).toBe(0);
});

test('a kicked viewer is told they were removed and leaves the host list', async ({ pages, hosting }) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await startSharing(host);
  const viewer = await joinAs(pages, link, 'Bob');
  const bob = viewerItem(host, 'Bob');
  await bob.getByRole('button', { name: 'Admit' }).click({ timeout: WAIT_MS });
  await expectDecoding(viewer, FULL_HD);

  await bob.getByRole('button', { name: 'Kick' }).click();
  await expect(viewer.locator('body')).toContainText('removed', { timeout: WAIT_MS });
  await expect(bob).toHaveCount(0);
  // It stays out: no quiet rejoin behind the host's back (a wait on purpose: nothing may happen in it).
  await viewer.waitForTimeout(1_500);
  expect(hosting.server.snapshot().viewers).toEqual([]);
  await expect(bob).toHaveCount(0);
});

test.describe('direct delivery', () => {
  // The spare connection is the host page's own in direct mode (in relay mode the relay keeps it: relay.spec.ts).
  test.use({ delivery: 'direct' });

  test("direct mode: the next viewer's connection is negotiated ahead, and its video starts at the app's start rate", async ({
    pages,
    hosting,
  }) => {
    const host = await openHost(pages, hosting.info, hosting.joinUrl);
    const link = await sharedJoinLink(host);
    await turnApprovalOff(host);
    expect(await openPeers(host), 'no idle connection before sharing starts').toEqual([]);
    await startSharing(host);
    // Sharing: one spare link with its offer made, waiting for whoever joins next.
    await expect
      .poll(async () => (await openPeers(host)).map((p) => p.signalingState), { timeout: WAIT_MS })
      .toEqual(['have-local-offer']);

    const viewer = await joinAs(pages, link, 'Quinn');
    await expectDecoding(viewer, FULL_HD);
    // The spare became Quinn's link (the answer it applied carries the start rate), and a new spare waits.
    await expect
      .poll(async () => (await openPeers(host)).map((p) => `${p.signalingState}/${p.connectionState}`), {
        timeout: WAIT_MS,
      })
      .toEqual(['stable/connected', 'have-local-offer/new']);
    const [quinnsLink] = await openPeers(host);
    expect(quinnsLink!.remoteSdp).toMatch(/^a=fmtp:\d+ .*x-google-start-bitrate=2500/m);

    await viewerItem(host, 'Quinn').getByRole('button', { name: 'Kick' }).click();
    await expect
      .poll(async () => (await openPeers(host)).map((p) => p.signalingState), { timeout: WAIT_MS })
      .toEqual(['have-local-offer']);
    await host.getByRole('button', { name: 'Stop hosting' }).click();
    await expect.poll(async () => (await openPeers(host)).length, { timeout: WAIT_MS }).toBe(0);
  });
});
