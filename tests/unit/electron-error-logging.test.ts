// What goes wrong reaches the log file, without secrets: the redaction of join links,
// host keys and WHIP tokens; main's uncaught errors; the renderer's errors through the
// contract's checked channel (and its cap); the relay's output; "Copy diagnostics"; and
// the page side that reports the errors.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { copyDiagnostics, settingsWithoutSecrets } from '../../main/diagnostics';
import { registerIpcHandlers, type IpcServices } from '../../main/ipc-handlers';
import { redactSecrets } from '../../main/log-redaction';
import { log, logOutputOf, openLogFile, recentLogLines } from '../../main/main-log';
import { logProcessErrors, RENDERER_ERRORS_PER_MINUTE, RendererErrorLog } from '../../main/process-errors';
import { utilityProcessRelay } from '../../main/relay-process';
import { LINUX_UPDATE_COMMAND, RELEASES_URL, showLinuxUpdateNotice } from '../../main/updates';
import { invokeChannels, RENDERER_ERROR_LIMITS } from '../../preload/ipc-contract';
import { REPORTED_ERROR_LIMITS, reportPageErrors } from '../../renderer/app/error-reporting';
import { BrowserWindow as FakeWindow, fake, resetFakeElectron } from '../support/fake-electron';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const LINK_KEY = 'linkKEY_0123456789abcdefghij';
const HOST_KEY = 'hostKEY_9876543210zyxwvutsrq';
const WHIP_TOKEN = 'whipTOKEN.abc-def_ghi';
const JOIN_LINK = `http://192.168.1.20:9470/join#t=${TOKEN}&k=${LINK_KEY}`;
const SECRETS = [TOKEN, LINK_KEY, HOST_KEY, WHIP_TOKEN];

let dir = '';
let logFile = '';
const logText = () => readFileSync(logFile, 'utf8');

