// A page shows what works where it runs: a browser that opened a join link gets the
// Join view alone, the headless host page the Host view alone; STUN/TURN servers and
// the theme live in Settings, not in the join form.
import { expect, expectServed, openHost, test, WAIT_MS } from './support/hosting';

test('a browser at a join link sees the Join view only: no Host tab, no STUN/TURN field in the form', async ({
  pages,
  hosting,
}) => {
  const viewer = await pages.open('viewer');
  expectServed(await viewer.goto(hosting.joinUrl));
  await expect(viewer.getByLabel('Your name')).toBeVisible({ timeout: WAIT_MS });
  await expect(viewer.getByRole('tablist')).toHaveCount(0);
  await expect(viewer.getByRole('tab', { name: 'Host' })).toHaveCount(0);
  await expect(viewer.getByText(/STUN|TURN/)).toHaveCount(0);

  await viewer.getByRole('button', { name: 'Settings' }).click();
  const settings = viewer.getByRole('region', { name: 'Settings' });
  await expect(settings.getByText('Viewers outside this network (STUN/TURN servers)')).toBeVisible();
});

test('the headless host page shows the Host view only', async ({ pages, hosting }) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  await expect(host.getByRole('button', { name: 'Start hosting' })).toBeVisible();
  await expect(host.getByRole('tablist')).toHaveCount(0);
  await expect(host.getByRole('tab', { name: 'Join' })).toHaveCount(0);
  await expect(host.getByText(/STUN|TURN/)).toHaveCount(0);
});

test('the theme setting overrides the system and is remembered on reload', async ({ pages, hosting }) => {
  const viewer = await pages.open('viewer', { colorScheme: 'light' });
  expectServed(await viewer.goto(hosting.joinUrl));
  const background = () => viewer.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();

  await viewer.getByRole('button', { name: 'Settings' }).click();
  await viewer.getByRole('radio', { name: 'Dark' }).check();
  const dark = await background();
  expect(dark).not.toBe(light);
  expect(await viewer.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

  await viewer.reload();
  await expect(viewer.getByLabel('Your name')).toBeVisible({ timeout: WAIT_MS });
  expect(await background()).toBe(dark);

  await viewer.getByRole('button', { name: 'Settings' }).click();
  await viewer.getByRole('radio', { name: 'Same as the system' }).check();
  expect(await background()).toBe(light);
});
