/**
 * Which network addresses a user-supplied URL may reach. Everything that is not the public internet
 * is refused (private, loopback, link-local, CGNAT, multicast, unspecified, documentation, reserved,
 * IPv4-mapped IPv6), unless OUTBOUND_ALLOW_HOSTS names the host, the address or a range holding it.
 */
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

const REFUSED_V4: ReadonlyArray<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const REFUSED_V6: ReadonlyArray<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms reach IPv4 hosts through an
  // IPv6 socket; a public site never needs them, so they are refused whatever they embed.
  ['::ffff:0:0', 96, 'IPv4-mapped'],
  ['::', 96, 'IPv4-compatible'],
  ['100::', 64, 'discard'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique local (private)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

function listOf(ranges: ReadonlyArray<[string, number, string]>, family: Family): Array<[BlockList, string]> {
  return ranges.map(([net, prefix, label]) => {
    const b = new BlockList();
    b.addSubnet(net, prefix, family);
    return [b, label];
  });
}

const V4 = listOf(REFUSED_V4, 'ipv4');
const V6 = listOf(REFUSED_V6, 'ipv6');

/** The IPv4 address inside NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses, which route to it. */
function embeddedV4(address: string): string | undefined {
  const groups = expandV6(address);
  if (!groups) return undefined;
  const toV4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    return toV4(groups[6] ?? 0, groups[7] ?? 0);
  }
  if (groups[0] === 0x2002) return toV4(groups[1] ?? 0, groups[2] ?? 0);
  return undefined;
}

/** "2002:a00:1::" -> eight 16-bit numbers; undefined for anything else. */
function expandV6(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const zeros = 8 - left.length - right.length;
  return [...left, ...Array<number>(Math.max(0, zeros)).fill(0), ...right];
}

/** Why an address is refused, or undefined when it is a public unicast address. */
export function refusedRange(address: string): string | undefined {
  const v = isIP(address);
  if (v === 4) return V4.find(([b]) => b.check(address, 'ipv4'))?.[1];
  if (v === 6) {
    const own = V6.find(([b]) => b.check(address, 'ipv6'))?.[1];
    if (own) return own;
    const inner = embeddedV4(address);
    return inner ? refusedRange(inner) : undefined;
  }
  return 'not an IP address';
}

/** OUTBOUND_ALLOW_HOSTS, parsed once: host names, single addresses and CIDR ranges. */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges = new BlockList();
  private empty = true;

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, '');
      if (!entry) continue;
      this.empty = false;
      const slash = entry.indexOf('/');
      if (slash >= 0) {
        const net = entry.slice(0, slash);
        const bits = entry.slice(slash + 1);
        const family = isIP(net);
        const max = family === 4 ? 32 : 128;
        if (!family || !/^\d{1,3}$/.test(bits) || Number(bits) > max) {
          throw new Error(`OUTBOUND_ALLOW_HOSTS: "${raw}" is not a valid CIDR range (e.g. 10.0.0.0/8)`);
        }
        this.ranges.addSubnet(net, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
      } else if (isIP(entry)) {
        this.ranges.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
      } else if (
        /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(entry)
      ) {
        this.hosts.add(entry.replace(/\.$/, ''));
      } else {
        throw new Error(`OUTBOUND_ALLOW_HOSTS: "${raw}" is neither a host name, an IP address nor a CIDR range`);
      }
    }
  }

  hasHost(host: string): boolean {
    return !this.empty && this.hosts.has(host.toLowerCase().replace(/\.$/, ''));
  }

  hasAddress(address: string): boolean {
    const v = isIP(address);
    if (this.empty || !v) return false;
    return this.ranges.check(address, v === 4 ? 'ipv4' : 'ipv6');
  }
}
