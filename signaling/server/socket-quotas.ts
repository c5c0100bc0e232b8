// How many WebSockets may be open: in all, and from one address. Counted when a socket
// is accepted and released once when it goes, whichever way it goes.
export interface QuotaSettings {
  readonly maxSockets: number;
  readonly maxSocketsPerAddress: number;
}

export class SocketQuotas {
  private open = 0;
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly settings: QuotaSettings) {}

  /** Whether one more socket from `address` fits. */
  hasRoomFor(address: string): boolean {
    return (
      this.open < this.settings.maxSockets && (this.perAddress.get(address) ?? 0) < this.settings.maxSocketsPerAddress
    );
  }

  take(address: string): void {
    this.open += 1;
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
  }

  release(address: string): void {
    this.open -= 1;
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }
}
