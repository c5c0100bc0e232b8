// Fakes for the host and viewer sessions against a real signaling server: WebRTC is
// the one thing replaced (a recording MediaDelivery, a fake capture).
import type { MediaDelivery, SignalData, ViewerConnectionReport } from '../../renderer/host/media-delivery';
import type { Platform } from '../../renderer/platform/platform';
import { ok } from '../../signaling/protocol';
import type { HostingInfo } from '../../signaling/server';

export class RecordingDelivery implements MediaDelivery {
  readonly viewers = new Set<string>();
  readonly signals: Array<[string, SignalData]> = [];
  paused = false;
  source: unknown = null;
  closed = false;
  readonly added: string[] = [];
  readonly rebinds: Array<[string, string]> = [];
  readonly suspended = new Set<string>();
  suspend(id: string) {
    if (this.viewers.has(id)) this.suspended.add(id);
  }
  addViewer(id: string) {
    this.viewers.add(id);
    this.added.push(id);
  }
  rebind(formerId: string, id: string) {
    if (!this.viewers.delete(formerId)) return false;
    this.viewers.add(id);
    this.rebinds.push([formerId, id]);
    return true;
  }
  removeViewer(id: string) {
    this.viewers.delete(id);
  }
  async handleSignal(id: string, data: SignalData) {
    this.signals.push([id, data]);
  }
  async setSource(stream: MediaStream) {
    this.source = stream;
  }
  async applySettings() {}
  async setPaused(paused: boolean) {
    this.paused = paused;
  }
  recording = false;
  setRecording(recording: boolean) {
    this.recording = recording;
  }
  async collectStats() {
    return new Map<string, ViewerConnectionReport>();
  }
  close() {
    this.closed = true;
    this.viewers.clear();
  }
}

const fakeTrack = () => ({
  onended: null,
  stop: jest.fn(),
  getSettings: () => ({ width: 1920, height: 1080, frameRate: 30 }),
  applyConstraints: async () => undefined,
});
const fakeStream = () => {
  const track = fakeTrack();
  return {
    getVideoTracks: () => [track],
    getAudioTracks: () => [],
    getTracks: () => [track],
  } as unknown as MediaStream;
};

export function fakePlatform(info: () => HostingInfo): Platform & { captures: number } {
  return {
    kind: 'browser',
    listsSources: false,
    systemAudioSupport: async () => ({ available: true, reason: null }),
    captures: 0,
    async startHosting() {
      const { port, hostKey } = info();
      return ok({ port, hostKey, signalUrl: `ws://127.0.0.1:${port}/signal` });
    },
    async stopHosting() {},
    async listSources() {
      return [];
    },
    async capture() {
      this.captures += 1;
      return fakeStream();
    },
    openRecording: async () => null,
  };
}

/** The shared wait helper, where the session tests have always found it. */
export { until } from './wait';

/**
 * The viewer makes its peer connection at Join, before any offer; here it only has to exist, report nothing and close.
 */
class InertPeerConnection {
  connectionState: RTCPeerConnectionState = 'new';
  ontrack = null;
  onicecandidate = null;
  onconnectionstatechange = null;
  async getStats() {
    return new Map();
  }
  close() {
    this.connectionState = 'closed';
  }
}

export function useInertPeerConnections(): void {
  Object.assign(globalThis, { RTCPeerConnection: InertPeerConnection, MediaStream: class {} });
}
