// Per-address quotas count IPv6 clients by /64 (one machine can use any address in its
// /64); IPv4, loopback and link-local addresses count one by one.
import { addressGroup, isHostAddress } from '../../signaling/network/addresses';

describe('addressGroup', () => {
  it.each([
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2::/64'],
    ['fd00::2', 'fd00:0:0:0::/64'],
    ['fd00:0:0:0:1::', 'fd00:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('puts %s in %s', (address, group) => expect(addressGroup(address)).toBe(group));

  it('gives two addresses of one /64 the same group, and of neighbouring /64s different ones', () => {
    expect(addressGroup('2001:db8:1:2::a')).toBe(addressGroup('2001:db8:1:2:ffff::b'));
    expect(addressGroup('2001:db8:1:2::a')).not.toBe(addressGroup('2001:db8:1:3::a'));
  });

  it.each([
    ['192.168.1.20', '192.168.1.20'],
    ['::ffff:10.0.0.2', '10.0.0.2'],
    ['::1', '::1'],
    ['fe80::1c2b:3aff:fe4d:5e6f', 'fe80::1c2b:3aff:fe4d:5e6f'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
    ['', ''],
  ])('keeps %s whole (IPv4, mapped IPv4, loopback, link-local)', (address, group) =>
    expect(addressGroup(address)).toBe(group),
  );
});

describe('isHostAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['::1', true],
    ['127.0.0.2', false],
    ['192.168.1.20', false],
  ])('%s -> %s', (address, expected) => expect(isHostAddress(address)).toBe(expected));
});
