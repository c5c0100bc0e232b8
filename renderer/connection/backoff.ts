// How long to wait before the next attempt to reconnect: the delays in turn, then the
// last one for ever; reset once an attempt got through.
export class Backoff {
  private attempt = 0;

  constructor(private readonly delaysMs: readonly number[]) {}

  next(): number {
    const delay = this.delaysMs[Math.min(this.attempt, this.delaysMs.length - 1)] ?? 0;
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
