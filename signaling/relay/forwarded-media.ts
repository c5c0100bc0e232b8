// What the relay sent one viewer, counted: packets, video bytes, whole frames,
// keyframes, holes in the sequence numbers sent, publisher packets held back, and the
// rates for the host's stats.
import type { RtpPacket } from 'werift';
import { RateCounters, type Rates } from './rate-counters';
import { SequenceGaps } from './sequence-gaps';

export interface ForwardedMediaStats {
  readonly packetsSent: number;
  readonly videoBytesSent: number;
  /** Video frames sent whole (their last packet, the one with the marker bit). */
  readonly framesSent: number;
  /** Holes in the sequence numbers sent (holes in what came in, or packets skipped here), and the numbers missing. */
  readonly sentGaps: number;
  readonly sentMissing: number;
  /** Publisher video packets not sent: before this viewer's first keyframe, or left out by its layer filter. */
  readonly packetsHeld: number;
  readonly keyframesSent: number;
}

export class ForwardedMedia {
  private readonly rates = new RateCounters();
  private readonly sentSequence = new SequenceGaps();
  private packetsSent = 0;
  private bytes = 0;
  private framesSent = 0;
  private packetsHeld = 0;
  private keyframes = 0;

  /** One rewritten video packet sent. */
  video(packet: RtpPacket, keyframeStart: boolean): void {
    this.packetsSent += 1;
    this.bytes += packet.payload.length + packet.header.serializeSize;
    this.sentSequence.see(packet.header.sequenceNumber);
    if (packet.header.marker) this.framesSent += 1;
    if (keyframeStart) this.keyframes += 1;
    this.rates.count(packet);
  }

  audio(packet: RtpPacket): void {
    this.rates.count(packet, false);
  }

  /** A publisher video packet this viewer was not sent. */
  held(): void {
    this.packetsHeld += 1;
  }

  get videoBytesSent(): number {
    return this.bytes;
  }

  get keyframesSent(): number {
    return this.keyframes;
  }

  readRates(now: number): Rates {
    return this.rates.read(now);
  }

  stats(): ForwardedMediaStats {
    return {
      packetsSent: this.packetsSent,
      videoBytesSent: this.bytes,
      framesSent: this.framesSent,
      sentGaps: this.sentSequence.gaps,
      sentMissing: this.sentSequence.missing,
      packetsHeld: this.packetsHeld,
      keyframesSent: this.keyframes,
    };
  }
}
