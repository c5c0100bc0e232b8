// Record on the host: a red dot and the running time while it records, and a WebM
// download of what was shared when it stops (the desktop app's save dialog is covered
// in jest: tests/unit/electron-recording-files.test.ts).
import { readFile } from 'node:fs/promises';
import { expect, expectDecoding, joinAs, openHost, sharingHost, startSharing, test, WAIT_MS } from './support/hosting';

/** Every WebM (Matroska) file starts with the EBML magic number. */
const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

test('Record shows the time while it runs and Stop recording downloads a WebM of the share', async ({
  pages,
  hosting,
}) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const record = host.getByRole('button', { name: 'Record' });
  await expect(record).toBeDisabled(); // nothing shared yet
  await startSharing(host);
  await record.click();

  const indicator = host.getByRole('status').filter({ hasText: 'Recording' });
  await expect(indicator).toHaveText(/Recording 0:0[2-9]/, { timeout: WAIT_MS });

  const download = host.waitForEvent('download');
  await host.getByRole('button', { name: 'Stop recording' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^webrtc-desktop-host-\d{4}-\d\d-\d\d-\d{4}\.webm$/);
  const bytes = await readFile((await file.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual(EBML_MAGIC);
  expect(bytes.byteLength, 'two seconds of the screen').toBeGreaterThan(10_000);
  await expect(host.getByText(/Recording downloaded as webrtc-desktop-host-/)).toBeVisible();
  await expect(record).toBeEnabled();
});

test('a recording still running when hosting stops is finished and downloaded', async ({ pages, hosting }) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  await startSharing(host);
  await host.getByRole('button', { name: 'Record' }).click();
  await expect(host.getByRole('status').filter({ hasText: 'Recording' })).toBeVisible();
  const download = host.waitForEvent('download');
  await host.getByRole('button', { name: 'Stop hosting' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.webm$/);
});

test('viewers see "The host is recording" while the host records, and no longer once it stops', async ({
  pages,
  hosting,
}) => {
  const { host, link } = await sharingHost(pages, hosting);
  const early = await joinAs(pages, link, 'Early');
  await expectDecoding(early, { width: 1920, height: 1080 });
  const notice = (viewer: typeof early) => viewer.getByRole('status').filter({ hasText: 'The host is recording' });
  await expect(notice(early)).toHaveCount(0);

  await host.getByRole('button', { name: 'Record' }).click();
  await expect(notice(early)).toBeVisible({ timeout: WAIT_MS });
  // A viewer who arrives during the recording is told too.
  const late = await joinAs(pages, link, 'Late');
  await expect(notice(late)).toBeVisible({ timeout: WAIT_MS });

  const download = host.waitForEvent('download');
  await host.getByRole('button', { name: 'Stop recording' }).click();
  await download;
  await expect(notice(early)).toHaveCount(0, { timeout: WAIT_MS });
  await expect(notice(late)).toHaveCount(0, { timeout: WAIT_MS });
});
