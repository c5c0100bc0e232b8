// What the host changes while viewers watch: pause, quality preset, what is shared.
// None of it may disconnect a viewer.
import type { Page } from '@playwright/test';
import {
  expect,
  expectDecoding,
  expectFrozen,
  joinAs,
  mediaCounts,
  openHost,
  selectPreset,
  sharedJoinLink,
  startSharing,
  test,
  turnApprovalOff,
  usersList,
  viewerItem,
  WAIT_MS,
  type Hosting,
  type PageSet,
} from './support/hosting';

const FULL_HD = { width: 1920, height: 1080 };
const HD = { width: 1280, height: 720 };

/** Host sharing with approval off, and one viewer decoding 1080p. */
async function hostWithViewer(pages: PageSet, hosting: Hosting, name: string): Promise<{ host: Page; viewer: Page }> {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await turnApprovalOff(host);
  await startSharing(host);
  const viewer = await joinAs(pages, link, name);
  await expectDecoding(viewer, FULL_HD);
  return { host, viewer };
}

test('Pause shows the viewer a paused notice and stops the picture; Resume brings frames back', async ({
  pages,
  hosting,
}) => {
  const { host, viewer } = await hostWithViewer(pages, hosting, 'Carol');

  await host.getByRole('button', { name: 'Pause' }).click();
  await expect(viewer.locator('body')).toContainText(/paused/i, { timeout: WAIT_MS });
  await expectFrozen(viewer);
  await expect(host.getByRole('button', { name: 'Resume' })).toBeVisible();

  await host.getByRole('button', { name: 'Resume' }).click();
  await expectDecoding(viewer, FULL_HD);
  await expect(viewer.locator('body')).not.toContainText(/paused/i, { timeout: WAIT_MS });
  await expect(host.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(viewerItem(host, 'Carol')).toContainText('Watching', { timeout: WAIT_MS });
});

test('switching preset changes the size viewers receive: Motion 720p, Balanced 1080p', async ({ pages, hosting }) => {
  test.setTimeout(60_000);
  const { host, viewer } = await hostWithViewer(pages, hosting, 'Dave');
  const connectionsBefore = (await mediaCounts(viewer)).peerConnections;

  await selectPreset(host, 'Motion');
  await expectDecoding(viewer, HD, 10_000);

  await selectPreset(host, 'Balanced');
  await expectDecoding(viewer, FULL_HD, 10_000);

  // The same peer connection all along: a preset is a sender setting, not a reconnect.
  expect((await mediaCounts(viewer)).peerConnections).toBe(connectionsBefore);
  await expect(usersList(host, 'Dave').getByRole('listitem')).toHaveCount(1);
});

test('"Choose what to share" switches the capture while the viewer keeps watching', async ({ pages, hosting }) => {
  const { host, viewer } = await hostWithViewer(pages, hosting, 'Erin');
  const idsBefore = hosting.server.snapshot().viewers.map((v) => v.id);
  const viewerBefore = await mediaCounts(viewer);
  expect((await mediaCounts(host)).captures).toHaveLength(1);

  await host.getByRole('button', { name: 'Choose what to share' }).click();
  // A second getDisplayMedia call (the fake picker answers it), and the first capture is let go.
  await expect
    .poll(async () => (await mediaCounts(host)).captures.map((c) => c.videoLive), { timeout: WAIT_MS })
    .toEqual([false, true]);

  // Frames decoded after the old capture stopped can only come from the new one.
  await expectDecoding(viewer, FULL_HD);
  await viewer.waitForTimeout(1_000); // on purpose: still decoding a second later, not a last frame or two
  await expectDecoding(viewer, FULL_HD);

  expect((await mediaCounts(viewer)).peerConnections, 'the viewer did not reconnect').toBe(
    viewerBefore.peerConnections,
  );
  expect(
    hosting.server.snapshot().viewers.map((v) => v.id),
    'the viewer did not leave and rejoin',
  ).toEqual(idsBefore);
  await expect(usersList(host, 'Erin').getByRole('listitem')).toHaveCount(1);
  await expect(viewerItem(host, 'Erin')).toContainText('Watching', { timeout: WAIT_MS });
});
