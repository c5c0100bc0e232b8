// The relay running apart from the signaling server, behind a message port: a worker
// thread (headless default), a Node child process (bench, tests) or an Electron utility
// process (desktop app, main/relay-process.ts). Packet forwarding then never holds up the
// signaling socket or the window. No werift here: the parent does not load the relay.
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { RelayCounts, RelayDiagnostics } from './relay-diagnostics';
import type { RelayRunner } from './relay-runner';

/** Messages between PortRelay and relay-worker.ts. */
export type ToWorker =
  { kind: 'open' } | { kind: 'text'; text: string } | { kind: 'reset' | 'counts' | 'diagnostics'; id: number };
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'text'; text: string }
  | { kind: 'done'; id: number; counts?: RelayCounts; diagnostics?: RelayDiagnostics };

/** The parent's end of a relay running elsewhere: a worker thread, a child process, an Electron utility process. */
export interface RelayPort {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** The thread or process failed to start or ended. */
  onExit(listener: (reason: string) => void): void;
  /** Ends it; resolves once it is gone. */
  terminate(): Promise<void>;
  /** OS process id when it is its own process (for CPU and memory readings), else null. */
  readonly pid: number | null;
}

/** The relay on the other side of a RelayPort: none of its work runs on this thread. */
export class PortRelay implements RelayRunner {
  private reply: ((text: string) => void) | null = null;
  private readonly pending = new Map<number, (answer: FromWorker | undefined) => void>();
  private nextId = 1;
  private readonly ready: Promise<void>;
  private exited = false;

  constructor(private readonly port: RelayPort) {
    this.ready = new Promise((resolve, reject) => {
      port.onExit((reason) => {
        this.exited = true;
        for (const settle of this.pending.values()) settle(undefined);
        this.pending.clear();
        reject(new Error(`relay ended: ${reason}`));
      });
      port.onMessage((message) => {
        if (message.kind === 'ready') return resolve();
        if (message.kind === 'text') return this.reply?.(message.text);
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      });
    });
    this.ready.catch(() => undefined); // reported by started()
  }

  get pid(): number | null {
    return this.port.pid;
  }

  /** Resolves when the relay has loaded; rejects when it could not. */
  started(): Promise<void> {
    return this.ready;
  }

  open(reply: (text: string) => void): void {
    this.reply = reply;
    this.post({ kind: 'open' });
  }

  send(text: string): void {
    this.post({ kind: 'text', text });
  }

  async reset(): Promise<void> {
    this.reply = null;
    await this.request('reset');
  }

  async counts(): Promise<RelayCounts> {
    const answer = await this.request('counts');
    return (answer?.kind === 'done' && answer.counts) || { publishers: 0, viewers: 0, spares: 0, timers: 0 };
  }

  async diagnostics(): Promise<RelayDiagnostics | null> {
    const answer = await this.request('diagnostics');
    return (answer?.kind === 'done' && answer.diagnostics) || null;
  }

  async stop(): Promise<void> {
    await this.reset().catch(() => undefined);
    for (const settle of this.pending.values()) settle(undefined);
    this.pending.clear();
    await this.port.terminate();
  }

  private request(kind: 'reset' | 'counts' | 'diagnostics'): Promise<FromWorker | undefined> {
    if (this.exited) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ kind, id });
    });
  }

  private post(message: ToWorker): void {
    if (!this.exited) this.port.post(message);
  }
}

/**
 * The least a thread or process must offer to carry the relay: a Worker, a ChildProcess and an Electron
 * UtilityProcess each fit it in a few lines (workerPort, childProcessPort, main/relay-process.ts).
 */
export interface RelayHost {
  /** OS process id when it is its own process, else null; read when asked (a process may know it only once spawned). */
  readonly pid: number | null;
  /** Sends one message; only called while it runs. */
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** It failed to start or ended; may be told more than once (an error, then the exit). */
  onEnd(listener: (reason: string) => void): void;
  /** Asks it to end; the port waits for onEnd. */
  kill(): void;
}

/** The one adapter from a thread or process to a RelayPort: messages checked, nothing sent once it ended. */
export function relayPort(host: RelayHost): RelayPort {
  let running = true;
  const gone = new Promise<void>((resolve) =>
    host.onEnd(() => {
      running = false;
      resolve();
    }),
  );
  return {
    get pid() {
      return host.pid;
    },
    post: (message) => {
      if (running) host.send(message);
    },
    onMessage: (listener) =>
      host.onMessage((message) => {
        if (isFromWorker(message)) listener(message);
      }),
    onExit: (listener) => host.onEnd(listener),
    terminate: async () => {
      if (running) host.kill();
      await gone;
    },
  };
}

/** A worker thread of this process running `workerFile` (the built relay-worker.js). */
export function workerPort(workerFile: string): RelayPort {
  const worker = new Worker(workerFile);
  return relayPort({
    pid: null,
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onEnd: (listener) => {
      worker.once('error', (error) => listener(error.message));
      worker.once('exit', (code) => listener(`exited with ${code}`));
    },
    kill: () => void worker.terminate(),
  });
}

/** A Node child process running `entryFile` (the same relay-worker.js): its own CPU and memory, readable from /proc. */
export function childProcessPort(entryFile: string): RelayPort {
  const child = fork(entryFile, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return relayPort({
    pid: child.pid ?? null,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onEnd: (listener) => {
      child.once('error', (error) => listener(error.message));
      child.once('exit', (code, signal) => listener(`exited with ${code ?? signal}`));
    },
    kill: () => void child.kill(),
  });
}

/** The relay's own messages, told apart from anything else arriving on the channel. */
function isFromWorker(message: unknown): message is FromWorker {
  if (typeof message !== 'object' || message === null || !('kind' in message)) return false;
  const { kind } = message;
  if (kind === 'ready') return true;
  if (kind === 'text') return 'text' in message && typeof message.text === 'string';
  return kind === 'done' && 'id' in message && typeof message.id === 'number';
}

/** A message from PortRelay, told apart from anything else arriving on the relay's side of the channel. */
export function isToWorker(message: unknown): message is ToWorker {
  if (typeof message !== 'object' || message === null || !('kind' in message)) return false;
  const { kind } = message;
  if (kind === 'open') return true;
  if (kind === 'text') return 'text' in message && typeof message.text === 'string';
  return (
    (kind === 'reset' || kind === 'counts' || kind === 'diagnostics') &&
    'id' in message &&
    typeof message.id === 'number'
  );
}
