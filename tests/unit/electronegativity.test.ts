// @doyensec/electronegativity over main/ and preload/ (the TypeScript sources: it parses
// .ts with Babel's TypeScript plugin). It exits 0 whatever it finds, so this test runs
// it in a child process, has it write a CSV report (the SARIF report carries no
// severity), parses that, and fails on any HIGH or MEDIUM finding that is not on the
// allow-list below. Each allow-list entry names the exact line it covers and a reason
// that docs/security.md repeats word for word.
//
// AvailableSecurityFixesGlobalCheck is excluded: it looks Electron releases up online.
// The tool also tries to fetch translations (and gives up after a DNS failure here);
// that costs a few seconds, not the result.
//
// Four scans run at once in beforeAll:
// - app:        main/ + preload/, gated by the allow-list;
// - bad:        deliberately insecure windows, which must fail the same gate (the gate can fail);
// - prefs:      the object secureWebPreferences() really returns, as a literal, which the
//               window checks must pass (the allow-listed window findings are blind to it);
// - control:    the same object made insecure, which those checks must flag.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_CONTENT_SECURITY_POLICY } from '../../main/app-content-security-policy';
import { secureWebPreferences } from '../../main/secure-window';
import { PAGE_CONTENT_SECURITY_POLICY } from '../../signaling/server/web-content';

const ROOT = resolve(__dirname, '../..');
const localRequire = createRequire(__filename);
const SCAN_TIMEOUT_MS = 45_000;
const BLOCKING = new Set(['HIGH', 'MEDIUM']);

// ---------------------------------------------------------------------------------------
// The allow-list. A finding is allowed only for this check, in this file, on a line whose
// text (trimmed) is exactly `line`, or, for `contains` entries, holds the reviewed call
// (so a new log message beside it needs no new review). The window-factory entries are
// exact: a setting written inline on that line would be a new finding, not an allowed
// one. Every entry must still match a finding, so none outlives the code it excused.

const REASONS = {
  windowFactory:
    'The window’s webPreferences come from secureWebPreferences() in main/secure-window.ts, a call the check does not follow into; the object that call returns is scanned separately by this test and passes the context-isolation, sandbox and node-integration checks.',
  auxclick:
    'Middle-click on a link asks for a new window, and the setWindowOpenHandler in guardWebContents (main/secure-window.ts) denies every new window (allow-listed https links go to the user’s browser instead), so turning off the Auxclick Blink feature would add nothing.',
  csp: 'The CSP is a response header on every app:// response (main/app-protocol.ts) and on every response of the signaling server’s HTTP handler (signaling/server/http-handler.ts); the check only looks for meta tags and webRequest header code, so this test evaluates both policies with the same CSP evaluator instead.',
  protocolHandler:
    'Reviewed: a webrtc-desktop-host:// link is only read as text by toJoinLink (main/join-links.ts), which keeps nothing but a valid join link, and it only fills in the Join view; nothing is loaded, opened or run, and joining still takes a click.',
  openExternal:
    'Reviewed: shell.openExternal runs only for a URL that isAllowedExternalUrl (main/secure-window.ts) accepts: https, no user name or password, origin on the EXTERNAL_ORIGINS list (https://github.com only).',
} as const;

interface Allowed {
  readonly id: string;
  readonly file: string;
  /** The flagged line, trimmed ('N/A' for global checks, which have no line). */
  readonly line: string;
  /** true: the flagged line need only contain `line`. */
  readonly contains?: boolean;
  readonly reason: string;
}

const ALLOW_LIST: readonly Allowed[] = [
  {
    id: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'main/secure-window.ts',
    line: 'const window = new BrowserWindow({',
    reason: REASONS.windowFactory,
  },
  {
    id: 'SANDBOX_JS_CHECK',
    file: 'main/secure-window.ts',
    line: 'const window = new BrowserWindow({',
    reason: REASONS.windowFactory,
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'main/secure-window.ts',
    line: 'const window = new BrowserWindow({',
    reason: REASONS.auxclick,
  },
  { id: 'CSP_GLOBAL_CHECK', file: 'N/A', line: 'N/A', reason: REASONS.csp },
  {
    id: 'PROTOCOL_HANDLER_JS_CHECK',
    file: 'main/join-links.ts',
    line: 'app.setAsDefaultProtocolClient(JOIN_SCHEME',
    contains: true,
    reason: REASONS.protocolHandler,
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/secure-window.ts',
    line: 'shell.openExternal(url)',
    contains: true,
    reason: REASONS.openExternal,
  },
];

