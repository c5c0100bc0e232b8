// How the host's media reaches viewers: one RTCPeerConnection per admitted viewer
// (peer-connection-delivery), or one to the media relay, which forwards to every
// viewer (relay-delivery). Both implement this, so the host session does not change.
import type { DtlsCheck } from '../security/dtls-check';
import type { StreamStats } from '../stats/normalise-stats';
import type { SenderSettings } from './presets';
import type { PublisherLinkState } from './publisher-link';

import type { SignalPayload } from '../../signaling/protocol';

/** A signal's `data` as it goes on the wire: a payload, with its `auth` envelope once sealed. */
export type SignalData = Record<string, unknown>;

export interface ViewerLinkReport {
  /** Media can flow: the transport is connected. */
  readonly connected: boolean;
  readonly stats: StreamStats;
  /**
   * The viewer's DTLS certificate against its signed answer (pinning), and the safety code; absent where not checked.
   */
  readonly dtls?: DtlsCheck;
}

/** The host's own link when it encodes once for everyone (relay mode): what it sends to the relay. */
export interface UplinkReport {
  readonly state: PublisherLinkState;
  readonly bitrateBps: number | null;
  readonly fps: number | null;
  /** What the relay lets the host send (its REMB): the weakest watching viewer's limit, or the cap. */
  readonly targetBps: number | null;
  /** Times the link was lost and made again this session. */
  readonly restarts: number;
}

export interface MediaDelivery {
  /** Starts sending to an admitted viewer; signals for it go out through the `send` given at creation. */
  addViewer(viewerId: string): void;
  /** Stops sending to a vanished viewer whose connection is kept in case it comes back (no encoding for nobody). */
  suspend(viewerId: string): void;
  /**
   * A returning viewer's new id takes over its old, still-working connection, sending again; false when there is none.
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
  collectStats(): Promise<Map<string, ViewerLinkReport>>;
  /** The link to the relay as of the last collectStats(); null when each viewer has its own link. */
  uplink?(): UplinkReport | null;
  close(): void;
}
