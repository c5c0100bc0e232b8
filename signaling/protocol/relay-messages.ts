// The relay's control channel (docs/protocol.md, "Relay control"): the host page asks
// the in-process relay, over loopback and with the host key, to take its one published
// stream and to open one peer connection per viewer. No Node imports: the host page
// and the relay share it.
import * as z from 'zod/mini';
import { CERTIFICATE_FINGERPRINT } from './certificate-fingerprint';
import { err, ok, type Result } from './result';

export const RELAY_PATH = '/relay';
const SDP_MAX = 32 * 1024;
const PEER_MAX = 64;

const sdpText = z.string().check(z.maxLength(SDP_MAX));
const peerKey = z.string().check(z.minLength(1), z.maxLength(PEER_MAX));
const candidate = z.object({
  candidate: z.string().check(z.maxLength(1024)),
  sdpMid: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  sdpMLineIndex: z.optional(z.nullable(z.number())),
});
const certificateFingerprint = z.string().check(z.maxLength(256), z.regex(CERTIFICATE_FINGERPRINT));
export type RelayCandidate = z.infer<typeof candidate>;

const iceServerUrl = z.string().check(z.maxLength(512), z.regex(/^(stun|stuns|turn|turns):\S+$/));
/** One STUN/TURN server as the host page has it (RTCIceServer): the relay's viewer connections use it too. */
const iceServer = z.object({
  urls: z.union([iceServerUrl, z.array(iceServerUrl).check(z.minLength(1), z.maxLength(8))]),
  username: z.optional(z.string().check(z.maxLength(256))),
  credential: z.optional(z.string().check(z.maxLength(256))),
});
export type RelayIceServer = z.infer<typeof iceServer>;

const relayClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), key: z.string().check(z.maxLength(256)) }),
  /**
   * The host's offer for its one publishing connection; answered by `published`. `iceServers`: the host's STUN/TURN
   * servers, for the relay's connections to viewers from now on (none when absent).
   */
  z.object({
    type: z.literal('publish'),
    sdp: sdpText,
    iceServers: z.optional(z.array(iceServer).check(z.maxLength(8))),
  }),
  z.object({ type: z.literal('publisher-candidate'), candidate }),
  /** Open a connection to one viewer; answered by `viewer-offer`. */
  z.object({ type: z.literal('viewer-open'), peer: peerKey }),
  z.object({ type: z.literal('viewer-answer'), peer: peerKey, sdp: sdpText }),
  z.object({ type: z.literal('viewer-candidate'), peer: peerKey, candidate }),
  /** Inactive: kept connected, sent nothing (a viewer that may come back). */
  z.object({ type: z.literal('viewer-active'), peer: peerKey, active: z.boolean() }),
  z.object({ type: z.literal('viewer-close'), peer: peerKey }),
  z.object({ type: z.literal('stats'), request: z.number().check(z.int()) }),
]);
export type RelayClientMessage = z.infer<typeof relayClientMessageSchema>;

const relayLinkStats = z.object({
  connected: z.boolean(),
  bitrateBps: z.nullable(z.number()),
  fps: z.nullable(z.number()),
  rttMs: z.nullable(z.number()),
  packetLossPct: z.nullable(z.number()),
  keyframesSent: z.number(),
  /**
   * The connection's DTLS certificates, normalised (certificate-fingerprint.ts): the relay's
   * own, and the one the far side really presented in the handshake; null before there is
   * one. The host page pins `remoteCertificate` to the viewer's signed answer.
   */
  localCertificate: z.nullable(certificateFingerprint),
  remoteCertificate: z.nullable(certificateFingerprint),
  /**
   * The most a viewer can take (from its receiver reports' loss and its REMB); null while it is not limited, and for
   * the publisher.
   */
  estimateBps: z.nullable(z.number()),
  /** The publisher's: the bitrate the relay last allowed the host (its REMB); null for viewers, or before the first. */
  targetBps: z.nullable(z.number()),
});
export type RelayLinkStats = z.infer<typeof relayLinkStats>;

const relayServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('published'), sdp: sdpText, codec: z.string() }),
  z.object({ type: z.literal('viewer-offer'), peer: peerKey, sdp: sdpText }),
  z.object({
    type: z.literal('stats'),
    request: z.number(),
    publisher: relayLinkStats,
    viewers: z.record(z.string(), relayLinkStats),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type RelayServerMessage = z.infer<typeof relayServerMessageSchema>;

function parseWith<T>(schema: z.ZodMiniType<T>, text: string): Result<T, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err('not JSON');
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : err(`bad relay message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
}

export const parseRelayClientMessage = (text: string): Result<RelayClientMessage, string> =>
  parseWith(relayClientMessageSchema, text);
export const parseRelayServerMessage = (text: string): Result<RelayServerMessage, string> =>
  parseWith(relayServerMessageSchema, text);
