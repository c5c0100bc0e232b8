// What the views may ask for. Implemented by host-session and viewer-session;
// views get them from context and never touch WebRTC or sockets themselves.
import type { PresetId, UserCaps } from '../host/presets';
import type { RecordingControls } from '../host/recording-session';
import type { DeliveryPreference } from './delivery-preference';

export interface HostControls {
  /** Connects to the signaling server without sharing yet (the headless /host page does this on load). */
  connect(): Promise<void>;
  /** Connects if needed, then captures and shares. */
  startHosting(): Promise<void>;
  stopHosting(): Promise<void>;
  admit(viewerId: string): void;
  deny(viewerId: string): void;
  kick(viewerId: string): void;
  setPaused(paused: boolean): void;
  setPreset(id: PresetId): Promise<void>;
  setCaps(caps: UserCaps): Promise<void>;
  setSystemAudio(on: boolean): Promise<void>;
  setRequireApproval(on: boolean): void;
  /** "Only verified viewers": turn away viewers whose link has no link key (on for a new session). */
  setOnlyVerified(on: boolean): void;
  setMaxViewers(count: number): void;
  /** Switches what is shared without disconnecting anyone (replaceTrack). */
  chooseSource(sourceId?: string): Promise<void>;
  refreshSources(): Promise<void>;
  /** Direct or through the relay, from the next Start hosting. */
  setDeliveryPreference(mode: DeliveryPreference): void;
}

export interface JoinControls {
  /** Joins with the link and name in state; a bad link sets linkError instead. */
  join(): void;
  leave(): void;
}

export interface Controllers {
  readonly host: HostControls;
  readonly recording: RecordingControls;
  readonly joinSession: JoinControls;
}
