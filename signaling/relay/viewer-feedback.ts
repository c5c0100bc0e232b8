// What one viewer says back about our video: keyframe requests (PLI, FIR) and the RTCP
// its bandwidth estimate is made from (viewer-bandwidth.ts); NACKs go to
// retransmit-limiter.ts. Counts each kind it hears.
import { RtcpPayloadSpecificFeedback, type RTCRtpSender } from 'werift';
import { TARGET_CAP_BPS } from './publisher-target';
import { ViewerBandwidth } from './viewer-bandwidth';

/** RFC 5104 payload-specific feedback format 4: Full Intra Request. */
const FIR_FORMAT = 4;

export interface ViewerFeedbackEvents {
  /** It asked for a keyframe (PLI, FIR). */
  keyframeWanted(): void;
  /** The bitrate it can take (its estimate) changed. */
  estimateChanged(): void;
}

export interface ViewerFeedbackStats {
  readonly plisIn: number;
  readonly firsIn: number;
  /** RTCP the bandwidth estimate was made from: REMBs, and receiver reports about our video. */
  readonly rembsIn: number;
  readonly reportsIn: number;
  /** The viewer's latest REMB, and the limit its losses set (null: none). */
  readonly rembBps: number | null;
  readonly estimateBps: number | null;
}

export class ViewerFeedback {
  private readonly bandwidth: ViewerBandwidth;
  private plisIn = 0;
  private firsIn = 0;

  /** `videoBytesSent`: the running total of video bytes sent to this viewer, which loss reports are read against. */
  constructor(sender: RTCRtpSender, videoBytesSent: () => number, events: ViewerFeedbackEvents) {
    this.bandwidth = new ViewerBandwidth(sender.ssrc, TARGET_CAP_BPS);
    sender.onPictureLossIndication.subscribe(() => {
      this.plisIn += 1;
      events.keyframeWanted();
    });
    sender.onRtcp.subscribe((packet) => {
      if (this.bandwidth.receive(packet, performance.now(), videoBytesSent())) events.estimateChanged();
      if (!(packet instanceof RtcpPayloadSpecificFeedback) || packet.feedback.count !== FIR_FORMAT) return;
      this.firsIn += 1;
      events.keyframeWanted();
    });
  }

  /** What this viewer can take, or null while nothing shows it is limited. */
  get estimateBps(): number | null {
    return this.bandwidth.limitBps;
  }

  stats(): ViewerFeedbackStats {
    return {
      plisIn: this.plisIn,
      firsIn: this.firsIn,
      rembsIn: this.bandwidth.rembsIn,
      reportsIn: this.bandwidth.reportsIn,
      rembBps: this.bandwidth.rembBps,
      estimateBps: this.estimateBps,
    };
  }
}
