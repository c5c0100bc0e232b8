// Secrets leave the address bar and history once read (issue 14 item 8): the host page's #k=/#lk=
// and a join link's #t=/#k=. A reload of the host page still hosts (the tab keeps the fragment in
// sessionStorage); the join page keeps the link in its field. No source map is served.
import { expect, joinAs, openHost, sharedJoinLink, test, WAIT_MS } from './support/hosting';

test('after load, neither page has a secret in location.href or history, and a host reload still works', async ({
  pages,
  hosting,
}) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  expect(await host.evaluate(() => location.href)).toBe(`http://127.0.0.1:${hosting.info.port}/host`);
  const joinLink = await sharedJoinLink(host);
  expect(joinLink).toMatch(/#t=.+&k=/);

  const viewer = await joinAs(pages, joinLink, 'Ivy');
  expect(await viewer.evaluate(() => location.href)).toBe(new URL(joinLink).href.replace(/#.*$/, ''));
  await expect.poll(() => hosting.server.snapshot().viewers.map((v) => v.name), { timeout: WAIT_MS }).toEqual(['Ivy']);
  // The history entry itself was rewritten (replaceState), so going back finds no secret either.
  await viewer.goBack();
  expect(viewer.url()).not.toContain('#');

  await host.reload();
  await expect(host.getByRole('button', { name: 'Start hosting' })).toBeVisible({ timeout: WAIT_MS });
  expect(await host.evaluate(() => location.href)).toBe(`http://127.0.0.1:${hosting.info.port}/host`);
  await expect.poll(() => sharedJoinLink(host), { timeout: WAIT_MS }).toBe(joinLink); // same link key
});

test('the server sends no source map', async ({ request, hosting }) => {
  const response = await request.get(`http://127.0.0.1:${hosting.info.port}/app.js.map`);
  expect(response.status()).toBe(404);
  const script = await request.get(`http://127.0.0.1:${hosting.info.port}/app.js`);
  expect(script.status()).toBe(200);
  expect(await script.text()).not.toContain('sourceMappingURL');
});
