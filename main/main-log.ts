// The logger main writes through: every line still goes to the console (what a
// developer running `npm start` sees), and, once the log file is open, also to the
// rotating file in the logs folder that "Open logs folder" shows the user.
import { format } from 'node:util';
import { join } from 'node:path';
import { RotatingLogFile } from './log-file';

type Level = 'info' | 'warn' | 'error';

let file: RotatingLogFile | null = null;

function write(level: Level, args: unknown[]): void {
  console[level](...args);
  if (!file) return;
  try {
    file.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${format(...args)}`);
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

/** Starts writing to `dir`/main.log; returns the file (tests read it). */
export function openLogFile(dir: string): RotatingLogFile {
  file = new RotatingLogFile(join(dir, LOG_FILE_NAME));
  return file;
}
