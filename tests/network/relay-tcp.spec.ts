// Relay mode for a viewer whose network lets no UDP through: the relay's passive ICE-TCP
// candidate, reached on the host's own address, carries the media.
import { joinAndWatch, selectedRemote, startHosting } from './lab/hosting-lab';
import { expect, test } from './lab/lab-fixture';
import { AWAY, blockUdp, HOME, routedLab } from './lab/topology';

test('a viewer whose network blocks UDP watches over ICE-TCP in relay mode', async ({ lab }) => {
  test.setTimeout(90_000);
  const net = routedLab(lab);
  blockUdp(net.router, AWAY.viewer);
  const { joinLink } = await startHosting(lab, net.home);
  const viewer = await joinAndWatch(lab, net.away, joinLink, 'TCP only');
  expect(await selectedRemote(viewer), "the relay's passive TCP candidate on the host's address").toMatchObject({
    type: 'host',
    address: HOME.host,
    protocol: 'tcp',
  });
});
