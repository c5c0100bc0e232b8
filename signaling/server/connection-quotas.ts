// Caps on plain HTTP connections (slow-loris against the process that hosts): per
// address (IPv6 by /64) and in all, the host's own address exempt. A connection counts
// until it closes or is handed to the WebSocket upgrade (the socket quotas count it then).
import type { Socket } from 'node:net';
import { addressGroup, isHostAddress } from '../network/addresses';
import { AddressTally } from './address-tally';

export interface ConnectionQuotaSettings {
  readonly maxHttpConnections: number;
  readonly maxHttpConnectionsPerAddress: number;
}

export class ConnectionQuotas {
  private readonly plain = new AddressTally();
  private readonly counted = new WeakMap<Socket, string>();

  constructor(private readonly settings: ConnectionQuotaSettings) {}

  /** A new TCP connection: counted, or destroyed at once when its address (or everyone) is over the cap. */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    if (isHostAddress(address)) return;
    const group = addressGroup(address);
    const { maxHttpConnections, maxHttpConnectionsPerAddress } = this.settings;
    if (this.plain.total >= maxHttpConnections || this.plain.of(group) >= maxHttpConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    this.plain.add(group, 1);
    this.counted.set(socket, group);
    socket.once('close', () => this.release(socket));
  }

  /** The connection stops being plain HTTP: upgraded to a WebSocket, or closed. */
  release(socket: Socket): void {
    const group = this.counted.get(socket);
    if (group === undefined) return;
    this.counted.delete(socket);
    this.plain.add(group, -1);
  }
}
