// Which service answers each channel of the contract. The router (ipc-main-wrappers)
// has already checked the sender and the arguments by the time these run.
import { clipboard, type BrowserWindow } from 'electron';
import type { HostingReport } from '../preload/api-types';
import { ok } from '../signaling/protocol';
import type { CaptureService } from './capture-service';
import type { HostingService } from './hosting-service';
import { createIpcRouter } from './ipc-main-wrappers';
import { toJoinLink } from './join-links';
import { log } from './main-log';
import type { RecordingFiles } from './recording-files';
import { RendererErrorLog } from './process-errors';

export interface IpcServices {
  /** The window allowed to call; requests from anything else are refused. */
  readonly trustedWindow: () => BrowserWindow | null;
  readonly hosting: HostingService;
  readonly capture: CaptureService;
  readonly recordings: RecordingFiles;
  /** The renderer's hosting state, for the tray and join-request notifications. */
  readonly onHostingReport: (report: HostingReport) => void;
}

export function registerIpcHandlers({
  trustedWindow,
  hosting,
  capture,
  recordings,
  onHostingReport,
}: IpcServices): void {
  const ipc = createIpcRouter(trustedWindow);
  ipc.handle('startHosting', async () => {
    const started = await hosting.start();
    if (started.ok) log.info(`hosting: server listening on port ${started.value.port}`);
    else log.warn(`hosting: ${started.error}`);
    return started;
  });
  ipc.handle('stopHosting', async () => {
    await hosting.stop();
    capture.forgetChoice();
    log.info('hosting: server stopped');
    return ok(null);
  });
  ipc.handle('getHostingPort', async () => ok(await hosting.preferredPort()));
  ipc.handle('setHostingPort', async ({ port }) => {
    await hosting.setPreferredPort(port);
    return ok(null);
  });
  ipc.handle('listSources', () => capture.listSources());
  ipc.handle('chooseSource', (request) => capture.choose(request));
  ipc.handle('systemAudioSupport', async () => ok(capture.systemAudioSupport()));
  // Read in main, so the page needs no clipboard permission; only a valid join link comes back.
  ipc.handle('readClipboardJoinLink', async () => ok(toJoinLink(await clipboard.readText())));
  ipc.handle('openRecording', (request) => recordings.start(request));
  ipc.handle('writeRecording', (chunk) => recordings.write(chunk));
  ipc.handle('closeRecording', async ({ recordingId }) => {
    const saved = await recordings.finish(recordingId);
    if (saved.ok) log.info('recording: saved'); // not the path: it can hold the user's name
    return saved;
  });
  const rendererErrors = new RendererErrorLog();
  ipc.handle('reportRendererError', async (error) => {
    rendererErrors.record(error);
    return ok(null);
  });
  ipc.handle('reportHostingState', async (report) => {
    onHostingReport(report);
    return ok(null);
  });
}
