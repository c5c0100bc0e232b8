// The relay's bitrate for the host: each viewer's limit from its RTCP (receiver-report
// loss, with its REMB), and the one target set for the weakest watching viewer.
// Packets go through werift's parser from wire bytes, as the relay gets them.
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPacketConverter,
  RtcpPayloadSpecificFeedback,
  RtcpReceiverInfo,
  RtcpRrPacket,
  type RtcpPacket,
} from 'werift';
import { PublisherTarget, TARGET_CAP_BPS, TARGET_FLOOR_BPS } from '../../signaling/relay/publisher-target';
import { rembBitrate } from '../../signaling/relay/remb-bitrate';
import { ViewerBandwidth } from '../../signaling/relay/viewer-bandwidth';

/**
 * Recorded from Chromium 156 watching through the relay (our video SSRC 0x19f740d8; as werift parsed and serialises
 * them): a REMB of 684,408 bit/s, and a receiver report with no loss.
 */
const CHROME_SSRC = 0x19f740d8;
const CHROME_REMB = '8fce0005000000010000000052454d42010a9c5e19f740d8';
const CHROME_RR = '81c900070000000119f740d80000000000000e1f00000487ebd0000900005d24';

const parse = (hex: string): RtcpPacket => {
  const [packet] = RtcpPacketConverter.deSerialize(Buffer.from(hex, 'hex'));
  if (!packet) throw new Error(`no RTCP packet in ${hex}`);
  return packet;
};
const wire = (packet: { serialize(): Buffer }): RtcpPacket => parse(packet.serialize().toString('hex'));

const remb = (bps: number, ssrcs = [CHROME_SSRC]) =>
  wire(
    new RtcpPayloadSpecificFeedback({
      feedback: new ReceiverEstimatedMaxBitrate({
        senderSsrc: 1,
        mediaSsrc: 0,
        ...rembBitrate(bps),
        ssrcNum: ssrcs.length,
        ssrcFeedbacks: ssrcs,
      }),
    }),
  );
/** A receiver report with `lost` (0..1, a multiple of 1/256: RTCP carries an 8-bit fraction) for `ssrc`. */
const report = (lost: number, ssrc = CHROME_SSRC) =>
  wire(
    new RtcpRrPacket({
      ssrc: 1,
      reports: [
        new RtcpReceiverInfo({
          ssrc,
          fractionLost: Math.round(lost * 256),
          packetsLost: 0,
          highestSequence: 1,
          jitter: 0,
          lsr: 0,
          dlsr: 0,
        }),
      ],
    }),
  );

describe('ViewerBandwidth', () => {
  it('keeps the REMB Chromium sent, but without loss it limits nothing', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, TARGET_CAP_BPS);
    expect(viewer.receive(parse(CHROME_REMB), 0, 0)).toBe(false);
    expect(viewer.receive(parse(CHROME_RR), 10, 0)).toBe(false);
    expect({ remb: viewer.rembBps, limit: viewer.limitBps, rembs: viewer.rembsIn, reports: viewer.reportsIn }).toEqual({
      remb: 684_408,
      limit: null,
      rembs: 1,
      reports: 1,
    });
  });

  it('ignores RTCP about another stream', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, TARGET_CAP_BPS);
    viewer.receive(report(0), 0, 0);
    expect(viewer.receive(remb(500_000, [0x1234]), 500, 0)).toBe(false);
    expect(viewer.receive(report(0.5, 0x1234), 1_000, 250_000)).toBe(false);
    expect({ remb: viewer.rembBps, limit: viewer.limitBps, rembs: viewer.rembsIn, reports: viewer.reportsIn }).toEqual({
      remb: null,
      limit: null,
      rembs: 0,
      reports: 1,
    });
  });

  it('cuts by half the loss above 10 %, from what was sent when it had no REMB', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, TARGET_CAP_BPS);
    viewer.receive(report(0), 0, 0);
    // 250,000 bytes over the next second: 2 Mbit/s sent; then 25 % lost.
    expect(viewer.receive(report(0.25), 1_000, 250_000)).toBe(true);
    expect(viewer.limitBps).toBe(Math.round(2_000_000 * (1 - 0.5 * 0.25)));
  });

  it('cuts from the REMB when that is lower than what was sent, and is held under later, lower REMBs', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, TARGET_CAP_BPS);
    viewer.receive(remb(1_000_000), 0, 0);
    viewer.receive(report(0), 0, 0);
    viewer.receive(report(0.25), 1_000, 250_000);
    expect(viewer.limitBps).toBe(875_000);
    expect(viewer.receive(remb(700_000), 1_100, 250_000)).toBe(true);
    expect(viewer.limitBps).toBe(700_000);
    viewer.receive(remb(2_000_000), 1_200, 250_000);
    expect(viewer.limitBps).toBe(875_000);
  });

  it('holds between 2 % and 10 % loss, rises 5 % below 2 %, and stops limiting at the ceiling', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, 1_000_000);
    viewer.receive(report(0), 0, 0);
    viewer.receive(report(0.5), 1_000, 250_000); // 2 Mbit/s sent, 50 % lost: 1.5 Mbit/s
    viewer.receive(report(0.5), 2_000, 250_000); // nothing sent since: cut from the rule's own rate
    expect(viewer.limitBps).toBe(1_125_000);
    viewer.receive(report(0.375), 3_000, 250_000);
    expect(viewer.limitBps).toBe(914_063);
    expect(viewer.receive(report(12 / 256), 4_000, 250_000)).toBe(false); // ~4.7 %
    expect(viewer.limitBps).toBe(914_063);
    viewer.receive(report(2 / 256), 5_000, 250_000); // ~0.8 %
    expect(viewer.limitBps).toBe(959_766);
    viewer.receive(report(0), 6_000, 250_000);
    expect(viewer.limitBps).toBeNull(); // 1,007,754: past the ceiling, loss no longer limits
  });

  it('cuts at most every 300 ms and rises at most once a second, however often the viewer reports (Chromium: ~5 a second)', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, TARGET_CAP_BPS);
    viewer.receive(remb(1_000_000), 0, 0);
    viewer.receive(report(0.25), 0, 0);
    expect(viewer.limitBps).toBe(875_000);
    viewer.receive(report(0.25), 200, 0);
    expect(viewer.limitBps).toBe(875_000);
    viewer.receive(report(0.25), 300, 0);
    expect(viewer.limitBps).toBe(765_625);
    for (let t = 400; t < 1_400; t += 200) viewer.receive(report(0), t, 0);
    expect(viewer.limitBps).toBe(803_906); // one rise, at 400, in those five reports
    expect(viewer.receive(report(0), 1_400, 0)).toBe(true);
    expect(viewer.limitBps).toBe(844_101);
  });

  it('cannot cut on loss when nothing is known to cut from', () => {
    const viewer = new ViewerBandwidth(CHROME_SSRC, TARGET_CAP_BPS);
    expect(viewer.receive(report(0.5), 0, 0)).toBe(false);
    expect(viewer.limitBps).toBeNull();
  });
});

