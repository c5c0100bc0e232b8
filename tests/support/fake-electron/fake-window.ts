// A window's webContents and their frames: enough for the navigation guards, the IPC
// sender check and link delivery, all observable by tests.
import { EventEmitter } from 'node:events';
import { preventable } from './fake-event';
import { defaultSession, type FakeSession } from './fake-session';

let nextId = 1;

export class FakeFrame {
  readonly processId: number;
  readonly routingId: number;
  readonly frameToken: string;
  readonly frames: FakeFrame[] = [];

  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {
    this.processId = parent?.processId ?? nextId++;
    this.routingId = nextId++;
    this.frameToken = `token-${this.routingId}`;
  }

  get top(): FakeFrame {
    return this.parent ? this.parent.top : this;
  }

  /** A child frame (an iframe) showing `url`. */
  addChild(url: string): FakeFrame {
    const child = new FakeFrame(url, this);
    this.frames.push(child);
    return child;
  }
}

type OpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => {
  action: 'allow' | 'deny';
};

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly session: FakeSession = defaultSession;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: OpenHandler | null = null;
  loading = false;
  destroyed = false;

  getURL(): string {
    return this.mainFrame.url;
  }

  isLoading(): boolean {
    return this.loading;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** What a page's window.open(url) would get. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    if (!this.windowOpenHandler) return { action: 'allow' }; // Electron's default
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
  }

  /** Emits will-navigate as Electron does; returns whether the navigation was blocked. */
  tryNavigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const details = preventable({ url, isMainFrame: true });
    this.emit(event, details, url);
    return details.defaultPrevented;
  }

  /** Finishes a load of `url` in the main frame, as if the page loaded. */
  finishLoad(url: string): void {
    this.mainFrame.url = url;
    this.loading = false;
    this.emit('did-finish-load');
  }
}

/** Set by index.ts: the fake `app`, which announces every new web contents. */
export const windowHooks: {
  onWebContentsCreated?: (contents: FakeWebContents) => void;
  onAllWindowsClosed?: () => void;
} = {};
