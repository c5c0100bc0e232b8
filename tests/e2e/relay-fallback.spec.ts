// The relay dies while viewers watch through it: the host page hands every viewer to
// direct delivery by itself, and says so. Only the outcome a user sees is asserted
// (pictures, the Host view, the host page's peer connections), not how the host
// page gets there.
import {
  DELIVERY_SHOWN,
  expect,
  expectDecoding,
  joinAs,
  mediaCounts,
  openPeers,
  sharingHost,
  test,
  viewerItem,
  WAIT_MS,
} from './support/hosting';

const FULL_HD = { width: 1920, height: 1080 };

test('when the relay dies mid-session every viewer watches again by direct delivery, without a click', async ({
  pages,
  hosting,
}) => {
  test.setTimeout(90_000);
  const { host, link } = await sharingHost(pages, hosting);
  const names = ['Ann', 'Ben'];
  const viewers = await Promise.all(names.map((name) => joinAs(pages, link, name)));
  for (const viewer of viewers) await expectDecoding(viewer, FULL_HD);
  expect((await mediaCounts(host)).peerConnections, 'through the relay: one connection, the uplink').toBe(1);
  const viewerConnections = await Promise.all(
    viewers.map(async (viewer) => (await mediaCounts(viewer)).peerConnections),
  );

  // The relay goes away as a crash would look to the host page: its control socket closes and its connections
  // to the host page and to the viewers end. The signaling server stays.
  const relay = hosting.server.relay;
  if (!relay) throw new Error('the relay did not start');
  await relay.stop();

  await expect(host.getByTestId('delivery-mode'), 'the Host view says Direct').toHaveText(DELIVERY_SHOWN.direct, {
    timeout: WAIT_MS,
  });
  for (const [index, viewer] of viewers.entries()) {
    await expectDecoding(viewer, FULL_HD, 30_000);
    expect(
      (await mediaCounts(viewer)).peerConnections,
      `${names[index]} got a new connection, from the host`,
    ).toBeGreaterThan(viewerConnections[index]!);
  }
  // Direct: the host page holds one connected peer connection per viewer (besides, at most, a spare not yet used).
  await expect
    .poll(async () => (await openPeers(host)).filter((peer) => peer.connectionState === 'connected').length, {
      timeout: WAIT_MS,
    })
    .toBe(viewers.length);
  expect((await openPeers(host)).length, 'open connections: one per viewer and at most one spare').toBeLessThanOrEqual(
    viewers.length + 1,
  );
  for (const name of names) await expect(viewerItem(host, name)).toContainText('Watching', { timeout: WAIT_MS });
  // Nobody had to join again: the server still has both, let in.
  expect(
    hosting.server
      .snapshot()
      .viewers.map((v) => `${v.name}:${v.state}`)
      .sort(),
  ).toEqual(['Ann:admitted', 'Ben:admitted']);
});
