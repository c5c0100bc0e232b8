// The only place main touches ipcMain / webContents.send. Every request is checked
// here, before any handler runs: who sent it, and whether its argument passes the
// channel's schema. Failures come back as Result errors; nothing here throws.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import { err } from '../signaling/protocol';
import {
  eventChannels,
  invokeChannels,
  type EventName,
  type InvokeMethod,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
} from '../preload/ipc-contract';
import { isAppUrl } from './app-origin';
import { log } from './main-log';

export const FOREIGN_SENDER = 'This request did not come from the app window.';
export const BAD_ARGUMENTS = 'This request had arguments the app does not accept.';

// WebFrameMain objects are cached per frame, so identity holds; the token check keeps a
// re-created wrapper of the same frame from locking the app out.
function isSameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a === b || (a.processId === b.processId && a.frameToken === b.frameToken);
}

/** Only our window's main frame, showing our own page, may drive main: not a subframe, a webview or another window. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | null,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  const contents = window.webContents;
  return frame !== null && event.sender === contents && isSameFrame(frame, contents.mainFrame) && isAppUrl(frame.url);
}

export type InvokeHandler<M extends InvokeMethod> = (request: RequestOf<M>) => Promise<ResponseOf<M>>;

export interface IpcRouter {
  handle<M extends InvokeMethod>(method: M, handler: InvokeHandler<M>): void;
}

/** Handlers that answer only the window `trustedWindow()` returns at the time of the call. */
export function createIpcRouter(trustedWindow: () => BrowserWindow | null): IpcRouter {
  return {
    handle(method, handler) {
      const { channel, request } = invokeChannels[method];
      ipcMain.handle(channel, async (event, ...args: unknown[]) => {
        if (!isTrustedSender(event, trustedWindow())) {
          log.warn(`ipc: ${channel} refused: sender ${event.senderFrame?.url ?? '(no frame)'} is not the app window`);
          return err(FOREIGN_SENDER);
        }
        const checked = args.length <= 1 ? request.safeParse(args[0]) : undefined;
        if (!checked?.success) {
          log.warn(`ipc: ${channel} refused: arguments do not match the contract`);
          return err(BAD_ARGUMENTS);
        }
        try {
          return await handler(checked.data as Parameters<typeof handler>[0]);
        } catch (error) {
          log.error(`ipc: ${channel} failed:`, error);
          return err(error instanceof Error ? error.message : String(error));
        }
      });
    },
  };
}

/** Main -> renderer, through the contract's event channel. */
export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: PayloadOf<E>): void {
  contents.send(eventChannels[event].channel, payload);
}
