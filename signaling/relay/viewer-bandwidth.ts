// One viewer's bandwidth estimate, from the RTCP it sends the relay about our video:
// - its REMB, the receiver's own estimate of what reaches it (Chrome sends one when
//   goog-remb is negotiated and transport-cc is not, as on the relay's connections);
// - the fraction lost in its receiver reports, under Google Congestion Control's
//   loss-based rule (draft-ietf-rmcat-gcc-02, section 6): more than 10 % lost ->
//   A = A * (1 - 0.5 * lost); less than 2 % -> A = 1.05 * A; in between, A holds.
// The estimate is the lower of the two; null until either has said something.
import { ReceiverEstimatedMaxBitrate, RtcpPayloadSpecificFeedback, RtcpRrPacket, RtcpSrPacket, type RtcpPacket } from 'werift';

const LOSS_CUT_ABOVE = 0.1;
const LOSS_RISE_BELOW = 0.02;
const LOSS_RISE_FACTOR = 1.05;

export class ViewerBandwidth {
  /** The viewer's latest REMB. */
  private rembBps: number | null = null;
  /** The loss rule's rate A; null while loss has not limited this viewer. */
  private lossBps: number | null = null;
  /** What the relay had sent this viewer at the previous receiver report, to know the rate A is cut from. */
  private previousReport: { at: number; bytesSent: number } | null = null;
  rembsIn = 0;
  reportsIn = 0;

  /** `ssrc`: our video SSRC on this viewer's connection; `ceilingBps`: above this the loss rule stops limiting. */
  constructor(
    private readonly ssrc: number,
    private readonly ceilingBps: number,
  ) {}

  /** The viewer's estimate in bit/s, or null when it has not said enough yet. */
  get estimateBps(): number | null {
    if (this.rembBps === null) return this.lossBps;
    return this.lossBps === null ? this.rembBps : Math.min(this.rembBps, this.lossBps);
  }

  /**
   * Reads one RTCP packet from the viewer; `bytesSent`: video bytes sent to it so far (a running total).
   * Returns true when the estimate changed.
   */
  receive(packet: RtcpPacket, now: number, bytesSent: number): boolean {
    const before = this.estimateBps;
    if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback instanceof ReceiverEstimatedMaxBitrate) {
      if (packet.feedback.ssrcFeedbacks.includes(this.ssrc)) this.takeRemb(packet.feedback);
    } else if (packet instanceof RtcpRrPacket || packet instanceof RtcpSrPacket) {
      const report = packet.reports.find((r) => r.ssrc === this.ssrc);
      if (report) this.takeLoss(report.fractionLost / 256, now, bytesSent);
    }
    return this.estimateBps !== before;
  }

  private takeRemb(remb: ReceiverEstimatedMaxBitrate): void {
    this.rembsIn += 1;
    this.rembBps = Number(remb.bitrate);
  }

  private takeLoss(fractionLost: number, now: number, bytesSent: number): void {
    this.reportsIn += 1;
    const previous = this.previousReport;
    this.previousReport = { at: now, bytesSent };
    if (fractionLost > LOSS_CUT_ABOVE) {
      // Cut from the lowest rate known to have been in play: the rule's own, the REMB, or what was sent.
      const sentBps = previous && now > previous.at ? ((bytesSent - previous.bytesSent) * 8 * 1000) / (now - previous.at) : null;
      const known = [this.lossBps, this.rembBps, sentBps].filter((bps): bps is number => bps !== null && bps > 0);
      if (known.length > 0) this.lossBps = Math.round(Math.min(...known) * (1 - 0.5 * fractionLost));
    } else if (fractionLost < LOSS_RISE_BELOW && this.lossBps !== null) {
      const risen = Math.round(this.lossBps * LOSS_RISE_FACTOR);
      this.lossBps = risen >= this.ceilingBps ? null : risen;
    }
  }
}