/** Watching viewers with these estimates. */
const watching = (...estimates: (number | null)[]) =>
  estimates.map((estimateBps) => ({ connected: true, active: true, estimateBps }));

describe('PublisherTarget', () => {
  it('is the cap with no estimate yet, so first frames stay sharp', () => {
    const target = new PublisherTarget();
    expect(target.update(watching(), 0)).toBe(TARGET_CAP_BPS);
    expect(target.update(watching(null, null), 1_000)).toBe(TARGET_CAP_BPS);
  });

  it('is the lowest estimate, clamped to the floor, and drops at once', () => {
    const target = new PublisherTarget();
    expect(target.update(watching(5_000_000, null, 800_000), 0)).toBe(800_000);
    expect(target.update(watching(5_000_000, 100_000), 10)).toBe(TARGET_FLOOR_BPS);
    expect(target.update(watching(50_000_000), 20)).toBe(TARGET_FLOOR_BPS); // 10 ms later: too soon for a 1 % step
  });

  it('rises at most x1.5 a second, however often it is asked, up to the cap', () => {
    const target = new PublisherTarget();
    target.update(watching(800_000), 0);
    for (let t = 5; t <= 1_000; t += 5) target.update(watching(20_000_000), t);
    expect(target.currentBps).toBeGreaterThan(800_000 * 1.45);
    expect(target.currentBps).toBeLessThanOrEqual(800_000 * 1.5);
    expect(target.update(watching(20_000_000), 2_000)).toBeLessThanOrEqual(800_000 * 1.5 ** 2 + 1);
    // the weak viewer left: the cap again
    for (let t = 3_000; t <= 15_000; t += 1_000) target.update(watching(null), t);
    expect(target.currentBps).toBe(TARGET_CAP_BPS);
  });

  it('counts only connected viewers the host is sending to: a paused or not yet connected one does not hold the others back', () => {
    const target = new PublisherTarget();
    const viewers = [
      { connected: true, active: true, estimateBps: 2_000_000 },
      { connected: true, active: false, estimateBps: 400_000 },
      { connected: false, active: true, estimateBps: 500_000 },
    ];
    expect(target.update(viewers, 0)).toBe(2_000_000);
    // Nobody watching (the first viewer left): back to the cap, smoothly.
    expect(target.update([viewers[1]!, viewers[2]!], 1_000)).toBe(3_000_000);
    for (let t = 2_000; t <= 10_000; t += 1_000) target.update([viewers[1]!, viewers[2]!], t);
    expect(target.currentBps).toBe(TARGET_CAP_BPS);
  });

  it('reaches a rise target exactly when it is within one step', () => {
    const target = new PublisherTarget();
    target.update(watching(800_000), 0);
    expect(target.update(watching(1_000_000), 1_000)).toBe(1_000_000);
  });
});
