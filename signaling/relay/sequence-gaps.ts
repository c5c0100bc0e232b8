// Counts holes in a stream's RTP sequence numbers (16-bit, wrapping): where packets
// went missing on the way in, or where the relay itself skipped some on the way out.
// Late or repeated packets (retransmissions) are not holes.

export class SequenceGaps {
  private last: number | undefined;
  /** Jumps forward by more than one. */
  gaps = 0;
  /** Sequence numbers skipped by those jumps. */
  missing = 0;
  /** Packets older than or equal to the newest seen (retransmissions, reordering). */
  late = 0;

  see(seq: number): void {
    if (this.last === undefined) {
      this.last = seq;
      return;
    }
    const ahead = (seq - this.last) & 0xffff;
    if (ahead === 0 || ahead >= 0x8000) {
      this.late += 1;
      return;
    }
    if (ahead > 1) {
      this.gaps += 1;
      this.missing += ahead - 1;
    }
    this.last = seq;
  }

  /** A new source starts its own numbering. */
  reset(): void {
    this.last = undefined;
  }
}
