// Full-page pictures of both views in use, for reviewers and the README:
// test-results/screenshots/host-view.png and join-view.png.
import {
  expectDecoding,
  joinAs,
  openHost,
  saveScreenshot,
  startSharing,
  test,
  expect,
  viewerItem,
  WAIT_MS,
  sharedJoinLink,
} from './support/hosting';

test('screenshots of the Host view and the Join view while a viewer watches', async ({ pages, hosting }, testInfo) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await startSharing(host);
  const viewer = await joinAs(pages, link, 'Heidi');
  await viewerItem(host, 'Heidi').getByRole('button', { name: 'Admit' }).click({ timeout: WAIT_MS });
  await expectDecoding(viewer, { width: 1920, height: 1080 });
  await expect(viewerItem(host, 'Heidi')).toContainText('Watching', { timeout: WAIT_MS });
  // Let the host's statistics fill in (they need two samples), so the picture shows real numbers.
  await expect(viewerItem(host, 'Heidi')).toContainText(/[1-9]\d* [kM]bit\/s/, { timeout: WAIT_MS });

  await saveScreenshot(host, testInfo, 'host-view.png');
  await saveScreenshot(viewer, testInfo, 'join-view.png');
});