// ---------------------------------------------------------------------------------------
// Running the tool and reading its report.

interface Finding {
  readonly id: string;
  readonly severity: string;
  readonly confidence: string;
  readonly file: string;
  readonly location: string;
  readonly sample: string;
  readonly description: string;
}

interface Scan {
  readonly findings: Finding[];
  /** Files the tool could not parse or check: their findings would be missing. */
  readonly errors: Array<{ file: string; message: string }>;
  /** How many issues the tool returned (the CSV must hold as many rows). */
  readonly issueCount: number;
  readonly checksRun: number;
}

const RESULT_MARKER = 'ELECTRONEGATIVITY_RESULT ';

// The child: the same run() the electronegativity CLI calls, with the CLI's options. Run
// in-process the CLI prints nothing about files it failed to parse once it writes a
// report; here those errors come back on stdout.
const CHILD_SCRIPT = `
const [runnerPath, optionsJson] = process.argv.slice(1);
// No network from the scan: the tool fetches translations with 'got' on start-up;
// this machine reaches no such host, and a test must not try.
const Module = require('node:module');
const load = Module._load;
const offline = () => Promise.reject(new Error('offline: the scan makes no network requests'));
Module._load = function (request, ...rest) {
  return request === 'got' ? Object.assign(offline, { default: offline, get: offline }) : load.call(this, request, ...rest);
};
const run = require(runnerPath);
run(JSON.parse(optionsJson), false).then(
  (result) => {
    const errors = result.errors.map((e) => ({ file: e.file, message: e.message }));
    process.stdout.write('\\n' + ${JSON.stringify(RESULT_MARKER)} + JSON.stringify({ errors, issueCount: result.issues.length, checksRun: result.globalChecks + result.atomicChecks }) + '\\n');
  },
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(2);
  },
);
`;

interface ScanOptions {
  /** Only these checks (class names); default: all of them but the online one. */
  readonly checks?: readonly string[];
}

async function electronegativity(input: string, report: string, options: ScanOptions = {}): Promise<Scan> {
  const electronVersion = JSON.parse(await readFile(localRequire.resolve('electron/package.json'), 'utf8'))
    .version as string;
  const runOptions = {
    input,
    output: report,
    isSarif: false,
    customScan: (options.checks ?? []).map((name) => name.toLowerCase()),
    // With a custom list no global check runs, and excluding one that is not loaded is an error.
    excludeFromScan: options.checks ? [] : ['availablesecurityfixesglobalcheck'],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  };
  const { code, stdout, stderr } = await runChild([
    process.execPath,
    '-e',
    CHILD_SCRIPT,
    localRequire.resolve('@doyensec/electronegativity'),
    JSON.stringify(runOptions),
  ]);
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
  if (code !== 0 || !line) throw new Error(`electronegativity failed (exit ${code}):\n${stdout}\n${stderr}`);
  const summary = JSON.parse(line.slice(RESULT_MARKER.length)) as Omit<Scan, 'findings'>;
  return { ...summary, findings: parseReport(await readFile(report, 'utf8')) };
}

function runChild([command, ...args]: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    // One libuv thread: the tool writes the CSV header and rows with two unawaited
    // fs.writeFile calls; with one thread they land in order.
    const child = spawn(command as string, args, {
      cwd: ROOT,
      env: { ...process.env, UV_THREADPOOL_SIZE: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), SCAN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** The tool's CSV: a header line, then one quoted row per finding ("" escapes a quote). */
function parseReport(text: string): Finding[] {
  const rows = parseCsv(text);
  const header = rows.shift()?.map((cell) => cell.trim());
  if (header?.join(',') !== 'issue,severity,confidence,filename,location,sample,description,url') {
    throw new Error(`unexpected electronegativity report header: ${JSON.stringify(header)}`);
  }
  return rows.map(
    ([id = '', severity = '', confidence = '', file = '', location = '', sample = '', description = '']) => ({
      id,
      severity,
      confidence,
      file: file.replaceAll('\\', '/'),
      location,
      sample: sample.trim(),
      description,
    }),
  );
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((cell) => cell !== '')) rows.push(row);
      row = [];
    } else field += char;
  }
  row.push(field);
  if (row.some((cell) => cell !== '')) rows.push(row);
  return rows;
}

