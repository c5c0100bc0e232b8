import { recordingFileName } from '../../renderer/platform/recording-sink';
import { formatElapsed } from '../../renderer/views/host/record-control';

describe('recording words', () => {
  it('shows the running time as m:ss, and h:mm:ss past an hour', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(83_400)).toBe('1:23');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });

  it('names the file by date and time so recordings sort, with no character an OS refuses', () => {
    expect(recordingFileName(new Date(2026, 11, 4, 21, 7))).toBe('webrtc-desktop-host-2026-12-04-2107.webm');
  });
});
