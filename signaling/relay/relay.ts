// The relay: one publisher (the host page) in, one forwarder per viewer out, every
// packet routed without decoding. Driven by the control session; runs apart from the
// signaling server (relay-port.ts) so forwarding never holds up the signaling socket.
// This file only routes: each RTP concern lives in its own object (forwarder.ts).
import type { RelayCandidate, RelayLinkStats } from '../protocol';
import { NO_CERTIFICATES } from './dtls-certificates';
import { Forwarder } from './forwarder';
import { KeyframeScheduler } from './keyframe-scheduler';
import { PublisherConnection } from './publisher-connection';
import { PublisherTarget } from './publisher-target';
import { processDiagnostics, type RelayCounts, type RelayDiagnostics } from './relay-diagnostics';
import { RELAY_VIDEO_CODEC } from './werift-config';

export type { RelayCounts, RelayDiagnostics, ViewerDiagnostics } from './relay-diagnostics';

export class Relay {
  private publisher: PublisherConnection | null = null;
  private publisherPayloadTypes: ReadonlyMap<string, number> = new Map();
  private readonly viewers = new Map<string, Forwarder>();
  private spare: { readonly viewer: Forwarder; readonly offer: Promise<string> } | null = null;
  private readonly keyframes = new KeyframeScheduler(() => this.publisher?.requestKeyframe());
  private readonly target = new PublisherTarget();

  /** Takes the host's offer (replacing an earlier publisher); viewers carry on and restart at its first keyframe. */
  async publish(offerSdp: string): Promise<{ sdp: string; codec: string }> {
    const previous = this.publisher;
    const publisher = new PublisherConnection({
      video: (packet, keyframeStart) => {
        if (this.publisher !== publisher) return;
        for (const [key, viewer] of this.viewers)
          if (viewer.forwardVideo(packet, keyframeStart)) this.keyframes.delivered(key);
      },
      audio: (packet) => {
        if (this.publisher === publisher) for (const viewer of this.viewers.values()) viewer.forwardAudio(packet);
      },
      targetBps: () => this.updateTarget(),
    });
    this.publisher = publisher;
    await previous?.close();
    const { sdp, payloadTypes } = await publisher.answer(offerSdp);
    if (this.publisher !== publisher) return { sdp, codec: RELAY_VIDEO_CODEC };
    this.publisherPayloadTypes = payloadTypes;
    this.prepareSpare();
    for (const [key, viewer] of this.viewers) {
      viewer.setPublisherPayloadTypes(payloadTypes);
      this.keyframes.want(key);
    }
    return { sdp, codec: RELAY_VIDEO_CODEC };
  }

  addPublisherCandidate(candidate: RelayCandidate): void {
    this.publisher?.addCandidate(candidate);
  }

  /** The next viewer's connection, its offer made and candidates gathered ahead (only while publishing). */
  async openViewer(key: string): Promise<string> {
    await this.closeViewer(key);
    const spare = this.spare;
    this.spare = null;
    const viewer = spare?.viewer ?? this.newViewer();
    this.viewers.set(key, viewer);
    if (this.publisherPayloadTypes.size > 0) viewer.setPublisherPayloadTypes(this.publisherPayloadTypes);
    const sdp = await (spare?.offer ?? viewer.offer());
    this.prepareSpare();
    return sdp;
  }

  async viewerAnswer(key: string, sdp: string): Promise<void> {
    // answer() builds its rewriters from the publisher's codecs, given at openViewer and on every publish.
    await this.viewers.get(key)?.answer(sdp);
  }

  addViewerCandidate(key: string, candidate: RelayCandidate): void {
    this.viewers.get(key)?.addCandidate(candidate);
  }

  setViewerActive(key: string, active: boolean): void {
    const viewer = this.viewers.get(key);
    if (!viewer) return;
    viewer.setActive(active);
    if (active) this.keyframes.want(key);
    else this.keyframes.forget(key);
    this.estimatesChanged();
  }

  async closeViewer(key: string): Promise<void> {
    const viewer = this.viewers.get(key);
    if (!viewer) return;
    this.viewers.delete(key);
    this.keyframes.forget(key);
    await viewer.close();
    this.estimatesChanged();
  }

  async stats(
    now = performance.now(),
  ): Promise<{ publisher: RelayLinkStats; viewers: Record<string, RelayLinkStats> }> {
    const publisher = this.publisher;
    const rates = publisher?.readRates(now) ?? { bitrateBps: null, fps: null };
    const entries = await Promise.all(
      [...this.viewers].map(async ([key, viewer]) => [key, await viewer.linkStats(now)] as const),
    );
    return {
      // The uplink is the host page's own loopback connection: nothing to pin there.
      publisher: {
        connected: publisher?.connected ?? false,
        ...rates,
        rttMs: null,
        packetLossPct: null,
        keyframesSent: 0,
        estimateBps: null,
        targetBps: publisher?.targetBps ?? null,
        ...NO_CERTIFICATES,
      },
      viewers: Object.fromEntries(entries),
    };
  }

  diagnostics(): RelayDiagnostics {
    return {
      publisher: this.publisher?.stats() ?? null,
      viewers: Object.fromEntries([...this.viewers].map(([key, viewer]) => [key, viewer.stats()])),
      ...processDiagnostics(),
    };
  }

  counts(): RelayCounts {
    return {
      publishers: this.publisher ? 1 : 0,
      viewers: this.viewers.size,
      spares: this.spare ? 1 : 0,
      timers: this.keyframes.timers,
    };
  }

  /** Closes every connection and timer. */
  async close(): Promise<void> {
    const publisher = this.publisher;
    this.publisher = null;
    this.publisherPayloadTypes = new Map();
    const viewers = [...this.viewers.values()];
    for (const key of this.viewers.keys()) this.keyframes.forget(key);
    this.viewers.clear();
    this.keyframes.close();
    await Promise.all([publisher?.close(), this.closeSpare(), ...viewers.map((viewer) => viewer.close())]);
  }

  private newViewer(): Forwarder {
    // Asked for when the viewer can receive it, and whenever it lost the picture; looked up
    // by identity because a spare has no key yet.
    const viewer: Forwarder = new Forwarder({
      keyframeWanted: () => {
        for (const [key, candidate] of this.viewers) if (candidate === viewer) return this.keyframes.want(key);
      },
      estimateChanged: () => this.estimatesChanged(),
    });
    return viewer;
  }

  /** The host's bitrate for the weakest viewer watching now (connected and not paused). */
  private updateTarget(): number {
    return this.target.update(this.viewers.values(), performance.now());
  }

  /** A drop reaches the host at once; a rise waits for the publisher's next REMB tick. */
  private estimatesChanged(): void {
    const before = this.target.currentBps;
    const after = this.updateTarget();
    if (after < before) this.publisher?.sendRemb(after);
  }

  private prepareSpare(): void {
    if (this.spare || !this.publisher) return;
    const viewer = this.newViewer();
    const offer = viewer.offer();
    offer.catch(() => undefined); // awaited by whoever takes it
    this.spare = { viewer, offer };
  }

  private closeSpare(): Promise<void> {
    const spare = this.spare;
    this.spare = null;
    return spare ? spare.viewer.close() : Promise.resolve();
  }
}
