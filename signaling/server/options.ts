import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { DEFAULT_MAX_VIEWERS } from '../protocol';
import type { InterfaceMap } from './join-addresses';

/** The media relay's control socket (signaling/relay), served at /relay while the server runs. */
export interface RelayRoute {
  start(): Promise<void>;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, checkKey: (key: string) => boolean): void;
  stop(): Promise<void>;
}

export interface SignalingServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Address to listen on; all interfaces when unset. */
  bind?: string;
  /** The built renderer, served over HTTP. */
  staticDir?: string;
  /** Viewers wait for the host's admit (protocol default: on). */
  requireApproval?: boolean;
  /** Admitted viewers (the host can change it while hosting). */
  maxViewers?: number;
  /** Viewers waiting for the host's decision, counted apart from maxViewers. */
  maxWaitingViewers?: number;
  maxPayloadBytes?: number;
  /** Open WebSockets in all; past it upgrades get HTTP 503. The last 4 are kept for the host's own address. */
  maxSockets?: number;
  /** Open WebSockets from one address, IPv6 by /64 (the contract asks for at least 64: NATs). */
  maxSocketsPerAddress?: number;
  /** Open WebSockets that have not said hello yet, in all and per address; the host's own address is exempt. */
  maxPendingSockets?: number;
  maxPendingSocketsPerAddress?: number;
  /** Plain HTTP connections (not WebSockets), in all and from one address; the host's own address is exempt. */
  maxHttpConnections?: number;
  maxHttpConnectionsPerAddress?: number;
  /** A request whose headers are not complete by then is dropped, within about half a second. */
  headersTimeoutMs?: number;
  /** Time to say hello from the host's own address (127.0.0.1, ::1)... */
  helloTimeoutMs?: number;
  /** ...and from any other: a socket that holds a slot without a secret goes sooner. */
  networkHelloTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  messagesPerSecond?: number;
  messageBurst?: number;
  /** A reader with this much unsent data is cut off rather than queued for. */
  maxBufferedBytes?: number;
  /** Fixed secrets (tests, or an app that restores a session); fresh random ones otherwise. */
  hostKey?: string;
  token?: string;
  /** Makes the media relay for each start; without it there is no /relay and hosts send directly. */
  relay?: () => RelayRoute;
  /**
   * Host names the server answers to besides IP literals and localhost (DNS rebinding); default: this machine's name
   * and name.local.
   */
  hostNames?: readonly string[];
  /** Seams for tests: the machine's interfaces and its default-route address. */
  networkInterfaces?: () => InterfaceMap;
  defaultRouteAddress?: () => Promise<string | undefined>;
}

export const DEFAULTS = {
  port: 0,
  requireApproval: true,
  maxViewers: DEFAULT_MAX_VIEWERS,
  // As many may wait as may watch; kept apart so squatters in the waiting room cannot lower maxViewers.
  maxWaitingViewers: DEFAULT_MAX_VIEWERS,
  maxPayloadBytes: 64 * 1024,
  maxSockets: 1024,
  maxSocketsPerAddress: 64,
  maxPendingSockets: 128,
  maxPendingSocketsPerAddress: 8,
  maxHttpConnections: 256,
  maxHttpConnectionsPerAddress: 32,
  headersTimeoutMs: 10_000,
  helloTimeoutMs: 5_000,
  networkHelloTimeoutMs: 2_000,
  heartbeatIntervalMs: 15_000,
  heartbeatTimeoutMs: 30_000,
  messagesPerSecond: 50,
  messageBurst: 200,
  maxBufferedBytes: 4 * 1024 * 1024,
} as const;
