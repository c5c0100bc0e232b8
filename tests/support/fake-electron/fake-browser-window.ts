// BrowserWindow: the window factory's options, loading, focus and visibility, bounds
// and maximized state, and a preventable close, all observable by tests.
import { EventEmitter } from 'node:events';
import { preventable } from './fake-event';
import { FakeWebContents, windowHooks } from './fake-window';

export interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  focusCount = 0;
  minimized = false;
  maximized = false;
  visible = true;
  focused = true;
  /** The window's bounds when not maximized (what getNormalBounds answers). */
  bounds: FakeRectangle;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> } = {}) {
    super();
    const number = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback;
    this.bounds = {
      x: number('x', 100),
      y: number('y', 100),
      width: number('width', 800),
      height: number('height', 600),
    };
    FakeBrowserWindow.all.push(this);
    windowHooks.onWebContentsCreated?.(this.webContents);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((window) => !window.destroyed);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.loading = true;
    await Promise.resolve();
    this.webContents.finishLoad(url);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }

  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }

  getBounds(): FakeRectangle {
    return { ...this.bounds };
  }

  getNormalBounds(): FakeRectangle {
    return { ...this.bounds };
  }

  /** Test helper: the user dragged or resized the window. */
  moveTo(bounds: Partial<FakeRectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit(bounds.width === undefined && bounds.height === undefined ? 'move' : 'resize');
  }

  isVisible(): boolean {
    return this.visible;
  }

  isFocused(): boolean {
    return this.focused && this.visible;
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
  }

  focus(): void {
    this.focusCount += 1;
    this.focused = true;
  }

  blur(): void {
    this.focused = false;
  }

  /** As in Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) windowHooks.onAllWindowsClosed?.();
  }
}