beforeEach(() => {
  resetFakeElectron();
  for (const level of ['info', 'warn', 'error'] as const)
    jest.spyOn(console, level).mockImplementation(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'error-logging-'));
  logFile = openLogFile(dir).file;
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const expectNoSecrets = (text: string) => expect(SECRETS.filter((secret) => text.includes(secret))).toEqual([]);

describe('redaction', () => {
  it.each([
    [
      'a join link',
      `viewer link ${JOIN_LINK} copied`,
      'viewer link http://192.168.1.20:9470/join#t=[redacted]&k=[redacted] copied',
    ],
    [
      'an app link',
      `open webrtc-desktop-host://join?host=10.0.0.2&port=9470#t=${TOKEN}`,
      'open webrtc-desktop-host://join?host=10.0.0.2&port=9470#t=[redacted]',
    ],
    ['the host page', `page app://desktop/host#k=${HOST_KEY}`, 'page app://desktop/host#k=[redacted]'],
    [
      'a host key field',
      `started {"port":9470,"hostKey":"${HOST_KEY}"}`,
      'started {"port":9470,"hostKey":"[redacted]"}',
    ],
    [
      'a WHIP bearer token',
      `whip: POST /whip Authorization: Bearer ${WHIP_TOKEN}`,
      'whip: POST /whip Authorization: [redacted]',
    ],
    ['a bare bearer token', `sending Bearer ${WHIP_TOKEN}`, 'sending Bearer [redacted]'],
    ['a token query', `GET /ws?token=${TOKEN}&room=1`, 'GET /ws?token=[redacted]&room=1'],
  ])('redacts %s', (_what, line, redacted) => {
    expect(redactSecrets(line)).toBe(redacted);
  });

  it('leaves lines without secrets alone', () => {
    for (const line of ['hosting: server listening on port 9470', 'the host key is wrong', 'colour #fff, item #3'])
      expect(redactSecrets(line)).toBe(line);
  });

  it('writes a log line with a join link, a host key and a WHIP token redacted', () => {
    log.info('hosting:', { joinUrls: [JOIN_LINK], hostKey: HOST_KEY }, `Authorization: Bearer ${WHIP_TOKEN}`);
    expectNoSecrets(logText());
    expect(logText()).toContain('#t=[redacted]&k=[redacted]');
    expect(logText()).toContain("hostKey: '[redacted]'");
  });
});

describe("main's uncaught errors", () => {
  it('logs uncaught exceptions (observing only) and unhandled rejections', () => {
    const proc = new EventEmitter();
    logProcessErrors(proc as unknown as NodeJS.Process);
    expect(proc.listenerCount('uncaughtException')).toBe(0); // Electron's own handling stays
    logProcessErrors(proc as unknown as NodeJS.Process); // main loaded again (tests) replaces, never adds
    expect([proc.listenerCount('uncaughtExceptionMonitor'), proc.listenerCount('unhandledRejection')]).toEqual([1, 1]);
    proc.emit('uncaughtExceptionMonitor', new Error(`boom at ${JOIN_LINK}`), 'uncaughtException');
    proc.emit('unhandledRejection', new Error('nobody waited'));
    expect(logText()).toMatch(
      /ERROR main: uncaughtException: Error: boom at http:\/\/192\.168\.1\.20:9470\/join#t=\[redacted\]/,
    );
    expect(logText()).toMatch(/ERROR main: unhandled promise rejection: Error: nobody waited/);
    expectNoSecrets(logText());
  });
});

describe("the renderer's errors", () => {
  const CHANNEL = invokeChannels.reportRendererError.channel;
  let window: InstanceType<typeof FakeWindow>;

  beforeEach(async () => {
    window = new FakeWindow();
    await window.loadURL('app://desktop/host');
    registerIpcHandlers({ trustedWindow: () => window as unknown as BrowserWindow } as unknown as IpcServices);
  });

  const fromApp = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const ERROR = { kind: 'error', message: `TypeError: cannot open ${JOIN_LINK}`, source: 'app://desktop/app.js:10:5' };

  it('logs an error from the app window, redacted', async () => {
    await expect(
      fake.ipcMain.invoke(CHANNEL, fromApp(), { ...ERROR, stack: 'at join (app.js:10:5)' }),
    ).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(logText()).toContain(
      'ERROR renderer: error: TypeError: cannot open http://192.168.1.20:9470/join#t=[redacted]',
    );
    expect(logText()).toContain('(app://desktop/app.js:10:5)\nat join (app.js:10:5)');
    expectNoSecrets(logText());
  });

  it('refuses other senders and reports that break the contract', async () => {
    const other = new FakeWindow();
    await other.loadURL('app://desktop/host');
    const foreign = { sender: other.webContents, senderFrame: other.webContents.mainFrame };
    await expect(fake.ipcMain.invoke(CHANNEL, foreign, ERROR)).resolves.toMatchObject({ ok: false });
    await expect(
      fake.ipcMain.invoke(CHANNEL, fromApp(), { ...ERROR, message: 'x'.repeat(5000) }),
    ).resolves.toMatchObject({
      ok: false,
    });
    expect(logText()).not.toContain('ERROR renderer:');
  });

  it(`logs at most ${RENDERER_ERRORS_PER_MINUTE} a minute, then says how many it dropped`, () => {
    let now = 0;
    const errors = new RendererErrorLog(() => now);
    for (let i = 0; i < RENDERER_ERRORS_PER_MINUTE + 5; i++) errors.record({ kind: 'error', message: `loop ${i}` });
    now = 60_000;
    errors.record({ kind: 'unhandledrejection', message: 'later' });
    const lines = logText().trim().split('\n');
    expect(lines.filter((line) => line.includes('ERROR renderer: error: loop'))).toHaveLength(
      RENDERER_ERRORS_PER_MINUTE,
    );
    expect(lines.at(-2)).toContain('WARN  renderer: 5 more errors were not logged');
    expect(lines.at(-1)).toContain('ERROR renderer: unhandledrejection: later');
  });

  it('the page reports its uncaught errors and rejections, cut to the contract’s limits', () => {
    expect(REPORTED_ERROR_LIMITS).toEqual(RENDERER_ERROR_LIMITS);
    const listeners = new Map<string, (event: unknown) => void>();
    const reported: unknown[] = [];
    reportPageErrors(
      {
        addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
      } as never,
      {
        reportError: (error) => reported.push(error),
      },
    );
    const thrown = new TypeError('x is undefined');
    listeners.get('error')!({
      message: 'Uncaught TypeError: x is undefined',
      filename: 'app://desktop/app.js',
      lineno: 3,
      colno: 7,
      error: thrown,
    });
    listeners.get('unhandledrejection')!({ reason: new RangeError('y'.repeat(3000)) });
    listeners.get('unhandledrejection')!({ reason: 'plain' });
    expect(reported).toEqual([
      {
        kind: 'error',
        message: 'Uncaught TypeError: x is undefined',
        source: 'app://desktop/app.js:3:7',
        stack: thrown.stack,
      },
      { kind: 'unhandledrejection', message: expect.stringMatching(/^RangeError: y+…$/), stack: expect.any(String) },
      { kind: 'unhandledrejection', message: 'plain' },
    ]);
    expect((reported[1] as { message: string }).message).toHaveLength(RENDERER_ERROR_LIMITS.message);
  });

  it('a browser (no reportError) gets no listeners', () => {
    const addEventListener = jest.fn();
    reportPageErrors({ addEventListener } as never, {});
    expect(addEventListener).not.toHaveBeenCalled();
  });
});

describe("the relay's output", () => {
  it('logs each line a child prints, stderr as warnings, redacted, including a last line without newline', async () => {
    const child = spawn(process.execPath, [
      '-e',
      `process.stdout.write('relay ready\\npart'); setTimeout(() => { process.stdout.write('ial line\\n'); console.error('ice failed for ${JOIN_LINK}'); process.stdout.write('last'); }, 20);`,
    ]);
    logOutputOf(child, 'relay');
    await new Promise((resolve) => child.on('close', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const lines = logText()
      .trim()
      .split('\n')
      .map((line) => line.slice(25)); // after the timestamp
    expect(lines).toEqual(
      expect.arrayContaining([
        'INFO  relay: relay ready',
        'INFO  relay: partial line',
        'WARN  relay: ice failed for http://192.168.1.20:9470/join#t=[redacted]&k=[redacted]',
        'INFO  relay: last',
      ]),
    );
  });

  it('the relay process is started with its output piped to the log', () => {
    const endpoint = utilityProcessRelay(join(dir, 'no-such-relay.js'))();
    expect(fake.utilityProcesses.at(-1)?.options.stdio).toBe('pipe');
    void endpoint;
  });
});

describe('Copy diagnostics', () => {
  const sources = {
    appVersion: '1.2.3',
    isPackaged: true,
    versions: { electron: '45.5.0', chrome: '140.0', node: '22.20.0', v8: '14.0' },
    os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
    settings: async () => ({ hostingPort: 9470, window: { width: 800 }, relay: { whipToken: WHIP_TOKEN } }),
    logLines: recentLogLines,
  };

  it('replaces every secret-named setting', () => {
    expect(settingsWithoutSecrets({ a: 1, hostKey: 'x', nested: [{ apiToken: 'y', b: 'z' }] })).toEqual({
      a: 1,
      hostKey: '[redacted]',
      nested: [{ apiToken: '[redacted]', b: 'z' }],
    });
  });

  it('gathers versions, settings without secrets and the newest log lines, and puts them on the clipboard', async () => {
    for (let i = 0; i < 250; i++) log.info(`line ${i}`);
    log.info(`joined ${JOIN_LINK}`);
    await copyDiagnostics(sources);
    const text = fake.clipboard.text;
    expect(text).toMatch(
      /^WebRTC Desktop Host diagnostics, \d{4}-\d\d-\d\dT[\d:.]+Z \(copied by the user; nothing was sent/,
    );
    expect(text).toContain('App: 1.2.3 (packaged)');
    expect(text).toContain('Electron 45.5.0, Chromium 140.0, Node 22.20.0, V8 14.0');
    expect(text).toContain('OS: linux 6.1.0 (x64)');
    expect(text).toContain('Settings: {"hostingPort":9470,"window":{"width":800},"relay":{"whipToken":"[redacted]"}}');
    expect(text).toContain('Last 200 log lines:');
    expect(text).not.toContain('line 50\n');
    expect(text).toContain('line 249');
    expectNoSecrets(text);
  });
});

describe("Linux's new-version notice", () => {
  it('says to update with apt, and opens the releases page only when asked', async () => {
    fake.dialog.response = 1;
    await showLinuxUpdateNotice();
    expect(JSON.stringify(fake.dialog.shown)).toContain(LINUX_UPDATE_COMMAND);
    expect(LINUX_UPDATE_COMMAND).toBe('sudo apt update && sudo apt upgrade');
    expect(fake.shell.opened).toEqual([]);
    fake.dialog.response = 0;
    await showLinuxUpdateNotice();
    expect(fake.shell.opened).toEqual([RELEASES_URL]);
  });
});
