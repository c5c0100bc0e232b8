// The desktop app's end-to-end suite (`npm run test:electron`): Playwright's _electron
// on the real Electron binary, plus Debian's Chromium for the viewer. Kept apart from
// playwright.config.ts because the binary is missing on machines that cannot download
// it, where this suite skips and says why.
import { defineConfig } from '@playwright/test';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e-electron',
  // Its own folder: Playwright empties outputDir at start, and the browser suite's
  // screenshots in test-results/ must survive this run.
  outputDir: 'test-results/electron',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-electron.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: ['--disable-gpu', '--disable-quic'] },
  },
});
