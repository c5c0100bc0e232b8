// The relay's per-viewer packet rewriting, keyframe detection and REMB encoding,
// fed with constructed VP8/Opus RTP packets shaped like Chrome's.
import { RtpHeader, RtpPacket } from 'werift';
import { OutboundRtpStream } from '../../signaling/relay/outbound-rtp-stream';
import { rembBitrate } from '../../signaling/relay/remb-bitrate';
import { isVp8KeyframeStart } from '../../signaling/relay/vp8';

/** VP8 payload descriptor with a 15-bit PictureID (as Chrome sends), then the frame header's first byte. */
const vp8 = (opts: { start: boolean; key: boolean }) =>
  Buffer.from([
    opts.start ? 0x90 : 0x80,
    0x80,
    0x80 | 0x12,
    0x34,
    opts.key ? 0x10 : 0x11,
    0x02,
    0x00,
    0x9d,
    0x01,
    0x2a,
  ]);

function packet(fields: {
  seq: number;
  ts: number;
  ssrc?: number;
  pt?: number;
  payload?: Buffer;
  marker?: boolean;
}): RtpPacket {
  return new RtpPacket(
    new RtpHeader({
      payloadType: fields.pt ?? 96,
      sequenceNumber: fields.seq,
      timestamp: fields.ts,
      ssrc: fields.ssrc ?? 0x1111,
      marker: fields.marker ?? false,
      extension: true,
      extensions: [
        { id: 3, payload: Buffer.from([1, 2, 3]) },
        { id: 4, payload: Buffer.from('0') },
      ],
    }),
    fields.payload ?? vp8({ start: false, key: false }),
  );
}

const videoStream = () =>
  new OutboundRtpStream({ ssrc: 0xabcd, payloadTypes: new Map([[96, 120]]), isKeyframeStart: isVp8KeyframeStart });

describe('isVp8KeyframeStart', () => {
  it('finds the first packet of a keyframe, with and without the extended descriptor', () => {
    expect(isVp8KeyframeStart(vp8({ start: true, key: true }))).toBe(true);
    expect(isVp8KeyframeStart(Buffer.from([0x10, 0x10]))).toBe(true); // no X: header right after one byte
  });

  it('rejects delta frames, continuation packets, other partitions and truncated payloads', () => {
    expect(isVp8KeyframeStart(vp8({ start: true, key: false }))).toBe(false);
    expect(isVp8KeyframeStart(vp8({ start: false, key: true }))).toBe(false);
    expect(isVp8KeyframeStart(Buffer.from([0x11, 0x10]))).toBe(false); // partition 1
    expect(isVp8KeyframeStart(Buffer.from([0x90, 0x80, 0x80]))).toBe(false);
    expect(isVp8KeyframeStart(Buffer.alloc(0))).toBe(false);
  });
});

