// Viewers who drop off and come back. Each admitted viewer holds a one-time ticket;
// when it reconnects (new socket, new id) with the ticket, the host lets it in
// without asking again and, if its peer connection survived, keeps using it, so the
// picture never stops. A vanished viewer's connection is kept for a grace period.
import { randomHex } from '../security/base64url';

export const ORPHAN_GRACE_MS = 15_000;

export class ReturningViewers {
  private readonly owners = new Map<string, string>();
  private readonly orphans = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly graceMs = ORPHAN_GRACE_MS) {}

  /** A fresh ticket for `viewerId`. */
  issue(viewerId: string): string {
    const ticket = randomHex(16);
    this.owners.set(ticket, viewerId);
    return ticket;
  }

  /** The id the ticket was given to, once; undefined for an unknown or used ticket. */
  redeem(ticket: string | undefined): string | undefined {
    if (ticket === undefined) return undefined;
    const owner = this.owners.get(ticket);
    this.owners.delete(ticket);
    return owner;
  }

  /** Kicked or denied: its tickets are void and nothing of it is kept. */
  revoke(viewerId: string): void {
    for (const [ticket, owner] of this.owners) if (owner === viewerId) this.owners.delete(ticket);
    clearTimeout(this.orphans.get(viewerId));
    this.orphans.delete(viewerId);
  }

  /** Keeps a vanished viewer's connection for the grace period, then calls `expire`. */
  orphan(viewerId: string, expire: () => void): void {
    clearTimeout(this.orphans.get(viewerId));
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
    this.orphans.clear();
    this.owners.clear();
  }
}
