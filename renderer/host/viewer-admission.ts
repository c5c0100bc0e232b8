// Who gets the picture: viewers arriving (asked about, or let in at once), coming
// back with a ticket, admitted, denied, kicked, lost or leaving. Keeps the roster, the
// delivery and the returning-viewer tickets in step.
import type { ClientMessage, LeaveReason, ViewerSummary } from '../../signaling/protocol';
import type { HostSecurity } from './host-security';
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

  /**
   * A viewer back with a ticket we gave: let in without asking and, when its old peer connection is still kept, carry
   * on with it. False for anyone else.
   */
  private welcomeBack(viewer: ViewerSummary): boolean {
    const formerId = this.parts.returning.redeem(viewer.rejoin);
    if (formerId === undefined) return false;
    if (viewer.state === 'waiting') this.parts.send({ type: 'admit', id: viewer.id });
    const kept = this.parts.returning.adopt(formerId) && (this.parts.delivery()?.rebind(formerId, viewer.id) ?? false);
    if (kept) this.sendTicket(viewer.id);
    else this.startDelivery(viewer.id);
    const verified = this.parts.security()?.carryOver(formerId, viewer.id) ? true : null;
    this.parts.roster.upsert(viewer, 'connecting', verified);
    return true;
  }

  /** A viewer gone without the host's say: its connection is kept a while in case it comes back. */
  private lose(viewerId: string): void {
    const entry = this.parts.roster.remove(viewerId);
    if (!entry || entry.state === 'waiting') return;
    this.parts.delivery()?.suspend(viewerId);
    this.parts.returning.orphan(viewerId, () => this.parts.delivery()?.removeViewer(viewerId));
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
