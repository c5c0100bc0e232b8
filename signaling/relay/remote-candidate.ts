// A candidate from the far side of one of the relay's connections (publisher or viewer).
import type { RTCPeerConnection } from 'werift';
import type { RelayCandidate } from '../protocol';

/** Never awaited by the caller: resolving a `.local` candidate can take seconds, and other messages must not wait. */
export function addRemoteCandidate(pc: RTCPeerConnection, candidate: RelayCandidate): void {
  void pc
    .addIceCandidate({
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid ?? undefined,
      sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
    })
    .catch(() => undefined);
}
