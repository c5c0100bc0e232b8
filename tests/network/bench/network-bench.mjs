// `npm run bench:network` (a first skeleton): runs the network lab's scenarios (root
// only) and collects what each one measured (its Playwright annotations: join -> first
// frame, recovery after an outage, fps and bitrate on lossy Wi-Fi) into
// test-results/network-bench.json, with a human summary on stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const REPORT = 'test-results/playwright-network.json';
const OUT = 'test-results/network-bench.json';

const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
spawnSync('npx', ['playwright', 'test', '-c', 'playwright.network.config.ts', '--reporter=json'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: REPORT },
});
if (!existsSync(REPORT)) {
  console.error(`bench:network: the network lab wrote no ${REPORT}`);
  process.exit(1);
}

const scenarios = [];
const walk = (suite) => {
  for (const child of suite.suites ?? []) walk(child);
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests)
      for (const result of test.results)
        scenarios.push({
          scenario: spec.title,
          status: result.status,
          measured: Object.fromEntries((result.annotations ?? []).map((a) => [a.type, a.description])),
        });
};
JSON.parse(readFileSync(REPORT, 'utf8')).suites.forEach(walk);
writeFileSync(OUT, `${JSON.stringify({ at: new Date().toISOString(), scenarios }, null, 2)}\n`);

for (const { scenario, status, measured } of scenarios) {
  const values = Object.entries(measured).map(([name, value]) => `${name}: ${value}`);
  console.log(`${status.padEnd(8)} ${scenario}${values.length ? `\n         ${values.join('\n         ')}` : ''}`);
}
console.log(`(JSON: ${OUT})`);
process.exit(scenarios.every((s) => s.status === 'passed' || s.status === 'skipped') ? 0 : 1);
