// The rules of protocol.md: who may say what, approval, relay, host away and return.
import { assertNever, type ClientMessage, type HostHello, type ViewerHello, type ViewerSummary } from '../protocol';
import { isLoopback } from '../network/addresses';
import type { Client, Departure } from './client';
import { findDataSpan } from './data-span';
import { secretsEqual } from './secrets';

export interface RoomOptions {
  readonly hostKey: string;
  readonly token: string;
  readonly requireApproval: boolean;
  /** Admitted viewers; a host's `configure` can change it. */
  readonly maxViewers: number;
  /** Viewers waiting for the host's decision, counted apart: filling the waiting room does not lower maxViewers. */
  readonly maxWaitingViewers: number;
  readonly newViewerId: () => string;
  /** The join links of the running server, for the host's `session` request. */
  readonly joinUrls: () => readonly string[];
}

export interface RoomSnapshot {
  readonly hostPresent: boolean;
  readonly viewers: readonly ViewerSummary[];
}

export class Room {
  private host: Client | undefined;
  private readonly viewers = new Map<string, Client>();
  private requireApproval: boolean;
  private maxViewers: number;

  constructor(
    private readonly options: RoomOptions,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.requireApproval = options.requireApproval;
    this.maxViewers = options.maxViewers;
  }

  snapshot(): RoomSnapshot {
    return { hostPresent: this.host !== undefined, viewers: [...this.viewers.values()].map(summarize) };
  }

  /**
   * One parsed frame from `client`. The caller has already checked the rate and the
   * shape; `raw` (the frame's bytes) lets a signal be relayed without re-serialising.
   */
  handle(client: Client, message: ClientMessage, raw?: Buffer): void {
    if (message.type === 'hello') {
      if (client.role !== 'pending') return client.fail('bad-message', 'hello was already said on this connection');
      return message.role === 'host' ? this.welcomeHost(client, message) : this.welcomeViewer(client, message);
    }
    if (client.role === 'pending') return client.fail('bad-message', 'the first message must be hello');
    switch (message.type) {
      case 'admit':
      case 'deny':
      case 'kick':
        if (client.role !== 'host') return client.fail('bad-message', `only the host may send ${message.type}`);
        return this.decide(message.type, message.id);
      case 'signal':
        return client.role === 'host'
          ? this.signalFromHost(message.to, message.data, raw)
          : this.signalFromViewer(client, message.to, message.data, raw);
      case 'session':
      case 'configure':
        if (client.role !== 'host') return client.fail('bad-message', `only the host may send ${message.type}`);
        if (message.type === 'configure') this.configure(message);
        return client.send({
          type: 'session',
          joinUrls: [...this.options.joinUrls()],
          requireApproval: this.requireApproval,
          maxViewers: this.maxViewers,
        });
      case 'stats':
        if (client.role !== 'viewer') return client.fail('bad-message', 'only viewers send stats');
        if (client.state !== 'admitted') return client.fail('bad-message', 'a waiting viewer may not send stats');
        this.host?.send({ type: 'viewer-stats', id: client.id, data: message.data });
        return;
      default:
        return assertNever(message);
    }
  }

  /** The socket of `client` has closed, for whatever reason. */
  leave(client: Client): void {
    if (client.role === 'host' && this.host === client) {
      this.host = undefined;
      this.toAdmittedViewers({ type: 'host-left' });
      this.onChange();
    } else if (client.role === 'viewer' && this.viewers.get(client.id) === client) {
      this.viewers.delete(client.id);
      this.host?.send({ type: 'viewer-left', id: client.id, reason: client.departure ?? 'left' });
      this.onChange();
    }
  }

  private welcomeHost(client: Client, hello: HostHello): void {
    if (!isLoopback(client.address)) return client.fail('bad-key', 'the host must connect from this computer');
    if (!secretsEqual(hello.key, this.options.hostKey)) return client.fail('bad-key', 'the host key is wrong');
    if (this.host) return client.fail('host-taken', 'another host is already connected');
    client.role = 'host';
    this.host = client;
    client.send({ type: 'welcome', role: 'host', viewers: this.snapshot().viewers as ViewerSummary[] });
    this.toAdmittedViewers({ type: 'host-joined' });
    this.onChange();
  }

