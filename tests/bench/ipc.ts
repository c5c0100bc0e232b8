// The IPC between the bench (parent) and its server child (bench-server-process.ts).
// The server lives in its own process so the bench's clients don't count in its memory.

/** `signaling`: the real SignalingServer. `bare`: a minimal ws relay, the yardstick. */
export type ServerMode = 'signaling' | 'bare';

export interface SignalingBenchOptions {
  readonly requireApproval: boolean;
  readonly maxViewers: number;
  readonly maxSockets: number;
  readonly maxSocketsPerAddress: number;
  /** The connect storm opens up to CONNECT_CONCURRENCY sockets at once from 4 addresses: lifted for it. */
  readonly maxPendingSockets?: number;
  readonly maxPendingSocketsPerAddress?: number;
  readonly maxHttpConnections?: number;
  readonly maxHttpConnectionsPerAddress?: number;
  readonly messagesPerSecond?: number;
  readonly messageBurst?: number;
}

export type ParentMessage =
  | { readonly type: 'start'; readonly mode: ServerMode; readonly options: SignalingBenchOptions }
  /** Forced GC (twice), then process.memoryUsage(). */
  | { readonly type: 'memory'; readonly id: number }
  | { readonly type: 'cpu'; readonly id: number }
  | { readonly type: 'stop' };

export interface MemorySample {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** v8.getHeapSpaceStatistics(): bytes used, reserved and resident per V8 heap space. */
  readonly spaces: Readonly<
    Record<string, { readonly used: number; readonly size: number; readonly physical: number }>
  >;
}

export interface CpuSample {
  /** process.cpuUsage(), user + system, microseconds. */
  readonly cpuMicros: number;
  /** performance.now() of the child, milliseconds. */
  readonly atMs: number;
}

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number; readonly token: string; readonly hostKey: string }
  | { readonly type: 'memory'; readonly id: number; readonly usage: MemorySample }
  | { readonly type: 'cpu'; readonly id: number; readonly usage: CpuSample }
  | { readonly type: 'failed'; readonly message: string };

/** Bare relay paths: the host connects to BARE_HOST_PATH, viewers to BARE_VIEWER_PATH. */
export const BARE_HOST_PATH = '/host';
export const BARE_VIEWER_PATH = '/viewer';
