// The host session's one delivery: it owns the inputs (the capture's tracks, the
// sender settings, paused, the admitted viewers) and runs one strategy at a time.
// When a strategy fails (the relay died, say) the next one in the list takes over:
// the failed one is closed and the inputs are replayed into the new one, awaited and
// in order (settings, paused, tracks, then each viewer), and the UI is told the mode.
import type { SignalPayload } from '../../signaling/protocol';
import type { DeliveryMode, DeliveryStrategy, StrategyContext, StrategyFactory } from './delivery-strategy';
import type { MediaDelivery, UplinkReport, ViewerConnectionReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { NO_TRACKS, type Tracks } from './send-only-connection';

export interface DeliveryEvents {
  /** The mode that carries media now; null while the current strategy is not ready yet. */
  onMode(mode: DeliveryMode | null): void;
  /** A strategy's problem that did not stop it, in words for the host. */
  onProblem?(message: string): void;
}

export class Delivery implements MediaDelivery {
  private tracks: Tracks = NO_TRACKS;
  private settings: SenderSettings | null = null;
  private paused = false;
  private recording = false;
  /** Admitted viewers, in the order they came, and whether each is kept for a possible return. */
  private readonly viewers = new Map<string, { suspended: boolean }>();
  private strategy: DeliveryStrategy;
  /** Which entry of `strategies` runs now; bumped on every switch, so a late word from an old one is ignored. */
  private current = 0;
  private closed = false;
  /** The replay into the current strategy: every input change waits for it, so none overtakes it. */
  private replaying: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (viewerId: string, data: SignalPayload) => void,
    /** The preferred strategy first, then each fallback. */
    private readonly strategies: readonly StrategyFactory[],
    private readonly events: DeliveryEvents,
  ) {
    if (strategies.length === 0) throw new Error('Delivery needs a strategy');
    this.strategy = this.start(0);
  }

  addViewer(viewerId: string): void {
    this.viewers.delete(viewerId); // a viewer added again goes to the end, as a new one
    this.viewers.set(viewerId, { suspended: false });
    this.place(this.strategy, viewerId);
  }

  suspend(viewerId: string): void {
    const viewer = this.viewers.get(viewerId);
    if (!viewer) return;
    viewer.suspended = true;
    this.strategy.suspend(viewerId);
  }

  rebind(formerId: string, viewerId: string): boolean {
    if (!this.viewers.has(formerId) || !this.strategy.rebind(formerId, viewerId)) return false;
    this.viewers.delete(formerId);
    this.viewers.set(viewerId, { suspended: false });
    return true;
  }

  removeViewer(viewerId: string): void {
    this.viewers.delete(viewerId);
    this.strategy.removeViewer(viewerId);
  }

  handleSignal(viewerId: string, data: SignalPayload): Promise<void> {
    return this.strategy.handleSignal(viewerId, data);
  }

  async setSource(stream: MediaStream): Promise<void> {
    this.tracks = { video: stream.getVideoTracks()[0] ?? null, audio: stream.getAudioTracks()[0] ?? null };
    if (this.tracks.video && this.settings) this.tracks.video.contentHint = this.settings.contentHint;
    await this.replaying;
    await this.strategy.setTracks(this.tracks);
  }

  async applySettings(settings: SenderSettings): Promise<void> {
    this.settings = settings;
    if (this.tracks.video) this.tracks.video.contentHint = settings.contentHint;
    await this.replaying;
    await this.strategy.applySettings(settings);
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    await this.replaying;
    // Nothing is sent while paused; viewers are told so they show "paused", not a frozen frame.
    await this.strategy.setPaused(paused);
    this.tellEveryViewer();
  }

  /** Viewers are told while the host records what it shares (they see "The host is recording"). */
  setRecording(recording: boolean): void {
    this.recording = recording;
    this.tellEveryViewer();
  }

  /** Both facts in one message: a viewer that knows only `paused` still reads it right. */
  private tellEveryViewer(): void {
    for (const viewerId of this.viewers.keys()) this.send(viewerId, this.control());
  }

  private control(): SignalPayload {
    return { control: { paused: this.paused, ...(this.recording ? { recording: true } : {}) } };
  }

  collectStats(): Promise<Map<string, ViewerConnectionReport>> {
    return this.strategy.collectStats();
  }

  uplink(): UplinkReport | null {
    return this.strategy.uplink();
  }

  /** Resolves once the current strategy has been given every input (after a switch). */
  settled(): Promise<void> {
    return this.replaying;
  }

  close(): void {
    this.closed = true;
    this.current = -1;
    this.strategy.close();
    this.viewers.clear();
  }

  private start(index: number): DeliveryStrategy {
    this.current = index;
    const isCurrent = () => this.current === index && !this.closed;
    let strategy: DeliveryStrategy | null = null;
    let readyAtOnce = false;
    const context: StrategyContext = {
      send: (viewerId, data) => {
        if (isCurrent()) this.send(viewerId, data);
      },
      ready: () => {
        if (!isCurrent()) return;
        if (strategy) this.events.onMode(strategy.mode);
        else readyAtOnce = true; // called from its constructor
      },
      // Never from inside a strategy's own call: the switch closes it.
      fail: () => queueMicrotask(() => isCurrent() && this.switchTo(index + 1)),
      problem: (message) => {
        if (isCurrent()) this.events.onProblem?.(message);
      },
    };
    this.events.onMode(null);
    strategy = this.strategies[index]!(context);
    this.strategy = strategy;
    if (readyAtOnce) this.events.onMode(strategy.mode);
    return strategy;
  }

  private switchTo(index: number): void {
    if (index >= this.strategies.length) return; // the last one has nothing to hand over to
    const failed = this.strategy;
    const viewers = [...this.viewers.keys()];
    const next = this.start(index);
    failed.close();
    const before = this.replaying;
    this.replaying = before.then(() => this.replay(next, viewers)).catch(() => undefined);
  }

  private async replay(strategy: DeliveryStrategy, viewers: readonly string[]): Promise<void> {
    const stillCurrent = () => strategy === this.strategy && !this.closed;
    if (this.settings && stillCurrent()) await strategy.applySettings(this.settings);
    if (this.paused && stillCurrent()) await strategy.setPaused(true);
    if ((this.tracks.video || this.tracks.audio) && stillCurrent()) await strategy.setTracks(this.tracks);
    for (const viewerId of viewers) {
      const viewer = this.viewers.get(viewerId);
      if (!viewer || !stillCurrent()) continue; // gone meanwhile
      this.place(strategy, viewerId);
      if (viewer.suspended) strategy.suspend(viewerId);
    }
  }

  private place(strategy: DeliveryStrategy, viewerId: string): void {
    strategy.addViewer(viewerId);
    if (this.paused || this.recording) this.send(viewerId, this.control());
  }
}
