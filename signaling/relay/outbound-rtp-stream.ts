// What one viewer's connection sends, made from what the publisher sent: the
// viewer's own SSRC and payload type, no header extensions (their ids belong to
// the publisher's connection, not the viewer's), and sequence numbers and
// timestamps that run on without a jump when the publisher's stream is replaced
// (a restart brings a new SSRC and new random counters). Video starts at a keyframe.
import { RtpHeader, RtpPacket } from 'werift';

/**
 * 90 kHz video: about one frame at 30 fps, so the first frame of a new source does not share a timestamp with the last
 * one.
 */
const SOURCE_SWITCH_TIMESTAMP_STEP = 3000;

export interface OutboundRtpStreamOptions {
  readonly ssrc: number;
  /** Publisher payload type -> this viewer's payload type for the same codec; others are dropped (RTX, RED, FEC). */
  readonly payloadTypes: ReadonlyMap<number, number>;
  /** Video: true when this payload begins a keyframe; nothing goes out before one. Audio: omit. */
  readonly isKeyframeStart?: (payload: Buffer) => boolean;
}

export interface Rewritten {
  readonly packet: RtpPacket;
  readonly keyframeStart: boolean;
}

export class OutboundRtpStream {
  private source: number | undefined;
  private started = false;
  private seqOffset = 0;
  private timestampOffset = 0;
  private last: { seq: number; timestamp: number } | undefined;

  private payloadTypes: ReadonlyMap<number, number>;

  constructor(private readonly options: OutboundRtpStreamOptions) {
    this.payloadTypes = options.payloadTypes;
  }

  /** A replaced publisher may number its codecs differently. */
  setPayloadTypes(payloadTypes: ReadonlyMap<number, number>): void {
    this.payloadTypes = payloadTypes;
  }

  /**
   * A rewritten copy to send to this viewer, or null when it must not get this packet.
   * `keyframeStart` may come from the caller, which parses it once for all viewers.
   */
  rewrite(input: RtpPacket, keyframeStart = this.options.isKeyframeStart?.(input.payload) ?? false): Rewritten | null {
    const { header } = input;
    const payloadType = this.payloadTypes.get(header.payloadType);
    if (payloadType === undefined) return null;
    if (header.ssrc !== this.source) {
      this.source = header.ssrc;
      this.started = false;
    }
    if (!this.started) {
      if (this.options.isKeyframeStart && !keyframeStart) return null;
      this.started = true;
      // Continue where the previous source stopped; the very first source keeps its numbers.
      this.seqOffset = this.last ? (this.last.seq + 1 - header.sequenceNumber) & 0xffff : 0;
      this.timestampOffset = this.last
        ? (this.last.timestamp + SOURCE_SWITCH_TIMESTAMP_STEP - header.timestamp) >>> 0
        : 0;
    }
    const seq = (header.sequenceNumber + this.seqOffset) & 0xffff;
    const timestamp = (header.timestamp + this.timestampOffset) >>> 0;
    if (!this.last || isNewer(seq, this.last.seq)) this.last = { seq, timestamp };
    const out = new RtpHeader({
      version: 2,
      padding: false,
      marker: header.marker,
      payloadType,
      sequenceNumber: seq,
      timestamp,
      ssrc: this.options.ssrc,
      csrc: [],
      extension: false,
      extensions: [],
    });
    return { packet: new RtpPacket(out, input.payload), keyframeStart };
  }

  /** Start again at the next keyframe (the viewer was not sent anything for a while). */
  restartAtKeyframe(): void {
    this.source = undefined;
    this.started = false;
  }
}

/** RFC 3550 sequence order, across the 16-bit wrap. */
function isNewer(seq: number, than: number): boolean {
  const diff = (seq - than) & 0xffff;
  return diff !== 0 && diff < 0x8000;
}
