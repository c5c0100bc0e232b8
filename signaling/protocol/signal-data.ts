// What goes inside a `signal`'s `data` between our host and viewer (protocol.md,
// "Additions": sdp, candidate, control, rejoin, returning, bye, verify, and the signed `auth`
// envelope) and inside a viewer's `stats`. The server forwards both untouched, so each
// end parses them here, once, where they arrive: after the MAC check, which covers the
// data as sent. Unknown members (an independent client may add some) are dropped.
import * as z from 'zod/mini';
import { ID_MAX } from './messages';

/** Random id of one host peer connection (16 hex characters from our host; any short string is accepted). */
const connectionId = z.string().check(z.maxLength(ID_MAX));
const sdp = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string() });
/** `RTCIceCandidate.toJSON()`. */
const candidate = z.object({
  candidate: z.string(),
  sdpMid: z.optional(z.nullable(z.string())),
  sdpMLineIndex: z.optional(z.nullable(z.number().check(z.int()))),
  usernameFragment: z.optional(z.nullable(z.string())),
});

/**
 * One signal's payload: its `data` with the `auth` envelope taken off (and checked) where there is one. A payload
 * matching several variants is read as the first of this list (the order in which the viewer and host have always
 * looked at them); one matching none is ignored by its receiver.
 */
export const signalPayloadSchema = z.union([
  /** host -> viewer, unsigned: the host lets in only viewers whose link has `k`. */
  z.object({ verify: z.literal('required') }),
  /** host -> viewer: a ticket for coming back. */
  z.object({ rejoin: z.string().check(z.maxLength(ID_MAX)) }),
  /** host -> viewer: nothing is sent while paused; `recording` while the host records what it shares. */
  z.object({ control: z.object({ paused: z.boolean(), recording: z.optional(z.boolean()) }) }),
  /** viewer -> host: leaving on purpose, keep nothing for a return. */
  z.object({ bye: z.literal(true), link: z.optional(connectionId) }),
  /** viewer -> host: back under a new id, the proof that it holds a rejoin ticket (an HMAC bound to that id). */
  z.object({ returning: z.string().check(z.maxLength(ID_MAX)) }),
  z.object({ sdp, link: z.optional(connectionId) }),
  z.object({ candidate, link: z.optional(connectionId) }),
]);
export type SignalPayload = z.infer<typeof signalPayloadSchema>;
export type SdpSignal = Extract<SignalPayload, { sdp: unknown }>;
export type CandidateSignal = Extract<SignalPayload, { candidate: unknown }>;
export type IceCandidateJson = z.infer<typeof candidate>;

/** A payload to act on, or null: not one of ours, or malformed (either way the receiver ignores it). */
export function parseSignalPayload(data: unknown): SignalPayload | null {
  const parsed = signalPayloadSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/**
 * The signed envelope, `auth: {e, n, m}` inside `data` (protocol.md, "Link key `k`"): exactly these three, since a
 * member outside the MAC must be refused rather than ignored.
 */
export const authTagSchema = z.strictObject({
  /** Epoch: random id of the host instance, 16 lowercase hex. */
  e: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  /** Sequence number, from 1, per direction, epoch and viewer id. */
  n: z.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
  /** HMAC-SHA256, base64url without padding. */
  m: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});
export type AuthTag = z.infer<typeof authTagSchema>;

/** A number a viewer reported, or null when it sent none or something else (z.catch would do, at 2.6 KB of bundle). */
const reported = z.pipe(
  z.optional(z.unknown()),
  z.transform((value) => (typeof value === 'number' && Number.isFinite(value) ? value : null)),
);

/** A viewer's `stats` `data` as the host shows it: only these numbers, each null when missing or not a number. */
export const viewerReportSchema = z.object({
  fps: reported,
  width: reported,
  height: reported,
  bitrateBps: reported,
  packetLossPct: reported,
  jitterMs: reported,
  framesDecoded: reported,
});
export type ViewerReport = z.infer<typeof viewerReportSchema>;

/** Null when `data` is not an object at all. */
export function parseViewerReport(data: unknown): ViewerReport | null {
  const parsed = viewerReportSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
