// A join link typed by hand: anything that is not one gets plain words, never a crash.
import { expect, expectServed, test, WAIT_MS } from './support/hosting';

const NOT_PLAIN_WORDS = /TypeError|SyntaxError|Invalid URL|undefined|null|\[object|exception|stack/i;

test('a malformed join link shows a plain-words error and nothing breaks', async ({ pages, hosting }) => {
  const viewer = await pages.open('viewer');
  expectServed(await viewer.goto(`http://127.0.0.1:${hosting.info.port}/join`));
  await viewer.getByLabel('Your name').fill('Grace');
  const link = viewer.getByLabel('Join link');
  const messages: string[] = [];

  for (const typed of [
    'hello',
    'http://x/join',
    'ftp://127.0.0.1/join#t=AAAAAAAAAAAAAAAAAAAAAA',
    `http://127.0.0.1:${hosting.info.port}/join#t=short`,
  ]) {
    await link.fill(typed);
    await viewer.getByRole('button', { name: 'Join' }).click();
    const alert = viewer.getByRole('alert').filter({ hasText: /\w/ });
    await expect(alert, `an error for ${JSON.stringify(typed)}`).toBeVisible({ timeout: WAIT_MS });
    const text = (await alert.first().innerText()).trim();
    expect(text, `plain words for ${JSON.stringify(typed)}`).not.toMatch(NOT_PLAIN_WORDS);
    expect(text.length).toBeGreaterThan(10);
    messages.push(text);
    // Still the form, ready for another try; nobody reached the server.
    await expect(link).toBeEditable();
    expect(hosting.server.snapshot().viewers).toEqual([]);
  }
  // "hello" is not a link at all; "http://x/join" is one, missing its access code: different words.
  expect(new Set(messages.slice(0, 2)).size).toBe(2);

  // The real link then works: the error goes and the viewer reaches the server.
  await link.fill(hosting.joinUrl);
  await viewer.getByRole('button', { name: 'Join' }).click();
  await expect
    .poll(() => hosting.server.snapshot().viewers.map((v) => v.name), { timeout: WAIT_MS })
    .toEqual(['Grace']);
  for (const message of messages) await expect(viewer.getByRole('alert').filter({ hasText: message })).toHaveCount(0);
});
