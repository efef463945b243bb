// Is an address one the Internet can reach? Pure parsing and classification of IPv4/IPv6 text, plus CIDR
// containment for --treat-as-public. Shared by the HTTPS target builder (which never dials a non-public address
// unless --probe-internal) and the checks; checks may not import node:net, and the rules are small enough to own.
// The ranges are IANA's special-purpose address registries, kept as dated data in
// src/net/special-purpose-addresses.ts; the most specific row that holds an address decides its class.
import {
  type AddressClass,
  type EmbeddedIpv4,
  IPV6_GLOBAL_UNICAST,
  ipv4SpecialPurpose,
  ipv6SpecialPurpose,
  otherAddressRanges,
  type SpecialPurposeRow,
} from './special-purpose-addresses.js';

export type { AddressClass } from './special-purpose-addresses.js';

export interface IpAddress {
  version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: readonly number[];
}

export interface Cidr {
  network: IpAddress;
  prefix: number;
}

/** Dotted quad, four decimal octets 0–255 without leading zeros (which some parsers read as octal). */
function parseIpv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

/** RFC 4291 §2.2 text forms: full, `::`-compressed, and with a trailing dotted quad. No zone ids. */
function parseIpv6Bytes(text: string): number[] | null {
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.includes('.', lastColon)) {
    const quad = parseIpv4Bytes(text.slice(lastColon + 1));
    if (!quad) return null;
    tail = [(quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!];
    // Keep the separating colon when it is part of "::" (e.g. "::1.2.3.4"); drop it otherwise ("::ffff:1.2.3.4").
    head = text.slice(0, text.endsWith('::', lastColon + 1) ? lastColon + 1 : lastColon);
  }
  let groups: number[];
  const halves = head.split('::');
  if (halves.length > 2) return null;
  if (halves.length === 2) {
    const left = parseGroups(halves[0]!);
    const right = parseGroups(halves[1]!);
    if (!left || !right) return null;
    const missing = 8 - left.length - right.length - tail.length;
    if (missing < 1) return null;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right, ...tail];
  } else {
    const all = parseGroups(head);
    if (!all) return null;
    groups = [...all, ...tail];
    if (groups.length !== 8) return null;
  }
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** Parses an IPv4 or IPv6 address in its usual text forms; null when the text is not exactly one address. */
export function parseIp(text: string): IpAddress | null {
  if (text.includes(':')) {
    const bytes = parseIpv6Bytes(text);
    return bytes ? { version: 6, bytes } : null;
  }
  const bytes = parseIpv4Bytes(text);
  return bytes ? { version: 4, bytes } : null;
}

/** Canonical text: dotted quad, or RFC 5952 lower-case IPv6 with the longest run of zero groups compressed. */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i]! << 8) | ip.bytes[i + 1]!);
  let bestStart = -1;
  let bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not compressed
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** "10.0.0.0/8", "2001:db8::/32"; a bare address is a single-address range (/32 or /128). */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const network = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!network) return null;
  const width = network.version === 4 ? 32 : 128;
  if (slash < 0) return { network, prefix: width };
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= width ? { network, prefix } : null;
}

function prefixMatches(a: readonly number[], b: readonly number[], prefix: number): boolean {
  const fullBytes = Math.floor(prefix / 8);
  for (let i = 0; i < fullBytes; i++) if (a[i] !== b[i]) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[fullBytes]! ^ b[fullBytes]!) & mask) === 0;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else null. */
function mappedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.version !== 6) return null;
  const isMapped = ip.bytes.slice(0, 10).every((byte) => byte === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
  return isMapped ? { version: 4, bytes: ip.bytes.slice(12) } : null;
}

