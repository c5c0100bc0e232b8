// The relay sets the host's bitrate for the weakest watching viewer: real werift peers
// on loopback (a publisher sending ~2 Mbit/s of VP8 RTP, two viewers sending REMBs and
// receiver reports as Chromium does), the relay's REMB read where it arrives, at the
// publisher's own werift sender.
import { Relay } from '../../signaling/relay/relay';
import { TARGET_CAP_BPS } from '../../signaling/relay/publisher-target';
import { TestPublisher, TestViewer, until } from '../support/werift-peers';
import { sleep } from '../support/wait';

let relay: Relay;
let publisher: TestPublisher;
let viewers: TestViewer[];

beforeEach(() => {
  relay = new Relay();
  publisher = new TestPublisher();
  viewers = [new TestViewer('weak'), new TestViewer('strong')];
});

afterEach(async () => {
  await Promise.all([publisher.close(), ...viewers.map((viewer) => viewer.close()), relay.close()]);
});

it("sends the publisher the weakest viewer's limit once it loses packets, and the cap again once it closes", async () => {
  await publisher.publishTo(relay);
  const [weak, strong] = viewers as [TestViewer, TestViewer];
  await weak.join(relay);
  await strong.join(relay);

  // Each forwarded video packet carries one header extension, the relay's 3-byte abs-send-time (the publisher's own are
  // stripped).
  expect([...weak.videoExtensions.values()]).toEqual([3]);

  // No viewer limited yet: the cap, as before this feature; a REMB alone (no loss) changes nothing.
  await until(() => publisher.rembs.length > 0, 'a first REMB at the publisher');
  weak.sendRembs(800_000);
  await sleep(1_500); // on purpose: nothing may change in this time
  expect(new Set(publisher.rembs)).toEqual(new Set([TARGET_CAP_BPS]));
  expect((await relay.stats()).viewers).toMatchObject({ weak: { estimateBps: null }, strong: { estimateBps: null } });

  // 25 % lost: GCC's cut, from its REMB (lower than the ~2 Mbit/s sent): 800 kbit/s * (1 - 0.125).
  weak.reportLoss(0.25);
  await until(() => publisher.rembs.at(-1) === 700_000, 'the publisher to be told 700 kbit/s');
  const stats = await relay.stats();
  expect(stats.viewers.weak!.estimateBps).toBeGreaterThanOrEqual(700_000);
  // werift's loss-free reports may have raised it 5 % a second since
  expect(stats.viewers.weak!.estimateBps).toBeLessThanOrEqual(800_000);
  expect(stats.viewers.strong).toMatchObject({ estimateBps: null, targetBps: null });
  expect(stats.publisher).toMatchObject({ estimateBps: null, targetBps: expect.any(Number) });
  expect(stats.publisher.targetBps).toBeLessThanOrEqual(800_000);

  // The weak viewer goes: back to the cap, in steps of at most x1.5 a second.
  const before = publisher.rembs.length;
  await relay.closeViewer('weak');
  await until(() => publisher.rembs.at(-1) === TARGET_CAP_BPS, 'the publisher to be told the cap again', 20_000);
  const rise = publisher.rembs.slice(before);
  // (REMB carries an 18-bit mantissa: above ~8 Mbit/s values are rounded to 64 bit/s, so a step can be a hair over
  // x1.5.)
  rise.forEach((bps, i) => expect(bps).toBeLessThanOrEqual((rise[i - 1] ?? 800_000) * 1.5 * 1.0001));
  expect(rise.length).toBeGreaterThan(5); // 700 kbit/s -> 20 Mbit/s takes ~9 steps
}, 40_000);

it('does not let a paused viewer hold the host back', async () => {
  await publisher.publishTo(relay);
  const [weak, strong] = viewers as [TestViewer, TestViewer];
  await weak.join(relay);
  await strong.join(relay);
  weak.sendRembs(800_000);
  strong.sendRembs(1_200_000);
  await until(() => publisher.rembs.length > 0, 'a first REMB at the publisher');
  weak.reportLoss(0.25); // -> 700 kbit/s
  strong.reportLoss(0.25); // -> 1.05 Mbit/s
  await until(() => publisher.rembs.at(-1) === 700_000, 'the publisher to be told 700 kbit/s');
  relay.setViewerActive('weak', false);
  await until(() => publisher.rembs.at(-1)! >= 1_050_000, "the publisher to be told the strong viewer's limit");
  relay.setViewerActive('weak', true);
  await until(() => publisher.rembs.at(-1)! < 800_000, "the publisher to be told the weak viewer's limit again");
}, 30_000);
