// The platform inside the desktop app: everything goes through the preload API
// (window.desktopHost). Main runs the signaling server and grants the capture; the
// page still connects and captures with the same web APIs as in a browser.
import type { DesktopApi, DesktopCaptureSource } from '../../preload/api-types';
import { err, ok, signalUrlFor } from '../../signaling/protocol';
import { openDesktopRecording } from './desktop-recording';
import type { CaptureRequest, CaptureSource, HostingEndpoint, Platform, SystemAudioSupport } from './platform';

export interface ElectronHostingEndpoint extends HostingEndpoint {
  readonly joinUrls: readonly string[];
}

export interface ElectronCaptureSource extends CaptureSource {
  readonly displayId: string;
}

export function createElectronPlatform(api: DesktopApi): Platform {
  // Asked once; unavailable until main says otherwise, so no sound is offered that cannot be sent.
  const audioSupport: Promise<SystemAudioSupport> = api
    .systemAudioSupport()
    .then((support) =>
      support.ok
        ? support.value
        : { available: false, reason: `The app could not tell whether sound can be shared (${support.error}).` },
    );

  return {
    kind: 'electron',
    listsSources: true,
    systemAudioSupport: () => audioSupport,
    async startHosting() {
      const started = await api.startHosting();
      if (!started.ok) return err(started.error);
      const { port, hostKey, joinUrls, portFallbackFrom } = started.value;
      // The server listens on every interface; the host page reaches it over loopback.
      const endpoint: ElectronHostingEndpoint = {
        port,
        hostKey,
        joinUrls,
        signalUrl: signalUrlFor({ host: '127.0.0.1', port, secure: false }),
        ...(portFallbackFrom === undefined ? {} : { portFallbackFrom }),
      };
      return ok(endpoint);
    },
    async stopHosting() {
      const stopped = await api.stopHosting();
      if (!stopped.ok) console.warn(`stop hosting: ${stopped.error}`);
    },
    async listSources() {
      const listed = await api.listSources();
      if (!listed.ok) throw new Error(listed.error);
      return listed.value.map(toCaptureSource);
    },
    openRecording: (fileName) => openDesktopRecording(api, fileName),
    onJoinLink: (listener) => api.onJoinLink(listener),
    reportHostingState(report) {
      void api.reportHostingState(report).then((sent) => {
        if (!sent.ok) console.warn(`report hosting state: ${sent.error}`);
      }); // deliberately not awaited: the tray catches up with the next report
    },
    reportError(error) {
      void api.reportRendererError(error); // nowhere better to report a failure to report
    },
    onViewerDecision: (listener) => api.onViewerDecision(listener),
    onStopHostingRequest: (listener) => api.onStopHostingRequest(listener),
    async readClipboardJoinLink() {
      const read = await api.readClipboardJoinLink();
      return read.ok ? read.value : null;
    },
    async capture(request: CaptureRequest) {
      const sourceId = request.sourceId ?? (await firstScreenId(api));
      const withAudio = request.systemAudio && (await audioSupport).available;
      // Main's display-media handler grants exactly the source chosen here.
      const chosen = await api.chooseSource({ sourceId, systemAudio: withAudio });
      if (!chosen.ok) throw new Error(chosen.error);
      return navigator.mediaDevices.getDisplayMedia({
        video: { width: request.width, height: request.height, frameRate: request.frameRate },
        audio: withAudio,
      });
    },
  };
}

function toCaptureSource(source: DesktopCaptureSource): ElectronCaptureSource {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    displayId: source.displayId,
    ...(source.thumbnail ? { thumbnail: source.thumbnail } : {}),
  };
}

/** One click shares the (first) screen when nothing was picked yet. */
async function firstScreenId(api: DesktopApi): Promise<string> {
  const listed = await api.listSources();
  if (!listed.ok) throw new Error(listed.error);
  const screen = listed.value.find((source) => source.kind === 'screen');
  if (!screen) throw new Error('No screen to share was found.');
  return screen.id;
}
