// Is an address one the Internet can reach? Pure parsing and classification of IPv4/IPv6 text, plus CIDR
// containment for --treat-as-public. Shared by the HTTPS target builder (which never dials a non-public address
// unless --probe-internal) and the checks; checks may not import node:net, and the rules are small enough to own.
// Ranges follow the IANA special-purpose address registries:
//   https://www.iana.org/assignments/iana-ipv4-special-registry/
//   https://www.iana.org/assignments/iana-ipv6-special-registry/

export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'documentation'
  | 'unique-local'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

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
export function mappedIpv4(ip: IpAddress): IpAddress | null {
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

function range(text: string, addressClass: AddressClass): { cidr: Cidr; addressClass: AddressClass } {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`bad built-in range ${text}`);
  return { cidr, addressClass };
}

// Most specific ranges first: the first match wins.
const ipv4Ranges = [
  range('0.0.0.0/32', 'unspecified'),
  range('0.0.0.0/8', 'reserved'), // "this network"
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'cgnat'), // RFC 6598 shared address space
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  range('192.0.2.0/24', 'documentation'),
  range('192.88.99.0/24', 'reserved'), // deprecated 6to4 relay anycast
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'), // benchmarking
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'), // includes the limited broadcast 255.255.255.255
];

const ipv6Ranges = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('64:ff9b:1::/48', 'reserved'), // local-use NAT64
  range('100::/64', 'reserved'), // discard-only
  range('2001:db8::/32', 'documentation'),
  range('2001::/23', 'reserved'), // IETF protocol assignments (Teredo, benchmarking, ORCHID…): not server addresses
  range('3fff::/20', 'documentation'), // RFC 9637
  range('5f00::/16', 'reserved'), // SRv6 SIDs
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'reserved'), // deprecated site-local
  range('ff00::/8', 'multicast'),
];

/** Global unicast space: IPv6 outside 2000::/3 is unassigned or special. */
const ipv6GlobalUnicast = range('2000::/3', 'public').cidr;

export function classifyIp(ip: IpAddress): AddressClass {
  const mapped = mappedIpv4(ip);
  if (mapped) return classifyIp(mapped);
  const ranges = ip.version === 4 ? ipv4Ranges : ipv6Ranges;
  const match = ranges.find(({ cidr }) => cidrContains(cidr, ip));
  if (match) return match.addressClass;
  if (ip.version === 6 && !cidrContains(ipv6GlobalUnicast, ip)) return 'reserved';
  return 'public';
}

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
  const label = treatedAsPublic ? 'public (treated)' : addressClass;
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
