// The timer behind KeyframeRequests: it ticks only while some viewer waits for a
// keyframe, so an idle relay holds no timer (tests count the relay's timers).
import { KeyframeRequests } from './keyframe-requests';

const KEYFRAME_TICK_MS = 50;

export class KeyframeScheduler {
  private readonly requests: KeyframeRequests;
  private timer: NodeJS.Timeout | undefined;

  /** `ask`: sends one keyframe request to the publisher. */
  constructor(ask: () => void) {
    this.requests = new KeyframeRequests(ask);
  }

  /** The viewer needs a keyframe (it just connected, resumed or lost the picture). */
  want(viewer: string): void {
    this.requests.want(viewer, performance.now());
    this.update();
  }

  /** A keyframe went out to this viewer. */
  delivered(viewer: string): void {
    this.requests.delivered(viewer);
    this.update();
  }

  /** The viewer is gone or paused: nothing to wait for. */
  forget(viewer: string): void {
    this.requests.forget(viewer);
    this.update();
  }

  get timers(): number {
    return this.timer ? 1 : 0;
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private update(): void {
    if (this.requests.pending > 0 && !this.timer) {
      this.timer = setInterval(() => this.requests.tick(performance.now()), KEYFRAME_TICK_MS);
    } else if (this.requests.pending === 0 && this.timer) {
      this.close();
    }
  }
}
