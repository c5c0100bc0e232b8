// How the host's media reaches viewers. Today: one RTCPeerConnection per admitted
// viewer (peer-connection-delivery). The planned relay mode (encode once, forward
// to many) implements the same interface, so the host session does not change.
import type { DtlsCheck } from '../security/dtls-check';
import type { StreamStats } from '../stats/normalise-stats';
import type { SenderSettings } from './presets';

export type SignalData = Record<string, unknown>;

export interface ViewerLinkReport {
  /** Media can flow: the transport is connected. */
  readonly connected: boolean;
  readonly stats: StreamStats;
  /** The viewer's DTLS certificate against its signed answer (pinning), and the safety code; absent where not checked. */
  readonly dtls?: DtlsCheck;
}

export interface MediaDelivery {
  /** Starts sending to an admitted viewer; signaling data for it goes out through the `send` given at creation. */
  addViewer(viewerId: string): void;
  /** Stops sending to a vanished viewer whose connection is kept in case it comes back (no encoding for nobody). */
  suspend(viewerId: string): void;
  /** A returning viewer's new id takes over its old, still-working connection, sending again; false when there is none. */
  rebind(formerId: string, viewerId: string): boolean;
  /** Stops sending and releases everything held for the viewer. */
  removeViewer(viewerId: string): void;
  /** A `signal` from the viewer (answer, candidate). */
  handleSignal(viewerId: string, data: SignalData): Promise<void>;
  /** What to send: switching it keeps every viewer connected. */
  setSource(stream: MediaStream): Promise<void>;
  applySettings(settings: SenderSettings): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  collectStats(): Promise<Map<string, ViewerLinkReport>>;
  close(): void;
}
