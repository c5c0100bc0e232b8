// Sees what one program in a namespace sends (its sockets' group id): an nftables output
// hook records (in a set) every destination address and port outside the allowed ones,
// and every DNS query. Loopback traffic stays inside the namespace and is not watched.
import { inNamespace, nft } from './commands';

export class EgressWatch {
  constructor(
    private readonly namespace: string,
    private readonly gid: number,
  ) {}

  /** Starts recording; `allowed` are the addresses the namespace may send to. */
  start(allowed: readonly string[]): void {
    nft(
      this.namespace,
      `table ip egress {
  set allowed { type ipv4_addr; elements = { ${allowed.join(', ')} } }
  set seen { type ipv4_addr . inet_proto . inet_service; flags dynamic; }
  chain output {
    type filter hook output priority 0; policy accept;
    oifname "lo" accept
    meta skgid != ${this.gid} accept
    th dport 53 add @seen { ip daddr . meta l4proto . th dport } counter
    ip daddr != @allowed add @seen { ip daddr . meta l4proto . th dport } counter
  }
}`,
    );
  }

  /** Every (address, protocol, port) sent to that was not allowed, or was DNS, as "udp 198.51.100.1:53". */
  seen(): string[] {
    const listing = inNamespace(this.namespace, 'nft', ['list', 'set', 'ip', 'egress', 'seen']);
    const elements = /elements = \{([^}]*)\}/s.exec(listing)?.[1] ?? '';
    return elements
      .split(',')
      .map((element) => element.trim())
      .filter(Boolean)
      .map((element) => {
        const [address, protocol, port] = element.split(/\s+\.\s+/);
        return `${protocol} ${address}:${port}`;
      });
  }
}
