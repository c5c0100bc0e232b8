// How often something that keeps failing may be started again: at most `limit` times
// in any `windowMs`, so a link that cannot hold does not restart forever.
export class RestartBudget {
  private times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** true (and counted) when another restart fits in the window ending `now`. */
  take(now: number): boolean {
    this.times = this.times.filter((at) => now - at < this.windowMs);
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}
