// The app's settings file in userData. Read through a schema (a hand-edited or
// half-written file must not crash start-up) and written atomically: a temp file
// renamed over the old one, so a crash mid-write leaves the old settings intact.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod/mini';
import { hostingPort } from '../preload/ipc-contract';
import { log } from './main-log';

const pixels = z.int().check(z.minimum(-100_000), z.maximum(100_000));
const windowState = z.object({
  x: pixels,
  y: pixels,
  width: z.int().check(z.minimum(1), z.maximum(100_000)),
  height: z.int().check(z.minimum(1), z.maximum(100_000)),
  maximized: z.boolean(),
});

// Loose: fields this version does not know (written by a newer one) survive an update.
const settingsSchema = z.looseObject({
  hostingPort: z.optional(hostingPort),
  // A bad window entry costs only the window position, not the other settings.
  window: z.catch(z.optional(windowState), undefined),
});

export type Settings = z.infer<typeof settingsSchema>;
/** Where the window was: its normal (unmaximized) bounds, and whether it was maximized. */
export type WindowState = z.infer<typeof windowState>;

export class SettingsStore {
  /** Writes one after another, so an older write never lands after a newer one. */
  private writes: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(readonly file: string) {}

  /** The saved settings, or none (defaults) when the file is missing or not valid. */
  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`settings: cannot read ${this.file}:`, error);
      return {};
    }
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      log.warn(`settings: ${this.file} is not valid; using defaults`);
    } catch {
      log.warn(`settings: ${this.file} is not JSON; using defaults`);
    }
    return {};
  }

  update(change: Partial<Settings>): Promise<void> {
    this.pending += 1;
    const write = this.writes
      .then(async () => this.writeAtomically({ ...(await this.read()), ...change }))
      .finally(() => (this.pending -= 1));
    this.writes = write.catch(() => undefined); // the caller sees the error; the next write still runs
    return write;
  }

  /** Whether a write has not landed yet (quitting waits for it). */
  get writing(): boolean {
    return this.pending > 0;
  }

  /** Resolves once every write asked for so far has landed or failed. */
  flush(): Promise<void> {
    return this.writes;
  }

  private async writeAtomically(settings: Settings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
