// Relay mode (the default) on routed networks: a viewer on another subnet, on a lossy
// Wi-Fi link, and through an outage of its link, each decoding the host's screen.
import { expectFramesFlowing, joinAndWatch, measure, report, startHosting } from './lab/hosting-lab';
import { expect, test } from './lab/lab-fixture';
import { AWAY, cutOff, HOME, routedLab } from './lab/topology';

test('a viewer on another routed subnet decodes the screen through the relay', async ({ lab }) => {
  const net = routedLab(lab);
  const { joinLink } = await startHosting(lab, net.home);
  expect(new URL(joinLink).hostname, 'the join link names the host on its LAN').toBe(HOME.host);
  await joinAndWatch(lab, net.away, joinLink, 'Away');
});

test('on lossy Wi-Fi (40 ms each way, 3 % loss, 4 Mbit/s) frames keep coming', async ({ lab }) => {
  test.setTimeout(90_000);
  const net = routedLab(lab, { delayMs: 40, loss: 0.03, rate: '4mbit', seconds: 85 });
  const { joinLink } = await startHosting(lab, net.home);
  const viewer = await joinAndWatch(lab, net.away, joinLink, 'Wi-Fi');
  const samples = [];
  for (let i = 0; i < 3; i += 1) {
    const sample = await measure(viewer, 3_000);
    expect(sample.fps, 'frames keep coming').toBeGreaterThan(0);
    samples.push(sample);
  }
  await net.shaper?.stop();
  const shaped = /shaper done (.*)/.exec(net.shaper?.log() ?? '')?.[1] ?? 'no count';
  const line = `${samples.map((s) => `${s.fps} fps ${s.kbps} kbit/s (${s.lost} lost)`).join('; ')}; shaper ${shaped}`;
  report('per 3 s', line);
});

test('after a 6 s outage of the viewer link frames come again without a click', async ({ lab }) => {
  test.setTimeout(90_000);
  const net = routedLab(lab);
  const { joinLink } = await startHosting(lab, net.home);
  const viewer = await joinAndWatch(lab, net.away, joinLink, 'Outage');

  const restore = cutOff(net.router, AWAY.viewer);
  await viewer.waitForTimeout(6_000);
  const frozen = await measure(viewer, 1_000);
  expect(frozen.fps, 'no frames while the link is down').toBe(0);
  restore();
  const back = Date.now();
  await expectFramesFlowing(viewer, 30_000);
  report('frames again after the link came back', `${Date.now() - back} ms`);
});
