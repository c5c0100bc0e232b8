// The bitrate the relay lets the host send (its REMB to the host page): one encode for
// every viewer, so it is set for the weakest watching viewer. Not simulcast: werift does
// not rewrite VP8 picture ids across layers (switching up froze ~3 s), and on a 2-core
// machine more encodes cost the host the CPU the relay exists to save.

/**
 * The host's presets cap it below this anyway; also what is sent before any viewer has an estimate, so first frames
 * stay sharp.
 */
export const TARGET_CAP_BPS = 20_000_000;
/**
 * Never below: loss that goes on cuts a viewer's limit again and again, and under
 * ~300 kbit/s a changing 1080p screen turns to mush for seconds (one viewer on a bad
 * link would take every other viewer's picture down with it); it is also libwebrtc's
 * own start rate.
 */
export const TARGET_FLOOR_BPS = 300_000;
/**
 * Rises are spread out (a drop applies at once): at most x1.5 per second, so the weakest viewer's 300 kbit/s reach the
 * cap in ~10 s.
 */
const RISE_PER_SECOND = 1.5;

/** What the target needs of one viewer's connection. */
export interface ViewerEstimate {
  readonly connected: boolean;
  /** False while the host pauses or suspends it: it is sent nothing, so it must not hold the others back. */
  readonly active: boolean;
  readonly estimateBps: number | null;
}

export class PublisherTarget {
  private bps = TARGET_CAP_BPS;
  private at: number | null = null;

  get currentBps(): number {
    return Math.round(this.bps);
  }

  /** The target for these viewers at `now` (ms): set by the watching ones with an estimate; returns it. */
  update(viewers: Iterable<ViewerEstimate>, now: number): number {
    const known: number[] = [];
    for (const viewer of viewers)
      if (viewer.connected && viewer.active && viewer.estimateBps !== null) known.push(viewer.estimateBps);
    const wanted = known.length === 0 ? TARGET_CAP_BPS : clamp(Math.min(...known));
    const elapsedS = this.at === null ? 0 : Math.max(0, now - this.at) / 1000;
    if (wanted <= this.bps) {
      this.bps = wanted;
      this.at = now;
    } else {
      const reachable = this.bps * RISE_PER_SECOND ** Math.min(elapsedS, 1);
      // A rise of less than 1 % waits for more time to pass, so frequent calls still rise at the full rate.
      if (reachable > this.bps * 1.01 || wanted <= reachable) {
        this.bps = Math.min(wanted, reachable);
        this.at = now;
      }
    }
    return this.currentBps;
  }
}

function clamp(bps: number): number {
  return Math.min(TARGET_CAP_BPS, Math.max(TARGET_FLOOR_BPS, Math.round(bps)));
}
