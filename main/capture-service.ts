// What to capture: main lists screens and windows for the Display selector, remembers
// the one the user picked, and answers the page's getDisplayMedia with exactly that
// source. There is no picker to trick: an unchosen source is never granted.
// On Wayland the system's own sharing dialog (xdg-desktop-portal) is the picker, and
// every getSources() opens it: there main lists nothing and grants one placeholder
// screen, which Chromium's PipeWire capturer turns into exactly one dialog per share.
import { desktopCapturer, type DesktopCapturerSource, type Session, type Streams } from 'electron';
import type { ChooseSourceRequest, DesktopCaptureSource, IpcResult, SystemAudioSupport } from '../preload/api-types';
import { err, ok } from '../signaling/protocol';
import { isAppUrl } from './app-origin';
import type { DisplayServer } from './platform-switches';

const THUMBNAIL_SIZE = { width: 320, height: 180 };
/** Checking that a source exists needs no pictures (they are the slow part). */
const NO_THUMBNAIL = { width: 0, height: 0 };

/**
 * Wayland's only entry: the portal dialog asks which screen or window when sharing
 * starts. Chromium ignores the id on Wayland; "screen:0:0" keeps it a valid screen id.
 */
export const SYSTEM_DIALOG_SOURCE: DesktopCaptureSource = {
  id: 'screen:0:0',
  name: 'Your system asks which screen or window to share when you start',
  kind: 'screen',
  displayId: '',
  thumbnail: '',
};

interface Choice {
  readonly id: string;
  readonly name: string;
  readonly systemAudio: boolean;
}

/** The parts of a display-media request the decision needs. */
export interface DisplayMediaRequest {
  readonly frame: { readonly url: string } | null;
  readonly audioRequested: boolean;
}

export class CaptureService {
  private chosen: Choice | null = null;
  /**
   * The last list shown to the user. On Wayland every getSources() opens the system's picker again, so a choice from it
   * is not re-checked that way.
   */
  private listed = new Map<string, DesktopCapturerSource>();

  /** `audioSupport` and `displayServer`: what this OS can do, decided once at start-up (platform-switches). */
  constructor(
    private readonly audioSupport: SystemAudioSupport,
    private readonly displayServer: DisplayServer = null,
  ) {}

  private get systemPicks(): boolean {
    return this.displayServer === 'wayland';
  }

  async listSources(): Promise<IpcResult<DesktopCaptureSource[]>> {
    if (this.systemPicks) return ok([SYSTEM_DIALOG_SOURCE]);
    try {
      const sources = await this.sources(THUMBNAIL_SIZE);
      this.listed = new Map(sources.map((source) => [source.id, source]));
      return ok(sources.map(describeSource));
    } catch (error) {
      // macOS without Screen Recording permission lands here.
      return err(`Could not list screens and windows: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Remembers the source. One from the list just shown is taken as it is (the portal
   * picker on Wayland must not open twice); any other is checked to still exist.
   */
  async choose(request: ChooseSourceRequest): Promise<IpcResult<null>> {
    if (this.systemPicks) {
      if (request.sourceId !== SYSTEM_DIALOG_SOURCE.id) return err('On Wayland your system asks what to share.');
      this.chosen = { id: SYSTEM_DIALOG_SOURCE.id, name: 'Entire screen', systemAudio: request.systemAudio };
      return ok(null);
    }
    const source =
      this.listed.get(request.sourceId) ??
      (await this.sources(NO_THUMBNAIL)).find((candidate) => candidate.id === request.sourceId);
    if (!source) return err('That screen or window is no longer there. Pick another one.');
    this.chosen = { id: source.id, name: source.name, systemAudio: request.systemAudio };
    return ok(null);
  }

  /** Hosting stopped: the next session asks again. */
  forgetChoice(): void {
    this.chosen = null;
  }

  systemAudioSupport(): SystemAudioSupport {
    return this.audioSupport;
  }

  /** What to answer a getDisplayMedia call with; null denies it. */
  grantFor(request: DisplayMediaRequest): Streams | null {
    if (!this.chosen || !request.frame || !isAppUrl(request.frame.url)) return null;
    const streams: Streams = { video: { id: this.chosen.id, name: this.chosen.name } };
    if (request.audioRequested && this.chosen.systemAudio && this.systemAudioSupport().available)
      streams.audio = 'loopback';
    return streams;
  }

  install(session: Session): void {
    session.setDisplayMediaRequestHandler((request, callback) => callback(this.grantFor(request)));
  }

  private sources(thumbnailSize: { width: number; height: number }): Promise<DesktopCapturerSource[]> {
    return desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize, fetchWindowIcons: false });
  }
}

function describeSource(source: DesktopCapturerSource): DesktopCaptureSource {
  return {
    id: source.id,
    name: source.name,
    kind: source.id.startsWith('screen:') ? 'screen' : 'window',
    displayId: source.display_id,
    thumbnail: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
  };
}
