// All renderer state, as @preact/signals, created once and provided by context.
// Sessions (host-session, viewer-session) write it; views read it.
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { DEFAULT_MAX_VIEWERS, type HostingStatus } from '../../signaling/protocol';
import type { CaptureSource } from '../platform/platform';
import type { DeliveryPreference } from './delivery-preference';
import type { UplinkReport } from '../host/media-delivery';
import type { RecordingState } from '../host/recording-session';
import type { PresetId, UserCaps } from '../host/presets';
import type { StreamStats } from '../stats/normalise-stats';

export type View = 'host' | 'join';

/** The host's one link to the media relay (relay mode), as the stats card shows it. */
export type UplinkEntry = UplinkReport & {
  /** Bitrate samples, one a second, newest last, at most a minute. */
  readonly bitrateHistory: readonly number[];
};

/** How the host sees one viewer. */
export interface ViewerEntry {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  /** waiting: asked to join; connecting: admitted, media not flowing yet; watching: frames flowing. */
  readonly state: 'waiting' | 'connecting' | 'watching';
  /** The host's measurement of what it sends this viewer. */
  readonly stats: StreamStats | null;
  /** What the viewer reports receiving (its `stats` messages). */
  readonly received: ReceivedReport | null;
  /** Bitrate samples, one a second, newest last, at most a minute. */
  readonly bitrateHistory: readonly number[];
  /** true: signs its signals with the link key; false: its link had no key; null: not known yet. */
  readonly verified: boolean | null;
  /** From both DTLS certificates once connected; the viewer shows the same code. */
  readonly safetyCode: string | null;
  /** Signals claiming to be from this viewer that failed the check (forged, altered, replayed). */
  readonly refusedSignals: number;
}

/** The viewer's own report, as sent in `stats` (see viewer-session). */
export interface ReceivedReport {
  readonly fps: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly bitrateBps: number | null;
  readonly packetLossPct: number | null;
  readonly jitterMs: number | null;
  readonly framesDecoded: number | null;
}

/**
 * idle: not connected; starting: connecting to the server; ready: connected, viewers
 * can ask to join, nothing shared yet; live: sharing; reconnecting: the server
 * connection dropped and is being restored; stopping: tearing down.
 */
export type { HostingStatus };

export interface HostState {
  readonly status: Signal<HostingStatus>;
  /** Plain words for the last thing that went wrong, or null. */
  readonly error: Signal<string | null>;
  /** Something the user should know that is not an error (e.g. another port was used). */
  readonly notice: Signal<string | null>;
  readonly port: Signal<number | null>;
  readonly joinUrls: Signal<readonly string[]>;
  /** The join link the user picked to share (defaults to the most likely one). */
  readonly chosenJoinUrl: Signal<string | null>;
  readonly requireApproval: Signal<boolean>;
  /** Only viewers whose link carries the link key (`&k=`) may watch. */
  readonly onlyVerified: Signal<boolean>;
  readonly maxViewers: Signal<number>;
  readonly viewers: Signal<readonly ViewerEntry[]>;
  readonly paused: Signal<boolean>;
  readonly presetId: Signal<PresetId>;
  readonly caps: Signal<UserCaps>;
  readonly systemAudio: Signal<boolean>;
  /** Why the computer's sound cannot be shared here, or null when it can. */
  readonly systemAudioUnavailable: Signal<string | null>;
  readonly sources: Signal<readonly CaptureSource[]>;
  readonly sourceId: Signal<string | null>;
  /** What is being captured, e.g. "1920×1080 at 30 fps", or null before capture. */
  readonly captureLabel: Signal<string | null>;
  readonly totalBitrateHistory: Signal<readonly number[]>;
  /** The link to the relay in relay mode; null in direct mode or before it exists. */
  readonly uplink: Signal<UplinkEntry | null>;
  /**
   * How media reaches viewers this session: through the relay (one encode) or directly (one per viewer); null before it
   * is known.
   */
  readonly deliveryMode: Signal<'relay' | 'direct' | null>;
  /** How media should reach viewers from the next start, as chosen on this device (app/delivery-preference.ts). */
  readonly deliveryPreference: Signal<DeliveryPreference>;
  /** Bumped when someone asks to join, so the view can flash and chime. */
  readonly joinRequests: Signal<number>;
  readonly waitingCount: ReadonlySignal<number>;
  readonly watchingCount: ReadonlySignal<number>;
}

