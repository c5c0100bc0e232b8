// The API the preload exposes to the renderer as `window.desktopHost`. Types only: the
// renderer may import this file (and nothing else from preload/), so it must stay free
// of runtime code and of Electron or Node types.
import type { HostingStatus } from '../signaling/protocol/app-constants';
import type { Result } from '../signaling/protocol';

/** Every IPC answer: a value, or plain words for the person using the app. */
export type IpcResult<T> = Result<T, string>;

export interface HostingStarted {
  readonly port: number;
  /** Proves the renderer is the host; handed only to our own window. */
  readonly hostKey: string;
  /** Every join link, the most likely one first. */
  readonly joinUrls: readonly string[];
  /** Set when the saved port was taken and a free one was used instead: the UI says so. */
  readonly portFallbackFrom?: number;
}

export interface HostingPortRequest {
  /** 1024-65535, or 0 for any free port. */
  readonly port: number;
}

export interface DesktopCaptureSource {
  /** desktopCapturer id (`screen:…` or `window:…`), passed back to chooseSource. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'screen' | 'window';
  /** Which display a screen is (matches screen.getAllDisplays ids); '' for windows. */
  readonly displayId: string;
  /** data: URL of a small preview. */
  readonly thumbnail: string;
}

export interface ChooseSourceRequest {
  readonly sourceId: string;
  readonly systemAudio: boolean;
}

export interface SystemAudioSupport {
  readonly available: boolean;
  /** Why not, in plain words, when it is not available. */
  readonly reason: string | null;
}

/** The renderer's hosting status (renderer/app/app-state HostingStatus), as main sees it. */
export type HostingReportStatus = HostingStatus;

export interface WaitingViewer {
  readonly id: string;
  readonly name: string;
}

/** What the tray shows and what the join-request notifications are raised from. */
export interface HostingReport {
  readonly status: HostingReportStatus;
  readonly watching: number;
  readonly waiting: number;
  /**
   * The viewers asking to join: at most 32 (WAITING_VIEWERS_MAX in ipc-contract), the first ones when there are more.
   */
  readonly waitingViewers: readonly WaitingViewer[];
}

/** The host's answer to a join request made in a notification; the renderer carries it out. */
export interface ViewerDecision {
  readonly id: string;
  readonly decision: 'admit' | 'deny';
}

export interface RecordingOpenRequest {
  /** The file name the save dialog suggests (main picks the folder). */
  readonly suggestedName: string;
}

export interface RecordingOpened {
  /** Names the open file in later writes; the page never learns its path before it is saved. */
  readonly recordingId: string;
}

export interface RecordingChunk {
  readonly recordingId: string;
  readonly bytes: Uint8Array;
}

/** An error the page did not catch, for main's log file (secrets are redacted there). */
export interface RendererError {
  readonly kind: 'error' | 'unhandledrejection';
  readonly message: string;
  /** Where it was thrown: `file:line:column`. */
  readonly source?: string;
  readonly stack?: string;
}

export interface DesktopApi {
  startHosting(): Promise<IpcResult<HostingStarted>>;
  stopHosting(): Promise<IpcResult<null>>;
  /** The saved port preference (0: any free port). */
  getHostingPort(): Promise<IpcResult<number>>;
  /** Saves the port preference; used from the next start. */
  setHostingPort(request: HostingPortRequest): Promise<IpcResult<null>>;
  listSources(): Promise<IpcResult<DesktopCaptureSource[]>>;
  /** Main remembers the choice; its display-media handler grants exactly that source. */
  chooseSource(request: ChooseSourceRequest): Promise<IpcResult<null>>;
  systemAudioSupport(): Promise<IpcResult<SystemAudioSupport>>;
  /** A join link on the clipboard (http form), or null when there is none. */
  readClipboardJoinLink(): Promise<IpcResult<string | null>>;
  /** Asks where to save a recording (the system's save dialog) and opens that file; null when cancelled. */
  openRecording(request: RecordingOpenRequest): Promise<IpcResult<RecordingOpened | null>>;
  /** Appends a chunk of the recording to its file. */
  writeRecording(request: RecordingChunk): Promise<IpcResult<null>>;
  /** Finishes the file; the answer is where it was saved. */
  closeRecording(request: { readonly recordingId: string }): Promise<IpcResult<string>>;
  /** Tells main the hosting state after every change: the tray and notifications follow it. */
  reportHostingState(report: HostingReport): Promise<IpcResult<null>>;
  /** Writes an uncaught page error to main's log file. */
  reportRendererError(error: RendererError): Promise<IpcResult<null>>;
  /** Join links opened from outside (protocol link, second launch, argv), in http form. */
  onJoinLink(listener: (link: string) => void): () => void;
  /** Admit / Deny chosen in a native notification. Main never decides: the renderer admits or denies. */
  onViewerDecision(listener: (decision: ViewerDecision) => void): () => void;
  /** "Stop hosting" chosen in the tray: the renderer stops as if its own button was pressed. */
  onStopHostingRequest(listener: () => void): () => void;
}

/** How the renderer sees the preload's global. */
export interface DesktopHostWindow {
  readonly desktopHost?: DesktopApi;
}
