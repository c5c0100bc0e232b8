// SDP fragments of WHIP's PATCH requests (RFC 8840 `application/trickle-ice-sdpfrag`, as RFC 9725
// uses them): trickled candidates, and the ICE credentials swapped by an ICE restart.

export interface IceCredentials {
  readonly ufrag: string;
  readonly pwd: string;
}

/** One local candidate, as RTCIceCandidate (browser) or werift gives it. */
export interface TrickleCandidate {
  readonly candidate: string;
  readonly sdpMid: string | null;
}

const lines = (sdp: string) => sdp.split(/\r?\n/).filter((line) => line.length > 0);

/** The first ice-ufrag and ice-pwd in an SDP or fragment (WHIP uses max-bundle: one set for all). */
export function iceCredentialsOf(sdp: string): IceCredentials | undefined {
  const all = lines(sdp);
  const ufrag = all.find((line) => line.startsWith('a=ice-ufrag:'))?.slice('a=ice-ufrag:'.length);
  const pwd = all.find((line) => line.startsWith('a=ice-pwd:'))?.slice('a=ice-pwd:'.length);
  return ufrag && pwd ? { ufrag, pwd } : undefined;
}

/** The `m=` line of the media section with this mid, its port set to 9 as a fragment wants it. */
function mediaLineOf(sdp: string, mid: string): string | undefined {
  let media: string | undefined;
  for (const line of lines(sdp)) {
    if (line.startsWith('m=')) media = line;
    else if (line === `a=mid:${mid}` && media) return media.replace(/^(m=\S+) \d+/, '$1 9');
  }
  return undefined;
}

/**
 * A trickle fragment: the ICE credentials of `localSdp`, then per media section the candidates
 * gathered for it (with max-bundle that is only the first), and end-of-candidates once gathering
 * has finished. An ICE restart sends the same shape with the new credentials.
 */
export function trickleFragment(localSdp: string, candidates: readonly TrickleCandidate[], complete: boolean): string {
  const credentials = iceCredentialsOf(localSdp);
  if (!credentials) throw new Error('the local description has no ICE credentials');
  const out = [`a=ice-ufrag:${credentials.ufrag}`, `a=ice-pwd:${credentials.pwd}`];
  const mids = [...new Set(candidates.map((c) => c.sdpMid ?? ''))];
  for (const mid of mids) {
    const media = mediaLineOf(localSdp, mid);
    if (!media) continue;
    out.push(media, `a=mid:${mid}`);
    for (const c of candidates) if ((c.sdpMid ?? '') === mid) out.push(`a=${c.candidate.replace(/^a=/, '')}`);
  }
  if (complete) out.push('a=end-of-candidates');
  return `${out.join('\r\n')}\r\n`;
}

/** The candidate lines of a fragment (the server's, after an ICE restart). */
export function candidatesOf(fragment: string): string[] {
  return lines(fragment)
    .filter((line) => line.startsWith('a=candidate:'))
    .map((line) => line.slice(2));
}

/** The remote description after an ICE restart: the same answer with the server's new credentials. */
export function withIceCredentials(sdp: string, credentials: IceCredentials): string {
  return sdp
    .replace(/^a=ice-ufrag:.*$/gm, `a=ice-ufrag:${credentials.ufrag}`)
    .replace(/^a=ice-pwd:.*$/gm, `a=ice-pwd:${credentials.pwd}`);
}
