// The replay check of SRTP and SRTCP (RFC 3711 section 3.3.2): each packet index of one
// SSRC is accepted once. werift 0.25 has none, so a packet captured on the wire and sent
// again still decrypts; a replayed loss report or keyframe request then acts as often as
// it is replayed. Indices older than the window are refused too. The window is only
// moved by packets that authenticated (accept() after decrypting), so forged packets
// cannot push it forward.

/** Packets of one SSRC remembered behind the newest; RFC 3711 asks for at least 64 (libsrtp uses 128). */
export const REPLAY_WINDOW_SIZE = 128;

/** One SSRC's window: the newest index accepted and which of the ones just before it were seen. */
class SsrcWindow {
  private newest = -1;
  private readonly seen = new Uint8Array(REPLAY_WINDOW_SIZE);

  get highest(): number {
    return this.newest;
  }

  isFresh(index: number): boolean {
    if (index > this.newest) return true;
    if (index <= this.newest - REPLAY_WINDOW_SIZE || index < 0) return false;
    return this.seen[index % REPLAY_WINDOW_SIZE] === 0;
  }

  accept(index: number): void {
    if (index > this.newest) {
      const from = Math.max(this.newest + 1, index - REPLAY_WINDOW_SIZE + 1);
      for (let i = from; i < index; i++) this.seen[i % REPLAY_WINDOW_SIZE] = 0;
      this.newest = index;
    }
    this.seen[index % REPLAY_WINDOW_SIZE] = 1;
  }
}

/** The replay windows of every SSRC one direction of a connection carries. */
export class ReplayWindows {
  private readonly windows = new Map<number, SsrcWindow>();

  /**
   * The 48-bit SRTP packet index for a 16-bit sequence number (RFC 3711 section 3.3.1): the index nearest the newest
   * one of this SSRC, which is how the rollover counter is guessed across a wrap.
   */
  srtpIndex(ssrc: number, sequenceNumber: number): number {
    const newest = this.windows.get(ssrc)?.highest ?? -1;
    if (newest < 0) return sequenceNumber;
    const ahead = ((sequenceNumber - (newest % 0x10000) + 0x18000) % 0x10000) - 0x8000;
    return newest + ahead;
  }

  /** False when this SSRC already had this index, or the index is too old to tell. */
  isFresh(ssrc: number, index: number): boolean {
    return this.windows.get(ssrc)?.isFresh(index) ?? true;
  }

  /** Records an index whose packet authenticated. */
  accept(ssrc: number, index: number): void {
    let window = this.windows.get(ssrc);
    if (!window) this.windows.set(ssrc, (window = new SsrcWindow()));
    window.accept(index);
  }
}
