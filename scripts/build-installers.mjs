// `npm run build:linux | build:win | build:mac | build:all`: the app built (esbuild) and
// made into this OS's installers by Electron Forge (forge.config.ts), into out/make/.
// Each maker needs its own OS: the .deb needs dpkg (Linux), Squirrel.Windows needs
// Windows, the DMG needs macOS. build:all makes what this OS can and says plainly what
// it cannot; asking for one target on the wrong OS is an error. `--dry-run` prints the
// commands instead of running them (`--host-os` pretends to be another OS, for tests).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildPlan } from './release/build-plan.mjs';
import { cliMain } from './release/cli.mjs';

const USAGE = 'usage: npm run build:all | build:linux | build:win | build:mac [-- --dry-run]';

cliMain(USAGE, () => {
  const { values, positionals } = parseArgs({
    options: { 'dry-run': { type: 'boolean' }, 'host-os': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const target = positionals[0] ?? 'all';
  const hostOs = values['host-os'] ?? process.platform;
  const { runs, cannot } = buildPlan(target, hostOs);
  for (const line of cannot) console.log(`build:${target}: cannot make ${line} — this is ${hostOs}`);
  if (runs.length === 0) {
    console.error(
      `build:${target}: nothing to make on ${hostOs}; the release workflow makes every installer on its own OS`,
    );
    process.exit(1);
  }
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const steps = [[process.execPath, ['esbuild.config.mjs']], ...runs.map((run) => [npx, run.args])];
  for (const [command, args] of steps) {
    console.log(`build:${target}: ${command === process.execPath ? 'node' : 'npx'} ${args.join(' ')}`);
    if (values['dry-run']) continue;
    const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  const made = [...new Set(runs.map((run) => run.name))].join(', ');
  console.log(`build:${target}: ${values['dry-run'] ? 'would make' : 'made'} ${made} into out/make/`);
});