// ---------------------------------------------------------------------------------------
// The gate.

const matches = (allowed: Allowed, finding: Finding): boolean =>
  allowed.id === finding.id &&
  allowed.file === finding.file &&
  (allowed.contains ? finding.sample.includes(allowed.line) : finding.sample === allowed.line);

function gate(
  findings: readonly Finding[],
  allowList: readonly Allowed[] = ALLOW_LIST,
): { unexplained: Finding[]; unused: Allowed[] } {
  const blocking = findings.filter((finding) => BLOCKING.has(finding.severity));
  return {
    unexplained: blocking.filter((finding) => !allowList.some((allowed) => matches(allowed, finding))),
    unused: allowList.filter((allowed) => !blocking.some((finding) => matches(allowed, finding))),
  };
}

const describeFinding = (f: Finding): string =>
  `${f.id} (${f.severity}, ${f.confidence}) ${f.file}:${f.location} ${f.sample}`;

// ---------------------------------------------------------------------------------------
// Fixtures and the scans.

const BAD_WINDOW = `import { BrowserWindow } from 'electron';

/** Deliberately insecure: Node in the page, no context isolation. */
export function openInsecureWindow(url: string): BrowserWindow {
  const window: BrowserWindow = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
  void window.loadURL(url);
  return window;
}
`;

/** The allow-listed file name and factory line, regressed: the allow-list must not hide it. */
const REGRESSED_FACTORY = `import { BrowserWindow } from 'electron';

export function createSecureWindow(): BrowserWindow {
  const window = new BrowserWindow({
    webPreferences: { contextIsolation: false, sandbox: false },
  });
  return window;
}
`;

const WINDOW_CHECKS = [
  'ContextIsolationJSCheck',
  'SandboxJSCheck',
  'NodeIntegrationJSCheck',
  'WebSecurityJSCheck',
  'InsecureContentJSCheck',
  'ExperimentalFeaturesJSCheck',
  'BlinkFeaturesJSCheck',
] as const;

function windowWith(preferences: object): string {
  return `// Generated by tests/unit/electronegativity.test.ts.\nconst { BrowserWindow } = require('electron');\nnew BrowserWindow(${JSON.stringify({ webPreferences: preferences }, null, 2)});\n`;
}

let workDir = '';
let scans: { app: Scan; bad: Scan; prefs: Scan; control: Scan };

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'electronegativity-'));
  const dir = (name: string) => join(workDir, name);

  await cp(join(ROOT, 'main'), join(dir('app'), 'main'), { recursive: true });
  await cp(join(ROOT, 'preload'), join(dir('app'), 'preload'), { recursive: true });

  await mkdir(join(dir('bad'), 'main'), { recursive: true });
  await writeFile(join(dir('bad'), 'main', 'bad-window.ts'), BAD_WINDOW);
  await writeFile(join(dir('bad'), 'main', 'secure-window.ts'), REGRESSED_FACTORY);

  const preferences = secureWebPreferences('/app/dist/preload/preload.js');
  await mkdir(dir('prefs'));
  await writeFile(join(dir('prefs'), 'window-preferences.js'), windowWith(preferences));
  await mkdir(dir('control'));
  await writeFile(
    join(dir('control'), 'window-preferences.js'),
    windowWith({ ...preferences, contextIsolation: false, sandbox: false, webSecurity: false }),
  );

  const [app, bad, prefs, control] = await Promise.all([
    electronegativity(dir('app'), join(workDir, 'app.csv')),
    electronegativity(dir('bad'), join(workDir, 'bad.csv')),
    electronegativity(dir('prefs'), join(workDir, 'prefs.csv'), { checks: WINDOW_CHECKS }),
    electronegativity(dir('control'), join(workDir, 'control.csv'), { checks: WINDOW_CHECKS }),
  ]);
  scans = { app, bad, prefs, control };
}, SCAN_TIMEOUT_MS + 15_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------

