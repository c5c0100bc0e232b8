// A tiny WHIP HTTP server for the client's tests: records every request and answers with
// whatever the test scripts, on a real loopback socket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface ScriptedReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** A reply, one that comes later (a promise), or 'hang': never answer. */
export type Script = (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply> | 'hang';

export class FakeWhipServer {
  readonly requests: RecordedRequest[] = [];
  script: Script = () => ({ status: 500 });

  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', async () => {
      const recorded = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
      this.requests.push(recorded);
      const reply = await this.script(recorded);
      if (reply === 'hang') return;
      response.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  });

  static async start(): Promise<FakeWhipServer> {
    const fake = new FakeWhipServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export const OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=WHIP test offer',
  't=0 0',
  'a=extmap-allow-mixed',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=ice-ufrag:offerUfrag',
  'a=ice-pwd:offerPasswordOfTwentyTwo',
  'a=rtpmap:111 opus/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=ice-ufrag:offerUfrag',
  'a=ice-pwd:offerPasswordOfTwentyTwo',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

/** An answer to OFFER; `refuseVideo` rejects the video section (port 0), as a server without VP8 does. */
export function answer({ refuseVideo = false } = {}): string {
  return OFFER.replace('m=video 9', refuseVideo ? 'm=video 0' : 'm=video 9')
    .replace(/offerUfrag/g, 'answerUfrag')
    .replace(/offerPasswordOfTwentyTwo/g, 'answerPasswordOfTwentyTwo');
}

export const created = (location: string, extra: Record<string, string> = {}): ScriptedReply => ({
  status: 201,
  headers: { 'content-type': 'application/sdp', location, etag: '"etag-1"', ...extra },
  body: answer(),
});
