// `app`: lifecycle events, the single-instance lock, protocol-client registration and
// quitting (before-quit / will-quit can be prevented, as in Electron).
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preventable } from './fake-event';

export class FakeApp extends EventEmitter {
  /** What requestSingleInstanceLock() answers (false: another instance runs). */
  singleInstanceLock = true;
  userDataDir = join(tmpdir(), `fake-electron-${process.pid}`);
  readonly protocolClients: unknown[][] = [];
  quitRequests = 0;
  exitCode: number | null = null;
  /** True once a quit went through (no listener prevented it). */
  quitted = false;
  /** Tests of packaged-only behaviour (updates) set this. */
  isPackaged = false;
  logsDir: string | null = null;
  private ready = false;
  private resolveReady!: () => void;
  private readyPromise = this.newReadyPromise();

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.protocolClients.push(args);
    return true;
  }

  getPath(name: string): string {
    if (name === 'logs') return this.logsDir ?? join(this.userDataDir, 'logs');
    if (name === 'userData') return this.userDataDir;
    return join(tmpdir(), `fake-electron-${name}`);
  }

  /** Electron picks the platform's place (inside userData on Windows and Linux) when given none. */
  setAppLogsPath(path?: string): void {
    this.logsDir = path ?? join(this.userDataDir, 'logs');
  }

  appUserModelId: string | null = null;

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  getVersion(): string {
    return '0.1.0';
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Test helper: Electron finished starting. Resolves after the whenReady callbacks ran. */
  async fireReady(): Promise<void> {
    this.ready = true;
    this.resolveReady();
    this.emit('ready');
    await new Promise((resolve) => setImmediate(resolve));
  }

  quit(): void {
    this.quitRequests += 1;
    const before = preventable();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = preventable();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.quitted = true;
    this.emit('quit');
  }

  exit(code = 0): void {
    this.exitCode = code;
  }

  reset(): void {
    this.removeAllListeners();
    this.singleInstanceLock = true;
    this.protocolClients.length = 0;
    this.quitRequests = 0;
    this.exitCode = null;
    this.quitted = false;
    this.isPackaged = false;
    this.logsDir = null;
    this.appUserModelId = null;
    this.ready = false;
    this.readyPromise = this.newReadyPromise();
  }

  private newReadyPromise(): Promise<void> {
    return new Promise((resolve) => (this.resolveReady = resolve));
  }
}
