// How much one viewer can take, from the RTCP it sends the relay about our video.
//
// The limit comes from the fraction lost in its receiver reports, under Google
// Congestion Control's loss-based rule (draft-ietf-rmcat-gcc-02, section 6): more than
// 10 % lost -> A = A * (1 - 0.5 * lost); less than 2 % -> A = 1.05 * A; in between, A
// holds. As libwebrtc does, a cut at most every 300 ms and a rise at most every second.
//
// Its REMB (Chromium sends one ~5 times a second with goog-remb and no transport-cc)
// is kept, but alone it limits nothing: a receiver's estimate stays within ~1.5x of what
// it receives and then climbs ~8 % a second, so after a still screen it reads a few
// hundred kbit/s on a link that carries many Mbit/s (measured: tests/bench/relay-bitrate.ts).
// Once loss shows the link is full, the REMB, when lower, is where the cut starts from
// and a ceiling on the limit.
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  RtcpRrPacket,
  RtcpSrPacket,
  type RtcpPacket,
} from 'werift';

const LOSS_CUT_ABOVE = 0.1;
const LOSS_RISE_BELOW = 0.02;
const LOSS_RISE_FACTOR = 1.05;
const CUT_INTERVAL_MS = 300;
const RISE_INTERVAL_MS = 1_000;

export class ViewerBandwidth {
  /** The viewer's latest REMB. */
  private remb: number | null = null;
  /** The loss rule's rate A; null while loss has not limited this viewer. */
  private lossBps: number | null = null;
  /** What had been sent to this viewer at its previous receiver report, to know the rate A is cut from. */
  private previousReport: { at: number; bytesSent: number } | null = null;
  private lastCutAt = -Infinity;
  private lastRiseAt = -Infinity;
  rembsIn = 0;
  reportsIn = 0;

  /** `ssrc`: our video SSRC on this viewer's connection; `ceilingBps`: above this the loss rule stops limiting. */
  constructor(
    private readonly ssrc: number,
    private readonly ceilingBps: number,
  ) {}

  /** The most this viewer can take now (bit/s), or null while nothing shows it is limited. */
  get limitBps(): number | null {
    if (this.lossBps === null) return null;
    return this.remb === null ? this.lossBps : Math.min(this.lossBps, this.remb);
  }

  /** Its latest REMB (diagnostics). */
  get rembBps(): number | null {
    return this.remb;
  }

  /**
   * Reads one RTCP packet from the viewer; `bytesSent`: video bytes sent to it so far (a running total).
   * Returns true when the limit changed.
   */
  receive(packet: RtcpPacket, now: number, bytesSent: number): boolean {
    const before = this.limitBps;
    if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback instanceof ReceiverEstimatedMaxBitrate) {
      if (packet.feedback.ssrcFeedbacks.includes(this.ssrc)) {
        this.rembsIn += 1;
        this.remb = Number(packet.feedback.bitrate);
      }
    } else if (packet instanceof RtcpRrPacket || packet instanceof RtcpSrPacket) {
      const report = packet.reports.find((r) => r.ssrc === this.ssrc);
      if (report) this.takeLoss(report.fractionLost / 256, now, bytesSent);
    }
    return this.limitBps !== before;
  }

  private takeLoss(fractionLost: number, now: number, bytesSent: number): void {
    this.reportsIn += 1;
    const previous = this.previousReport;
    this.previousReport = { at: now, bytesSent };
    if (fractionLost > LOSS_CUT_ABOVE && now - this.lastCutAt >= CUT_INTERVAL_MS) {
      // Cut from the lowest rate known to have been in play: the rule's own, the REMB, or what was sent.
      const sentBps =
        previous && now > previous.at ? ((bytesSent - previous.bytesSent) * 8 * 1000) / (now - previous.at) : null;
      const known = [this.lossBps, this.remb, sentBps].filter((bps): bps is number => bps !== null && bps > 0);
      if (known.length === 0) return;
      this.lossBps = Math.round(Math.min(...known) * (1 - 0.5 * fractionLost));
      this.lastCutAt = now;
    } else if (fractionLost < LOSS_RISE_BELOW && this.lossBps !== null && now - this.lastRiseAt >= RISE_INTERVAL_MS) {
      const risen = Math.round(this.lossBps * LOSS_RISE_FACTOR);
      this.lossBps = risen >= this.ceilingBps ? null : risen;
      this.lastRiseAt = now;
    }
  }
}
