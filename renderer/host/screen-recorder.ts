// Records what is shared (video, and sound when it is shared) as WebM with the browser's
// MediaRecorder, handing a chunk a second to a sink so a long recording is not one
// huge blob at the end (the desktop app writes each chunk to disk as it comes).
import type { RecordingSink } from '../platform/recording-sink';

const CHUNK_MS = 1_000;
/** Best first; every Chromium and Firefox has at least the last. */
const MIME_TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'];

export function recordingSupported(): boolean {
  return typeof MediaRecorder !== 'undefined';
}

function bestMimeType(): string | undefined {
  return MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
}

export class ScreenRecorder {
  private readonly recorder: MediaRecorder;
  /** Chunks are written in order, one after the other. */
  private written: Promise<void> = Promise.resolve();
  private writeError: unknown = null;
  private readonly finished: Promise<string>;

  /** `onEnded`: the recording ended by itself (the shared tracks ended), with where it went. */
  constructor(stream: MediaStream, sink: RecordingSink, onEnded: (outcome: string) => void) {
    const mimeType = bestMimeType();
    this.recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    this.recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      this.written = this.written
        .then(() => sink.write(event.data))
        .catch((error: unknown) => {
          this.writeError ??= error;
        });
    };
    let stoppedByUs = false;
    this.finished = new Promise<void>((resolve) => (this.recorder.onstop = () => resolve()))
      .then(() => this.written)
      .then(() => {
        if (this.writeError) throw this.writeError;
        return sink.close();
      });
    this.stop = () => {
      stoppedByUs = true;
      if (this.recorder.state !== 'inactive') this.recorder.stop();
      return this.finished;
    };
    void this.finished.then(
      (outcome) => !stoppedByUs && onEnded(outcome),
      (error: unknown) => !stoppedByUs && onEnded(describeFailure(error)),
    ); // deliberately not awaited: reports an ending nobody asked for
    this.recorder.start(CHUNK_MS);
  }

  /** Stops and finishes the file; resolves with where it went. */
  readonly stop: () => Promise<string>;
}

export function describeFailure(error: unknown): string {
  return `The recording could not be saved (${error instanceof Error ? error.message : String(error)}).`;
}
