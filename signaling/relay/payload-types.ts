// Codec payload types on the relay's connections: each side numbers its codecs, so a
// packet from the publisher is renumbered for each viewer (mime type -> payload type).
import type { RTCRtpTransceiver } from 'werift';

/** mime type (lower case) -> payload type, as negotiated on these transceivers. */
export function negotiatedPayloadTypes(transceivers: readonly RTCRtpTransceiver[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const transceiver of transceivers)
    for (const codec of transceiver.codecs)
      if (!map.has(codec.mimeType.toLowerCase())) map.set(codec.mimeType.toLowerCase(), codec.payloadType);
  return map;
}

/** The publisher's payload type -> ours, for each codec of `transceiver` both sides negotiated. */
export function payloadTypePairs(
  transceiver: RTCRtpTransceiver,
  publisher: ReadonlyMap<string, number>,
  ours: ReadonlyMap<string, number>,
): Map<number, number> {
  const pairs = new Map<number, number>();
  for (const codec of transceiver.codecs) {
    const theirs = publisher.get(codec.mimeType.toLowerCase());
    const mine = ours.get(codec.mimeType.toLowerCase());
    if (theirs !== undefined && mine !== undefined) pairs.set(theirs, mine);
  }
  return pairs;
}
