// What the relay receives from the publisher, counted: packets, video bytes and
// keyframes, holes in the video's sequence numbers (loss between the host page and the
// relay, numbered afresh for each new source), and the rates for the host's stats.
import type { RtpPacket } from 'werift';
import { RateCounters, type Rates } from './rate-counters';
import { SequenceGaps } from './sequence-gaps';

export interface ReceivedMediaStats {
  readonly packetsIn: number;
  readonly videoBytesIn: number;
  readonly keyframesIn: number;
  /** Holes in the video's sequence numbers as received (loss between the host page and the relay), numbers missing. */
  readonly gaps: number;
  readonly missing: number;
  /** Video packets older than or equal to the newest (retransmissions, reordering). */
  readonly late: number;
}

export class ReceivedMedia {
  private readonly rates = new RateCounters();
  private readonly videoSequence = new SequenceGaps();
  private videoSsrc: number | undefined;
  private packetsIn = 0;
  private videoBytesIn = 0;
  private keyframesIn = 0;

  /** The SSRC of the video now coming in (undefined before the first packet). */
  get ssrc(): number | undefined {
    return this.videoSsrc;
  }

  video(packet: RtpPacket, keyframeStart: boolean): void {
    this.rates.count(packet, true);
    this.packetsIn += 1;
    if (keyframeStart) this.keyframesIn += 1;
    this.videoBytesIn += packet.payload.length + packet.header.serializeSize;
    if (packet.header.ssrc !== this.videoSsrc) this.videoSequence.reset();
    this.videoSequence.see(packet.header.sequenceNumber);
    this.videoSsrc = packet.header.ssrc;
  }

  audio(packet: RtpPacket): void {
    this.rates.count(packet, false);
    this.packetsIn += 1;
  }

  /** Rates since the previous reading. */
  readRates(now: number): Rates {
    return this.rates.read(now);
  }

  stats(): ReceivedMediaStats {
    const { gaps, missing, late } = this.videoSequence;
    return {
      packetsIn: this.packetsIn,
      videoBytesIn: this.videoBytesIn,
      keyframesIn: this.keyframesIn,
      gaps,
      missing,
      late,
    };
  }
}
