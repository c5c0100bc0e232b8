// The rules of protocol.md: who may say what, approval, relay, host away and return.
import { assertNever, type ClientMessage, type HostHello, type ViewerHello, type ViewerSummary } from '../protocol';
import { isLoopback } from './addresses';
import type { Departure, Peer } from './peer';
import { findDataSpan } from './data-span';
import { secretsEqual } from './secrets';

export interface RoomOptions {
  readonly hostKey: string;
  readonly token: string;
  readonly requireApproval: boolean;
  readonly maxViewers: number;
  readonly newViewerId: () => string;
  /** The join links of the running server, for the host's `session` request. */
  readonly joinUrls: () => readonly string[];
}

export interface RoomSnapshot {
  readonly hostPresent: boolean;
  readonly viewers: readonly ViewerSummary[];
}

export class Room {
  private host: Peer | undefined;
  private readonly viewers = new Map<string, Peer>();
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
   * One parsed frame from `peer`. The caller has already checked the rate and the
   * shape; `raw` (the frame's bytes) lets a signal be relayed without re-serialising.
   */
  handle(peer: Peer, message: ClientMessage, raw?: Buffer): void {
    if (message.type === 'hello') {
      if (peer.role !== 'pending') return peer.fail('bad-message', 'hello was already said on this connection');
      return message.role === 'host' ? this.welcomeHost(peer, message) : this.welcomeViewer(peer, message);
    }
    if (peer.role === 'pending') return peer.fail('bad-message', 'the first message must be hello');
    switch (message.type) {
      case 'admit':
      case 'deny':
      case 'kick':
        if (peer.role !== 'host') return peer.fail('bad-message', `only the host may send ${message.type}`);
        return this.decide(message.type, message.id);
      case 'signal':
        return peer.role === 'host'
          ? this.signalFromHost(message.to, message.data, raw)
          : this.signalFromViewer(peer, message.to, message.data, raw);
      case 'session':
      case 'configure':
        if (peer.role !== 'host') return peer.fail('bad-message', `only the host may send ${message.type}`);
        if (message.type === 'configure') this.configure(message);
        return peer.send({
          type: 'session',
          joinUrls: [...this.options.joinUrls()],
          requireApproval: this.requireApproval,
          maxViewers: this.maxViewers,
        });
      case 'stats':
        if (peer.role !== 'viewer') return peer.fail('bad-message', 'only viewers send stats');
        if (peer.state !== 'admitted') return peer.fail('bad-message', 'a waiting viewer may not send stats');
        this.host?.send({ type: 'viewer-stats', id: peer.id, data: message.data });
        return;
      default:
        return assertNever(message);
    }
  }

  /** The socket of `peer` has closed, for whatever reason. */
  leave(peer: Peer): void {
    if (peer.role === 'host' && this.host === peer) {
      this.host = undefined;
      this.toAdmittedViewers({ type: 'host-left' });
      this.onChange();
    } else if (peer.role === 'viewer' && this.viewers.get(peer.id) === peer) {
      this.viewers.delete(peer.id);
      this.host?.send({ type: 'viewer-left', id: peer.id, reason: peer.departure ?? 'left' });
      this.onChange();
    }
  }

  private welcomeHost(peer: Peer, hello: HostHello): void {
    if (!isLoopback(peer.address)) return peer.fail('bad-key', 'the host must connect from this computer');
    if (!secretsEqual(hello.key, this.options.hostKey)) return peer.fail('bad-key', 'the host key is wrong');
    if (this.host) return peer.fail('host-taken', 'another host is already connected');
    peer.role = 'host';
    this.host = peer;
    peer.send({ type: 'welcome', role: 'host', viewers: this.snapshot().viewers as ViewerSummary[] });
    this.toAdmittedViewers({ type: 'host-joined' });
    this.onChange();
  }

  private welcomeViewer(peer: Peer, hello: ViewerHello): void {
    if (!secretsEqual(hello.token, this.options.token)) return peer.fail('bad-token', 'the access code is wrong');
    if (this.viewers.size >= this.maxViewers)
      return peer.fail('room-full', `this session is full (${this.maxViewers} viewers)`);
    peer.role = 'viewer';
    peer.id = this.options.newViewerId();
    peer.name = hello.name;
    peer.rejoin = hello.rejoin;
    peer.state = this.requireApproval ? 'waiting' : 'admitted';
    this.viewers.set(peer.id, peer);
    peer.send({
      type: 'welcome',
      role: 'viewer',
      id: peer.id,
      state: peer.state,
      hostPresent: this.host !== undefined,
    });
    this.host?.send({ type: 'viewer-joined', ...summarize(peer) });
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

  private signalFromViewer(peer: Peer, to: string, data: Record<string, unknown>, raw: Buffer | undefined): void {
    if (peer.state !== 'admitted') return peer.fail('bad-message', 'a waiting viewer may not send signal');
    if (to !== 'host') return peer.fail('bad-message', 'a viewer may signal only "host"');
    if (!this.host) return peer.send({ type: 'error', code: 'unknown-peer', message: 'the host is not connected' });
    this.host.sendText(signalFrame(peer.id, data, raw));
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

function summarize(peer: Peer): ViewerSummary {
  const summary = { id: peer.id, name: peer.name, address: peer.address, state: peer.state };
  return peer.rejoin === undefined ? summary : { ...summary, rejoin: peer.rejoin };
}
