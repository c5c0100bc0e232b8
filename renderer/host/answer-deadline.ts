// Times out offers that get no answer. A man in the middle of a link without `k` could otherwise
// hold a viewer's answer back for as long as he needs to search for certificates whose safety
// code matches (issue 14 item 9); with a deadline he has 20 s per offer, and the viewer is
// dropped, with words, when it passes.
import { isPlainObject } from '../../signaling/protocol';
import type { SignalData } from './media-delivery';

export const ANSWER_DEADLINE_MS = 20_000;

const sdpType = (data: SignalData): unknown => (isPlainObject(data.sdp) ? data.sdp.type : undefined);

export class AnswerDeadline {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    /** Runs once the viewer has let an offer go unanswered for the whole deadline. */
    private readonly missed: (viewerId: string) => void,
    private readonly deadlineMs = ANSWER_DEADLINE_MS,
  ) {}

  /** Every signal to a viewer: an offer (first one or an ICE restart) starts its clock again. */
  sent(viewerId: string, data: SignalData): void {
    if (sdpType(data) !== 'offer') return;
    this.forget(viewerId);
    this.timers.set(
      viewerId,
      setTimeout(() => {
        this.timers.delete(viewerId);
        this.missed(viewerId);
      }, this.deadlineMs),
    );
  }

  /** Every signal from a viewer that passed the checks: an answer stops its clock. */
  received(viewerId: string, data: SignalData): void {
    if (sdpType(data) === 'answer') this.forget(viewerId);
  }

  /** The viewer is gone (kicked, left, dropped): nothing to wait for. */
  forget(viewerId: string): void {
    clearTimeout(this.timers.get(viewerId));
    this.timers.delete(viewerId);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
