// The signaling server goes away and comes back on the same port with the same
// secrets (what the desktop app does when it restarts its server): the host page and
// the viewer find it again by themselves. In relay mode the relay stops and starts
// with the server, so a viewer's connection to it cannot outlive it: only direct
// delivery keeps the viewer's connection across the restart.
import { randomBytes } from 'node:crypto';
import {
  expect,
  expectDecoding,
  freePort,
  joinAs,
  mediaCounts,
  openHost,
  startServer,
  startSharing,
  test,
  viewerItem,
  sharedJoinLink,
} from './support/hosting';

const FULL_HD = { width: 1920, height: 1080 };

for (const delivery of ['relay', 'direct'] as const) {
  test.describe(`${delivery} delivery`, () => {
    test.use({ delivery });

    test('after a server restart the viewer decodes again and the host is live, with no clicks', async ({ pages }) => {
      test.setTimeout(75_000);
      const options = {
        port: await freePort(),
        hostKey: randomBytes(16).toString('base64url'),
        token: randomBytes(16).toString('base64url'),
        requireApproval: false,
      };
      const first = await startServer(options);
      const { info, joinUrl } = first;
      let server = first.server;
      try {
        const host = await openHost(pages, info, joinUrl);
        const link = await sharedJoinLink(host);
        // Approval is already off on this server; the checkbox must say so.
        await expect(host.getByRole('checkbox', { name: 'Ask before letting viewers in' })).not.toBeChecked();
        await startSharing(host);
        const viewer = await joinAs(pages, link, 'Frank');
        await expectDecoding(viewer, FULL_HD);
        await expect(viewerItem(host, 'Frank')).toContainText('Watching', { timeout: 15_000 });
        const connectionsBefore = (await mediaCounts(viewer)).peerConnections;

        await server.stop();
        const again = await startServer(options);
        server = again.server;
        expect(again.info.hostUrl).toBe(info.hostUrl);
        expect(again.joinUrl).toBe(joinUrl);

        // Both sides come back on their own: the server sees the host and the viewer again.
        await expect
          .poll(
            () => {
              const snapshot = server.snapshot();
              return {
                hostPresent: snapshot.hostPresent,
                viewers: snapshot.viewers.map((v) => `${v.name}:${v.state}`),
              };
            },
            { timeout: 20_000 },
          )
          .toEqual({ hostPresent: true, viewers: ['Frank:admitted'] });
        await expectDecoding(viewer, FULL_HD, 20_000);
        await expect(host.getByRole('button', { name: 'Stop hosting' })).toBeVisible();
        await expect(viewerItem(host, 'Frank')).toContainText('Watching', { timeout: 15_000 });
        // Direct: the peer connection outlived the server, the picture never had to be set up again.
        if (delivery === 'direct') expect((await mediaCounts(viewer)).peerConnections).toBe(connectionsBefore);

        // The host is live again end to end: a Pause travels through the new server.
        await host.getByRole('button', { name: 'Pause' }).click();
        await expect(viewer.locator('body')).toContainText(/paused/i, { timeout: 15_000 });
        await host.getByRole('button', { name: 'Resume' }).click();
        await expectDecoding(viewer, FULL_HD);
      } finally {
        await server.stop();
      }
    });

    test(`with approval on, a viewer the host admitted comes back after a server restart without a click${delivery === 'direct' ? ', on the same connection' : ''}`, async ({
      pages,
    }) => {
      test.setTimeout(75_000);
      const options = {
        port: await freePort(),
        hostKey: randomBytes(16).toString('base64url'),
        token: randomBytes(16).toString('base64url'),
      };
      const first = await startServer(options);
      let server = first.server;
      try {
        const host = await openHost(pages, first.info, first.joinUrl);
        const link = await sharedJoinLink(host);
        await startSharing(host);
        const viewer = await joinAs(pages, link, 'Gina');
        await viewerItem(host, 'Gina').getByRole('button', { name: 'Admit' }).click();
        await expectDecoding(viewer, FULL_HD);
        const connectionsBefore = (await mediaCounts(viewer)).peerConnections;

        await server.stop();
        server = (await startServer(options)).server;

        await expect
          .poll(() => server.snapshot().viewers.map((v) => `${v.name}:${v.state}`), { timeout: 20_000 })
          .toEqual(['Gina:admitted']);
        await expect(viewerItem(host, 'Gina')).toContainText('Watching', { timeout: 15_000 });
        await expect(viewerItem(host, 'Gina').getByRole('button', { name: 'Admit' })).toHaveCount(0);
        await expectDecoding(viewer, FULL_HD, 20_000);
        if (delivery === 'direct') expect((await mediaCounts(viewer)).peerConnections).toBe(connectionsBefore);
      } finally {
        await server.stop();
      }
    });
  });
}
