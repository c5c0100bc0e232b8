// The system's save dialog for a recording, over the app window when there is one.
import { dialog, type BrowserWindow } from 'electron';

export async function askWhereToSaveRecording(
  window: BrowserWindow | null,
  defaultPath: string,
): Promise<string | null> {
  const options = { defaultPath, filters: [{ name: 'WebM video', extensions: ['webm'] }] };
  const answer = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return answer.canceled || !answer.filePath ? null : answer.filePath;
}
