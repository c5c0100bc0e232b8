// Which of this machine's addresses go into the join links, most likely first.
// Picking the wrong network card is the most common complaint about peer apps, so
// the address the OS would use for its default route wins, and virtual adapters
// (Docker, VPNs, VMs) sink.
import { createSocket } from 'node:dgram';
import type { NetworkInterfaceInfo } from 'node:os';
import { isWildcard } from '../network/addresses';

export type InterfaceMap = NodeJS.Dict<NetworkInterfaceInfo[]>;

// Bridges to containers and VMs on this machine: never reachable by another computer.
const LOCAL_BRIDGE =
  /^(docker|br-|veth|virbr|vmnet|vboxnet|vbox|lxc|lxd|podman|cni|flannel|vEthernet|awdl|llw|anpi|bridge|gif|stf)/i;
// VPN tunnels: reachable, but only by peers on the same VPN.
const VPN_TUNNEL = /^(utun|tun|tap|wg|tailscale|zt|ham|ppp)/i;
const IPV4_LINK_LOCAL = /^169\.254\./;
const IPV6_LINK_LOCAL = /^fe[89ab][0-9a-f]:/i;
const IPV4_CGNAT = /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./; // 100.64/10: carrier NAT and overlay VPNs
const IPV4_HOME_LAN = /^(192\.168\.|10\.|172\.(1[6-9]|2\d|3[01])\.)/;

interface Candidate {
  readonly address: string;
  readonly family: 4 | 6;
  readonly score: number;
}

function scoreOf(name: string, info: NetworkInterfaceInfo, preferred: string | undefined): number {
  let score = 0;
  if (info.address === preferred) score -= 100;
  if (LOCAL_BRIDGE.test(name)) score += 80;
  else if (VPN_TUNNEL.test(name)) score += 30;
  if (info.family === 'IPv4') {
    if (IPV4_CGNAT.test(info.address)) score += 20;
    if (!IPV4_HOME_LAN.test(info.address)) score += 5;
  } else if (/^f[cd]/i.test(info.address)) {
    score += 1; // unique-local IPv6: fine on a LAN, but a global address is more often right
  }
  return score;
}

/**
 * Orders the addresses for join links: usable IPv4 (most likely first), then usable
 * IPv6, then IPv4 link-local, then 127.0.0.1 so a link always exists. IPv6
 * link-local addresses are left out: they need a zone id no URL can carry portably.
 * `bind` narrows the list to what the server actually listens on.
 */
export function rankJoinAddresses(
  interfaces: InterfaceMap,
  options: { preferred?: string; bind?: string } = {},
): string[] {
  const { bind, preferred } = options;
  if (!isWildcard(bind)) return [bind as string];
  const ipv4Only = bind === '0.0.0.0';
  const usable: Candidate[] = [];
  const linkLocal: string[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv6' && (ipv4Only || IPV6_LINK_LOCAL.test(info.address))) continue;
      if (info.family === 'IPv4' && IPV4_LINK_LOCAL.test(info.address)) {
        linkLocal.push(info.address);
        continue;
      }
      usable.push({
        address: info.address,
        family: info.family === 'IPv4' ? 4 : 6,
        score: scoreOf(name, info, preferred),
      });
    }
  }
  usable.sort((a, b) => a.family - b.family || a.score - b.score);
  const ordered = [...usable.map((c) => c.address), ...linkLocal, '127.0.0.1'];
  return [...new Set(ordered)];
}

/**
 * The source address the OS would pick to reach the wider network. A UDP
 * `connect()` only selects a route: it sends no packet. Resolves undefined when
 * there is no default route (an offline machine) or it takes too long.
 */
export function detectDefaultRouteAddress(timeoutMs = 300): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const finish = (address: string | undefined) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined); // a late error after close has nothing left to affect
      try {
        socket.close();
      } catch {
        // already closed by a failed connect
      }
      resolve(address);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.on('error', () => finish(undefined));
    socket.connect(9, '192.0.2.1', () => {
      try {
        finish(socket.address().address);
      } catch {
        finish(undefined);
      }
    });
  });
}
