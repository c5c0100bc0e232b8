// A size-capped log file. A host can run for days: rotating by size keeps the log from
// filling the disk while still holding the recent history a bug report needs.
// Files: main.log (current), main.log.1, main.log.2 … `keep` files in all.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP_FILES = 3;

export class RotatingLogFile {
  /** Bytes in the current file; read from disk once, then counted. */
  private size: number | null = null;

  constructor(
    readonly file: string,
    private readonly maxBytes = LOG_MAX_BYTES,
    private readonly keep = LOG_KEEP_FILES,
  ) {}

  /**
   * Appends one line. Synchronous on purpose: main logs a few lines a minute, and a
   * synchronous append keeps them in order and on disk even if the process dies next.
   * Throws when the disk refuses; the caller decides what to do about that.
   */
  write(line: string): void {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    this.size ??= this.sizeOnDisk();
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.file, text, { mode: 0o600 });
    this.size += bytes;
  }

  /** The current file and its older siblings, newest first. */
  files(): string[] {
    return [this.file, ...Array.from({ length: this.keep - 1 }, (_, i) => `${this.file}.${i + 1}`)];
  }

  /** The newest `count` lines, oldest first, from the current file and the one before it. */
  lastLines(count: number): string[] {
    const lines: string[] = [];
    for (const file of this.files().slice(0, 2)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        break; // not written yet, or rotated away meanwhile
      }
      lines.unshift(...text.split('\n').filter((line) => line !== ''));
      if (lines.length >= count) break;
    }
    return lines.slice(-count);
  }

  private rotate(): void {
    const [current, ...older] = this.files();
    const oldest = older.at(-1);
    if (oldest === undefined) {
      rmSync(this.file, { force: true }); // keep 1: start the one file afresh
    } else {
      rmSync(oldest, { force: true });
      // main.log.1 -> main.log.2, then main.log -> main.log.1
      for (let i = older.length - 1; i > 0; i--) {
        const from = older[i - 1]!;
        if (existsSync(from)) renameSync(from, older[i]!);
      }
      renameSync(current!, older[0]!);
    }
    this.size = 0;
  }

  private sizeOnDisk(): number {
    mkdirSync(dirname(this.file), { recursive: true });
    try {
      return statSync(this.file).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }
}
