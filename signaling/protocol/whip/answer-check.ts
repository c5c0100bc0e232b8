// What a WHIP answer refused: a media section the server rejected (port 0) or left without a codec.

interface MediaSection {
  readonly kind: string;
  readonly port: number;
  readonly formats: readonly string[];
}

function mediaSectionsOf(sdp: string): MediaSection[] {
  const sections: MediaSection[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    const match = /^m=(\w+) (\d+)(?:\/\d+)? \S+ ?(.*)$/.exec(line);
    if (match?.[1] && match[2]) {
      const formats = (match[3] ?? '').split(' ').filter((f) => f.length > 0);
      sections.push({ kind: match[1], port: Number(match[2]), formats });
    }
  }
  return sections;
}

/** The kinds (audio, video) the offer sent that the answer took none of; empty when all were taken. */
export function refusedKinds(offerSdp: string, answerSdp: string): string[] {
  const offered = new Set(mediaSectionsOf(offerSdp).map((s) => s.kind));
  const accepted = new Set(
    mediaSectionsOf(answerSdp)
      .filter((s) => s.port !== 0 && s.formats.length > 0)
      .map((s) => s.kind),
  );
  return [...offered].filter((kind) => !accepted.has(kind));
}
