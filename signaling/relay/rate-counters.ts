// Rate counters of one connection, turned into rates when read: bytes and frames (a
// marker bit ends a video frame) since the previous reading.
import type { RtpPacket } from 'werift';

export interface Rates {
  readonly bitrateBps: number | null;
  readonly fps: number | null;
}

export class RateCounters {
  private bytes = 0;
  private frames = 0;
  private previous: { at: number; bytes: number; frames: number } | undefined;

  count(packet: RtpPacket, video = true): void {
    this.bytes += packet.payload.length + 12;
    if (video && packet.header.marker) this.frames += 1;
  }

  /** Rates since the last call (null on the first). */
  read(now: number): Rates {
    const before = this.previous;
    this.previous = { at: now, bytes: this.bytes, frames: this.frames };
    if (!before || now <= before.at) return { bitrateBps: null, fps: null };
    const seconds = (now - before.at) / 1000;
    return {
      bitrateBps: Math.round(((this.bytes - before.bytes) * 8) / seconds),
      fps: Math.round(((this.frames - before.frames) / seconds) * 10) / 10,
    };
  }
}
