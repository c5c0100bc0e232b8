// "Record" on the host: records the current share until the user stops it or sharing
// ends, and says where the file went. The recording state is what the Host view's
// indicator shows.
import type { Signal } from '@preact/signals';
import type { Platform } from '../platform/platform';
import { recordingFileName } from '../platform/recording-sink';
import { describeFailure, recordingSupported, ScreenRecorder } from './screen-recorder';

export interface RecordingState {
  /** When the running recording started (ms since the epoch), or null when none runs. */
  readonly since: Signal<number | null>;
  /** Where the last recording went, or why it failed, in plain words. */
  readonly outcome: Signal<string | null>;
}

export interface RecordingControls {
  readonly supported: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class RecordingSession implements RecordingControls {
  readonly supported = recordingSupported();
  private recorder: ScreenRecorder | null = null;

  /** `currentShare`: what is shared now (null when nothing is); `onRecording`: tells viewers. */
  constructor(
    private readonly state: RecordingState,
    private readonly platform: Pick<Platform, 'openRecording'>,
    private readonly currentShare: () => MediaStream | null,
    private readonly onRecording: (recording: boolean) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const stream = this.currentShare();
    if (this.recorder || !stream || !this.supported) return;
    this.state.outcome.value = null;
    let sink;
    try {
      sink = await this.platform.openRecording(recordingFileName());
    } catch (error) {
      this.state.outcome.value = describeFailure(error);
      return;
    }
    if (!sink) return; // the save dialog was cancelled
    this.recorder = new ScreenRecorder(stream, sink, (outcome) => this.ended(outcome));
    this.state.since.value = Date.now();
    this.onRecording(true);
  }

  async stop(): Promise<void> {
    const recorder = this.recorder;
    if (!recorder) return;
    this.recorder = null;
    this.state.since.value = null;
    this.onRecording(false);
    this.state.outcome.value = await recorder.stop().catch(describeFailure);
  }

  /** Sharing ended (Stop hosting, or another source) and took the recording with it. */
  private ended(outcome: string): void {
    this.recorder = null;
    this.state.since.value = null;
    this.onRecording(false);
    this.state.outcome.value = `${outcome} (A recording stops when sharing stops or switches to another screen or window.)`;
  }
}
