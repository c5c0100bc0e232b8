// The viewer's end of authenticated signaling, used when the join link carries `k`:
// every host message must be signed, in order, for this viewer id, by the current
// host instance. A newer host instance (epoch) retires the older one for good.
import { macMatches, sealPayload, splitTag, type SignalKeys } from './signal-mac';
import type { OpenedSignal } from './opened-signal';

export class ViewerSignalAuth {
  private selfId: string | null = null;
  private epoch: string | null = null;
  private readonly retired = new Set<string>();
  /** Last sequence number per channel (epoch + viewer id), each direction. */
  private readonly received = new Map<string, number>();
  private readonly sent = new Map<string, number>();

  constructor(private readonly keys: SignalKeys) {}

  /** The id the server gave this viewer (each `welcome`): messages are bound to it. */
  setSelfId(viewerId: string): void {
    this.selfId = viewerId;
  }

  open(data: Record<string, unknown>): OpenedSignal {
    const { payload, tag } = splitTag(data);
    if (tag === null) return { kind: 'refused', reason: 'unsigned' };
    if (tag === 'malformed' || this.selfId === null) return { kind: 'refused', reason: 'malformed' };
    if (!macMatches(this.keys, 'host-to-viewer', this.selfId, tag, payload))
      return { kind: 'refused', reason: 'bad-mac' };
    if (this.retired.has(tag.e)) return { kind: 'refused', reason: 'stale-epoch' };
    const channel = `${tag.e}/${this.selfId}`;
    if (tag.n <= (this.received.get(channel) ?? 0)) return { kind: 'refused', reason: 'replayed' };
    if (this.epoch !== null && this.epoch !== tag.e) this.retired.add(this.epoch);
    this.epoch = tag.e;
    this.received.set(channel, tag.n);
    return { kind: 'authentic', payload };
  }

  /** Signed for the host instance last heard from; null before any host message was accepted. */
  seal(payload: Record<string, unknown>): Record<string, unknown> | null {
    if (this.epoch === null || this.selfId === null) return null;
    const channel = `${this.epoch}/${this.selfId}`;
    const seq = (this.sent.get(channel) ?? 0) + 1;
    this.sent.set(channel, seq);
    return sealPayload(this.keys, 'viewer-to-host', { epoch: this.epoch, viewerId: this.selfId }, seq, payload);
  }
}
