import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { detectDefaultRouteAddress, rankJoinAddresses, type InterfaceMap } from '../../signaling/server/join-addresses';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  family: 'IPv4',
  internal,
  netmask: '255.255.255.0',
  mac: '00:00:00:00:00:00',
  cidr: `${address}/24`,
});
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  family: 'IPv6',
  internal,
  netmask: 'ffff:ffff:ffff:ffff::',
  mac: '00:00:00:00:00:00',
  scopeid: 0,
  cidr: `${address}/64`,
});

const laptop: InterfaceMap = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  docker0: [v4('172.17.0.1')],
  tailscale0: [v4('100.101.1.2')],
  wlan0: [v4('192.168.1.20'), v6('fe80::1c2a:3bff:fe4c:5d6e'), v6('2001:db8::20')],
  eth0: [v4('10.1.2.3')],
  usb0: [v4('169.254.10.20')],
};

describe('rankJoinAddresses', () => {
  it('puts the default-route address first, then IPv4, then IPv6, then link-local and loopback', () => {
    expect(rankJoinAddresses(laptop, { preferred: '10.1.2.3' })).toEqual([
      '10.1.2.3',
      '192.168.1.20',
      '100.101.1.2',
      '172.17.0.1',
      '2001:db8::20',
      '169.254.10.20',
      '127.0.0.1',
    ]);
  });

  it('without a default route, ranks home-LAN addresses above VPN and container bridges', () => {
    const ranked = rankJoinAddresses(laptop);
    expect(ranked.slice(0, 2).sort()).toEqual(['10.1.2.3', '192.168.1.20']);
    expect(ranked.indexOf('172.17.0.1')).toBeGreaterThan(ranked.indexOf('100.101.1.2'));
  });

  it('leaves out IPv6 link-local addresses (a URL cannot carry their zone portably)', () => {
    expect(rankJoinAddresses(laptop).some((a) => a.startsWith('fe80'))).toBe(false);
  });

  it('lists only IPv4 when bound to 0.0.0.0', () => {
    expect(rankJoinAddresses(laptop, { bind: '0.0.0.0' }).some((a) => a.includes(':'))).toBe(false);
  });

  it('lists only the bound address when bound to one', () => {
    expect(rankJoinAddresses(laptop, { bind: '192.168.1.20' })).toEqual(['192.168.1.20']);
  });

  it('always offers loopback, even on a machine with no network', () => {
    expect(rankJoinAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual(['127.0.0.1']);
  });

  it('lists an address shared by two interfaces once', () => {
    expect(rankJoinAddresses({ a: [v4('192.168.1.2')], b: [v4('192.168.1.2')] })).toEqual(['192.168.1.2', '127.0.0.1']);
  });
});

describe('detectDefaultRouteAddress', () => {
  it('resolves to one of this machine’s addresses or to undefined, without hanging', async () => {
    const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
    const address = await detectDefaultRouteAddress(500);
    if (address !== undefined) expect(own).toContain(address);
    else expect(address).toBeUndefined();
  });
});
