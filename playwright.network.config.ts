// The network lab tier (tests/network): host, relay and viewers in Linux network
// namespaces joined by routers, NAT, a shaper and a TURN server. Needs root; skips,
// saying why, elsewhere.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/network',
  outputDir: 'test-results/playwright-network',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  globalSetup: './tests/network/lab/global-setup.ts',
  // Stops a stuck run; the global teardown still removes every namespace.
  globalTimeout: 8 * 60 * 1000,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-network.json' }]],
});
