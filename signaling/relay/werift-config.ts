// How the relay's werift connections are set up. One video codec (VP8: werift
// forwards it reliably and its keyframes are easy to find) and Opus, no transport-wide
// congestion control (werift's feedback made Chrome's estimate collapse; the relay
// sends REMB instead), no STUN (viewers reach the relay where they reach the
// signaling server), and loopback for the host page on this computer.
import { type RTCPeerConnection, type PeerConfig, useAbsSendTime, useOPUS, useVP8 } from 'werift';

export const RELAY_VIDEO_CODEC = 'video/VP8';

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
 * A viewer's connection also stamps each video packet with the relay's send time
 * (abs-send-time): without it Chromium's receive-side estimate (its REMB) reads the
 * RTP timestamps, i.e. capture times, and takes the host's encoder and pacer jitter for
 * queueing.
 */
export function viewerPeerConfig(): Partial<PeerConfig> {
  return { ...relayPeerConfig(), headerExtensions: { video: [useAbsSendTime()], audio: [] } };
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
