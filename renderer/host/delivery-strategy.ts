// One way of getting the host's media to viewers, run by Delivery (delivery.ts), which
// owns the inputs (tracks, settings, paused, the admitted viewers) and hands them to
// whichever strategy is current. To add one (the WHIP publisher, say), write a file that
// implements DeliveryStrategy and list its factory in delivery-choice.ts.
import type { SignalPayload } from '../../signaling/protocol';
import type { UplinkReport, ViewerConnectionReport } from './media-delivery';
import type { SenderSettings } from './presets';
import type { Tracks } from './send-only-connection';

/** What the UI says (connection-info's "Media: …"); also each strategy's name. */
export type DeliveryMode = 'relay' | 'direct';

/** What a strategy may tell or ask of the delivery that runs it. */
export interface StrategyContext {
  /** A signal to one viewer (the host session seals and sends it). */
  send(viewerId: string, data: SignalPayload): void;
  /** The strategy carries media now (the UI shows its mode); a strategy that is ready at once calls it at once. */
  ready(): void;
  /** The strategy cannot go on: the delivery closes it and replays its inputs into the next one. */
  fail(reason: string): void;
  /** Something went wrong that does not stop the strategy (a relay `error` reply): shown to the host. */
  problem(message: string): void;
}

export type StrategyFactory = (context: StrategyContext) => DeliveryStrategy;

/**
 * Calls come from Delivery only, in this order after a switch: applySettings, setPaused, setTracks, then addViewer
 * (and suspend) for each admitted viewer. Telling viewers about pause is the delivery's job, not the strategy's.
 */
export interface DeliveryStrategy {
  readonly mode: DeliveryMode;
  addViewer(viewerId: string): void;
  suspend(viewerId: string): void;
  rebind(formerId: string, viewerId: string): boolean;
  removeViewer(viewerId: string): void;
  handleSignal(viewerId: string, data: SignalPayload): Promise<void>;
  /** The capture's tracks (null when there is none); while paused the strategy sends none of them. */
  setTracks(tracks: Tracks): Promise<void>;
  applySettings(settings: SenderSettings): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  collectStats(): Promise<Map<string, ViewerConnectionReport>>;
  uplink(): UplinkReport | null;
  close(): void;
}
