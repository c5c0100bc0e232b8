// Keeps connections honest: pings every client now and then and drops one that has
// been silent for the timeout (a vanished viewer, a host whose machine slept).
import type { Client } from './client';

export interface HeartbeatSettings {
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
}

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private lastPingAt = performance.now();

  constructor(
    private readonly settings: HeartbeatSettings,
    private readonly clients: () => Iterable<Client>,
  ) {}

  start(): void {
    // Checked more often than pinged, so a silent client goes close to the timeout, not up to one interval later.
    const { heartbeatIntervalMs, heartbeatTimeoutMs } = this.settings;
    this.timer = setInterval(() => this.check(), Math.max(10, Math.min(heartbeatIntervalMs, heartbeatTimeoutMs) / 5));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = performance.now();
    const pingDue = now - this.lastPingAt >= this.settings.heartbeatIntervalMs;
    if (pingDue) this.lastPingAt = now;
    for (const client of this.clients()) {
      if (now - client.lastSeen >= this.settings.heartbeatTimeoutMs) {
        client.departure = 'timeout';
        client.socket.terminate();
      } else if (pingDue) {
        client.socket.ping();
      }
    }
  }
}
