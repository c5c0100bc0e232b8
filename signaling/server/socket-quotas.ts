// How many WebSockets may be open: in all, per address (IPv6 by /64), and how many of
// them may not have said hello yet. Nobody without a secret can fill the slots: sockets
// that have not said hello have their own small caps, and the host's own address keeps a
// reserve. Counted when a socket is accepted, released once when it goes.
import { addressGroup, isHostAddress } from '../network/addresses';
import { AddressTally } from './address-tally';

export interface QuotaSettings {
  /** Open WebSockets in all; the last HOST_RESERVE of them only for the host's own address. */
  readonly maxSockets: number;
  readonly maxSocketsPerAddress: number;
  /** Sockets that have not said hello, in all and per address; the host's own address is exempt. */
  readonly maxPendingSockets: number;
  readonly maxPendingSocketsPerAddress: number;
}

/** Slots only the host's own address may take: its signaling and relay sockets, and both again while reconnecting. */
export const HOST_RESERVE = 4;

export class SocketQuotas {
  private readonly open = new AddressTally();
  private readonly pending = new AddressTally();

  constructor(private readonly settings: QuotaSettings) {}

  /** Whether one more socket from `address`, not yet past hello unless `settled`, fits. */
  hasRoomFor(address: string, settled = false): boolean {
    const group = addressGroup(address);
    const { maxSockets, maxSocketsPerAddress, maxPendingSockets, maxPendingSocketsPerAddress } = this.settings;
    if (this.open.of(group) >= maxSocketsPerAddress) return false;
    if (isHostAddress(address)) return this.open.total < maxSockets;
    if (this.open.total >= maxSockets - HOST_RESERVE) return false;
    return settled || (this.pending.total < maxPendingSockets && this.pending.of(group) < maxPendingSocketsPerAddress);
  }

  /** A socket accepted; it counts as pending until `settle`, unless `settled` now. */
  take(address: string, settled = false): void {
    const group = addressGroup(address);
    this.open.add(group, 1);
    if (!settled) this.pending.add(group, 1);
  }

  /** The socket said hello and was welcomed: it no longer counts as pending. */
  settle(address: string): void {
    this.pending.add(addressGroup(address), -1);
  }

  /** The socket closed; `pending`: it never settled. */
  release(address: string, pending: boolean): void {
    const group = addressGroup(address);
    this.open.add(group, -1);
    if (pending) this.pending.add(group, -1);
  }
}
