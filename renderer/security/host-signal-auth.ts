// The host's end of authenticated signaling: seals what it sends each viewer and
// checks what each viewer sends back. One instance per hosting session; its epoch
// tells viewers that a reloaded host page is a new sender with its own counters.
import { macMatches, sealPayload, splitTag, type SignalKeys } from './signal-mac';
import { randomHex } from './base64url';
import type { OpenedSignal } from './opened-signal';

export class HostSignalAuth {
  readonly epoch = randomHex(8);
  private readonly sent = new Map<string, number>();
  private readonly received = new Map<string, number>();
  /** Viewers that have signed once: from then on an unsigned message from them is refused. */
  private readonly signers = new Set<string>();

  constructor(private readonly keys: SignalKeys) {}

  seal(viewerId: string, payload: Record<string, unknown>): Record<string, unknown> {
    const seq = (this.sent.get(viewerId) ?? 0) + 1;
    this.sent.set(viewerId, seq);
    return sealPayload(this.keys, 'host-to-viewer', { epoch: this.epoch, viewerId }, seq, payload);
  }

  open(viewerId: string, data: Record<string, unknown>): OpenedSignal {
    const { payload, tag } = splitTag(data);
    if (tag === null)
      return this.signers.has(viewerId) ? { kind: 'refused', reason: 'unsigned' } : { kind: 'unsigned', payload };
    if (tag === 'malformed') return { kind: 'refused', reason: 'malformed' };
    if (!macMatches(this.keys, 'viewer-to-host', viewerId, tag, payload)) return { kind: 'refused', reason: 'bad-mac' };
    // Signed for an earlier host page: its answers belong to connections that are gone.
    if (tag.e !== this.epoch) return { kind: 'refused', reason: 'stale-epoch' };
    if (tag.n <= (this.received.get(viewerId) ?? 0)) return { kind: 'refused', reason: 'replayed' };
    this.received.set(viewerId, tag.n);
    this.signers.add(viewerId);
    return { kind: 'authentic', payload };
  }

  /** Whether this viewer has signed a message (it holds the link key). */
  hasSigned(viewerId: string): boolean {
    return this.signers.has(viewerId);
  }
}