describe('OutboundRtpStream', () => {
  it("sends nothing before a keyframe, then the viewer's SSRC and payload type with every header extension stripped", () => {
    const stream = videoStream();
    expect(stream.rewrite(packet({ seq: 10, ts: 1000 }))).toBeNull();
    const key = stream.rewrite(packet({ seq: 11, ts: 4000, payload: vp8({ start: true, key: true }) }));
    expect(key?.keyframeStart).toBe(true);
    const header = key!.packet.header;
    expect({
      ssrc: header.ssrc,
      pt: header.payloadType,
      seq: header.sequenceNumber,
      ts: header.timestamp,
      ext: header.extensions,
      extension: header.extension,
    }).toEqual({
      ssrc: 0xabcd,
      pt: 120,
      seq: 11,
      ts: 4000,
      ext: [],
      extension: false,
    });
    // Serialised, the header is the bare 12 bytes: no extension block for the viewer to misread.
    expect(key!.packet.serialize().length).toBe(12 + key!.packet.payload.length);
    const next = stream.rewrite(packet({ seq: 12, ts: 4000, marker: true }));
    expect(next?.packet.header.sequenceNumber).toBe(12);
    expect(next?.packet.header.marker).toBe(true);
  });

  it('drops payload types this viewer has no codec for (RTX, RED, FEC)', () => {
    const stream = videoStream();
    stream.rewrite(packet({ seq: 1, ts: 0, payload: vp8({ start: true, key: true }) }));
    expect(stream.rewrite(packet({ seq: 2, ts: 0, pt: 97 }))).toBeNull();
  });

  it('continues sequence numbers and timestamps without a jump when the publisher is replaced (new SSRC, new counters)', () => {
    const stream = videoStream();
    stream.rewrite(packet({ seq: 65_534, ts: 4_294_960_000, payload: vp8({ start: true, key: true }) }));
    stream.rewrite(packet({ seq: 65_535, ts: 4_294_960_000 }));
    stream.rewrite(packet({ seq: 0, ts: 4_294_963_000 })); // wraps
    // A new publisher: random counters, and it must start at its keyframe.
    expect(stream.rewrite(packet({ ssrc: 0x2222, seq: 500, ts: 90_000 }))).toBeNull();
    const first = stream.rewrite(
      packet({ ssrc: 0x2222, seq: 501, ts: 93_000, payload: vp8({ start: true, key: true }) }),
    );
    expect(first?.packet.header.sequenceNumber).toBe(1);
    expect(first?.packet.header.timestamp).toBe((4_294_963_000 + 3000) >>> 0);
    const second = stream.rewrite(packet({ ssrc: 0x2222, seq: 502, ts: 96_000 }));
    expect(second?.packet.header.sequenceNumber).toBe(2);
    expect(second?.packet.header.timestamp).toBe((4_294_963_000 + 6000) >>> 0);
  });

  it('keeps a late (retransmitted) packet at its mapped place without moving the stream back', () => {
    const stream = videoStream();
    stream.rewrite(packet({ seq: 100, ts: 0, payload: vp8({ start: true, key: true }) }));
    stream.rewrite(packet({ seq: 102, ts: 3000 }));
    expect(stream.rewrite(packet({ seq: 101, ts: 0 }))?.packet.header.sequenceNumber).toBe(101);
    stream.restartAtKeyframe();
    // After a restart the next keyframe follows the newest packet sent (102), not the late one.
    expect(
      stream.rewrite(packet({ seq: 300, ts: 9000, payload: vp8({ start: true, key: true }) }))?.packet.header
        .sequenceNumber,
    ).toBe(103);
  });

  it('passes audio from its first packet (no keyframes there)', () => {
    const audio = new OutboundRtpStream({ ssrc: 5, payloadTypes: new Map([[111, 109]]) });
    const out = audio.rewrite(packet({ seq: 7, ts: 960, pt: 111, payload: Buffer.from([0xfc, 0x01]) }));
    expect(out?.packet.header).toMatchObject({ ssrc: 5, payloadType: 109, sequenceNumber: 7, extensions: [] });
  });

  it('follows a new payload type map when the publisher renegotiates', () => {
    const stream = videoStream();
    stream.setPayloadTypes(new Map([[98, 120]]));
    expect(stream.rewrite(packet({ seq: 1, ts: 0, pt: 96, payload: vp8({ start: true, key: true }) }))).toBeNull();
    expect(
      stream.rewrite(packet({ seq: 2, ts: 0, pt: 98, payload: vp8({ start: true, key: true }) }))?.packet.header
        .payloadType,
    ).toBe(120);
  });
});

describe('rembBitrate', () => {
  it.each([0, 1, 262_143, 262_144, 5_000_000, 20_000_000])(
    'encodes %i bps as mantissa and exponent that decode to at most it, within 2^-17',
    (bps) => {
      const { brExp, brMantissa, bitrate } = rembBitrate(bps);
      expect(brMantissa).toBeLessThan(1 << 18);
      expect(brExp).toBeLessThan(64);
      expect(bitrate).toBe(BigInt(brMantissa) << BigInt(brExp));
      expect(Number(bitrate)).toBeLessThanOrEqual(bps);
      expect(bps - Number(bitrate)).toBeLessThanOrEqual(bps / 2 ** 17);
    },
  );
});
