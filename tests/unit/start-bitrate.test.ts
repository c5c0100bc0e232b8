import { withStartBitrate } from '../../renderer/host/start-bitrate';

// An answer as Chromium writes it (trimmed): audio first, then video with VP9 (with
// parameters), VP8 (without), their rtx, red and ulpfec.
const ANSWER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 98 99 96 97 116 117',
  'a=mid:1',
  'a=rtpmap:98 VP9/90000',
  'a=fmtp:98 profile-id=0',
  'a=rtpmap:99 rtx/90000',
  'a=fmtp:99 apt=98',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:116 red/90000',
  'a=rtpmap:117 ulpfec/90000',
  '',
].join('\r\n');

const linesOf = (sdp: string) => sdp.split('\r\n');

describe('withStartBitrate (x-google-start-bitrate on the answer the host applies)', () => {
  const out = withStartBitrate(ANSWER, 2_500_000);

  it('adds the rate in kbit/s to a video codec that has parameters', () => {
    expect(linesOf(out)).toContain('a=fmtp:98 profile-id=0;x-google-start-bitrate=2500');
  });

  it('gives a codec without parameters an fmtp line right after its rtpmap', () => {
    const lines = linesOf(out);
    expect(lines[lines.indexOf('a=rtpmap:96 VP8/90000') + 1]).toBe('a=fmtp:96 x-google-start-bitrate=2500');
  });

  it('leaves rtx, red, ulpfec and the audio section alone', () => {
    const lines = linesOf(out);
    expect(lines).toContain('a=fmtp:99 apt=98');
    expect(lines).toContain('a=fmtp:97 apt=96');
    expect(lines).toContain('a=fmtp:111 minptime=10;useinbandfec=1');
    expect(lines.filter((l) => l.includes('x-google-start-bitrate'))).toHaveLength(2);
  });

  it('changes nothing else: removing what it added gives the original back', () => {
    const restored = out
      .replace('\r\na=fmtp:96 x-google-start-bitrate=2500', '')
      .replace(';x-google-start-bitrate=2500', '');
    expect(restored).toBe(ANSWER);
  });

  it('is idempotent: a renegotiated answer does not collect the parameter twice', () => {
    expect(withStartBitrate(out, 2_500_000)).toBe(out);
  });

  it('keeps \\n-only descriptions in their own line ending', () => {
    const unix = ANSWER.replaceAll('\r\n', '\n');
    const result = withStartBitrate(unix, 1_000_000);
    expect(result).not.toContain('\r');
    expect(result.split('\n')).toContain('a=fmtp:98 profile-id=0;x-google-start-bitrate=1000');
  });

  it('returns the description unchanged for a rate under 1 kbit/s', () => {
    expect(withStartBitrate(ANSWER, 0)).toBe(ANSWER);
    expect(withStartBitrate(ANSWER, Number.NaN)).toBe(ANSWER);
  });
});
