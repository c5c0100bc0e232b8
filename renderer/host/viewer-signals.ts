// Signals between the host and each viewer, end to end through the server: the one
// way out (sealed with the link key) and the one way in (checked against it; a
// refusal is counted, an unsigned viewer turned away when only verified ones may
// watch; then parsed). Anything that must see every signal hooks in here: so far the
// answer deadline, which times every offer out and so watches both ways.
import { assertNever, parseSignalPayload, type ClientMessage, type SignalPayload } from '../../signaling/protocol';
import { AnswerDeadline } from './answer-deadline';
import { VERIFICATION_REQUIRED, type HostSecurity } from './host-security';
import { turnedAwayNotice, unansweredNotice } from './host-words';
import type { SignalData } from './media-delivery';
import type { ViewerRoster } from './viewer-roster';

export class ViewerSignals {
  /** Link key, signing and checking of signals: one per hosting session (null between sessions). */
  security: HostSecurity | null = null;
  private readonly answers: AnswerDeadline;

  constructor(
    private readonly sendToServer: (message: ClientMessage) => void,
    private readonly roster: ViewerRoster,
    /** Kicks a viewer one of these checks refused (already told why, where it is told), with the host's notice. */
    private readonly refuse: (viewerId: string, notice: (name: string) => string) => void,
  ) {
    this.answers = new AnswerDeadline((viewerId) => this.refuse(viewerId, unansweredNotice));
  }

  /** Every signal to a viewer goes out here. */
  send(viewerId: string, data: SignalPayload | SignalData): void {
    this.answers.sent(viewerId, data);
    const sealed = this.security ? this.security.seal(viewerId, data) : data;
    this.sendToServer({ type: 'signal', to: viewerId, data: sealed });
  }

  /** Every signal from a viewer comes in here: the payload to act on, or null when it is refused or not ours. */
  receive(viewerId: string, data: SignalData): SignalPayload | null {
    const opened = this.open(viewerId, data);
    const payload = opened && parseSignalPayload(opened);
    if (payload) this.answers.received(viewerId, payload);
    return payload;
  }

  /** The viewer is gone (kicked, left, lost): no answer is awaited from it. */
  forget(viewerId: string): void {
    this.answers.forget(viewerId);
  }

  /** Hosting stopped: nothing is awaited from anyone. */
  clear(): void {
    this.answers.clear();
  }

  private open(viewerId: string, data: SignalData): SignalData | null {
    const verdict = this.security?.judge(viewerId, data) ?? { action: 'deliver', payload: data, verified: false };
    const entry = this.roster.find(viewerId);
    switch (verdict.action) {
      case 'deliver':
        if (entry && entry.verified !== verdict.verified) this.roster.update(viewerId, { verified: verdict.verified });
        return verdict.payload;
      case 'refuse':
        if (entry) this.roster.update(viewerId, { refusedSignals: entry.refusedSignals + 1 });
        return null;
      case 'turn-away':
        if (!entry) return null; // already turned away: its messages still in flight change nothing
        this.send(viewerId, VERIFICATION_REQUIRED);
        this.refuse(viewerId, turnedAwayNotice);
        return null;
      default:
        return assertNever(verdict);
    }
  }
}
