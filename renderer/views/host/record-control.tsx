// "Record" beside Pause: records what is shared to a WebM file, with a red dot and the
// time while it runs, and where the file went once it stops.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { reportErrors } from '../common/report-errors';

export interface RecordControlViewProps {
  /** Recording is offered only while something is shared. */
  readonly sharing: boolean;
  /** When the running recording started; null when none runs. */
  readonly since: number | null;
  readonly outcome: string | null;
  readonly onStart: () => void;
  readonly onStop: () => void;
}

/** 83 s -> "1:23"; an hour and more -> "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const mmss = `${hours > 0 ? String(minutes).padStart(2, '0') : minutes}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

export function RecordControlView({ sharing, since, outcome, onStart, onStop }: RecordControlViewProps) {
  const now = useNow(since !== null);
  return (
    <div class="record-control">
      {since === null ? (
        <button type="button" class="button" onClick={onStart} disabled={!sharing}>
          Record
        </button>
      ) : (
        <>
          <span class="recording-indicator" role="status">
            <span class="recording-dot" aria-hidden="true" />
            Recording {formatElapsed(now - since)}
          </span>
          <button type="button" class="button danger-subtle" onClick={onStop}>
            Stop recording
          </button>
        </>
      )}
      {since === null && outcome && <p class="field-note">{outcome}</p>}
    </div>
  );
}

export function RecordControl() {
  const { state, controls } = useApp();
  if (!controls.recording.supported) return null;
  const report = (task: () => Promise<void>) => reportErrors(task, state.host.error);
  return (
    <RecordControlView
      sharing={state.host.status.value === 'live'}
      since={state.recording.since.value}
      outcome={state.recording.outcome.value}
      onStart={() => report(() => controls.recording.start())}
      onStop={() => report(() => controls.recording.stop())}
    />
  );
}
