// The safety code as the two people comparing it see it: in the viewer's "Connection
// security" panel and in the host's users list, next to the viewer's name.
import type { Page } from '@playwright/test';
import { expect, viewerItem, WAIT_MS } from './hosting';

export const SAFETY_CODE = /\d{4} \d{4} \d{4} \d{4}/;

export const viewerCode = async (viewer: Page) =>
  (await viewer.getByLabel('Connection security').innerText()).match(SAFETY_CODE)?.[0];
export const hostCode = async (host: Page, name: string) =>
  (await viewerItem(host, name).innerText()).match(SAFETY_CODE)?.[0];

/**
 * Both sides show the same code. Each side derives it from its own stats, up to a second apart, so the viewer's is
 * waited for.
 */
export async function expectSameSafetyCode(viewer: Page, host: Page, name: string): Promise<void> {
  await expect(viewerItem(host, name)).toContainText(SAFETY_CODE, { timeout: WAIT_MS });
  const hostSide = await hostCode(host, name);
  await expect
    .poll(() => viewerCode(viewer), { timeout: WAIT_MS, message: 'the viewer shows the host’s safety code' })
    .toBe(hostSide);
}
