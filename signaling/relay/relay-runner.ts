// Where the relay runs, behind one interface: in this thread (InProcessRelay, tests and
// the entry of a relay thread or process), or elsewhere through a port (relay-port.ts).
import type { RelayServerMessage } from '../protocol';
import type { RelayCounts, RelayDiagnostics } from './relay-diagnostics';
import { ControlSession } from './control-session';
import { Relay } from './relay';

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
  diagnostics(): Promise<RelayDiagnostics | null>;
  /** Ends the relay itself. */
  stop(): Promise<void>;
}

export class InProcessRelay implements RelayRunner {
  private session: ControlSession | null = null;

  /** `relay`: given by tests that reach into it (to break a connection on purpose). */
  constructor(private readonly relay = new Relay()) {}

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

  async diagnostics(): Promise<RelayDiagnostics> {
    return this.relay.diagnostics();
  }

  async stop(): Promise<void> {
    await this.reset();
  }
}
