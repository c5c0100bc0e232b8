// A local ICE candidate as it goes into a signal: the members of RTCIceCandidate.toJSON(), typed.
import type { IceCandidateJson } from '../../signaling/protocol';

export function iceCandidateJson(candidate: RTCIceCandidate): IceCandidateJson {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}