  private welcomeViewer(client: Client, hello: ViewerHello): void {
    if (!secretsEqual(hello.token, this.options.token)) return client.fail('bad-token', 'the access code is wrong');
    if (this.count('admitted') >= this.maxViewers)
      return client.fail('room-full', `this session is full (${this.maxViewers} viewers)`);
    if (this.requireApproval && this.count('waiting') >= this.options.maxWaitingViewers)
      return client.fail('room-full', 'too many people are waiting to be let in; try again later');
    client.role = 'viewer';
    client.id = this.options.newViewerId();
    client.name = hello.name;
    client.rejoin = hello.rejoin;
    client.state = this.requireApproval ? 'waiting' : 'admitted';
    this.viewers.set(client.id, client);
    client.send({
      type: 'welcome',
      role: 'viewer',
      id: client.id,
      state: client.state,
      hostPresent: this.host !== undefined,
    });
    this.host?.send({ type: 'viewer-joined', ...summarize(client) });
    this.onChange();
  }

  /** Host settings changed while hosting. Viewers already in stay, even over a lowered limit. */
  private configure(change: { requireApproval?: boolean | undefined; maxViewers?: number | undefined }): void {
    if (change.maxViewers !== undefined) this.maxViewers = change.maxViewers;
    if (change.requireApproval !== undefined) {
      this.requireApproval = change.requireApproval;
      // Turning approval off lets in everyone who was waiting for it.
      if (!this.requireApproval)
        for (const viewer of this.viewers.values()) if (viewer.state === 'waiting') this.decide('admit', viewer.id);
    }
  }

  private decide(action: 'admit' | 'deny' | 'kick', id: string): void {
    const viewer = this.viewers.get(id);
    if (!viewer) return this.host?.send({ type: 'error', code: 'unknown-peer', message: `no viewer '${id}'` });
    if (action === 'admit') {
      if (viewer.state === 'admitted') return;
      if (this.count('admitted') >= this.maxViewers) {
        viewer.fail('room-full', `this session is full (${this.maxViewers} viewers)`);
        return this.leave(viewer);
      }
      viewer.state = 'admitted';
      viewer.send({ type: 'admitted' });
      return this.onChange();
    }
    const departure: Departure = action === 'deny' ? 'denied' : 'kicked';
    viewer.fail(departure, action === 'deny' ? 'the host did not let you in' : 'the host removed you', departure);
    // Reported now, not on close: the host's list must not wait for the viewer's TCP teardown.
    this.leave(viewer);
  }

  private signalFromHost(to: string, data: Record<string, unknown>, raw: Buffer | undefined): void {
    const viewer = this.viewers.get(to);
    if (!viewer || viewer.state !== 'admitted') {
      return this.host?.send({ type: 'error', code: 'unknown-peer', message: `no admitted viewer '${to}'` });
    }
    viewer.sendText(signalFrame('host', data, raw));
  }

  private signalFromViewer(client: Client, to: string, data: Record<string, unknown>, raw: Buffer | undefined): void {
    if (client.state !== 'admitted') return client.fail('bad-message', 'a waiting viewer may not send signal');
    if (to !== 'host') return client.fail('bad-message', 'a viewer may signal only "host"');
    if (!this.host) return client.send({ type: 'error', code: 'unknown-peer', message: 'the host is not connected' });
    this.host.sendText(signalFrame(client.id, data, raw));
  }

  private count(state: 'waiting' | 'admitted'): number {
    let n = 0;
    for (const viewer of this.viewers.values()) if (viewer.state === state) n += 1;
    return n;
  }

  private toAdmittedViewers(message: { type: 'host-joined' | 'host-left' }): void {
    const text = JSON.stringify(message);
    for (const viewer of this.viewers.values()) {
      if (viewer.state === 'admitted') viewer.sendText(text);
    }
  }
}

const FRAME_END = Buffer.from('}');

/**
 * The relay's hot path. The sender's own bytes of `data` are reused when they can be
 * found unambiguously (the frame was validated as a whole, so they are an object);
 * otherwise `data` is serialised again.
 */
function signalFrame(from: string, data: Record<string, unknown>, raw: Buffer | undefined): string | Buffer {
  const prefix = `{"type":"signal","from":${JSON.stringify(from)},"data":`;
  const span = raw ? findDataSpan(raw) : null;
  if (!raw || !span || raw[span[0]] !== 0x7b /* { */) return `${prefix}${JSON.stringify(data)}}`;
  return Buffer.concat([Buffer.from(prefix), raw.subarray(span[0], span[1]), FRAME_END]);
}

function summarize(client: Client): ViewerSummary {
  const summary = { id: client.id, name: client.name, address: client.address, state: client.state };
  return client.rejoin === undefined ? summary : { ...summary, rejoin: client.rejoin };
}
