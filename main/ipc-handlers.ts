// Which service answers each channel of the contract. The router (ipc-main-wrappers)
// has already checked the sender and the arguments by the time these run.
import { clipboard, type BrowserWindow } from 'electron';
import { ok } from '../signaling/protocol';
import type { CaptureService } from './capture-service';
import type { HostingService } from './hosting-service';
import { createIpcRouter } from './ipc-main-wrappers';
import { toJoinLink } from './join-links';

export interface IpcServices {
  /** The window allowed to call; requests from anything else are refused. */
  readonly trustedWindow: () => BrowserWindow | null;
  readonly hosting: HostingService;
  readonly capture: CaptureService;
}

export function registerIpcHandlers({ trustedWindow, hosting, capture }: IpcServices): void {
  const ipc = createIpcRouter(trustedWindow);
  ipc.handle('startHosting', () => hosting.start());
  ipc.handle('stopHosting', async () => {
    await hosting.stop();
    capture.forgetChoice();
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
}
