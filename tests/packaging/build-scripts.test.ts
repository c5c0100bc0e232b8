// `npm run build:all | build:win | build:mac | build:linux`: which Forge makes each runs
// on which OS, and what build:all says it cannot make here. Dry runs only: the real
// make is the packaging check's business (linux-packaging-config.test.ts).
import { spawnSync } from 'node:child_process';
import packageJson from '../../package.json';
import { buildPlan } from '../../scripts/release/build-plan.mjs';
import { ROOT } from './run-node';

const dryRun = (script: string, hostOs: string) => {
  const run = spawnSync('npm', ['run', '--silent', script, '--', '--dry-run', '--host-os', hostOs], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
};

it('package.json has the four scripts', () => {
  for (const target of ['all', 'win', 'mac', 'linux'])
    expect(packageJson.scripts).toHaveProperty(`build:${target}`, `node scripts/build-installers.mjs ${target}`);
});

it.each([
  ['linux', 'linux', ['--platform linux --arch x64']],
  ['win', 'win32', ['--platform win32 --arch x64']],
  ['mac', 'darwin', ['--platform darwin --arch arm64', '--platform darwin --arch x64']],
])('build:%s makes on %s only', (target, os, makes) => {
  expect(buildPlan(target, os).runs.map((run) => run.args.slice(2).join(' '))).toEqual(makes);
  expect(buildPlan(target, os).cannot).toEqual([]);
  const elsewhere = ['linux', 'win32', 'darwin'].find((other) => other !== os)!;
  expect(buildPlan(target, elsewhere)).toEqual({ runs: [], cannot: [expect.stringContaining(`${target} (`)] });
});

it("build:all makes this OS's installers and says plainly which it cannot make", () => {
  const run = dryRun('build:all', 'linux');
  expect(run.code).toBe(0);
  expect(run.output).toContain('build:all: cannot make win (Squirrel Setup.exe, .nupkg and RELEASES): needs Windows');
  expect(run.output).toContain('build:all: cannot make mac (.dmg and .zip (Apple silicon and Intel)): needs macOS');
  expect(run.output).toContain(
    'build:all: node esbuild.config.mjs\nbuild:all: npx electron-forge make --platform linux',
  );
  expect(run.output).toContain('build:all: would make linux into out/make/');
});

it('a single target on the wrong OS is an error, not a silent nothing', () => {
  const run = dryRun('build:mac', 'linux');
  expect(run.code).toBe(1);
  expect(run.output).toContain('build:mac: cannot make mac');
  expect(run.output).toContain('nothing to make on linux');
  expect(() => buildPlan('ios', 'darwin')).toThrow('unknown target "ios"');
});
