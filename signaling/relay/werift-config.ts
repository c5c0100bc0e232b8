// How the relay's werift connections are set up. One video codec (VP8: werift
// forwards it reliably and its keyframes are easy to find) and Opus, no transport-wide
// congestion control (werift's feedback made Chrome's estimate collapse; the relay
// sends REMB instead), no STUN unless the user set one (viewers reach the relay where
// they reach the signaling server), and loopback for the host page on this computer.
import { Connection, type RTCPeerConnection, type PeerConfig, useAbsSendTime, useOPUS, useVP8 } from 'werift';
import type { RelayIceServer } from '../protocol';

export const RELAY_VIDEO_CODEC = 'video/VP8';

/**
 * werift's ICE falls back to Google's public STUN server (`stun.l.google.com:19302`, hard-coded) whenever no STUN
 * server is configured: every connection would send the host's address to a third party, and on a LAN whose DNS does
 * not answer the first one waits seconds for that name. The app may contact only servers the user configured, so with
 * none set there is none. werift derives the server in one method, from the constructor and from setIceServers: it
 * is wrapped once, here, before any connection exists; if werift renames it, loading this module fails loudly.
 */
function withoutFallbackStunServer(): void {
  const method = 'applyStunTurnServersFromOptions';
  const derive: unknown = Reflect.get(Connection.prototype, method);
  if (typeof derive !== 'function')
    throw new Error(`werift's ICE Connection has no ${method}: recheck its STUN fallback`);
  Reflect.set(Connection.prototype, method, function (this: Connection) {
    derive.call(this);
    if (!this.options.stunServer) this.stunServer = undefined;
  });
}
withoutFallbackStunServer();

export function relayPeerConfig(): Partial<PeerConfig> {
  return {
    codecs: { video: [useVP8()], audio: [useOPUS()] },
    headerExtensions: { video: [], audio: [] },
    iceServers: [],
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    bundlePolicy: 'max-bundle',
  };
}

/**
 * The host's STUN/TURN servers (from its `publish`), for viewer connections made from then on. Kept here, not per
 * connection: a relay serves one host page at a time, and its viewers are where those servers matter (the publisher
 * is on this computer). werift uses the first STUN and the first TURN server of the list.
 */
let viewerIceServers: RelayIceServer[] = [];

export function useViewerIceServers(servers: readonly RelayIceServer[]): void {
  viewerIceServers = servers.map((server) => ({ ...server }));
}

/**
 * A viewer's connection also stamps each video packet with the relay's send time
 * (abs-send-time): without it Chromium's receive-side estimate (its REMB) reads the
 * RTP timestamps, i.e. capture times, and takes the host's encoder and pacer jitter for
 * queueing. It uses the host's STUN/TURN servers, and also offers passive ICE-TCP candidates: a viewer whose network
 * lets no UDP through still reaches the relay where it reaches the signaling server (werift's active TCP candidates
 * only dial out to a viewer's passive ones).
 */
export function viewerPeerConfig(): Partial<PeerConfig> {
  return {
    ...relayPeerConfig(),
    headerExtensions: { video: [useAbsSendTime()], audio: [] },
    iceServers: viewerIceServers.map((server) => ({ ...server })),
    iceUseTcp: true,
    iceTcpPassive: true,
  };
}

/** Resolves once every candidate is in the local description, so it is sent whole (the relay does not trickle). */
export function gatheringComplete(pc: RTCPeerConnection, timeoutMs = 3_000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') done();
    });
    function done() {
      clearTimeout(timer);
      unSubscribe();
      resolve();
    }
  });
}
