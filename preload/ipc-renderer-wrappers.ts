// The only place the preload touches ipcRenderer. Requests are checked against the
// contract before they leave (main checks again: it trusts no renderer), and the
// IpcRendererEvent never reaches the page: its `sender` is ipcRenderer itself.
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import { err } from '../signaling/protocol/result';
import {
  eventChannels,
  invokeChannels,
  type EventName,
  type InvokeMethod,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
} from './ipc-contract';

export async function invoke<M extends InvokeMethod>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const { channel, request: schema } = invokeChannels[method];
  const checked = schema.safeParse(request);
  if (!checked.success) return err(`Invalid arguments for ${method}.`) as ResponseOf<M>;
  try {
    return (await ipcRenderer.invoke(channel, checked.data)) as ResponseOf<M>;
  } catch (error) {
    // Main answers with Result errors; a rejection means the channel itself failed.
    return err(error instanceof Error ? error.message : String(error)) as ResponseOf<M>;
  }
}

/** Calls `listener` with each valid payload of the event until the returned function is called. */
export function subscribe<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
  const { channel, payload } = eventChannels[event];
  const onMessage = (_event: IpcRendererEvent, value: unknown): void => {
    const checked = payload.safeParse(value);
    if (checked.success) listener(checked.data as PayloadOf<E>);
  };
  ipcRenderer.on(channel, onMessage);
  return () => {
    ipcRenderer.off(channel, onMessage);
  };
}
