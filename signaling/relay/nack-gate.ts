// Puts a RetransmitLimiter in front of werift's NACK handling on one viewer's video
// sender: each NACK reaches werift with only the sequence numbers the limiter allows,
// so werift's own history and RTX handling stay as they are.
import { GenericNack, RtcpTransportLayerFeedback, type RTCRtpSender } from 'werift';
import type { RetransmitLimiter } from './retransmit-limiter';

export function gateNacks(sender: RTCRtpSender, limiter: RetransmitLimiter): void {
  const handle = sender.handleRtcpPacket.bind(sender);
  sender.handleRtcpPacket = (packet) => {
    if (!(packet instanceof RtcpTransportLayerFeedback) || !(packet.feedback instanceof GenericNack))
      return handle(packet);
    const { senderSsrc, mediaSourceSsrc, lost } = packet.feedback;
    const allowed = limiter.allow(lost, roundTripMs(sender), performance.now());
    handle(
      new RtcpTransportLayerFeedback({ feedback: new GenericNack({ senderSsrc, mediaSourceSsrc, lost: allowed }) }),
    );
  };
}

/** werift keeps the round trip from the viewer's receiver reports (seconds) in a private field: read defensively. */
function roundTripMs(sender: RTCRtpSender): number | null {
  const rtt: unknown = Reflect.get(sender, 'rtt');
  return typeof rtt === 'number' && Number.isFinite(rtt) && rtt >= 0 ? rtt * 1000 : null;
}
