// The WHIP tier: Chromium publishes through our WHIP client to a real media server (Janus with
// Meetecho's simple-whip-server in front, both on loopback). Skips, saying why, without them.
import { defineConfig } from '@playwright/test';
import browserSuite from './playwright.config';
import { whipStackUnavailable } from './tests/whip/support/availability';

const unavailable = whipStackUnavailable();
// Printed here, in the runner's own process: a test file's output at load time is not shown.
if (unavailable) console.log(`WHIP tests skip: ${unavailable}`);

const launchOptions = browserSuite.use?.launchOptions ?? {};

export default defineConfig({
  ...browserSuite,
  testDir: 'tests/whip',
  outputDir: 'test-results/playwright-whip',
  timeout: 45_000,
  globalTimeout: 3 * 60 * 1000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-whip.json' }]],
  use: {
    ...browserSuite.use,
    launchOptions: {
      ...launchOptions,
      // Janus offers only loopback candidates (its ICE is kept on 127.0.0.1).
      args: [...(launchOptions.args ?? []), '--allow-loopback-in-peer-connection'],
    },
  },
});
