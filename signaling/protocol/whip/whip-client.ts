// Publishes one peer connection to a WHIP endpoint: offer, answer, trickled candidates (batched,
// one PATCH at a time so entity-tags stay in order), ICE restart, and DELETE on stop. Written
// against the few RTCPeerConnection members it needs, so a browser's or werift's connection fits.
import { err, ok, type Result } from '../result';
import { trickleFragment, withIceCredentials, type TrickleCandidate } from './sdp-fragment';
import type { WhipFailure } from './whip-failure';
import { publishOffer, type WhipOptions, type WhipSession } from './whip-session';

const notStarted: WhipFailure = { code: 'session-gone', message: 'Publishing has not started' };

type Description = { readonly type: 'offer' | 'answer'; readonly sdp: string };

/** The parts of a peer connection WHIP publishing drives. */
export interface WhipPeer {
  createOffer(options?: { iceRestart?: boolean }): Promise<{ type?: string; sdp?: string }>;
  setLocalDescription(description: Description): Promise<void>;
  setRemoteDescription(description: Description): Promise<void>;
  addIceCandidate?(candidate: { candidate: string; sdpMid: string | null }): Promise<void>;
  readonly localDescription: { readonly sdp: string } | null;
}

export interface WhipClientOptions extends WhipOptions {
  /** A trickle PATCH failed after publishing started (the session may be gone). */
  readonly onFailure?: (failure: WhipFailure) => void;
}

export class WhipClient {
  private pending: TrickleCandidate[] = [];
  private gatheringDone = false;
  private trickling = true;
  private flushing: Promise<void> | undefined;
  private stopped = false;
  /** While an ICE restart waits for its answer, new candidates wait too: they belong to the restarted session. */
  private restarting = false;
  private session: WhipSession | undefined;
  private answerSdp = '';

  /** Feed it the connection's candidates (`addLocalCandidate`) from the start: it queues them until `start`. */
  constructor(
    private readonly peer: WhipPeer,
    private readonly endpointUrl: string,
    private readonly options: WhipClientOptions = {},
  ) {}

  /** Offers, POSTs the offer and applies the answer; then the queued candidates go out. */
  async start(): Promise<Result<void, WhipFailure>> {
    const offer = await this.peer.createOffer();
    await this.peer.setLocalDescription({ type: 'offer', sdp: offer.sdp ?? '' });
    const offerSdp = this.peer.localDescription?.sdp ?? offer.sdp ?? '';
    const published = await publishOffer(this.endpointUrl, offerSdp, this.options);
    if (!published.ok) return published;
    this.answerSdp = published.value.answerSdp;
    await this.peer.setRemoteDescription({ type: 'answer', sdp: this.answerSdp });
    this.session = published.value.session;
    if (this.stopped) return this.session.end();
    this.scheduleFlush();
    return ok(undefined);
  }

  /** The session's URL on the server (its `Location`). */
  get sessionUrl(): string | undefined {
    return this.session?.url;
  }

  /** A local candidate, or null when gathering has finished; sent with the next PATCH. */
  addLocalCandidate(candidate: TrickleCandidate | null): void {
    if (candidate === null) this.gatheringDone = true;
    else if (candidate.candidate) this.pending.push({ candidate: candidate.candidate, sdpMid: candidate.sdpMid });
    this.scheduleFlush();
  }

  /** Restarts ICE: a new local offer's credentials go out in a PATCH, the server's come back. */
  async restartIce(): Promise<Result<void, WhipFailure>> {
    const session = this.session;
    if (!session) return err(notStarted);
    this.restarting = true;
    await this.flushing;
    // Candidates of the old credentials mean nothing to the restarted session.
    this.pending = [];
    this.gatheringDone = false;
    try {
      return await this.exchangeRestart(session);
    } finally {
      this.restarting = false;
      this.scheduleFlush();
    }
  }

  private async exchangeRestart(session: WhipSession): Promise<Result<void, WhipFailure>> {
    const offer = await this.peer.createOffer({ iceRestart: true });
    await this.peer.setLocalDescription({ type: 'offer', sdp: offer.sdp ?? '' });
    const localSdp = this.peer.localDescription?.sdp ?? offer.sdp ?? '';
    const restarted = await session.restartIce(trickleFragment(localSdp, [], false));
    if (!restarted.ok) return restarted;
    this.answerSdp = withIceCredentials(this.answerSdp, restarted.value.credentials);
    await this.peer.setRemoteDescription({ type: 'answer', sdp: this.answerSdp });
    // With max-bundle every candidate belongs to the first media section.
    const sdpMid = /^a=mid:(\S+)/m.exec(this.answerSdp)?.[1] ?? null;
    for (const candidate of restarted.value.candidates) await this.peer.addIceCandidate?.({ candidate, sdpMid });
    return ok(undefined);
  }

  /** Ends the session on the server (DELETE); the caller closes its peer connection. */
  async stop(): Promise<Result<void, WhipFailure>> {
    this.stopped = true;
    await this.flushing;
    return this.session ? this.session.end() : ok(undefined);
  }

  private scheduleFlush(): void {
    if (this.flushing || this.restarting || this.stopped || !this.trickling || !this.session) return;
    // A macrotask later: candidates that arrive together go out in one PATCH.
    this.flushing = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        if (this.pending.length > 0 || this.gatheringDone) this.scheduleFlush();
      });
  }

  private async flush(): Promise<void> {
    const localSdp = this.peer.localDescription?.sdp;
    const session = this.session;
    if (this.stopped || !this.trickling || !localSdp || !session || (this.pending.length === 0 && !this.gatheringDone))
      return;
    const batch = this.pending;
    const complete = this.gatheringDone;
    this.pending = [];
    this.gatheringDone = false;
    const sent = await session.trickle(trickleFragment(localSdp, batch, complete));
    if (!sent.ok) this.options.onFailure?.(sent.error);
    // A server that takes no trickle has what the offer carried; stop asking it.
    else if (sent.value === 'not-supported') this.trickling = false;
  }
}
