// Which of one viewer's NACKed packets the relay sends again. werift's sender resends
// every NACKed packet it still holds (its last 128), as often as asked: a viewer (or
// anyone with its keys) listing the whole history in every NACK made the relay send
// ~150 times what it forwards, all of it taken from the host's machine. Here each
// packet goes again at most once per round trip to that viewer, and all of them within
// a byte budget earned by what is forwarded: a token bucket filled with a share of each
// packet sent, holding at most about one 1080p keyframe (so a lost keyframe can still be
// repaired at once).

/** The packets werift's sender keeps for retransmission (its RTP_HISTORY_SIZE). */
const HISTORY = 128;
/** Of every byte forwarded to the viewer, this much may be spent again on retransmissions. */
export const RETRANSMIT_SHARE = 0.25;
/** The most the budget holds: ~a 1080p keyframe. */
export const RETRANSMIT_BURST_BYTES = 150_000;
/** Before the viewer's reports give a round trip. */
const DEFAULT_RTT_MS = 100;
/** Even on loopback: a packet is not resent twice within this. */
const MIN_RESEND_INTERVAL_MS = 10;

export interface RetransmitStats {
  readonly nacksIn: number;
  /** Sequence numbers asked for again in those NACKs. */
  readonly nackedPackets: number;
  /** Of those, refused: resent too recently, over the budget, or no longer held. */
  readonly retransmitsRefused: number;
}

interface SentPacket {
  seq: number;
  bytes: number;
  resentAt: number;
}

export class RetransmitLimiter {
  private readonly history: (SentPacket | undefined)[] = new Array<SentPacket | undefined>(HISTORY);
  private tokens = 0;
  private nacksIn = 0;
  private nackedPackets = 0;
  private refused = 0;

  /** One packet forwarded to this viewer, as numbered for it. */
  sent(seq: number, bytes: number): void {
    this.history[seq % HISTORY] = { seq, bytes, resentAt: Number.NEGATIVE_INFINITY };
    this.tokens = Math.min(RETRANSMIT_BURST_BYTES, this.tokens + bytes * RETRANSMIT_SHARE);
  }

  /** Of the sequence numbers one NACK lists, those to resend now; `rttMs`: the viewer's round trip, if known. */
  allow(lost: readonly number[], rttMs: number | null, now: number): number[] {
    this.nacksIn += 1;
    this.nackedPackets += lost.length;
    const interval = Math.max(MIN_RESEND_INTERVAL_MS, rttMs ?? DEFAULT_RTT_MS);
    const allowed: number[] = [];
    for (const seq of lost) {
      const packet = this.history[seq % HISTORY];
      if (!packet || packet.seq !== seq || now - packet.resentAt < interval || this.tokens < packet.bytes) {
        this.refused += 1;
        continue;
      }
      this.tokens -= packet.bytes;
      packet.resentAt = now;
      allowed.push(seq);
    }
    return allowed;
  }

  stats(): RetransmitStats {
    return { nacksIn: this.nacksIn, nackedPackets: this.nackedPackets, retransmitsRefused: this.refused };
  }
}
