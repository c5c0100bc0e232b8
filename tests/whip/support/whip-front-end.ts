// Meetecho's simple-whip-server as Janus's WHIP front end: started on a loopback port, and its
// own (non-WHIP) REST calls to create endpoints and list them.
import { join } from 'node:path';
import { z } from 'zod';
import { ChildService } from './child-service';
import { freePort } from '../../e2e/support/hosting';
import { TEST_ROOM } from './janus-config';

const endpointList = z.array(z.object({ id: z.string(), enabled: z.boolean(), publisher: z.string().optional() }));

export interface WhipEndpointOptions {
  readonly token?: string;
  /** The VideoRoom it publishes into (default: the VP8 test room). */
  readonly room?: number;
  /** Forward the publisher's RTP here (the WHIP server asks Janus for rtp_forward as it publishes). */
  readonly forwardTo?: { readonly audio: number; readonly video: number };
}

export class WhipFrontEnd {
  private constructor(
    readonly baseUrl: string,
    readonly service: ChildService,
  ) {}

  static async start(serverDir: string, janusWs: string, services: ChildService[]): Promise<WhipFrontEnd> {
    const port = await freePort();
    const service = ChildService.start(
      'simple-whip-server',
      process.execPath,
      // It listens on every interface; the preload keeps it on loopback.
      ['--require', join(__dirname, 'loopback-listen.cjs'), join(serverDir, 'src', 'server.js')],
      { cwd: serverDir, env: { ...process.env, WHIP_JANUS_WS: janusWs, WHIP_PORT: String(port), DEBUG: 'whip:*' } },
    );
    services.push(service);
    const baseUrl = `http://127.0.0.1:${port}/whip`;
    // It opens its HTTP port only once connected to Janus: answering means ready.
    await service.waitUntil(async () => (await fetch(`${baseUrl}/healthcheck`)).ok, 15_000);
    return new WhipFrontEnd(baseUrl, service);
  }

  /** Creates endpoint `id` in the test room; returns its WHIP endpoint URL. */
  async createEndpoint(id: string, options: WhipEndpointOptions = {}): Promise<string> {
    const recipient = options.forwardTo && {
      host: '127.0.0.1',
      audioPort: options.forwardTo.audio,
      videoPort: options.forwardTo.video,
    };
    const response = await fetch(`${this.baseUrl}/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, room: options.room ?? TEST_ROOM, token: options.token, recipient }),
    });
    if (!response.ok) throw new Error(`creating WHIP endpoint ${id}: HTTP ${response.status} ${await response.text()}`);
    return `${this.baseUrl}/endpoint/${id}`;
  }

  /** Whether endpoint `id` has a publisher right now. */
  async isPublishing(id: string): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/endpoints`);
    const endpoint = endpointList.parse(await response.json()).find((e) => e.id === id);
    return endpoint?.enabled === true;
  }
}
