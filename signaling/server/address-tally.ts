// A count per address group (signaling/network/addresses.ts `addressGroup`) and in all,
// for the per-address quotas of sockets and connections.
export class AddressTally {
  total = 0;
  private readonly byGroup = new Map<string, number>();

  of(group: string): number {
    return this.byGroup.get(group) ?? 0;
  }

  add(group: string, delta: 1 | -1): void {
    this.total += delta;
    const left = this.of(group) + delta;
    if (left > 0) this.byGroup.set(group, left);
    else this.byGroup.delete(group);
  }
}
