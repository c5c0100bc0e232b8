// A recording in the desktop app: main asks where to save it (the system's save dialog)
// and writes each chunk to that file; the page only ever holds an id for it.
import type { DesktopApi } from '../../preload/api-types';
import type { RecordingSink } from './recording-sink';

type RecordingApi = Pick<DesktopApi, 'openRecording' | 'writeRecording' | 'closeRecording'>;

export async function openDesktopRecording(api: RecordingApi, fileName: string): Promise<RecordingSink | null> {
  const opened = await api.openRecording({ suggestedName: fileName });
  if (!opened.ok) throw new Error(opened.error);
  if (!opened.value) return null;
  const { recordingId } = opened.value;
  return {
    async write(chunk) {
      const written = await api.writeRecording({ recordingId, bytes: new Uint8Array(await chunk.arrayBuffer()) });
      if (!written.ok) throw new Error(written.error);
    },
    async close() {
      const closed = await api.closeRecording({ recordingId });
      if (!closed.ok) throw new Error(closed.error);
      return `Recording saved to ${closed.value}.`;
    },
  };
}
