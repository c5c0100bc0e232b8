// The logger main writes through: every line still goes to the console (what a
// developer running `npm start` sees), and, once the log file is open, also to the
// rotating file in the logs folder that "Open logs folder" shows the user, with every
// secret redacted (log-redaction.ts). Child processes' output is logged line by line.
import { format } from 'node:util';
import { join } from 'node:path';
import { RotatingLogFile } from './log-file';
import { redactSecrets } from './log-redaction';

type Level = 'info' | 'warn' | 'error';

let file: RotatingLogFile | null = null;

function write(level: Level, args: unknown[]): void {
  console[level](...args);
  if (!file) return;
  try {
    file.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${redactSecrets(format(...args))}`);
  } catch (error) {
    // A full disk or a read-only folder must not take the app down: keep the console only.
    file = null;
    console.error('log file: cannot write, logging to the console only:', error);
  }
}

/** What main and update-electron-app log through (its ILogger needs `log` too). */
export const log = {
  info: (...args: unknown[]): void => write('info', args),
  log: (...args: unknown[]): void => write('info', args),
  warn: (...args: unknown[]): void => write('warn', args),
  error: (...args: unknown[]): void => write('error', args),
};

const LOG_FILE_NAME = 'main.log';

/** The newest lines of the log file (already redacted), for "Copy diagnostics"; none before it is open. */
export function recentLogLines(count: number): string[] {
  return file?.lastLines(count) ?? [];
}

/** Longest line logged from a child's output: a runaway line without newline must not fill memory. */
const OUTPUT_LINE_MAX = 4096;

type OutputStream = NodeJS.ReadableStream | null | undefined;

/** Logs each line a child process prints, as `name: line` (stderr as warnings). Streams may be absent. */
export function logOutputOf(child: { stdout?: OutputStream; stderr?: OutputStream }, name: string): void {
  for (const [stream, level] of [
    [child.stdout, 'info'],
    [child.stderr, 'warn'],
  ] as const) {
    if (!stream) continue;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = (lines.pop() ?? '').slice(-OUTPUT_LINE_MAX);
      for (const line of lines) if (line.trim() !== '') write(level, [`${name}: ${line.slice(0, OUTPUT_LINE_MAX)}`]);
    });
    stream.on('end', () => {
      if (partial.trim() !== '') write(level, [`${name}: ${partial}`]);
      partial = '';
    });
  }
}

/** Starts writing to `dir`/main.log; returns the file (tests read it). */
export function openLogFile(dir: string): RotatingLogFile {
  file = new RotatingLogFile(join(dir, LOG_FILE_NAME));
  return file;
}
