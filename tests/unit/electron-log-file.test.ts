// The log file: rotates at its size limit keeping a fixed number of files, and main's
// logger writes timestamped lines to it without ever letting a disk problem crash the app.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_KEEP_FILES, LOG_MAX_BYTES, RotatingLogFile } from '../../main/log-file';
import type * as MainLog from '../../main/main-log';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'log-file-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const line = (n: number) => `line ${String(n).padStart(4, '0')} ${'x'.repeat(89)}`; // 100 bytes with the newline

it('defaults to 1 MiB a file, three files in all', () => {
  expect(LOG_MAX_BYTES).toBe(1024 * 1024);
  expect(LOG_KEEP_FILES).toBe(3);
});

it('appends lines, creating the folder', () => {
  const log = new RotatingLogFile(join(dir, 'nested', 'main.log'));
  log.write('first');
  log.write('second');
  expect(readFileSync(join(dir, 'nested', 'main.log'), 'utf8')).toBe('first\nsecond\n');
});

it('rotates before a line would pass the limit, keeping the newest files only', () => {
  const file = join(dir, 'main.log');
  const log = new RotatingLogFile(file, 1000, 3);
  for (let n = 1; n <= 35; n++) log.write(line(n));
  // 10 lines fill a file: 31-35 are current, 21-30 and 11-20 rotated, 1-10 dropped.
  expect(log.files()).toEqual([file, `${file}.1`, `${file}.2`]);
  expect(existsSync(`${file}.3`)).toBe(false);
  const firstLine = (path: string) => readFileSync(path, 'utf8').split('\n')[0];
  expect(firstLine(file)).toBe(line(31));
  expect(firstLine(`${file}.1`)).toBe(line(21));
  expect(firstLine(`${file}.2`)).toBe(line(11));
  for (const path of log.files()) expect(statSync(path).size).toBeLessThanOrEqual(1000);
});

it('counts what is already on disk from an earlier run', () => {
  const file = join(dir, 'main.log');
  writeFileSync(file, 'y'.repeat(950));
  new RotatingLogFile(file, 1000, 3).write(line(1));
  expect(readFileSync(`${file}.1`, 'utf8')).toBe('y'.repeat(950));
  expect(readFileSync(file, 'utf8')).toBe(`${line(1)}\n`);
});

it('keeps a line longer than the limit rather than losing it', () => {
  const file = join(dir, 'main.log');
  const log = new RotatingLogFile(file, 50, 2);
  log.write('z'.repeat(80));
  log.write('short');
  expect(readFileSync(`${file}.1`, 'utf8')).toBe(`${'z'.repeat(80)}\n`);
  expect(readFileSync(file, 'utf8')).toBe('short\n');
});

describe('main’s logger', () => {
  function loadLogger() {
    let loaded!: typeof MainLog;
    jest.isolateModules(() => {
      loaded = jest.requireActual('../../main/main-log');
    });
    return loaded;
  }

  it('writes timestamped, levelled lines to the file and still to the console', () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { log, openLogFile } = loadLogger();
    const file = openLogFile(dir);
    log.info('hosting: server listening on port %d', 9470);
    log.warn('ipc: refused', { channel: 'x' });
    const lines = readFileSync(file.file, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}hosting: server listening on port 9470$/);
    expect(lines[1]).toMatch(/WARN {2}ipc: refused \{ channel: 'x' \}$/);
    expect(info).toHaveBeenCalledWith('hosting: server listening on port %d', 9470);
  });

  it('falls back to the console alone when the file cannot be written', () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { log, openLogFile } = loadLogger();
    writeFileSync(join(dir, 'not-a-folder'), '');
    openLogFile(join(dir, 'not-a-folder'));
    expect(() => log.info('one')).not.toThrow();
    expect(() => log.info('two')).not.toThrow();
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      'log file: cannot write, logging to the console only:',
      expect.objectContaining({ code: 'EEXIST' }),
    );
  });
});
