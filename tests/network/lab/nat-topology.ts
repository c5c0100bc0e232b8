// The lab's NAT network: "home" (the host) behind a NAT router with only the
// signaling port forwarded, an "internet" switch with coturn on it, and the viewer
// "away" behind a carrier NAT in 100.64.0.0/10.
import { nft, run } from './commands';
import type { Lab } from './lab-fixture';

export const NAT = {
  host: '198.51.100.2',
  homeGateway: '198.51.100.1',
  /** The home router's public address: only the signaling port is forwarded to the host. */
  homePublic: '203.0.113.1',
  turn: '203.0.113.3',
  /** The viewer's carrier NAT (its public address) and the viewer behind it. */
  carrierPublic: '203.0.113.4',
  carrierGateway: '100.64.0.1',
  viewer: '100.64.0.2',
} as const;

export interface NatLab {
  readonly home: string;
  readonly homeRouter: string;
  readonly turn: string;
  readonly away: string;
}

/** A router that masquerades its LAN behind its public address and forwards only `forwardTcp` ports in. */
function natRouter(namespace: string, lanHost: string, forwardTcp: readonly number[]): void {
  const forwards = forwardTcp.map((port) => `tcp dport ${port} dnat to ${lanHost}:${port}`).join('\n    ');
  nft(
    namespace,
    `table ip nat {
  chain prerouting { type nat hook prerouting priority dstnat; policy accept;
    iifname "wan0" ${forwards ? forwards : 'return'}
  }
  chain postrouting { type nat hook postrouting priority srcnat; policy accept; oifname "wan0" masquerade; }
}
table ip firewall {
  chain forward { type filter hook forward priority 0; policy drop;
    ct state established,related accept
    ct status dnat accept
    iifname "lan0" accept
  }
}`,
  );
}

/**
 * home (host behind a NAT router, only the signaling port forwarded) — "internet" (a switch, coturn) — a carrier NAT
 * — the viewer "away". Nobody outside home can reach the host's media ports except through TURN.
 */
export function natLab(lab: Lab, signalingPort: number): NatLab {
  const ns = lab.namespaces;
  const home = ns.add('home');
  const homeRouter = ns.add('hrouter', { forwarding: true });
  const internet = ns.add('inet');
  const turn = ns.add('turn');
  const carrier = ns.add('carrier', { forwarding: true });
  const away = ns.add('away');
  run('ip', ['-n', internet, 'link', 'add', 'br0', 'type', 'bridge']);
  run('ip', ['-n', internet, 'link', 'set', 'br0', 'up']);
  const port = (device: string) => {
    run('ip', ['-n', internet, 'link', 'set', device, 'master', 'br0']);
    return { namespace: internet, device };
  };
  ns.link(
    { namespace: home, device: 'eth0', address: `${NAT.host}/24` },
    { namespace: homeRouter, device: 'lan0', address: `${NAT.homeGateway}/24` },
  );
  ns.link(
    { namespace: homeRouter, device: 'wan0', address: `${NAT.homePublic}/24` },
    { namespace: internet, device: 'p1' },
  );
  ns.link({ namespace: turn, device: 'eth0', address: `${NAT.turn}/24` }, { namespace: internet, device: 'p2' });
  ns.link(
    { namespace: carrier, device: 'wan0', address: `${NAT.carrierPublic}/24` },
    { namespace: internet, device: 'p3' },
  );
  ns.link(
    { namespace: away, device: 'eth0', address: `${NAT.viewer}/10` },
    { namespace: carrier, device: 'lan0', address: `${NAT.carrierGateway}/10` },
  );
  ['p1', 'p2', 'p3'].forEach(port);
  ns.route(home, 'default', NAT.homeGateway);
  ns.route(away, 'default', NAT.carrierGateway);
  natRouter(homeRouter, NAT.host, [signalingPort]);
  natRouter(carrier, NAT.viewer, []);
  return { home, homeRouter, turn, away };
}
