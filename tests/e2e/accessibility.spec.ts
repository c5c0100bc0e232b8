// Accessibility: axe-core finds no serious or critical violation on any view in either
// theme, and a keyboard alone can host, admit and kick.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  expect,
  expectDecoding,
  joinAs,
  openHost,
  sharedJoinLink,
  startSharing,
  test,
  viewerItem,
  WAIT_MS,
} from './support/hosting';

const FULL_HD = { width: 1920, height: 1080 };

/** Serious and critical violations only: the bar. Each as "rule: target (help)". */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${violation.help})`),
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme} theme: no serious or critical axe violation on Host (idle, approval prompt, live) and Join (form, waiting, watching)`, async ({
    pages,
    hosting,
  }) => {
    test.setTimeout(60_000);
    const host = await pages.open('host', { colorScheme });
    await host.goto(hosting.info.hostUrl);
    await expect(host.getByRole('button', { name: 'Start hosting' })).toBeVisible({ timeout: WAIT_MS });
    const link = await sharedJoinLink(host);
    const found: Record<string, string[]> = {};
    found['host idle'] = await seriousViolations(host);

    const viewer = await pages.open('viewer', { colorScheme });
    await viewer.goto(link);
    await expect(viewer.getByLabel('Your name')).toBeVisible({ timeout: WAIT_MS });
    found['join form'] = await seriousViolations(viewer);

    await viewer.getByLabel('Your name').fill('Robin');
    await viewer.getByRole('button', { name: 'Join' }).click();
    const robin = viewerItem(host, 'Robin');
    await expect(robin.getByRole('button', { name: 'Admit' })).toBeVisible({ timeout: WAIT_MS });
    found['host approval prompt'] = await seriousViolations(host);
    found['join waiting'] = await seriousViolations(viewer);

    await startSharing(host);
    await robin.getByRole('button', { name: 'Admit' }).click();
    await expectDecoding(viewer, FULL_HD);
    await expect(robin).toContainText('Watching', { timeout: WAIT_MS });
    found['host live with a viewer'] = await seriousViolations(host);
    found['join watching'] = await seriousViolations(viewer);

    const summary = Object.entries(found).map(([view, list]) => `${view}: ${list.length}`);
    test.info().annotations.push({ type: 'axe', description: summary.join('; ') });
    console.log(`axe (${colorScheme}), serious+critical per view: ${summary.join('; ')}`);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((view) => [view, []])));
  });
}

/** Presses Tab until the focused element has this accessible name (a real user's path to it). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? (element.getAttribute('aria-label') ?? element.textContent ?? '').trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`no element named ${name} can be reached with Tab`);
}

test('with the keyboard alone the host starts hosting, admits a viewer and kicks them', async ({ pages, hosting }) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);

  await tabTo(host, /^Start hosting$/);
  await host.keyboard.press('Enter');
  await expect(host.getByRole('button', { name: 'Stop hosting' })).toBeVisible({ timeout: WAIT_MS });

  const viewer = await joinAs(pages, link, 'Quinn');
  const quinn = viewerItem(host, 'Quinn');
  await expect(quinn.getByRole('button', { name: 'Admit' })).toBeVisible({ timeout: WAIT_MS });
  await tabTo(host, /^Admit/);
  await host.keyboard.press('Enter');
  await expectDecoding(viewer, FULL_HD);

  await tabTo(host, /^Kick/);
  await host.keyboard.press('Space');
  await expect(quinn).toHaveCount(0, { timeout: WAIT_MS });
  await expect(viewer.getByText(/removed|kicked/i)).toBeVisible({ timeout: WAIT_MS });
});

test('the axe check itself reports a known critical violation (it is not a silent no-op)', async ({ pages }) => {
  const page = await pages.open('fixture');
  await page.setContent('<html lang="en"><title>t</title><main><button></button></main></html>');
  expect(await seriousViolations(page)).toEqual([expect.stringMatching(/^button-name: button/)]);
});
