// What the host session needs from the delivery (how the host's media reaches
// viewers), and what the delivery reports back. The one implementation is Delivery
// (delivery.ts), which runs one strategy at a time (delivery-strategy.ts); tests
// stand in a recording one.
import type { SignalPayload } from '../../signaling/protocol';
import type { DtlsCheck } from '../security/dtls-check';
import type { StreamStats } from '../stats/normalise-stats';
import type { SenderSettings } from './presets';
import type { UplinkState } from './uplink-connection';

/** A signal's `data` as it goes on the wire: a payload, with its `auth` envelope once sealed. */
export type SignalData = Record<string, unknown>;

export interface ViewerConnectionReport {
  /** Media can flow: the transport is connected. */
  readonly connected: boolean;
  readonly stats: StreamStats;
  /**
   * The viewer's DTLS certificate against its signed answer (pinning), and the safety code; absent where not checked.
   */
  readonly dtls?: DtlsCheck;
}

/** The uplink when the host encodes once for everyone (relay strategy): what it sends to the relay. */
export interface UplinkReport {
  readonly state: UplinkState;
  readonly bitrateBps: number | null;
  readonly fps: number | null;
  /** What the relay lets the host send (its REMB): the weakest watching viewer's limit, or the cap. */
  readonly targetBps: number | null;
  /** Times the uplink was lost and made again this session. */
  readonly restarts: number;
  /** The relay's last `error` reply (a request it refused), if any. */
  readonly relayError: string | null;
}

export interface MediaDelivery {
  /** Starts sending to an admitted viewer; signals for it go out through the `send` given at creation. */
  addViewer(viewerId: string): void;
  /** Stops sending to a vanished viewer whose connection is kept in case it comes back (no encoding for nobody). */
  suspend(viewerId: string): void;
  /**
   * A returning viewer's new id takes over its old, still-working connection, sending again; false when there is none
   * or it never got the viewer's answer (the caller then removes the old one and adds the new id afresh).
   */
  rebind(formerId: string, viewerId: string): boolean;
  /** Stops sending and releases everything held for the viewer. */
  removeViewer(viewerId: string): void;
  /** A `signal` from the viewer (answer, candidate), checked and parsed. */
  handleSignal(viewerId: string, data: SignalPayload): Promise<void>;
  /** What to send: switching it keeps every viewer connected. */
  setSource(stream: MediaStream): Promise<void>;
  applySettings(settings: SenderSettings): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  /** Viewers are told while the host records (and any viewer admitted meanwhile). */
  setRecording(recording: boolean): void;
  collectStats(): Promise<Map<string, ViewerConnectionReport>>;
  /** The uplink as of the last collectStats(); null when each viewer has its own connection. */
  uplink?(): UplinkReport | null;
  close(): void;
}
