// Recordings in the desktop app: the user picks where in the system's save dialog, main
// opens that file and appends the chunks the page sends. The page names the file only
// by a random id, so it can never write anywhere the user did not choose.
import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecordingChunk, RecordingOpened, RecordingOpenRequest } from '../preload/api-types';
import { err, ok, type Result } from '../signaling/protocol';

export interface RecordingFilesOptions {
  /** The folder the dialog starts in (the user's Videos folder). */
  readonly folder: string;
  /** The system's save dialog: the chosen path, or null when cancelled. */
  readonly askWhereToSave: (suggestedPath: string) => Promise<string | null>;
}

interface OpenRecording {
  readonly path: string;
  readonly file: FileHandle;
}

const NOT_OPEN = 'That recording is not open (it was finished already, or never started).';

export class RecordingFiles {
  private readonly open = new Map<string, OpenRecording>();

  constructor(private readonly options: RecordingFilesOptions) {}

  async start({ suggestedName }: RecordingOpenRequest): Promise<Result<RecordingOpened | null, string>> {
    const path = await this.options.askWhereToSave(join(this.options.folder, basename(suggestedName)));
    if (path === null) return ok(null);
    try {
      const file = await open(path, 'w');
      const recordingId = randomBytes(16).toString('hex');
      this.open.set(recordingId, { path, file });
      return ok({ recordingId });
    } catch (error) {
      return err(`The recording file could not be created: ${describe(error)}`);
    }
  }

  async write({ recordingId, bytes }: RecordingChunk): Promise<Result<null, string>> {
    const recording = this.open.get(recordingId);
    if (!recording) return err(NOT_OPEN);
    try {
      await recording.file.write(bytes);
      return ok(null);
    } catch (error) {
      await this.finish(recordingId);
      return err(`The recording could not be written (the disk may be full): ${describe(error)}`);
    }
  }

  /** Closes the file; answers where it was saved. */
  async finish(recordingId: string): Promise<Result<string, string>> {
    const recording = this.open.get(recordingId);
    if (!recording) return err(NOT_OPEN);
    this.open.delete(recordingId);
    await recording.file.close();
    return ok(recording.path);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
