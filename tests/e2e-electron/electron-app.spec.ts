// The desktop app end to end, on the real Electron binary: launch, start hosting, a
// browser page joins and decodes frames, the host kicks it, quit frees the port.
// Where the binary cannot be installed (our offline machines) the suite skips and
// prints why; CI, where Electron installs, runs it.
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary, isMissingBinaryError } from './electron-binary';

const MAIN_JS = join(__dirname, '../../dist/main/main.js');
const WAIT_MS = 20_000;
const binary = findElectronBinary();

if (!binary.ok) console.log(`Electron suite skipped: ${binary.reason}`);
test.skip(!binary.ok, binary.ok ? '' : binary.reason);

async function launchApp(userData: string): Promise<ElectronApplication> {
  if (!binary.ok) throw new Error(binary.reason);
  // GitHub's Linux runners cannot start Chromium's setuid/namespace sandbox for an unpackaged Electron.
  const sandboxArgs = process.platform === 'linux' && process.env.CI ? ['--no-sandbox'] : [];
  return _electron.launch({
    executablePath: binary.path,
    args: [...sandboxArgs, MAIN_JS, `--user-data-dir=${userData}`],
    timeout: WAIT_MS,
  });
}

async function framesDecoded(viewer: Page): Promise<{ width: number; frames: number } | null> {
  return viewer.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[aria-label="Shared screen"]');
    return video ? { width: video.videoWidth, frames: video.getVideoPlaybackQuality().totalVideoFrames } : null;
  });
}

test('host from the app: a browser viewer joins, decodes the screen, is kicked, and quitting frees the port', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const userData = await mkdtemp(join(tmpdir(), 'electron-e2e-'));
  let app: ElectronApplication;
  try {
    app = await launchApp(userData);
  } catch (error) {
    if (!isMissingBinaryError(error)) throw error;
    const reason = `Electron could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.log(`Electron suite skipped: ${reason}`);
    test.skip(true, reason);
    return;
  }
  try {
    const host = await app.firstWindow();
    await expect(host).toHaveURL('app://desktop/host');

    // On the real binary: the page has no Node and sees only the preload's narrow API.
    const page = await host.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; desktopHost?: object };
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        api: Object.keys(scope.desktopHost ?? {}).sort(),
      };
    });
    expect(page.require).toBe('undefined');
    expect(page.process).toBe('undefined');
    expect(page.api).toContain('startHosting');
    expect(page.api).not.toContain('invoke');

    await host.getByRole('button', { name: 'Start hosting' }).click();
    await expect(host.getByRole('button', { name: 'Stop hosting' })).toBeVisible({ timeout: WAIT_MS });
    const shown = await host.locator('input[readonly]').filter({ visible: true }).first().inputValue();
    // The server listens on every interface; the viewer on this machine uses loopback.
    const link = new URL(shown);
    link.hostname = '127.0.0.1';
    const port = Number(link.port);

    const context = await browser.newContext();
    const viewer = await context.newPage();
    await viewer.goto(link.href);
    await viewer.getByLabel('Your name').fill('Ada');
    await viewer.getByRole('button', { name: 'Join' }).click();

    const ada = host.getByRole('listitem').filter({ hasText: 'Ada' });
    await ada.getByRole('button', { name: 'Admit' }).click({ timeout: WAIT_MS });
    await expect(async () => {
      const before = await framesDecoded(viewer);
      await viewer.waitForTimeout(400);
      const after = await framesDecoded(viewer);
      expect(after?.width ?? 0).toBeGreaterThan(0);
      expect(after!.frames).toBeGreaterThan(before?.frames ?? Number.POSITIVE_INFINITY);
    }).toPass({ timeout: WAIT_MS });

    await ada.getByRole('button', { name: 'Kick' }).click();
    await expect(viewer.locator('body')).toContainText('removed', { timeout: WAIT_MS });
    await expect(ada).toHaveCount(0);
    await context.close();

    await app.close();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  } finally {
    await app.close().catch(() => undefined); // already closed when the test got this far
    await rm(userData, { recursive: true, force: true });
  }
});
