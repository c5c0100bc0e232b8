// The parent's handle on a forked bench-server-process: start, memory, CPU, stop.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage, CpuSample, MemorySample, ParentMessage, ServerMode, SignalingBenchOptions } from './ipc';

const REQUEST_TIMEOUT_MS = 15_000;
const live = new Set<ChildProcess>();

// Never leave a server child behind, whatever way the bench ends.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ChildInfo {
  readonly port: number;
  readonly token: string;
  readonly hostKey: string;
}

export class ServerChild {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: ChildMessage) => void>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly proc: ChildProcess,
    readonly mode: ServerMode,
    readonly info: ChildInfo,
  ) {
    this.exited = new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve();
      else proc.once('exit', () => resolve());
    });
    proc.on('message', (message: ChildMessage) => {
      if (message.type !== 'memory' && message.type !== 'cpu') return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      waiter?.(message);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Forks the child (with --expose-gc, and --cpu-prof when `cpuProfDir` is set) and starts its server. */
  static start(mode: ServerMode, options: SignalingBenchOptions, cpuProfDir?: string): Promise<ServerChild> {
    const execArgv = ['--expose-gc'];
    if (cpuProfDir)
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${mode}-${Date.now()}.cpuprofile`);
    const proc = fork(join(__dirname, 'bench-server-process.js'), [], {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`${mode} server child did not start within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${mode} server child exited early (code ${code})`));
      };
      proc.once('exit', onExit);
      proc.on('message', function first(message: ChildMessage) {
        if (message.type !== 'ready' && message.type !== 'failed') return;
        proc.off('message', first);
        proc.off('exit', onExit);
        clearTimeout(timer);
        if (message.type === 'failed') {
          proc.kill('SIGKILL');
          reject(new Error(`${mode} server did not start: ${message.message}`));
        } else {
          resolve(new ServerChild(proc, mode, { port: message.port, token: message.token, hostKey: message.hostKey }));
        }
      });
      const start: ParentMessage = { type: 'start', mode, options };
      proc.send(start);
    });
  }

  async memory(): Promise<MemorySample> {
    const reply = await this.request((id) => ({ type: 'memory', id }));
    if (reply.type !== 'memory') throw new Error(`unexpected reply ${reply.type}`);
    return reply.usage;
  }

  async cpu(): Promise<CpuSample> {
    const reply = await this.request((id) => ({ type: 'cpu', id }));
    if (reply.type !== 'cpu') throw new Error(`unexpected reply ${reply.type}`);
    return reply.usage;
  }

  /** Asks the child to stop; kills it if it has not exited within 5 s. */
  async stop(): Promise<void> {
    if (this.proc.connected) {
      const stop: ParentMessage = { type: 'stop' };
      this.proc.send(stop);
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  private request(make: (id: number) => ParentMessage): Promise<ChildMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.mode} server child did not answer within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.waiting.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.proc.send(make(id));
    });
  }
}
