// Just enough of the VP8 RTP payload format (RFC 7741) to tell where a keyframe
// starts: a new viewer is sent nothing until then, and asks for one meanwhile.

/** True when this RTP payload is the first packet of a VP8 keyframe. */
export function isVp8KeyframeStart(payload: Uint8Array): boolean {
  const first = payload[0];
  if (first === undefined) return false;
  const extended = (first & 0x80) !== 0;
  const startOfPartition = (first & 0x10) !== 0;
  const partitionIndex = first & 0x07;
  if (!startOfPartition || partitionIndex !== 0) return false;
  let offset = 1;
  if (extended) {
    const flags = payload[offset++];
    if (flags === undefined) return false;
    if (flags & 0x80) {
      // PictureID: 7 or 15 bits (M flag).
      const pictureId = payload[offset];
      if (pictureId === undefined) return false;
      offset += pictureId & 0x80 ? 2 : 1;
    }
    if (flags & 0x40) offset += 1; // TL0PICIDX
    if (flags & 0x30) offset += 1; // TID / KEYIDX
  }
  const header = payload[offset];
  // The frame header's P bit: 0 = keyframe.
  return header !== undefined && (header & 0x01) === 0;
}
