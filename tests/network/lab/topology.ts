// The lab's networks. "home" (the host: server, relay, host page) on 198.51.100.0/24,
// a router, and the viewer "away" on 203.0.113.0/24, optionally through a shaper
// (delay, random loss, rate) between the router and the viewer.
import { join } from 'node:path';
import { inNamespace, nft, PYTHON } from './commands';
import type { Lab } from './lab-fixture';
import { startInNamespace, type LabProcess } from './processes';

export const HOME = { host: '198.51.100.2', gateway: '198.51.100.1' } as const;
export const AWAY = { viewer: '203.0.113.2', gateway: '203.0.113.1' } as const;

export interface RoutedLab {
  readonly home: string;
  readonly router: string;
  readonly away: string;
  /** With shaping: the forwarder (it prints what it forwarded and dropped when stopped). */
  readonly shaper?: LabProcess;
}

export interface Shaping {
  readonly delayMs: number;
  readonly loss: number;
  readonly rate: string;
  /** Hard cap on the shaper's life. */
  readonly seconds: number;
}

const SHAPER = join(__dirname, 'shaper.py');

/** home — router — [shaper —] away, routed without NAT. */
export function routedLab(lab: Lab, shaping?: Shaping): RoutedLab {
  const ns = lab.namespaces;
  const home = ns.add('home');
  const router = ns.add('router', { forwarding: true });
  const away = ns.add('away');
  ns.link(
    { namespace: home, device: 'eth0', address: `${HOME.host}/24` },
    { namespace: router, device: 'lan0', address: `${HOME.gateway}/24` },
  );
  let shaperProcess: LabProcess | undefined;
  if (shaping) {
    const shaper = ns.add('shaper');
    ns.link({ namespace: router, device: 'wan0', address: `${AWAY.gateway}/24` }, { namespace: shaper, device: 's0' });
    ns.link({ namespace: shaper, device: 's1' }, { namespace: away, device: 'eth0', address: `${AWAY.viewer}/24` });
    shaperProcess = startShaper(lab, shaper, shaping);
  } else {
    ns.link(
      { namespace: router, device: 'wan0', address: `${AWAY.gateway}/24` },
      { namespace: away, device: 'eth0', address: `${AWAY.viewer}/24` },
    );
  }
  ns.route(home, 'default', HOME.gateway);
  ns.route(away, 'default', AWAY.gateway);
  return { home, router, away, shaper: shaperProcess };
}

/** tc TBF caps the rate each way; the userspace forwarder adds the delay and the loss. */
function startShaper(lab: Lab, shaper: string, { delayMs, loss, rate, seconds }: Shaping): LabProcess {
  for (const device of ['s0', 's1'])
    inNamespace(shaper, 'tc', [
      'qdisc',
      'add',
      'dev',
      device,
      'root',
      'tbf',
      'rate',
      rate,
      'burst',
      '32kbit',
      'latency',
      '400ms',
    ]);
  const args = [
    SHAPER,
    's0',
    's1',
    '--delay-ms',
    String(delayMs),
    '--loss',
    String(loss),
    '--seconds',
    String(seconds),
  ];
  return lab.own(startInNamespace(shaper, 'shaper', PYTHON, args));
}

/** Drops everything the router would forward to or from the address (the viewer's link is down) until undone. */
export function cutOff(router: string, address: string): () => void {
  nft(
    router,
    `table ip outage {
  chain forward { type filter hook forward priority -10; policy accept; ip saddr ${address} drop; ip daddr ${address} drop; }
}`,
  );
  return () => nft(router, 'delete table ip outage');
}

const DNS_SINK = join(__dirname, 'dns-sink.py');

/**
 * A LAN whose DNS does not answer (no internet): the host's resolver is the router, which reads every query and
 * answers none. The returned process prints the names asked.
 */
export async function noAnsweringDns(lab: Lab, net: RoutedLab): Promise<LabProcess> {
  lab.namespaces.etcFile(net.home, 'resolv.conf', `nameserver ${HOME.gateway}\n`);
  const sink = lab.own(startInNamespace(net.router, 'dns sink', PYTHON, [DNS_SINK, HOME.gateway, '--seconds', '120']));
  await sink.waitFor(/dns sink ready/);
  return sink;
}

/** The router lets no UDP to or from the viewer through (a network that allows TCP only). */
export function blockUdp(router: string, address: string): void {
  nft(
    router,
    `table ip noudp {
  chain forward { type filter hook forward priority -10; policy accept;
    ip saddr ${address} meta l4proto udp drop
    ip daddr ${address} meta l4proto udp drop
  }
}`,
  );
}
