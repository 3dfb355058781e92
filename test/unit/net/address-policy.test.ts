import { describe, expect, it } from 'vitest';
import { AllowList, refusedRange } from '../../../src/net/address-policy.js';

describe('refusedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['198.51.100.7', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique local (private)'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::169.254.169.254', 'link-local'],
    ['2002:7f00:1::', 'loopback'],
  ])('refuses %s (%s)', (address, label) => {
    expect(refusedRange(address)).toBe(label);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '64:ff9b::808:808'])(
    'lets the public address %s through',
    (address) => {
      expect(refusedRange(address)).toBeUndefined();
    },
  );

  it('treats anything that is not an address as refused', () => {
    expect(refusedRange('example.com')).toBe('not an IP address');
  });
});

describe('AllowList', () => {
  it('matches host names without case or trailing dot', () => {
    const a = new AllowList(['Intranet.Example', 'localhost']);
    expect(a.hasHost('intranet.example.')).toBe(true);
    expect(a.hasHost('LOCALHOST')).toBe(true);
    expect(a.hasHost('other.example')).toBe(false);
  });

  it('matches single addresses and CIDR ranges of both families', () => {
    const a = new AllowList(['127.0.0.1', '10.0.0.0/8', '[::1]', 'fd00::/8']);
    expect(a.hasAddress('127.0.0.1')).toBe(true);
    expect(a.hasAddress('127.0.0.2')).toBe(false);
    expect(a.hasAddress('10.200.3.4')).toBe(true);
    expect(a.hasAddress('11.0.0.1')).toBe(false);
    expect(a.hasAddress('::1')).toBe(true);
    expect(a.hasAddress('fd12::5')).toBe(true);
    expect(a.hasAddress('fe80::1')).toBe(false);
  });

  it('allows nothing when empty', () => {
    const a = new AllowList([]);
    expect(a.hasAddress('127.0.0.1')).toBe(false);
    expect(a.hasHost('localhost')).toBe(false);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'not a host!', '10.0.0.0/x'])('rejects the malformed entry %s', (entry) => {
    expect(() => new AllowList([entry])).toThrow(/OUTBOUND_ALLOW_HOSTS/);
  });
});
