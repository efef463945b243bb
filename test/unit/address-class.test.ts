import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AddressClass,
  cidrContains,
  classifyIp,
  formatIp,
  type IpAddress,
  judgeAddress,
  parseCidr,
  parseIp,
  parseTreatAsPublic,
} from '../../src/net/address-class.js';

function classOf(text: string): AddressClass | null {
  const ip = parseIp(text);
  return ip ? classifyIp(ip) : null;
}

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test range ${text} did not parse`);
  return parsed;
}

const ipv4Bytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 });
const ipv6Bytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 });
const anyIp: fc.Arbitrary<IpAddress> = fc.oneof(
  ipv4Bytes.map((bytes) => ({ version: 4 as const, bytes })),
  ipv6Bytes.map((bytes) => ({ version: 6 as const, bytes })),
);

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', [1, 2, 3, 4]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['0.0.0.0', [0, 0, 0, 0]],
  ])('reads the dotted quad %s', (text, bytes) => {
    expect(parseIp(text)).toEqual({ version: 4, bytes });
  });

  it.each([
    '::',
    '::1',
    '2001:db8::1',
    'FE80::A',
    '1:2:3:4:5:6:7:8',
    '1::',
    '::ffff:1.2.3.4',
    '::1.2.3.4',
    '1:2:3:4:5:6:1.2.3.4',
    '64:ff9b::192.0.2.33',
  ])('reads the IPv6 form %s', (text) => {
    expect(parseIp(text)?.version).toBe(6);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '0x1.2.3.4',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1::2::3',
    '1:2:3:4:5:6::7:8',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    '12345::',
    'fe80::1%eth0',
    '::ffff:1.2.3.4.5',
    '1.2.3.4:80',
    'mail.contoso.com',
    ':::',
    '::1.2.3',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('expands :: to the missing zero groups', () => {
    expect(parseIp('2001:db8::1')?.bytes).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIp('::ffff:1.2.3.4')?.bytes).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
  });

  it('agrees with node:net isIP on generated addresses and their mutations', () => {
    const candidates = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4Extended(),
      fc.tuple(fc.oneof(fc.ipV4(), fc.ipV6()), fc.nat(), fc.constantFrom('', ':', '.', '::', '0', 'g', '1')).map(([text, at, insert]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position);
      }),
      fc.string({ unit: fc.constantFrom('0', '1', 'a', 'f', ':', '.', '9') }),
    );
    fc.assert(
      fc.property(candidates, (text) => {
        expect(parseIp(text) !== null, text).toBe(isIP(text) !== 0);
        if (isIP(text) !== 0) expect(parseIp(text)?.version).toBe(isIP(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips through its canonical text', () => {
    fc.assert(
      fc.property(anyIp, (ip) => {
        const text = formatIp(ip);
        expect(parseIp(text)).toEqual(ip);
        expect(isIP(text)).toBe(ip.version);
      }),
    );
  });

  it('writes RFC 5952 canonical IPv6', () => {
    expect(formatIp(parseIp('2001:0DB8:0:0:0:0:0:0001')!)).toBe('2001:db8::1');
    expect(formatIp(parseIp('2001:db8:0:1:1:1:1:1')!)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIp(parseIp('1:0:0:2:0:0:0:3')!)).toBe('1:0:0:2::3');
    expect(formatIp(parseIp('::')!)).toBe('::');
  });
});

describe('classifyIp', () => {
  it.each<[string, AddressClass]>([
    ['8.8.8.8', 'public'],
    ['52.96.0.1', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['192.168.1.10', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['ff02::1', 'multicast'],
    ['2603:1006::1', 'public'],
    ['2a01:111:f400::1', 'public'],
    ['4000::1', 'reserved'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:8.8.8.8', 'public'],
    ['192.0.0.9', 'public'],
    ['192.0.0.8', 'reserved'],
    ['64:ff9b::808:808', 'public'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b:1::808:808', 'reserved'],
    ['2002:c000:201::1', 'documentation'],
    ['2002:808:808::1', 'public'],
    ['2001::1', 'reserved'],
    ['2001:20::1', 'public'],
    ['100:0:0:1::1', 'reserved'],
    ['5f00::1', 'reserved'],
  ])('%s is %s', (text, expected) => {
    expect(classOf(text)).toBe(expected);
  });

  it('judges an IPv4-mapped IPv6 address exactly as its IPv4 address', () => {
    fc.assert(
      fc.property(ipv4Bytes, (bytes) => {
        const mapped: IpAddress = { version: 6, bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...bytes] };
        expect(classifyIp(mapped)).toBe(classifyIp({ version: 4, bytes }));
      }),
    );
  });

  it('puts every address of 10/8, 172.16/12 and 192.168/16 in private', () => {
    const inRange = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
        .map(([b, c, d]) => [10, b, c, d]),
      fc
        .tuple(fc.integer({ min: 16, max: 31 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
        .map(([b, c, d]) => [172, b, c, d]),
      fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([c, d]) => [192, 168, c, d]),
    );
    fc.assert(
      fc.property(inRange, (bytes) => {
        expect(classifyIp({ version: 4, bytes })).toBe('private');
      }),
    );
  });

  it('calls an IPv4 address public only outside every special range', () => {
    const special = [
      '0.0.0.0/8',
      '10.0.0.0/8',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
      '172.16.0.0/12',
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.88.99.0/24',
      '192.168.0.0/16',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '224.0.0.0/3',
    ].map(cidr);
    // Anycast blocks inside 192.0.0.0/24 that IANA marks globally reachable (test/vectors covers every row).
    const reachable = ['192.0.0.9/32', '192.0.0.10/32'].map(cidr);
    fc.assert(
      fc.property(ipv4Bytes, (bytes) => {
        const ip: IpAddress = { version: 4, bytes };
        const expected = !special.some((range) => cidrContains(range, ip)) || reachable.some((range) => cidrContains(range, ip));
        expect(classifyIp(ip) === 'public').toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('CIDR', () => {
  it.each(['10.0.0.0/8', '127.0.0.0/8', '0.0.0.0/0', '2001:db8::/32', '::/0', '192.0.2.1', '::1'])('parses %s', (text) => {
    expect(parseCidr(text)).not.toBeNull();
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/x', 'example.com/8', '/8'])('rejects %s', (text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it('reads a bare address as a single-address range', () => {
    expect(parseCidr('192.0.2.1')?.prefix).toBe(32);
    expect(parseCidr('::1')?.prefix).toBe(128);
  });

  it('contains exactly the addresses that share the prefix', () => {
    expect(cidrContains(cidr('127.0.0.0/8'), parseIp('127.4.5.6')!)).toBe(true);
    expect(cidrContains(cidr('127.0.0.0/8'), parseIp('128.0.0.1')!)).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/31'), parseIp('10.0.0.1')!)).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/31'), parseIp('10.0.0.2')!)).toBe(false);
    expect(cidrContains(cidr('2001:db8::/32'), parseIp('2001:db8:ffff::1')!)).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), parseIp('2001:db9::1')!)).toBe(false);
  });

  it('matches IPv4-mapped IPv6 addresses against IPv4 ranges, never across families otherwise', () => {
    expect(cidrContains(cidr('127.0.0.0/8'), parseIp('::ffff:127.0.0.1')!)).toBe(true);
    expect(cidrContains(cidr('::/0'), parseIp('127.0.0.1')!)).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), parseIp('::1')!)).toBe(false);
  });

  it('a range built from any address contains that address, and so does every shorter prefix', () => {
    fc.assert(
      fc.property(anyIp, fc.nat(128), fc.nat(128), (ip, a, b) => {
        const width = ip.version === 4 ? 32 : 128;
        const [long, short] = [Math.max(a, b) % (width + 1), Math.min(a, b) % (width + 1)].sort((x, y) => y - x) as [number, number];
        const range = cidr(`${formatIp(ip)}/${long}`);
        expect(cidrContains(range, ip)).toBe(true);
        expect(cidrContains({ network: range.network, prefix: short }, ip)).toBe(true);
      }),
    );
  });

  it('a full-length prefix contains only the address itself', () => {
    fc.assert(
      fc.property(anyIp, anyIp, (a, b) => {
        const width = a.version === 4 ? 32 : 128;
        const same = a.version === b.version && a.bytes.every((byte, i) => byte === b.bytes[i]);
        if (b.version === a.version) expect(cidrContains({ network: a, prefix: width }, b)).toBe(same);
      }),
    );
  });
});

describe('judgeAddress', () => {
  it('counts addresses in a treat-as-public range as public and labels them so', () => {
    const { cidrs } = parseTreatAsPublic(['127.0.0.0/8']);
    expect(judgeAddress('127.0.0.10', cidrs)).toEqual({
      address: '127.0.0.10',
      addressClass: 'loopback',
      treatedAsPublic: true,
      countsAsPublic: true,
      label: 'public (treated)',
    });
    expect(judgeAddress('10.0.0.1', cidrs)).toMatchObject({ countsAsPublic: false, label: 'private' });
    expect(judgeAddress('8.8.8.8', cidrs)).toMatchObject({ countsAsPublic: true, treatedAsPublic: false, label: 'public' });
  });

  it('never counts text that is not an address as public', () => {
    expect(judgeAddress('mail.contoso.com', [cidr('0.0.0.0/0')])).toMatchObject({ addressClass: null, countsAsPublic: false });
  });

  it('keeps the ranges that do not parse apart', () => {
    expect(parseTreatAsPublic(['127.0.0.0/8', 'nonsense', ' 10.0.0.0/8 '])).toEqual({
      cidrs: [cidr('127.0.0.0/8'), cidr('10.0.0.0/8')],
      unparsable: ['nonsense'],
    });
  });
});
