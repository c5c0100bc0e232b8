// Codec order for the host's offer: VP9 (best quality per bit for screens), AV1
// where the browser has it, then H.264 (hardware on most machines), then VP8.
// Retransmission / FEC entries keep their place after the media codecs.

const ORDER = ['video/VP9', 'video/AV1', 'video/H264', 'video/VP8'];

export function orderVideoCodecs<T extends { mimeType: string }>(codecs: readonly T[]): T[] {
  const rank = (codec: T) => {
    const index = ORDER.findIndex((mime) => mime.toLowerCase() === codec.mimeType.toLowerCase());
    return index === -1 ? ORDER.length : index;
  };
  return [...codecs].sort((a, b) => rank(a) - rank(b));
}