/** Whether the range holds the address. An IPv4 range also holds the IPv4-mapped IPv6 form of its addresses. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  const candidate = cidr.network.version === 4 && ip.version === 6 ? mappedIpv4(ip) : ip;
  if (!candidate || candidate.version !== cidr.network.version) return false;
  return prefixMatches(cidr.network.bytes, candidate.bytes, cidr.prefix);
}

interface Range {
  cidr: Cidr;
  row: SpecialPurposeRow;
}

function rangesOf(rows: readonly SpecialPurposeRow[]): Range[] {
  return rows.map((row) => {
    const cidr = parseCidr(row.block);
    if (!cidr) throw new Error(`bad built-in range ${row.block}`);
    return { cidr, row };
  });
}

// Longest prefix first, so the most specific row wins (192.0.0.9/32 inside 192.0.0.0/24, 2001::/32 inside 2001::/23).
const byPrefix = (a: Range, b: Range): number => b.cidr.prefix - a.cidr.prefix;
const ipv4Ranges = rangesOf([...ipv4SpecialPurpose, ...otherAddressRanges])
  .filter((r) => r.cidr.network.version === 4)
  .sort(byPrefix);
const ipv6Ranges = rangesOf([...ipv6SpecialPurpose, ...otherAddressRanges])
  .filter((r) => r.cidr.network.version === 6)
  .sort(byPrefix);
const ipv6GlobalUnicast = parseCidr(IPV6_GLOBAL_UNICAST) as Cidr;

/** The special-purpose row that decides the address's class; null for ordinary (public) unicast space. */
function specialPurposeRowOf(ip: IpAddress): SpecialPurposeRow | null {
  const ranges = ip.version === 4 ? ipv4Ranges : ipv6Ranges;
  // cidrContains would match an IPv4 row against the mapped form; classification compares within a family only.
  return ranges.find(({ cidr }) => prefixMatches(cidr.network.bytes, ip.bytes, cidr.prefix))?.row ?? null;
}

/** The IPv4 address an IPv6 address stands for (IPv4-mapped, NAT64 well-known prefix, 6to4), with how. */
function embeddedIpv4(ip: IpAddress): { kind: EmbeddedIpv4; ipv4: IpAddress } | null {
  if (ip.version !== 6) return null;
  const kind = specialPurposeRowOf(ip)?.embeds;
  if (!kind) return null;
  // ::ffff:a.b.c.d and 64:ff9b::a.b.c.d carry it in the last 32 bits (RFC 4291, RFC 6052 /96); 2002:AABB:CCDD::/48 in bits 16–47.
  const bytes = kind === '6to4' ? ip.bytes.slice(2, 6) : ip.bytes.slice(12, 16);
  return { kind, ipv4: { version: 4, bytes } };
}

export function classifyIp(ip: IpAddress): AddressClass {
  const embedded = embeddedIpv4(ip);
  if (embedded) return classifyIp(embedded.ipv4);
  const row = specialPurposeRowOf(ip);
  if (row) return row.addressClass;
  if (ip.version === 6 && !prefixMatches(ipv6GlobalUnicast.network.bytes, ip.bytes, ipv6GlobalUnicast.prefix)) return 'reserved';
  return 'public';
}

const embeddingName: Record<EmbeddedIpv4, string> = { 'ipv4-mapped': 'IPv4-mapped', nat64: 'NAT64', '6to4': '6to4' };

export interface AddressJudgement {
  address: string;
  /** null when the text is not an IP address at all. */
  addressClass: AddressClass | null;
  /** In a --treat-as-public range (only reported for addresses that are not public already). */
  treatedAsPublic: boolean;
  /** What a check should conclude: reachable from the Internet, or counted so by the user. */
  countsAsPublic: boolean;
  /** For evidence: "public", "public (treated)", "private", "not an IP address"… */
  label: string;
}

export function judgeAddress(address: string, treatAsPublic: readonly Cidr[]): AddressJudgement {
  const ip = parseIp(address);
  if (!ip) return { address, addressClass: null, treatedAsPublic: false, countsAsPublic: false, label: 'not an IP address' };
  const addressClass = classifyIp(ip);
  const treatedAsPublic = addressClass !== 'public' && treatAsPublic.some((cidr) => cidrContains(cidr, ip));
  const countsAsPublic = addressClass === 'public' || treatedAsPublic;
  // A NAT64 or 6to4 address says which IPv4 address decided; the IPv4-mapped form is that address, said plainly.
  const embedded = embeddedIpv4(ip);
  const via = embedded && embedded.kind !== 'ipv4-mapped' ? ` (${embeddingName[embedded.kind]} of ${formatIp(embedded.ipv4)})` : '';
  const label = treatedAsPublic ? 'public (treated)' : `${addressClass}${via}`;
  return { address, addressClass, treatedAsPublic, countsAsPublic, label };
}

/** Parses --treat-as-public ranges as recorded in an artifact; the ones that do not parse are returned apart. */
export function parseTreatAsPublic(ranges: readonly string[]): { cidrs: Cidr[]; unparsable: string[] } {
  const cidrs: Cidr[] = [];
  const unparsable: string[] = [];
  for (const text of ranges) {
    const cidr = parseCidr(text.trim());
    if (cidr) cidrs.push(cidr);
    else unparsable.push(text);
  }
  return { cidrs, unparsable };
}
