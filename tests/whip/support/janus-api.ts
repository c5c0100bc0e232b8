// The Janus VideoRoom request the tests need, over Janus's HTTP API (synchronous requests answer
// in the HTTP response): list a room's participants, to see a publisher come and go.
import { z } from 'zod';

const created = z.object({ janus: z.literal('success'), data: z.object({ id: z.number() }) });
const pluginReply = z.object({
  janus: z.literal('success'),
  plugindata: z.object({ plugin: z.string(), data: z.record(z.string(), z.unknown()) }),
});
const participants = z.object({
  participants: z.array(z.object({ id: z.number(), display: z.string().optional(), publisher: z.boolean() })),
});

export interface JanusParticipant {
  readonly id: number;
  readonly display: string | undefined;
  readonly publisher: boolean;
}

export class JanusVideoRoomApi {
  private constructor(
    private readonly handleUrl: string,
    private readonly room: number,
  ) {}

  static async attach(httpUrl: string, room: number): Promise<JanusVideoRoomApi> {
    const session = created.parse(await post(httpUrl, { janus: 'create' })).data.id;
    const handle = created.parse(
      await post(`${httpUrl}/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' }),
    ).data.id;
    return new JanusVideoRoomApi(`${httpUrl}/${session}/${handle}`, room);
  }

  async participants(): Promise<JanusParticipant[]> {
    const data = await this.request({ request: 'listparticipants', room: this.room });
    return participants.parse(data).participants.map((p) => ({ id: p.id, display: p.display, publisher: p.publisher }));
  }

  private async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = pluginReply.parse(await post(this.handleUrl, { janus: 'message', body }));
    const { data } = reply.plugindata;
    if (typeof data.error === 'string') throw new Error(`Janus ${String(body.request)}: ${data.error}`);
    return data;
  }
}

async function post(url: string, message: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...message, transaction: crypto.randomUUID() }),
  });
  if (!response.ok) throw new Error(`Janus HTTP ${response.status} for ${String(message.janus)}`);
  return response.json();
}
