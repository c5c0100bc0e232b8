// The relay: one publisher (the host page) in, one connection per viewer out, every
// packet forwarded without decoding. Driven by the control session; runs in a
// worker thread so forwarding never holds up the signaling socket.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import type { RelayCandidate, RelayLinkStats } from '../protocol';
import { NO_CERTIFICATES } from './dtls-certificates';
import { KeyframeRequests } from './keyframe-requests';
import { PublisherPeer } from './publisher-peer';
import { PublisherTarget } from './publisher-target';
import { ViewerPeer, type ViewerDiagnostics } from './viewer-peer';
import { RELAY_VIDEO_CODEC } from './werift-config';

const KEYFRAME_TICK_MS = 50;

export interface RelayCounts {
  readonly publishers: number;
  readonly viewers: number;
  /** 0 or 1: the connection kept ready for the next viewer. */
  readonly spares: number;
  readonly timers: number;
}

/** Cumulative counters, for the bench and for debugging a stalled picture. */
export interface RelayDiagnostics {
  readonly publisher: {
    readonly packetsIn: number;
    readonly videoBytesIn: number;
    readonly targetBps: number | null;
    readonly keyframesIn: number;
    readonly keyframeRequests: number;
    readonly socketsEnlarged: number;
    readonly gaps: number;
    readonly missing: number;
    readonly late: number;
  } | null;
  readonly viewers: Record<string, ViewerDiagnostics>;
  /**
   * CPU time of the relay's process, or of its thread when it is a worker (user + system), ms; null where Node cannot
   * tell.
   */
  readonly threadCpuMs: number | null;
  readonly rssBytes: number;
  /**
   * This isolate's live JavaScript heap, and the part of it V8 reserves for new objects (it grows with the allocation
   * rate).
   */
  readonly heapUsedBytes: number;
  readonly newSpaceBytes: number | null;
  /** Memory outside the JS heap held by Buffers and ArrayBuffers (packets, SRTP). */
  readonly arrayBuffersBytes: number;
}

export class Relay {
  private publisher: PublisherPeer | null = null;
  private publisherPayloadTypes = new Map<string, number>();
  private readonly viewers = new Map<string, ViewerPeer>();
  private spare: { readonly viewer: ViewerPeer; readonly offer: Promise<string> } | null = null;
  private readonly keyframes = new KeyframeRequests(() => this.publisher?.requestKeyframe());
  private keyframeTimer: NodeJS.Timeout | undefined;
  private readonly target = new PublisherTarget();

  /** Takes the host's offer (replacing an earlier publisher); viewers carry on and restart at its first keyframe. */
  async publish(offerSdp: string): Promise<{ sdp: string; codec: string }> {
    const previous = this.publisher;
    const publisher = new PublisherPeer({
      video: (packet, keyframeStart) => this.forwardVideo(publisher, packet, keyframeStart),
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
      this.wantKeyframe(key);
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
    const viewer = this.viewers.get(key);
    if (!viewer) return;
    // answer() builds its streams from the publisher's codecs, given at openViewer and on every publish.
    await viewer.answer(sdp);
  }

  addViewerCandidate(key: string, candidate: RelayCandidate): void {
    this.viewers.get(key)?.addCandidate(candidate);
  }

  setViewerActive(key: string, active: boolean): void {
    const viewer = this.viewers.get(key);
    if (!viewer) return;
    viewer.setActive(active);
    if (active) this.wantKeyframe(key);
    else this.keyframes.forget(key);
    this.estimatesChanged();
  }

  async closeViewer(key: string): Promise<void> {
    const viewer = this.viewers.get(key);
    if (!viewer) return;
    this.viewers.delete(key);
    this.keyframes.forget(key);
    this.updateKeyframeTimer();
    await viewer.close();
    this.estimatesChanged();
  }

  async stats(
    now = performance.now(),
  ): Promise<{ publisher: RelayLinkStats; viewers: Record<string, RelayLinkStats> }> {
    const publisher = this.publisher;
    const rates = publisher?.counters.read(now) ?? { bitrateBps: null, fps: null };
    const entries = await Promise.all(
      [...this.viewers].map(async ([key, viewer]) => [key, await viewer.stats(now)] as const),
    );
    return {
      // The publisher link is the host page's own loopback connection: nothing to pin there.
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
    const publisher = this.publisher;
    // Its own process (utility or child): all of it is the relay. A worker thread: only that thread.
    const usage = isMainThread
      ? process.cpuUsage()
      : typeof process.threadCpuUsage === 'function'
        ? process.threadCpuUsage()
        : null;
    const memory = process.memoryUsage();
    return {
      publisher: publisher && {
        packetsIn: publisher.packetsIn,
        videoBytesIn: publisher.videoBytesIn,
        targetBps: publisher.targetBps,
        keyframesIn: publisher.keyframesIn,
        keyframeRequests: publisher.keyframeRequests,
        socketsEnlarged: publisher.socketsEnlarged,
        gaps: publisher.videoSequence.gaps,
        missing: publisher.videoSequence.missing,
        late: publisher.videoSequence.late,
      },
      viewers: Object.fromEntries([...this.viewers].map(([key, viewer]) => [key, viewer.diagnostics()])),
      threadCpuMs: usage && (usage.user + usage.system) / 1000,
      rssBytes: memory.rss,
      arrayBuffersBytes: memory.arrayBuffers,
      heapUsedBytes: getHeapStatistics().used_heap_size,
      newSpaceBytes: getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? null,
    };
  }

  counts(): RelayCounts {
    return {
      publishers: this.publisher ? 1 : 0,
      viewers: this.viewers.size,
      spares: this.spare ? 1 : 0,
      timers: this.keyframeTimer ? 1 : 0,
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
    clearInterval(this.keyframeTimer);
    this.keyframeTimer = undefined;
    await Promise.all([publisher?.close(), this.closeSpare(), ...viewers.map((viewer) => viewer.close())]);
  }

  private forwardVideo(
    publisher: PublisherPeer,
    packet: Parameters<ViewerPeer['forwardVideo']>[0],
    keyframeStart: boolean,
  ): void {
    if (this.publisher !== publisher) return;
    for (const [key, viewer] of this.viewers)
      if (viewer.forwardVideo(packet, keyframeStart)) this.keyframes.delivered(key);
    this.updateKeyframeTimer();
  }

  private newViewer(): ViewerPeer {
    // Asked for when the viewer can receive it, and whenever it lost the picture; looked up
    // by identity because a spare has no key yet.
    const viewer: ViewerPeer = new ViewerPeer({
      keyframeWanted: () => {
        for (const [key, candidate] of this.viewers) if (candidate === viewer) return this.wantKeyframe(key);
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

  private wantKeyframe(key: string): void {
    this.keyframes.want(key, performance.now());
    this.updateKeyframeTimer();
  }

  /** Ticks only while someone waits for a keyframe: an idle relay holds no timer. */
  private updateKeyframeTimer(): void {
    if (this.keyframes.pending > 0 && !this.keyframeTimer) {
      this.keyframeTimer = setInterval(() => this.keyframes.tick(performance.now()), KEYFRAME_TICK_MS);
    } else if (this.keyframes.pending === 0 && this.keyframeTimer) {
      clearInterval(this.keyframeTimer);
      this.keyframeTimer = undefined;
    }
  }
}
