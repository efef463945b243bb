// IANA's special-purpose address registries (test/vectors/iana/, see test/vectors/README.md) against the address
// classification: every row of both registries is in src/net/special-purpose-addresses.ts with the registry's
// Globally Reachable value, and a few addresses of each row are judged as that value says — public exactly when
// the registry says True, except the rows that embed an IPv4 address, which are judged by that address.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/catalogue/csv.js';
import { type Cidr, classifyIp, formatIp, type IpAddress, judgeAddress, parseCidr, parseIp } from '../../src/net/address-class.js';
import { ipv4SpecialPurpose, ipv6SpecialPurpose } from '../../src/net/special-purpose-addresses.js';

interface RegistryRow {
  block: string;
  cidr: Cidr;
  name: string;
  /** "True", "False", "N/A" or "" (terminated rows), footnote marks dropped. */
  globallyReachable: string;
}

function readRegistry(file: string): RegistryRow[] {
  const [header, ...rows] = parseCsv(readFileSync(new URL(`./iana/${file}`, import.meta.url), 'utf8'));
  expect(header?.[0]).toBe('Address Block');
  expect(header?.[8]).toBe('Globally Reachable');
  const clean = (text: string | undefined) => (text ?? '').replace(/\s*\[\d+\]/g, '').trim();
  // One row may list several blocks ("192.0.0.170/32, 192.0.0.171/32").
  return rows.flatMap((fields) =>
    clean(fields[0])
      .split(/,\s*/)
      .map((block) => {
        const cidr = parseCidr(block);
        if (!cidr) throw new Error(`registry block ${block} does not parse`);
        return { block, cidr, name: clean(fields[1]), globallyReachable: clean(fields[8]) };
      }),
  );
}

const EMBEDDING_BLOCKS = ['::ffff:0:0/96', '64:ff9b::/96', '2002::/16'];

const registries = {
  ipv4: { rows: readRegistry('iana-ipv4-special-registry-1.csv'), data: ipv4SpecialPurpose },
  ipv6: { rows: readRegistry('iana-ipv6-special-registry-1.csv'), data: ipv6SpecialPurpose },
};

function withHostBits(cidr: Cidr, fill: (index: number) => number): IpAddress {
  const bytes = cidr.network.bytes.map((byte, index) => {
    const kept = Math.max(0, Math.min(8, cidr.prefix - index * 8));
    const mask = (0xff << (8 - kept)) & 0xff;
    return (byte & mask) | (fill(index) & ~mask & 0xff);
  });
  return { version: cidr.network.version, bytes };
}

/** The first, last and a middle address of a block. */
function samplesOf(cidr: Cidr): IpAddress[] {
  return [withHostBits(cidr, () => 0), withHostBits(cidr, () => 0xff), withHostBits(cidr, (index) => (index % 2 === 0 ? 0x5a : 0xa5))];
}

function contains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.network.version !== ip.version) return false;
  return samePrefix(cidr.network.bytes, ip.bytes, cidr.prefix);
}

function samePrefix(a: readonly number[], b: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    if (((a[bit >> 3] as number) & mask) !== ((b[bit >> 3] as number) & mask)) return false;
  }
  return true;
}

/** The registry row an address falls under: the most specific one that holds it. */
function mostSpecific(rows: readonly RegistryRow[], ip: IpAddress): RegistryRow | undefined {
  return rows.filter((row) => contains(row.cidr, ip)).sort((a, b) => b.cidr.prefix - a.cidr.prefix)[0];
}

/** 6to4 and NAT64 addresses built around an IPv4 address. */
function embedding(kind: '6to4' | 'nat64', ipv4: string): string {
  const [a, b, c, d] = (parseIp(ipv4) as IpAddress).bytes as [number, number, number, number];
  const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
  return kind === '6to4' ? `2002:${hex(a, b)}:${hex(c, d)}::1` : `64:ff9b::${hex(a, b)}:${hex(c, d)}`;
}

describe.each(Object.entries(registries))('the IANA %s special-purpose registry', (_family, { rows, data }) => {
  it('has every row, and only those, in the address data, with the same Globally Reachable value', () => {
    const registryRows = rows.map((row) => ({ block: formatCidr(row.cidr), globallyReachable: asBoolean(row.globallyReachable) }));
    const dataRows = data.map((row) => ({ block: formatCidr(parseCidr(row.block) as Cidr), globallyReachable: row.globallyReachable }));
    expect(dataRows).toEqual(registryRows);
  });

  // The rows that embed an IPv4 address are judged by it: the next describe block covers them.
  for (const row of rows.filter((entry) => !EMBEDDING_BLOCKS.includes(entry.block))) {
    const samples = samplesOf(row.cidr).filter((ip) => mostSpecific(rows, ip) === row);
    it(`${row.block} (${row.name}, globally reachable ${row.globallyReachable || 'blank'}): ${samples.map(formatIp).join(', ')}`, () => {
      expect(samples.length, 'a block with no address of its own').toBeGreaterThan(0);
      for (const ip of samples) {
        const judged = judgeAddress(formatIp(ip), []);
        expect(judged.countsAsPublic, `${formatIp(ip)} is ${judged.label}`).toBe(row.globallyReachable === 'True');
      }
    });
  }
});

describe('addresses that embed an IPv4 address are judged by it', () => {
  const cases: [ipv4: string, expected: string][] = [
    ['8.8.8.8', 'public'],
    ['52.96.0.1', 'public'],
    ['10.1.2.3', 'private'],
    ['192.168.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['100.64.0.1', 'cgnat'],
    ['169.254.169.254', 'link-local'],
    ['192.0.2.1', 'documentation'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
  ];
  it.each(cases)('6to4, NAT64 (64:ff9b::/96) and IPv4-mapped forms of %s are %s', (ipv4, expected) => {
    for (const text of [embedding('6to4', ipv4), embedding('nat64', ipv4), `::ffff:${ipv4}`]) {
      expect(classifyIp(parseIp(text) as IpAddress), text).toBe(expected);
      expect(judgeAddress(text, []).countsAsPublic, text).toBe(expected === 'public');
    }
  });

  it('says which IPv4 address decided, for NAT64 and 6to4', () => {
    expect(judgeAddress('64:ff9b::a01:203', []).label).toBe('private (NAT64 of 10.1.2.3)');
    expect(judgeAddress('2002:808:808::1', []).label).toBe('public (6to4 of 8.8.8.8)');
    expect(judgeAddress('::ffff:10.1.2.3', []).label).toBe('private');
  });

  it('never unwraps the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215): it is not public whatever it embeds', () => {
    for (const text of ['64:ff9b:1::808:808', '64:ff9b:1::7f00:1', '64:ff9b:1:ffff::1']) {
      expect(judgeAddress(text, []).countsAsPublic, text).toBe(false);
      expect(classifyIp(parseIp(text) as IpAddress)).toBe('reserved');
    }
  });
});

function asBoolean(text: string): boolean | null {
  return text === 'True' ? true : text === 'False' ? false : null;
}

function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.network)}/${cidr.prefix}`;
}
