// What the relay reports about itself for tests, the bench and debugging a stalled
// picture: its counts, each connection's cumulative counters, and its process's CPU
// and memory. The counters are read from the concern that counts them (stats()).
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import type { ForwardedMediaStats } from './forwarded-media';
import type { InboundGuardStats } from './inbound-guards';
import type { ReceivedMediaStats } from './received-media';
import type { ViewerTransportStats } from './viewer-transport';

export interface RelayCounts {
  readonly publishers: number;
  readonly viewers: number;
  /** 0 or 1: the connection kept ready for the next viewer. */
  readonly spares: number;
  readonly timers: number;
}

/** The publisher's counters since it connected. */
export interface PublisherDiagnostics extends ReceivedMediaStats, InboundGuardStats {
  /** The bitrate last sent to the host in a REMB (null: none sent yet). */
  readonly targetBps: number | null;
  readonly keyframeRequests: number;
  /** UDP sockets given bigger kernel buffers (0: werift's internals changed; see socket-buffers.ts). */
  readonly socketsEnlarged: number;
}

/** One viewer's counters since its connection opened: what was forwarded, and what its transport heard back. */
export type ViewerDiagnostics = ForwardedMediaStats & ViewerTransportStats;

export interface ProcessDiagnostics {
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

export interface RelayDiagnostics extends ProcessDiagnostics {
  readonly publisher: PublisherDiagnostics | null;
  readonly viewers: Record<string, ViewerDiagnostics>;
}

export function processDiagnostics(): ProcessDiagnostics {
  // Its own process (utility or child): all of it is the relay. A worker thread: only that thread.
  const usage = isMainThread
    ? process.cpuUsage()
    : typeof process.threadCpuUsage === 'function'
      ? process.threadCpuUsage()
      : null;
  const memory = process.memoryUsage();
  return {
    threadCpuMs: usage && (usage.user + usage.system) / 1000,
    rssBytes: memory.rss,
    arrayBuffersBytes: memory.arrayBuffers,
    heapUsedBytes: getHeapStatistics().used_heap_size,
    newSpaceBytes: getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? null,
  };
}
