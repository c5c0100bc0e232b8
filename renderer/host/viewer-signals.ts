// Signals between the host and each viewer, end to end through the server: the one
// way out (sealed with the link key) and the one way in (checked against it; a
// refusal is counted, an unsigned viewer turned away when only verified ones may
// watch; then parsed). Anything that must see every signal hooks in here.
import { assertNever, parseSignalPayload, type ClientMessage, type SignalPayload } from '../../signaling/protocol';
import { VERIFICATION_REQUIRED, type HostSecurity } from './host-security';
import type { SignalData } from './media-delivery';
import type { ViewerRoster } from './viewer-roster';

export class ViewerSignals {
  /** Link key, signing and checking of signals: one per hosting session (null between sessions). */
  security: HostSecurity | null = null;

  constructor(
    private readonly sendToServer: (message: ClientMessage) => void,
    private readonly roster: ViewerRoster,
    /** An unsigned viewer while only verified ones may watch: already told why, to be kicked now. */
    private readonly turnAway: (viewerId: string, name: string) => void,
  ) {}

  /** Every signal to a viewer goes out here. */
  send(viewerId: string, data: SignalPayload | SignalData): void {
    const sealed = this.security ? this.security.seal(viewerId, data) : data;
    this.sendToServer({ type: 'signal', to: viewerId, data: sealed });
  }

  /** Every signal from a viewer comes in here: the payload to act on, or null when it is refused or not ours. */
  receive(viewerId: string, data: SignalData): SignalPayload | null {
    const opened = this.open(viewerId, data);
    return opened && parseSignalPayload(opened);
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
        this.turnAway(viewerId, entry.name);
        return null;
      default:
        return assertNever(verdict);
    }
  }
}
