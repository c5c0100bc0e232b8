// Every message of protocol.md v1 as a schema and a type. No Node imports: the
// renderer and the server share this module.
import * as z from 'zod/mini';

export const PROTOCOL_VERSION = 1;

/**
 * Upper bounds for strings that have no length rule in the contract, so a frame can't make us hash or store megabytes.
 */
const SECRET_MAX = 256;
export const ID_MAX = 64;
const NAME_RAW_MAX = 1024;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `data` of signal and stats: any JSON object, opaque to the server. */
const opaqueObject = z.custom<Record<string, unknown>>(isPlainObject, { error: 'must be a JSON object' });
const boundedString = (max: number) => z.string().check(z.maxLength(max));
const viewerId = boundedString(ID_MAX);

export const viewerStates = ['waiting', 'admitted'] as const;
export type ViewerState = (typeof viewerStates)[number];
export const leaveReasons = ['left', 'kicked', 'denied', 'timeout'] as const;
export type LeaveReason = (typeof leaveReasons)[number];

// ---- client -> server ----

export const hostHelloSchema = z.object({
  type: z.literal('hello'),
  role: z.literal('host'),
  key: boundedString(SECRET_MAX),
  protocol: z.literal(PROTOCOL_VERSION),
});
export const viewerHelloSchema = z.object({
  type: z.literal('hello'),
  role: z.literal('viewer'),
  token: boundedString(SECRET_MAX),
  name: boundedString(NAME_RAW_MAX),
  protocol: z.literal(PROTOCOL_VERSION),
  /** Addition to v1: a ticket the host gave this viewer earlier, so a reconnect is let in without asking again. */
  rejoin: z.optional(boundedString(ID_MAX)),
});
const viewerCommand = <T extends 'admit' | 'deny' | 'kick'>(type: T) =>
  z.object({ type: z.literal(type), id: viewerId });
export const admitSchema = viewerCommand('admit');
export const denySchema = viewerCommand('deny');
export const kickSchema = viewerCommand('kick');
export const clientSignalSchema = z.object({ type: z.literal('signal'), to: viewerId, data: opaqueObject });
export const statsSchema = z.object({ type: z.literal('stats'), data: opaqueObject });
/** Additions to v1 (host only, answered only when asked, so v1 clients never see them). */
export const MAX_VIEWERS_LIMIT = 1000;
export const sessionRequestSchema = z.object({ type: z.literal('session') });
export const configureSchema = z.object({
  type: z.literal('configure'),
  requireApproval: z.optional(z.boolean()),
  maxViewers: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_VIEWERS_LIMIT))),
});

export type HostHello = z.infer<typeof hostHelloSchema>;
export type ViewerHello = z.infer<typeof viewerHelloSchema>;
export type ClientMessage =
  | HostHello
  | ViewerHello
  | z.infer<typeof admitSchema>
  | z.infer<typeof denySchema>
  | z.infer<typeof kickSchema>
  | z.infer<typeof clientSignalSchema>
  | z.infer<typeof statsSchema>
  | z.infer<typeof sessionRequestSchema>
  | z.infer<typeof configureSchema>;

// ---- server -> client ----

const viewerSummary = z.object({
  id: viewerId,
  name: z.string(),
  address: z.string(),
  state: z.enum(viewerStates),
  /** Addition to v1: present only when the viewer's hello carried one. */
  rejoin: z.optional(z.string()),
});
export type ViewerSummary = z.infer<typeof viewerSummary>;

export const hostWelcomeSchema = z.object({
  type: z.literal('welcome'),
  role: z.literal('host'),
  viewers: z.array(viewerSummary),
});
export const viewerWelcomeSchema = z.object({
  type: z.literal('welcome'),
  role: z.literal('viewer'),
  id: viewerId,
  state: z.enum(viewerStates),
  hostPresent: z.boolean(),
});
export const admittedSchema = z.object({ type: z.literal('admitted') });
export const viewerJoinedSchema = z.extend(viewerSummary, { type: z.literal('viewer-joined') });
export const viewerLeftSchema = z.object({
  type: z.literal('viewer-left'),
  id: viewerId,
  reason: z.enum(leaveReasons),
});
export const viewerStatsSchema = z.object({ type: z.literal('viewer-stats'), id: viewerId, data: opaqueObject });
export const hostJoinedSchema = z.object({ type: z.literal('host-joined') });
export const hostLeftSchema = z.object({ type: z.literal('host-left') });
export const serverSignalSchema = z.object({ type: z.literal('signal'), from: viewerId, data: opaqueObject });
export const errorSchema = z.object({ type: z.literal('error'), code: z.string(), message: z.string() });
export const sessionSchema = z.object({
  type: z.literal('session'),
  joinUrls: z.array(z.string()),
  requireApproval: z.boolean(),
  maxViewers: z.number(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export type HostWelcome = z.infer<typeof hostWelcomeSchema>;
export type ViewerWelcome = z.infer<typeof viewerWelcomeSchema>;
export type ServerMessage =
  | HostWelcome
  | ViewerWelcome
  | z.infer<typeof admittedSchema>
  | z.infer<typeof viewerJoinedSchema>
  | z.infer<typeof viewerLeftSchema>
  | z.infer<typeof viewerStatsSchema>
  | z.infer<typeof hostJoinedSchema>
  | z.infer<typeof hostLeftSchema>
  | z.infer<typeof serverSignalSchema>
  | z.infer<typeof errorSchema>
  | SessionInfo;

export { isPlainObject };
