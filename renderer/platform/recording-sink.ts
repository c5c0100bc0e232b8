// Where a recording goes, chunk by chunk. The desktop app writes a file the user picked
// in a save dialog (main holds the file; the page never sees a path until it is saved);
// a browser keeps the chunks and downloads them as one file when recording stops.

export interface RecordingSink {
  write(chunk: Blob): Promise<void>;
  /** Finishes the file; plain words for where it went. */
  close(): Promise<string>;
}

/** A browser tab: chunks in memory, one download at the end (works in every browser). */
export function downloadingSink(fileName: string, document: Document = window.document): RecordingSink {
  const chunks: Blob[] = [];
  return {
    async write(chunk) {
      chunks.push(chunk);
    },
    async close() {
      const url = URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.click();
      // The download has taken the data once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      chunks.length = 0;
      return `Recording downloaded as ${fileName}.`;
    },
  };
}

/** A name that sorts by time and is valid on every OS: webrtc-desktop-host-2026-12-04-2107.webm. */
export function recordingFileName(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `webrtc-desktop-host-${day}-${pad(now.getHours())}${pad(now.getMinutes())}.webm`;
}