export type JoinStatus =
  | 'idle'
  | 'connecting'
  | 'waiting'
  | 'watching'
  | 'paused'
  | 'host-away'
  | 'reconnecting'
  | 'denied'
  | 'kicked'
  | 'full'
  | 'unreachable'
  | 'failed'
  | 'left';

/** How far this viewer can trust the connection (see docs/security.md). */
export interface JoinSecurity {
  /** true: the link has a key and signaling is checked end to end; false: no key; null: not joined. */
  readonly verified: boolean | null;
  /** From both DTLS certificates once connected; the host shows the same code. */
  readonly safetyCode: string | null;
  /** Host messages that failed the check and were dropped. */
  readonly refusedSignals: number;
}

export const NO_JOIN_SECURITY: JoinSecurity = { verified: null, safetyCode: null, refusedSignals: 0 };

export interface JoinState {
  /** The join link as typed or pasted. */
  readonly link: Signal<string>;
  readonly name: Signal<string>;
  readonly status: Signal<JoinStatus>;
  /** Plain words for the current status where the status alone is not enough. */
  readonly detail: Signal<string | null>;
  /** A problem with the link itself, shown next to the field. */
  readonly linkError: Signal<string | null>;
  /** A join link found on the clipboard, offered until used or dismissed. */
  readonly clipboardLink: Signal<string | null>;
  readonly stream: Signal<MediaStream | null>;
  readonly stats: Signal<StreamStats | null>;
  readonly security: Signal<JoinSecurity>;
  /** The host says it is recording what it shares. */
  readonly hostRecording: Signal<boolean>;
  readonly showStats: Signal<boolean>;
  readonly fit: Signal<'fit' | 'actual'>;
}

export interface AppState {
  readonly view: Signal<View>;
  readonly host: HostState;
  readonly recording: RecordingState;
  readonly join: JoinState;
}

export const MAX_HISTORY = 60;

export function createAppState(initial: { view?: View; link?: string; name?: string } = {}): AppState {
  const viewers = signal<readonly ViewerEntry[]>([]);
  return {
    view: signal(initial.view ?? 'join'),
    recording: { since: signal(null), outcome: signal(null) },
    host: {
      status: signal('idle'),
      error: signal(null),
      notice: signal(null),
      port: signal(null),
      joinUrls: signal([]),
      chosenJoinUrl: signal(null),
      requireApproval: signal(true),
      onlyVerified: signal(true),
      maxViewers: signal(DEFAULT_MAX_VIEWERS),
      viewers,
      paused: signal(false),
      presetId: signal('balanced'),
      caps: signal({}),
      systemAudio: signal(false),
      systemAudioUnavailable: signal(null),
      sources: signal([]),
      sourceId: signal(null),
      captureLabel: signal(null),
      totalBitrateHistory: signal([]),
      uplink: signal(null),
      deliveryMode: signal(null),
      deliveryPreference: signal('relay'),
      joinRequests: signal(0),
      waitingCount: computed(() => viewers.value.filter((v) => v.state === 'waiting').length),
      watchingCount: computed(() => viewers.value.filter((v) => v.state === 'watching').length),
    },
    join: {
      link: signal(initial.link ?? ''),
      name: signal(initial.name ?? ''),
      status: signal('idle'),
      detail: signal(null),
      linkError: signal(null),
      clipboardLink: signal(null),
      stream: signal(null),
      stats: signal(null),
      security: signal(NO_JOIN_SECURITY),
      hostRecording: signal(false),
      showStats: signal(false),
      fit: signal('fit'),
    },
  };
}

/** Appends a sample, keeping the last minute. */
export function pushHistory(history: readonly number[], value: number): readonly number[] {
  const next = [...history, value];
  return next.length > MAX_HISTORY ? next.slice(next.length - MAX_HISTORY) : next;
}
