// Keyframe requests from many viewers become few requests to the one publisher.
// Chrome ignores a request that comes too soon after its last keyframe, so a viewer
// that still waits is asked for again, at most once per interval, until it has
// been sent a keyframe.

const KEYFRAME_REQUEST_INTERVAL_MS = 350;

export class KeyframeRequests {
  private readonly waiting = new Set<string>();
  private lastAskedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ask: () => void,
    private readonly intervalMs = KEYFRAME_REQUEST_INTERVAL_MS,
  ) {}

  /** The viewer needs a keyframe (it just started, or lost the picture). True when the publisher was asked now. */
  want(viewer: string, now: number): boolean {
    this.waiting.add(viewer);
    return this.askIfDue(now);
  }

  /** A keyframe went out to this viewer. */
  delivered(viewer: string): void {
    this.waiting.delete(viewer);
  }

  /** The viewer is gone: nothing to wait for. */
  forget(viewer: string): void {
    this.delivered(viewer);
  }

  /** Called regularly while anyone waits: asks again once the interval has passed. */
  tick(now: number): boolean {
    return this.askIfDue(now);
  }

  get pending(): number {
    return this.waiting.size;
  }

  isWaiting(viewer: string): boolean {
    return this.waiting.has(viewer);
  }

  private askIfDue(now: number): boolean {
    if (this.waiting.size === 0 || now - this.lastAskedAt < this.intervalMs) return false;
    this.lastAskedAt = now;
    this.ask();
    return true;
  }
}
