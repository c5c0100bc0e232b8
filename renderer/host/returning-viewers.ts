// Viewers who drop off and come back. Each admitted viewer holds a one-time ticket; when it
// reconnects (new socket, new id) it names the ticket by its handle and, once admitted, proves it
// holds it (an HMAC bound to the new id, in a signal signed under that id when its link has `k`).
// Only then does the host carry on with it, keeping its peer connection when that survived, so
// the picture never stops. A ticket is redeemed only when its owner is gone: a newcomer naming the
// ticket of a viewer still connected waits for the host like anyone else. A vanished viewer's
// connection is kept for a grace period.
import type { ViewerSummary } from '../../signaling/protocol';
import { randomHex } from '../security/base64url';
import { rejoinHandle, rejoinProofMatches } from '../security/rejoin-proof';

export const ORPHAN_GRACE_MS = 15_000;
/** How long an admitted returning viewer has to send its proof before it is turned away. */
export const REJOIN_PROOF_MS = 10_000;

interface Ticket {
  readonly ticket: string;
  readonly owner: string;
}

/** What a signal `{returning: PROOF}` from `viewerId` settled. */
export type ProofOutcome =
  | { readonly kind: 'not-returning' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'proved'; readonly formerId: string };

export class ReturningViewers {
  /** By handle, so a ticket is found from what the `hello` carries. */
  private readonly tickets = new Map<string, Ticket>();
  private readonly orphans = new Map<string, ReturnType<typeof setTimeout>>();
  /** Admitted newcomers that named a ticket and owe the proof: new id -> handle, deadline. */
  private readonly claims = new Map<string, { handle: string; timer: ReturnType<typeof setTimeout> }>();
  /** Newcomers naming the ticket of a viewer still connected, waiting for the host. */
  private readonly deferred = new Map<string, ViewerSummary>();

  constructor(
    private readonly graceMs = ORPHAN_GRACE_MS,
    private readonly proofMs = REJOIN_PROOF_MS,
  ) {}

  /** A fresh ticket for `viewerId`. */
  issue(viewerId: string): string {
    const ticket = randomHex(16);
    this.tickets.set(rejoinHandle(ticket), { ticket, owner: viewerId });
    return ticket;
  }

  /**
   * A newcomer naming a ticket. True when its owner is gone: the newcomer is to be admitted and
   * owes the proof within the deadline (`unproven` runs otherwise). False for an unknown handle or
   * an owner still connected (`isConnected`), who keeps the ticket; a waiting newcomer is then
   * remembered in case the owner leaves while it waits (`ownerLeft`).
   */
  claim(viewer: ViewerSummary, isConnected: (id: string) => boolean, unproven: () => void): boolean {
    if (viewer.rejoin === undefined) return false;
    const found = this.tickets.get(viewer.rejoin);
    if (!found) return false;
    if (isConnected(found.owner)) {
      if (viewer.state === 'waiting') this.deferred.set(viewer.id, viewer);
      return false;
    }
    this.dropClaim(viewer.id);
    const timer = setTimeout(() => {
      this.claims.delete(viewer.id);
      unproven();
    }, this.proofMs);
    this.claims.set(viewer.id, { handle: viewer.rejoin, timer });
    return true;
  }

  /** Newcomers that named `formerId`'s tickets while it was still here: now they may claim them. */
  ownerLeft(formerId: string): ViewerSummary[] {
    const owned = new Set([...this.tickets].filter(([, t]) => t.owner === formerId).map(([handle]) => handle));
    const waiting = [...this.deferred.values()].filter((v) => v.rejoin !== undefined && owned.has(v.rejoin));
    for (const viewer of waiting) this.deferred.delete(viewer.id);
    return waiting;
  }

  /**
   * Checks a returning viewer's proof. `signed`: the message passed the link-key MAC under the
   * new id; a ticket whose owner had signed is redeemed only by a signed proof (`hadSigned`).
   * The ticket is used up by the first good proof.
   */
  prove(viewerId: string, proof: unknown, signed: boolean, hadSigned: (id: string) => boolean): ProofOutcome {
    const claim = this.claims.get(viewerId);
    if (!claim) return { kind: 'not-returning' };
    this.dropClaim(viewerId);
    const found = this.tickets.get(claim.handle);
    if (!found || !rejoinProofMatches(found.ticket, viewerId, proof) || (hadSigned(found.owner) && !signed))
      return { kind: 'refused' };
    this.tickets.delete(claim.handle);
    return { kind: 'proved', formerId: found.owner };
  }

  /** Kicked, denied or gone for good: its tickets are void and nothing of it is kept. */
  revoke(viewerId: string): void {
    for (const [handle, ticket] of this.tickets) if (ticket.owner === viewerId) this.tickets.delete(handle);
    clearTimeout(this.orphans.get(viewerId));
    this.orphans.delete(viewerId);
    this.dropClaim(viewerId);
    this.deferred.delete(viewerId);
  }

  /** Keeps a vanished viewer's connection for the grace period, then calls `expire`. */
  orphan(viewerId: string, expire: () => void): void {
    clearTimeout(this.orphans.get(viewerId));
    this.dropClaim(viewerId);
    this.deferred.delete(viewerId);
    this.orphans.set(
      viewerId,
      setTimeout(() => {
        this.orphans.delete(viewerId);
        this.revoke(viewerId);
        expire();
      }, this.graceMs),
    );
  }

  /** True when `viewerId` was an orphan, now claimed by its returning owner. */
  adopt(viewerId: string): boolean {
    const timer = this.orphans.get(viewerId);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.orphans.delete(viewerId);
    return true;
  }

  clear(): void {
    for (const timer of this.orphans.values()) clearTimeout(timer);
    for (const id of [...this.claims.keys()]) this.dropClaim(id);
    this.orphans.clear();
    this.tickets.clear();
    this.deferred.clear();
  }

  private dropClaim(viewerId: string): void {
    clearTimeout(this.claims.get(viewerId)?.timer);
    this.claims.delete(viewerId);
  }
}
