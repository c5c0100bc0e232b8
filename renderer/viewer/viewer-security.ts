// The viewer's side of end-to-end authenticated signaling for one join: with a link
// key, every host message must pass the check (refusals are counted for the UI) and
// every message to the host is signed; without one, messages pass as they are and
// the join is shown as not verified. Also pins the host's DTLS certificate, and keeps the
// rejoin ticket of this join (proved, never sent, on a reconnect).
import type { Signal } from '@preact/signals';
import type { JoinSecurity } from '../app/app-state';
import { checkDtls } from '../security/dtls-check';
import { deriveSignalKeys } from '../security/signal-mac';
import { ViewerSignalAuth } from '../security/viewer-signal-auth';
import { RejoinTicket } from './rejoin-ticket';

type SignalData = Record<string, unknown>;

export class ViewerSecurity {
  private readonly auth: ViewerSignalAuth | null;
  /** From the host once admitted: lets a reconnect in without the host clicking again. */
  readonly rejoin = new RejoinTicket();

  constructor(
    private readonly state: Signal<JoinSecurity>,
    linkKey: string | undefined,
  ) {
    const keys = linkKey === undefined ? null : deriveSignalKeys(linkKey);
    this.auth = keys ? new ViewerSignalAuth(keys) : null;
    state.value = { verified: this.auth !== null, safetyCode: null, refusedSignals: 0 };
  }

  get verified(): boolean {
    return this.auth !== null;
  }

  /** Each `welcome` names this viewer: host messages are signed for that id. */
  setSelfId(viewerId: string): void {
    this.auth?.setSelfId(viewerId);
  }

  /** The payload to act on, or null when the message failed the check (it is counted). */
  accept(data: SignalData): SignalData | null {
    if (!this.auth) return data;
    const opened = this.auth.open(data);
    if (opened.kind === 'authentic') return opened.payload;
    this.state.value = { ...this.state.value, refusedSignals: this.state.value.refusedSignals + 1 };
    return null;
  }

  /** Signed when this join is verified; null when nothing can be signed yet (no host message accepted). */
  seal(data: SignalData): SignalData | null {
    return this.auth ? this.auth.seal(data) : data;
  }

  /** False when the host's certificate is not the one its (signed) offer named: tear down. */
  checkConnection(report: RTCStatsReport, offerSdp: string | null): boolean {
    const check = checkDtls(report, offerSdp);
    if (check.kind === 'mismatch') return false;
    if (check.kind === 'pinned' && check.safetyCode !== this.state.value.safetyCode)
      this.state.value = { ...this.state.value, safetyCode: check.safetyCode };
    return true;
  }

  /** A new peer connection: its code comes when it connects. */
  forgetConnection(): void {
    if (this.state.value.safetyCode !== null) this.state.value = { ...this.state.value, safetyCode: null };
  }
}
