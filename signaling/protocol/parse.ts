// The boundary: untrusted text in, a typed message or a coded error out.
import type * as z from 'zod/mini';
import type { ProtocolError } from './errors';
import {
  ID_MAX,
  PROTOCOL_VERSION,
  admitSchema,
  admittedSchema,
  clientSignalSchema,
  configureSchema,
  sessionRequestSchema,
  sessionSchema,
  denySchema,
  errorSchema,
  hostHelloSchema,
  hostJoinedSchema,
  hostLeftSchema,
  hostWelcomeSchema,
  isPlainObject,
  kickSchema,
  serverSignalSchema,
  statsSchema,
  viewerHelloSchema,
  viewerJoinedSchema,
  viewerLeftSchema,
  viewerStatsSchema,
  viewerWelcomeSchema,
  type ClientMessage,
  type ServerMessage,
} from './messages';
import { NAME_MAX_CHARS, sanitizeName } from './names';
import { err, ok, type Result } from './result';

/** `stats` is relayed to the host on every tick; keep it small (protocol.md: "object, small"). */
export const STATS_MAX_BYTES = 8 * 1024;

/** UTF-8 size; the text encoder runs only when the string could be over the cap. */
function utf8Length(text: string): number {
  return text.length * 3 <= STATS_MAX_BYTES ? text.length : new TextEncoder().encode(text).length;
}

type AnySchema = z.ZodMiniType<unknown>;

const badMessage = (message: string): { ok: false; error: ProtocolError } => err({ code: 'bad-message', message });

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const where = issue.path.length > 0 ? `field '${issue.path.join('.')}'` : 'message';
  return `${where}: ${issue.message}`;
}

function readObject(raw: string): Result<Record<string, unknown> & { type: string }, ProtocolError> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return badMessage('frame is not valid JSON');
  }
  if (!isPlainObject(value)) return badMessage('frame must be a JSON object');
  if (typeof value.type !== 'string') return badMessage("message has no string field 'type'");
  return ok(value as Record<string, unknown> & { type: string });
}

function validate<T>(schema: AnySchema, value: unknown): Result<T, ProtocolError> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return badMessage(describeIssue(parsed.error));
  return ok(parsed.data as T);
}

function parseHello(value: Record<string, unknown>): Result<ClientMessage, ProtocolError> {
  // Checked first so a newer client hears "unsupported protocol", not a field error.
  if (typeof value.protocol === 'number' && value.protocol !== PROTOCOL_VERSION) {
    return err({
      code: 'unsupported-protocol',
      message: `protocol ${value.protocol} is not supported; this server speaks ${PROTOCOL_VERSION}`,
    });
  }
  if (value.role === 'host') return validate(hostHelloSchema, value);
  if (value.role !== 'viewer') return badMessage('field \'role\' must be "host" or "viewer"');
  const hello = validate<z.infer<typeof viewerHelloSchema>>(viewerHelloSchema, value);
  if (!hello.ok) return hello;
  const name = sanitizeName(hello.value.name);
  if (name === null) return badMessage(`field 'name' must be 1-${NAME_MAX_CHARS} characters after trimming`);
  return ok({ ...hello.value, name });
}

const clientSchemas: Record<Exclude<ClientMessage['type'], 'hello'>, AnySchema> = {
  admit: admitSchema,
  deny: denySchema,
  kick: kickSchema,
  signal: clientSignalSchema,
  stats: statsSchema,
  session: sessionRequestSchema,
  configure: configureSchema,
};

/** Parses one client frame. Role rules (who may send what) are the server's, not this function's. */
export function parseClientMessage(raw: string): Result<ClientMessage, ProtocolError> {
  const object = readObject(raw);
  if (!object.ok) return object;
  const { type } = object.value;
  if (type === 'hello') return parseHello(object.value);
  if (type === 'signal') {
    // The relay's hot path: the schema's checks by hand; anything unusual falls through to the schema's error.
    const { to, data } = object.value;
    if (typeof to === 'string' && to.length <= ID_MAX && isPlainObject(data)) return ok({ type: 'signal', to, data });
  }
  if (type === 'stats' && utf8Length(raw) > STATS_MAX_BYTES)
    return badMessage(`stats must be under ${STATS_MAX_BYTES} bytes`);
  const schema = Object.hasOwn(clientSchemas, type) ? clientSchemas[type as keyof typeof clientSchemas] : undefined;
  if (!schema) return badMessage(`unknown message type '${type.slice(0, 32)}'`);
  return validate(schema, object.value);
}

const serverSchemas: Record<Exclude<ServerMessage['type'], 'welcome'>, AnySchema> = {
  admitted: admittedSchema,
  'viewer-joined': viewerJoinedSchema,
  'viewer-left': viewerLeftSchema,
  'viewer-stats': viewerStatsSchema,
  'host-joined': hostJoinedSchema,
  'host-left': hostLeftSchema,
  signal: serverSignalSchema,
  error: errorSchema,
  session: sessionSchema,
};

/** Parses one server frame, for clients (the renderer, tests, tools). */
export function parseServerMessage(raw: string): Result<ServerMessage, ProtocolError> {
  const object = readObject(raw);
  if (!object.ok) return object;
  const { type } = object.value;
  if (type === 'welcome') {
    return validate(object.value.role === 'host' ? hostWelcomeSchema : viewerWelcomeSchema, object.value);
  }
  const schema = Object.hasOwn(serverSchemas, type) ? serverSchemas[type as keyof typeof serverSchemas] : undefined;
  if (!schema) return badMessage(`unknown message type '${type.slice(0, 32)}'`);
  return validate(schema, object.value);
}
