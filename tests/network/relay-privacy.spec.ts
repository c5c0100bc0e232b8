// The relay contacts only the servers the user configured: with none set, no packet and
// no DNS query leaves the app (signaling server + relay) for anything but the viewer, on
// a LAN whose DNS does not answer; and the first viewer's join -> first frame is printed.
// (The host page's browser is the test's Chromium, not the app: its own lookups are not watched.)
import { EgressWatch } from './lab/egress-watch';
import { APP_GID, expectFramesFlowing, joinFrom, joinToFirstFrame, report, startHosting } from './lab/hosting-lab';
import { expect, test } from './lab/lab-fixture';
import { AWAY, HOME, noAnsweringDns, routedLab } from './lab/topology';

test('with no STUN/TURN server set, the app sends nothing to anyone but its viewer, and no DNS query', async ({
  lab,
}) => {
  const net = routedLab(lab);
  const dns = await noAnsweringDns(lab, net);
  const watch = new EgressWatch(net.home, APP_GID);
  // Link-local multicast, never routed off the LAN: mDNS (224.0.0.251), which resolves the viewer's own `.local`
  // candidates, and the IGMP report (224.0.0.22) that joins its group.
  watch.start([AWAY.viewer, '224.0.0.251', '224.0.0.22']);
  const { joinLink } = await startHosting(lab, net.home);
  expect(new URL(joinLink).hostname).toBe(HOME.host);

  const viewer = await joinFrom(lab, net.away, joinLink, 'First', { timeFirstFrame: true });
  const firstFrameMs = await joinToFirstFrame(viewer);
  await expectFramesFlowing(viewer);
  report("first viewer's join -> first frame, DNS not answering", `${firstFrameMs} ms`);
  expect(
    watch.seen(),
    `packets from the host namespace to anyone but the viewer, and DNS queries\n${dns.log()}`,
  ).toEqual([]);
});
