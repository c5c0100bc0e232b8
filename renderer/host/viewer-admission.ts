// Who gets the picture: viewers arriving (asked about, or let in at once), coming
// back with a ticket (and proving it), admitted, denied, kicked, lost or leaving. Keeps
// the roster, the delivery, the returning-viewer tickets and the signal checks in step.
import type { ClientMessage, LeaveReason, ViewerSummary } from '../../signaling/protocol';
import type { HostSecurity } from './host-security';
import { unprovenNotice } from './host-words';
import type { MediaDelivery } from './media-delivery';
import type { ReturningViewers } from './returning-viewers';
import type { ViewerRoster } from './viewer-roster';
import type { ViewerSignals } from './viewer-signals';

export interface AdmissionParts {
  readonly roster: ViewerRoster;
  readonly returning: ReturningViewers;
  readonly signals: ViewerSignals;
  delivery(): MediaDelivery | null;
  security(): HostSecurity | null;
  send(message: ClientMessage): void;
  /** Kicks a viewer one of the host's checks refused, with the host's notice. */
  refuse(viewerId: string, notice: (name: string) => string): void;
}

export class ViewerAdmission {
  constructor(private readonly parts: AdmissionParts) {}

  /** The host lets a waiting viewer in. */
  admit(viewerId: string): void {
    this.parts.send({ type: 'admit', id: viewerId });
    this.parts.roster.update(viewerId, { state: 'connecting' });
    this.startDelivery(viewerId);
  }

  deny(viewerId: string): void {
    this.parts.send({ type: 'deny', id: viewerId });
    this.drop(viewerId);
  }

  kick(viewerId: string): void {
    this.parts.send({ type: 'kick', id: viewerId });
    this.drop(viewerId);
  }

  /** The server admits everyone waiting when approval goes off; start sending to them. */
  admitAllWaiting(): void {
    for (const viewer of this.parts.roster.entries) if (viewer.state === 'waiting') this.admit(viewer.id);
  }

  /** `viewer-joined`. */
  joined(viewer: ViewerSummary): void {
    if (this.arrive(viewer)) this.parts.roster.announceRequest();
  }

  /**
   * After (re)connecting: the server's list is the truth. Viewers still admitted keep their peer connection (media
   * kept flowing while signaling was down); the others get a new one or are dropped.
   */
  resume(listed: readonly ViewerSummary[]): void {
    const known = new Map(this.parts.roster.entries.map((v) => [v.id, v]));
    for (const id of known.keys()) if (!listed.some((v) => v.id === id)) this.lose(id);
    let asked = false;
    for (const viewer of listed) {
      const before = known.get(viewer.id);
      if (before && (before.state !== 'waiting' || viewer.state === 'waiting')) continue; // unchanged
      asked = this.arrive(viewer) || asked;
    }
    if (asked) this.parts.roster.announceRequest();
  }

  /** `viewer-left`: by the host's decision nothing is kept; otherwise it may come back. */
  left(viewerId: string, reason: LeaveReason): void {
    if (reason === 'kicked' || reason === 'denied') this.drop(viewerId);
    else this.lose(viewerId);
  }

  /** Gone by the host's decision (kick, deny) or its own goodbye: nothing of it is kept, its tickets are void. */
  drop(viewerId: string): void {
    this.parts.returning.revoke(viewerId);
    this.parts.signals.forget(viewerId);
    this.parts.delivery()?.removeViewer(viewerId);
    this.parts.roster.remove(viewerId);
  }

  /** True when the viewer waits to be asked about. */
  private arrive(viewer: ViewerSummary): boolean {
    if (this.welcomeBack(viewer)) return false;
    const admitted = viewer.state === 'admitted';
    this.parts.roster.upsert(viewer, admitted ? 'connecting' : 'waiting');
    if (admitted) this.startDelivery(viewer.id);
    return !admitted;
  }

  /** A returning viewer's `{returning: PROOF}`: carry on with its former connection, or turn it away. */
  checkReturn(viewerId: string, proof: string): void {
    const { returning, roster } = this.parts;
    const signed = roster.find(viewerId)?.verified === true;
    const outcome = returning.prove(viewerId, proof, signed, (id) => this.parts.security()?.hasSigned(id) ?? false);
    if (outcome.kind === 'refused') return this.parts.refuse(viewerId, unprovenNotice);
    if (outcome.kind === 'not-returning') return;
    const { formerId } = outcome;
    const kept = returning.adopt(formerId) && (this.parts.delivery()?.rebind(formerId, viewerId) ?? false);
    if (kept) return this.sendTicket(viewerId);
    // Its former connection cannot carry on (expired, or never answered): release it, start afresh for the new id.
    this.parts.delivery()?.removeViewer(formerId);
    this.startDelivery(viewerId);
  }

  /**
   * A viewer back with a ticket we gave, whose owner is gone: let in without asking, but sent nothing until it proves
   * it holds the ticket (`checkReturn`). False for anyone else.
   */
  private welcomeBack(viewer: ViewerSummary): boolean {
    const isListed = (id: string) => this.parts.roster.find(id) !== undefined;
    const unproven = () => this.parts.refuse(viewer.id, unprovenNotice);
    if (!this.parts.returning.claim(viewer, isListed, unproven)) return false;
    if (viewer.state === 'waiting') this.parts.send({ type: 'admit', id: viewer.id });
    this.parts.roster.upsert(viewer, 'connecting');
    return true;
  }

  /** A viewer gone without the host's say: its connection is kept a while in case it comes back. */
  private lose(viewerId: string): void {
    const entry = this.parts.roster.remove(viewerId);
    if (!entry || entry.state === 'waiting') return;
    this.parts.delivery()?.suspend(viewerId);
    this.parts.signals.forget(viewerId);
    this.parts.returning.orphan(viewerId, () => this.parts.delivery()?.removeViewer(viewerId));
    // Someone who named this viewer's ticket while it was still here may now be its return.
    for (const newcomer of this.parts.returning.ownerLeft(viewerId))
      if (this.parts.roster.find(newcomer.id)?.state === 'waiting') this.welcomeBack(newcomer);
  }

  /** Media to an admitted viewer, plus its ticket for coming back. */
  private startDelivery(viewerId: string): void {
    this.parts.delivery()?.addViewer(viewerId);
    this.sendTicket(viewerId);
  }

  private sendTicket(viewerId: string): void {
    this.parts.signals.send(viewerId, { rejoin: this.parts.returning.issue(viewerId) });
  }
}
