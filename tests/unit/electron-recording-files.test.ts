// Recordings in the desktop app: written only to the file the user picked, chunk by
// chunk, and named by an id the page cannot choose.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeChannels, RECORDING_CHUNK_MAX_BYTES } from '../../preload/ipc-contract';
import { RecordingFiles } from '../../main/recording-files';

let folder: string;
beforeEach(async () => (folder = await mkdtemp(join(tmpdir(), 'recordings-'))));
afterEach(() => rm(folder, { recursive: true, force: true }));

function files(answer: (suggested: string) => string | null) {
  const asked: string[] = [];
  const recordings = new RecordingFiles({
    folder,
    askWhereToSave: async (suggested) => {
      asked.push(suggested);
      return answer(suggested);
    },
  });
  return { recordings, asked };
}

describe('RecordingFiles', () => {
  it('writes the chunks, in order, to the file chosen in the save dialog and says where it is', async () => {
    const chosen = join(folder, 'talk.webm');
    const { recordings, asked } = files(() => chosen);
    const opened = await recordings.start({ suggestedName: 'webrtc-desktop-host-2026-12-04-2107.webm' });
    if (!opened.ok || !opened.value) throw new Error('not opened');
    expect(asked).toEqual([join(folder, 'webrtc-desktop-host-2026-12-04-2107.webm')]);
    const { recordingId } = opened.value;
    expect(recordingId).toMatch(/^[0-9a-f]{32}$/);
    await recordings.write({ recordingId, bytes: new Uint8Array([0x1a, 0x45]) });
    await recordings.write({ recordingId, bytes: new Uint8Array([0xdf, 0xa3]) });
    expect(await recordings.finish(recordingId)).toEqual({ ok: true, value: chosen });
    expect([...(await readFile(chosen))]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  });

  it('opens nothing when the dialog is cancelled', async () => {
    const { recordings } = files(() => null);
    expect(await recordings.start({ suggestedName: 'a.webm' })).toEqual({ ok: true, value: null });
  });

  it('suggests only a name inside its folder, whatever path the page sends', async () => {
    const { recordings, asked } = files(() => null);
    await recordings.start({ suggestedName: '../../.bashrc' });
    expect(asked).toEqual([join(folder, '.bashrc')]);
  });

  it('refuses writes to an id it did not hand out, and to a finished recording', async () => {
    const { recordings } = files(() => join(folder, 'x.webm'));
    expect((await recordings.write({ recordingId: 'f'.repeat(32), bytes: new Uint8Array(1) })).ok).toBe(false);
    const opened = await recordings.start({ suggestedName: 'x.webm' });
    if (!opened.ok || !opened.value) throw new Error('not opened');
    await recordings.finish(opened.value.recordingId);
    expect((await recordings.write({ recordingId: opened.value.recordingId, bytes: new Uint8Array(1) })).ok).toBe(
      false,
    );
  });
});

describe('the recording channels of the IPC contract', () => {
  it('accept a plain .webm name only', () => {
    const name = invokeChannels.openRecording.request;
    expect(name.safeParse({ suggestedName: 'webrtc-desktop-host-2026-12-04-2107.webm' }).success).toBe(true);
    for (const bad of ['../x.webm', 'a/b.webm', 'x.exe', 'x.webm\n', ''])
      expect(name.safeParse({ suggestedName: bad }).success).toBe(false);
  });

  it('refuse a chunk over the size limit and anything that is not bytes', () => {
    const chunk = invokeChannels.writeRecording.request;
    const recordingId = 'a'.repeat(32);
    expect(chunk.safeParse({ recordingId, bytes: new Uint8Array(8) }).success).toBe(true);
    expect(chunk.safeParse({ recordingId, bytes: new Uint8Array(RECORDING_CHUNK_MAX_BYTES + 1) }).success).toBe(false);
    expect(chunk.safeParse({ recordingId, bytes: 'AAAA' }).success).toBe(false);
    expect(chunk.safeParse({ recordingId: 'not-an-id', bytes: new Uint8Array(8) }).success).toBe(false);
  });
});
