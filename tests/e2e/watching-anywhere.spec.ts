// Watching on a phone and on a laptop: the picture fills the width with no sideways
// scrolling, every control is on screen and big enough to touch, the keyboard
// shortcuts work, sound has a volume, and the screen is kept awake while watching.
import type { Page } from '@playwright/test';
import {
  expect,
  expectDecoding,
  openHost,
  sharedJoinLink,
  sharingHost,
  startSharing,
  test,
  turnApprovalOff,
  WAIT_MS,
  type PageSet,
} from './support/hosting';

const FULL_HD = { width: 1920, height: 1080 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
const LAPTOP = { viewport: { width: 1280, height: 800 } };

async function watch(pages: PageSet, link: string, name: string, options: object): Promise<Page> {
  const viewer = await pages.open(`viewer ${name}`, options);
  await viewer.addInitScript(RECORD_WAKE_LOCKS);
  await viewer.goto(link);
  await viewer.getByLabel('Your name').fill(name);
  await viewer.getByRole('button', { name: 'Join' }).click();
  await expectDecoding(viewer, FULL_HD);
  return viewer;
}

/** Keeps every screen wake lock the page takes, so a test can see it let go. */
const RECORD_WAKE_LOCKS = `(() => {
  const locks = [];
  Object.defineProperty(window, '__wakeLocks', { value: locks });
  const wakeLock = navigator.wakeLock;
  if (!wakeLock) return;
  const request = wakeLock.request.bind(wakeLock);
  wakeLock.request = async (...args) => { const lock = await request(...args); locks.push(lock); return lock; };
})();`;

const heldWakeLocks = (viewer: Page) =>
  viewer.evaluate(
    () =>
      (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks.filter((lock) => !lock.released).length,
  );

/** Layout facts of the watching page, measured in the page. */
function layout(viewer: Page) {
  return viewer.evaluate(() => {
    const page = document.scrollingElement!;
    const video = document.querySelector('video[aria-label="Shared screen"]')!.getBoundingClientRect();
    const controls = [...document.querySelectorAll<HTMLElement>('.screen-toolbar button, .screen-toolbar input')].map(
      (control) => {
        const box = control.getBoundingClientRect();
        return {
          label: control.getAttribute('aria-label') ?? control.textContent ?? '',
          inView: box.left >= 0 && box.right <= window.innerWidth && box.top >= 0 && box.bottom <= window.innerHeight,
          width: box.width,
          height: box.height,
        };
      },
    );
    return {
      scrollWidth: page.scrollWidth,
      clientWidth: page.clientWidth,
      viewportWidth: window.innerWidth,
      videoWidth: video.width,
      controls,
    };
  });
}

for (const [device, options] of [
  ['a phone (390×844, touch)', PHONE],
  ['a laptop (1280×800)', LAPTOP],
] as const) {
  test(`on ${device} the picture fills the width, nothing scrolls sideways and every control is reachable`, async ({
    pages,
    hosting,
  }) => {
    const { link } = await sharingHost(pages, hosting);
    const viewer = await watch(pages, link, 'Pat', options);

    const facts = await layout(viewer);
    expect(facts.scrollWidth, 'no horizontal scroll').toBeLessThanOrEqual(facts.clientWidth);
    expect(facts.videoWidth / facts.viewportWidth, 'the video spans the width').toBeGreaterThanOrEqual(0.9);
    expect(facts.controls.length).toBeGreaterThanOrEqual(3);
    for (const control of facts.controls) {
      expect(control.inView, `${control.label} is on screen`).toBe(true);
      // Touch targets: at least 44 px on the phone (WCAG 2.5.5).
      if (options === PHONE)
        expect(control.height, `${control.label} is tall enough to touch`).toBeGreaterThanOrEqual(44);
    }
  });
}

test('F toggles fullscreen and Esc leaves it; the screen is kept awake while watching and let go after', async ({
  pages,
  hosting,
}) => {
  const { link } = await sharingHost(pages, hosting);
  const viewer = await watch(pages, link, 'Kim', LAPTOP);

  const screen = viewer.locator('.screen');
  await expect(screen).toHaveAttribute('data-wake-lock', 'held', { timeout: WAIT_MS });
  expect(await heldWakeLocks(viewer)).toBe(1);

  await viewer.keyboard.press('f');
  await expect.poll(() => viewer.evaluate(() => document.fullscreenElement?.className ?? null)).toContain('screen');
  await expect(viewer.getByRole('button', { name: 'Exit fullscreen' })).toBeVisible();
  await viewer.keyboard.press('Escape');
  await expect.poll(() => viewer.evaluate(() => document.fullscreenElement)).toBeNull();

  // Typing in a field is not a shortcut.
  await viewer.getByRole('button', { name: 'Leave' }).click();
  await expect(viewer.getByLabel('Your name')).toBeVisible({ timeout: WAIT_MS });
  await viewer.getByLabel('Your name').press('f');
  expect(await viewer.evaluate(() => document.fullscreenElement)).toBeNull();
  await expect(screen).toHaveCount(0);
  await expect.poll(() => heldWakeLocks(viewer), { message: 'the wake lock is let go on leaving' }).toBe(0);
});

test('Picture in picture moves the picture to its own small window and back', async ({ pages, hosting }) => {
  const { link } = await sharingHost(pages, hosting);
  const viewer = await watch(pages, link, 'Lee', LAPTOP);
  const button = viewer.getByRole('button', { name: 'Picture in picture' });
  test.skip(!(await button.isVisible()), 'this browser offers no picture-in-picture');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true', { timeout: WAIT_MS });
  expect(await viewer.evaluate(() => document.pictureInPictureElement?.getAttribute('aria-label'))).toBe(
    'Shared screen',
  );
  await viewer.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-pressed', 'false', { timeout: WAIT_MS });
});

test('with shared sound the viewer gets Mute (M) and a volume slider that sets the volume', async ({
  pages,
  hosting,
}) => {
  const host = await openHost(pages, hosting.info, hosting.joinUrl);
  const link = await sharedJoinLink(host);
  await turnApprovalOff(host);
  const audio = host.getByRole('checkbox', { name: 'Share system audio' });
  test.skip(!(await audio.isEnabled()), 'this browser cannot share system audio (the host view says why)');
  await audio.check();
  await startSharing(host);
  const viewer = await watch(pages, link, 'Sam', LAPTOP);

  const unmute = viewer.getByRole('button', { name: 'Unmute' });
  await expect(unmute).toBeVisible({ timeout: WAIT_MS });
  await viewer.keyboard.press('m');
  await expect(viewer.getByRole('button', { name: 'Mute' })).toBeVisible();
  const video = viewer.locator('video[aria-label="Shared screen"]');
  expect(await video.evaluate((element: HTMLVideoElement) => element.muted)).toBe(false);

  await viewer.getByRole('slider', { name: 'Volume' }).fill('0.25');
  expect(await video.evaluate((element: HTMLVideoElement) => element.volume)).toBeCloseTo(0.25, 2);
  await viewer.keyboard.press('m');
  await expect(unmute).toBeVisible();
});
