// `npm test`: builds, runs every tier (jest unit + integration + property, Playwright
// in Chromium, WHIP publishing to Janus, the desktop app's _electron suite, the network
// lab) and ends with one line:
// `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// A hung runner must not hang CI: each tier gets a hard limit and counts as failed past it.
const TIER_LIMIT_MS = 20 * 60 * 1000;
const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    timeout: TIER_LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error) console.error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result.status;
};

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
if (run(process.execPath, ['esbuild.config.mjs']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };

process.env.SKIP_BUILD = '1'; // built just above
// --forceExit: a socket some test forgot must not keep the run open after the last test.
run(npx, ['jest', '--forceExit', '--json', '--outputFile=test-results/jest.json']);
if (existsSync('test-results/jest.json')) {
  const jest = JSON.parse(readFileSync('test-results/jest.json', 'utf8'));
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
} else {
  console.error('jest wrote no results: counting it as one failure');
  totals.failed += 1;
}

// Browser suites, then the desktop app's _electron suite (it skips, saying why, where
// the Electron binary could not be downloaded), then the network lab (it skips, saying
// why, where it is not root or has no `ip netns`).
for (const [config, results] of [
  ['playwright.config.ts', 'test-results/playwright.json'],
  ['playwright.whip.config.ts', 'test-results/playwright-whip.json'],
  ['playwright.electron.config.ts', 'test-results/playwright-electron.json'],
  ['playwright.network.config.ts', 'test-results/playwright-network.json'],
]) {
  run(npx, ['playwright', 'test', '-c', config]);
  if (existsSync(results)) {
    const report = JSON.parse(readFileSync(results, 'utf8'));
    const { stats, errors = [] } = report;
    for (const line of skipReasons(report.suites ?? [])) console.log(line);
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected + errors.length;
    totals.skipped += stats.skipped;
  } else {
    console.error(`Playwright (${config}) wrote no results: counting it as one failure`);
    totals.failed += 1;
  }
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);

/** Every skipped Playwright test with its reason (the list reporter shows only its title). */
function skipReasons(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((test) => test.status === 'skipped')
        .map((test) => {
          const why = test.annotations
            .map((note) => note.description)
            .filter(Boolean)
            .join('; ');
          return `skipped: ${spec.file} "${spec.title}" (${test.projectName || 'default'}): ${why || 'no reason given'}`;
        }),
    ),
    ...skipReasons(suite.suites ?? []),
  ]);
}
