// Where the relay runs, behind one interface: in a worker thread (the default, so
// packet forwarding never holds up the signaling socket) or in this thread (tests).
import { Worker } from 'node:worker_threads';
import type { RelayServerMessage } from '../protocol';
import { ControlSession } from './control-session';
import { Relay, type RelayCounts } from './relay';

export interface RelayRunner {
  /** Resolves when the relay can take a session; rejects when it could not be loaded. */
  started(): Promise<void>;
  /** Starts one host page's session; the relay's replies go to `reply` as JSON text. */
  open(reply: (text: string) => void): void;
  /** One message from the host page, as it came. */
  send(text: string): void;
  /** Ends the session: every peer connection and timer of the relay is released. */
  reset(): Promise<void>;
  counts(): Promise<RelayCounts>;
  /** Ends the relay itself. */
  stop(): Promise<void>;
}

export class InProcessRelay implements RelayRunner {
  private readonly relay = new Relay();
  private session: ControlSession | null = null;

  started(): Promise<void> {
    return Promise.resolve();
  }

  open(reply: (text: string) => void): void {
    this.session = new ControlSession(this.relay, (message: RelayServerMessage) => reply(JSON.stringify(message)));
  }

  send(text: string): void {
    this.session?.receive(text);
  }

  async reset(): Promise<void> {
    this.session = null;
    await this.relay.close();
  }

  async counts(): Promise<RelayCounts> {
    return this.relay.counts();
  }

  async stop(): Promise<void> {
    await this.reset();
  }
}

/** Messages between WorkerRelay and relay-worker.ts. */
export type ToWorker = { kind: 'open' } | { kind: 'text'; text: string } | { kind: 'reset'; id: number } | { kind: 'counts'; id: number };
export type FromWorker = { kind: 'ready' } | { kind: 'text'; text: string } | { kind: 'done'; id: number; counts?: RelayCounts };

export class WorkerRelay implements RelayRunner {
  private readonly worker: Worker;
  private reply: ((text: string) => void) | null = null;
  private readonly pending = new Map<number, (counts: RelayCounts | undefined) => void>();
  private nextId = 1;
  private readonly ready: Promise<void>;

  constructor(workerFile: string) {
    this.worker = new Worker(workerFile);
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`relay worker exited with ${code}`)));
      this.worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') return resolve();
        if (message.kind === 'text') return this.reply?.(message.text);
        this.pending.get(message.id)?.(message.counts);
        this.pending.delete(message.id);
      });
    });
    this.ready.catch(() => undefined); // reported by started()
  }

  /** Resolves when the worker has loaded the relay; rejects when it could not. */
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
    return (await this.request('counts')) ?? { publishers: 0, viewers: 0, timers: 0 };
  }

  async stop(): Promise<void> {
    await this.reset().catch(() => undefined);
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    await this.worker.terminate();
  }

  private request(kind: 'reset' | 'counts'): Promise<RelayCounts | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ kind, id });
    });
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
