// Electron's utilityProcess, stood in for by a real Node child process (child_process.fork
// with IPC): the module given to fork() really runs, apart from the test's process, and
// messages really cross. What differs from Electron: the child talks through
// process.send / process.on('message') instead of process.parentPort (the relay entry
// handles both), and there is no sandbox.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

export interface FakeForkOptions {
  serviceName?: string;
  stdio?: unknown;
}

export class FakeUtilityProcess extends EventEmitter {
  static all: FakeUtilityProcess[] = [];
  readonly child: ChildProcess;
  killed = false;
  exitCode: number | null = null;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: FakeForkOptions,
  ) {
    super();
    FakeUtilityProcess.all.push(this);
    this.child = fork(modulePath, args, { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    this.child.once('spawn', () => this.emit('spawn'));
    this.child.on('message', (message) => this.emit('message', message));
    // Electron reports a process that could not start as an exit too.
    this.child.once('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? 1 : 0);
      this.emit('exit', this.exitCode);
    });
    this.child.once('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.exitCode === null ? this.child.pid : undefined;
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }

  kill(): boolean {
    this.killed = true;
    return this.child.kill();
  }

  /** Processes still running (for the leak checks in tests). */
  static running(): FakeUtilityProcess[] {
    return FakeUtilityProcess.all.filter((p) => p.exitCode === null);
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: FakeForkOptions = {}): FakeUtilityProcess {
    return new FakeUtilityProcess(modulePath, args, options);
  },
};