describe('electronegativity over main/ and preload/', () => {
  it('parses every file and writes a complete report', () => {
    expect(scans.app.errors).toEqual([]);
    expect(scans.app.findings).toHaveLength(scans.app.issueCount);
    expect(scans.app.checksRun).toBeGreaterThanOrEqual(40); // 41 checks minus the online one
    expect(scans.app.findings.map((f) => f.id)).not.toContain('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK');
  });

  it('has no HIGH or MEDIUM finding outside the allow-list', () => {
    const { unexplained } = gate(scans.app.findings);
    expect(unexplained.map(describeFinding)).toEqual([]);
  });

  it('has no allow-list entry left without its finding', () => {
    const { unused } = gate(scans.app.findings);
    expect(unused.map((entry) => `${entry.id} ${entry.file}: ${entry.line}`)).toEqual([]);
  });

  it('finds the global checks satisfied: navigation limits and a permission request handler', () => {
    const ids = scans.app.findings.map((f) => f.id);
    expect(ids).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(ids).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  });

  it('every allow-list reason is written in docs/security.md, word for word', async () => {
    const doc = await readFile(join(ROOT, 'docs/security.md'), 'utf8');
    for (const entry of ALLOW_LIST) {
      expect(doc).toContain(entry.reason);
      expect(doc).toContain(entry.id);
    }
  });
});

describe('the gate can fail', () => {
  it('flags a deliberately insecure window (nodeIntegration on, contextIsolation off)', () => {
    expect(scans.bad.errors).toEqual([]);
    const { unexplained } = gate(scans.bad.findings);
    const inBadWindow = unexplained.filter((f) => f.file === 'main/bad-window.ts');
    expect(inBadWindow).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
        expect.objectContaining({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM' }),
      ]),
    );
    // Since Electron 20 the tool rates nodeIntegration alone as informational: sandboxing is what keeps Node out.
    expect(scans.bad.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'NODE_INTEGRATION_JS_CHECK', file: 'main/bad-window.ts' }),
      ]),
    );
  });

  it('does not let the allow-list hide a regression in the very file it covers', () => {
    const { unexplained } = gate(scans.bad.findings);
    const inFactory = unexplained.filter((f) => f.file === 'main/secure-window.ts').map((f) => f.id);
    expect(inFactory).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  });

  it('flags missing navigation limits and permission handlers when the code has none', () => {
    const ids = gate(scans.bad.findings).unexplained.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(['LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
    );
  });
});

describe('what the allow-listed findings cannot see', () => {
  it('the webPreferences secureWebPreferences() returns pass every window check', () => {
    expect(scans.prefs.errors).toEqual([]);
    expect(scans.prefs.checksRun).toBe(WINDOW_CHECKS.length);
    expect(scans.prefs.findings.map(describeFinding)).toEqual([]);
  });

  it('the same checks flag that object once it is made insecure (the control)', () => {
    const ids = scans.control.findings.filter((f) => BLOCKING.has(f.severity)).map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']),
    );
  });

  interface CspFinding {
    readonly severity: number;
    readonly description: string;
    readonly directive: string;
  }
  interface CspEvaluatorModule {
    readonly CspParser: new (policy: string) => { csp: unknown };
    readonly CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
    readonly Version: { readonly CSP3: unknown };
    readonly severities: Readonly<Record<'HIGH' | 'SYNTAX' | 'MEDIUM', number>>;
  }

  it.each([
    ['app:// pages (main/app-content-security-policy.ts)', APP_CONTENT_SECURITY_POLICY],
    ['the signaling server (signaling/server/web-content.ts)', PAGE_CONTENT_SECURITY_POLICY],
  ])('the CSP of %s has no HIGH, MEDIUM or syntax finding in the CSP evaluator the tool uses', (_where, policy) => {
    // Resolved from the tool's own folder: exactly the evaluator its CSP check runs.
    const csp = createRequire(localRequire.resolve('@doyensec/electronegativity'))(
      '@doyensec/csp-evaluator',
    ) as CspEvaluatorModule;
    const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
    const serious = new Set([csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM]);
    expect(findings.filter((f) => serious.has(f.severity)).map((f) => `${f.directive}: ${f.description}`)).toEqual([]);
    // And the control: a weak policy is caught.
    const weak = new csp.CspEvaluator(
      new csp.CspParser("script-src 'self' 'unsafe-inline'").csp,
      csp.Version.CSP3,
    ).evaluate();
    expect(weak.some((f) => serious.has(f.severity))).toBe(true);
  });
});
