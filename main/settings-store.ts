// The app's settings file in userData. Read through a schema (a hand-edited or
// half-written file must not crash start-up) and written atomically: a temp file
// renamed over the old one, so a crash mid-write leaves the old settings intact.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod/mini';
import { hostingPort } from '../preload/ipc-contract';

// Loose: fields this version does not know (written by a newer one) survive an update.
const settingsSchema = z.looseObject({
  hostingPort: z.optional(hostingPort),
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsStore {
  /** Writes one after another, so an older write never lands after a newer one. */
  private writes: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** The saved settings, or none (defaults) when the file is missing or not valid. */
  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`settings: cannot read ${this.file}:`, error);
      return {};
    }
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      console.warn(`settings: ${this.file} is not valid; using defaults`);
    } catch {
      console.warn(`settings: ${this.file} is not JSON; using defaults`);
    }
    return {};
  }

  update(change: Partial<Settings>): Promise<void> {
    const write = this.writes.then(async () => this.writeAtomically({ ...(await this.read()), ...change }));
    this.writes = write.catch(() => undefined); // the caller sees the error; the next write still runs
    return write;
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
