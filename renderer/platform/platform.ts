// What the renderer needs from wherever it runs. Two implementations: the browser
// (headless hosting, and every viewer) and Electron (through the preload API).
import type { HostingReport, RendererError, ViewerDecision } from '../../preload/api-types';
import type { Result } from '../../signaling/protocol';
import type { RecordingSink } from './recording-sink';

export interface HostingEndpoint {
  /** ws://127.0.0.1:PORT/signal, reached over loopback exactly like a viewer reaches it. */
  readonly signalUrl: string;
  readonly port: number;
  readonly hostKey: string;
  /** A link key made outside the page (`npm run serve` puts it in the host page's link); else the page makes one. */
  readonly linkKey?: string;
  /** The preferred port was taken; the server runs on `port` instead (the user is told). */
  readonly portFallbackFrom?: number;
}

export interface CaptureSource {
  readonly id: string;
  readonly name: string;
  readonly kind: 'screen' | 'window';
  /** data: URL of a small preview. */
  readonly thumbnail?: string;
}

export interface CaptureRequest {
  /** A source from listSources(); undefined lets the platform ask (the browser's picker). */
  readonly sourceId?: string;
  readonly width?: number;
  readonly height?: number;
  readonly frameRate: number;
  readonly systemAudio: boolean;
}

export interface SystemAudioSupport {
  readonly available: boolean;
  readonly reason: string | null;
}

export interface Platform {
  readonly kind: 'browser' | 'electron';
  /** Whether this platform lists sources itself; a browser shows its own picker instead. */
  readonly listsSources: boolean;
  /** Whether the computer's sound can be shared here, with the reason in plain words when not. */
  systemAudioSupport(): Promise<SystemAudioSupport>;
  /** Starts the signaling server (Electron) or finds the one serving this page (browser). */
  startHosting(): Promise<Result<HostingEndpoint, string>>;
  stopHosting(): Promise<void>;
  listSources(): Promise<CaptureSource[]>;
  capture(request: CaptureRequest): Promise<MediaStream>;
  /** Where a recording goes (desktop: a file from a save dialog; browser: a download); null when cancelled. */
  openRecording(fileName: string): Promise<RecordingSink | null>;
  /** Join links opened from outside the page (desktop: protocol links, a second launch). */
  onJoinLink?(listener: (link: string) => void): () => void;
  /** A join link on the clipboard, offered when the Join view opens (desktop only). */
  readClipboardJoinLink?(): Promise<string | null>;
  /** Desktop: what the tray and notifications show (hosting state, who waits). */
  reportHostingState?(report: HostingReport): void;
  /** Desktop: an uncaught page error, for the app's log file. */
  reportError?(error: RendererError): void;
  /** Desktop: Admit / Deny chosen on a native notification. */
  onViewerDecision?(listener: (decision: ViewerDecision) => void): () => void;
  /** Desktop: "Stop hosting" chosen in the tray. */
  onStopHostingRequest?(listener: () => void): () => void;
}
