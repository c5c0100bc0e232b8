// Hosting in process: the same SignalingServer `npm run serve` runs, started and
// stopped for the window, on the saved port, or on a free one (and the user is told)
// when something else holds it.
import type { HostingStarted, IpcResult } from '../preload/api-types';
import { err, ok, type Result } from '../signaling/protocol';
import { DEFAULT_HOSTING_PORT } from '../signaling/protocol/hosting-defaults';
import { SignalingError, SignalingServer, type HostingInfo, type SignalingServerOptions } from '../signaling/server';
import type { SettingsStore } from './settings-store';

export interface HostingServiceOptions {
  readonly settings: SettingsStore;
  /** The built renderer, served to viewers' browsers. */
  readonly staticDir: string;
  /** More server options (the tests bind to loopback and fix the interface list). */
  readonly server?: Omit<SignalingServerOptions, 'port' | 'staticDir'>;
}

export class HostingService {
  private server: SignalingServer | null = null;
  private current: HostingStarted | null = null;
  private starting: Promise<IpcResult<HostingStarted>> | null = null;

  constructor(private readonly options: HostingServiceOptions) {}

  get running(): boolean {
    return this.server !== null;
  }

  /** The saved port, or the headless default. */
  async preferredPort(): Promise<number> {
    return (await this.options.settings.read()).hostingPort ?? DEFAULT_HOSTING_PORT;
  }

  setPreferredPort(port: number): Promise<void> {
    return this.options.settings.update({ hostingPort: port });
  }

  /** Starts the server, or answers with the running one (a second click must not start another). */
  start(): Promise<IpcResult<HostingStarted>> {
    if (this.current) return Promise.resolve(ok(this.current));
    this.starting ??= this.startServer().finally(() => (this.starting = null));
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.starting; // a stop during a start stops what that start opened
    const server = this.server;
    this.server = null;
    this.current = null;
    await server?.stop();
  }

  private async startServer(): Promise<IpcResult<HostingStarted>> {
    const preferred = await this.preferredPort();
    let attempt = await this.listen(preferred);
    let portFallbackFrom: number | undefined;
    if (!attempt.ok && isPortInUse(attempt.error) && preferred !== 0) {
      portFallbackFrom = preferred;
      attempt = await this.listen(0);
    }
    if (!attempt.ok) return err(`Could not start hosting: ${describe(attempt.error)}`);
    const { server, info } = attempt.value;
    this.server = server;
    this.current = {
      port: info.port,
      hostKey: info.hostKey,
      joinUrls: info.joinUrls,
      ...(portFallbackFrom === undefined ? {} : { portFallbackFrom }),
    };
    return ok(this.current);
  }

  private async listen(port: number): Promise<Result<{ server: SignalingServer; info: HostingInfo }, unknown>> {
    const server = new SignalingServer({ ...this.options.server, port, staticDir: this.options.staticDir });
    try {
      return ok({ server, info: await server.start() });
    } catch (error) {
      return err(error);
    }
  }
}

function isPortInUse(error: unknown): boolean {
  return error instanceof SignalingError && error.code === 'port-in-use';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
