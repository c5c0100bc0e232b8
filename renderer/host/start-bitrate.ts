// libwebrtc starts every video sender at 300 kbit/s and climbs from there: at 1080p
// the first key frames are then tiny, blurry and paced out slowly, which shows as a
// late, soft first picture. Chromium reads a per-codec start rate from the
// `x-google-start-bitrate` fmtp parameter (kbit/s) of the description it applies, so
// the host adds it to the viewer's answer. Other browsers ignore unknown fmtp keys;
// congestion control still backs off at once on a link that cannot carry it.

/** What the host starts at: LAN-friendly, never above the preset's cap. */
export const START_BITRATE_BPS = 2_500_000;

const MEDIA_CODECS = /^(VP8|VP9|H264|AV1)$/i;

/** `sdp` with the start rate on every media codec of its video sections (not rtx/red/fec). */
export function withStartBitrate(sdp: string, bps: number): string {
  const kbps = Math.floor(bps / 1000);
  if (!(kbps > 0)) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const sections = sdp.split(/(?=^m=)/m);
  return sections
    .map((section) => (section.startsWith('m=video') ? addToVideoSection(section, kbps, eol) : section))
    .join('');
}

function addToVideoSection(section: string, kbps: number, eol: string): string {
  const lines = section.split(eol);
  const media = new Set<string>();
  for (const line of lines) {
    const match = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
    if (match && MEDIA_CODECS.test(match[2]!)) media.add(match[1]!);
  }
  const hasFmtp = new Set<string>();
  const param = `x-google-start-bitrate=${kbps}`;
  const withParam = lines.map((line) => {
    const match = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!match || !media.has(match[1]!)) return line;
    hasFmtp.add(match[1]!);
    return /(^|;)\s*x-google-start-bitrate=/.test(match[2]!) ? line : `${line};${param}`;
  });
  // Codecs without parameters (VP8 usually) get an fmtp line right after their rtpmap.
  return withParam
    .flatMap((line) => {
      const match = /^a=rtpmap:(\d+) /.exec(line);
      return match && media.has(match[1]!) && !hasFmtp.has(match[1]!) ? [line, `a=fmtp:${match[1]} ${param}`] : [line];
    })
    .join(eol);
}
