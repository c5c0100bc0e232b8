// Both ends of IPC: ipcMain keeps the handlers main registers (tests invoke them with a
// fake event), ipcRenderer records what the preload sends and lets tests push events.
import { EventEmitter } from 'node:events';
import type { FakeFrame, FakeWebContents } from './fake-window';

type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export interface FakeInvokeEvent {
  readonly sender: FakeWebContents | null;
  readonly senderFrame: FakeFrame | null;
}

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for one channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Test helper: what ipcRenderer.invoke(channel, ...args) from `event`'s frame would get. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  /** What invoke() resolves with; tests replace it. */
  respond: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.respond(channel, ...args);
  }

  /** Test helper: main sent `payload` on `channel`. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this }, payload);
  }
}

export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed.set(key, api);
  }
}
