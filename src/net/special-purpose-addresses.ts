// IANA's IPv4 and IPv6 Special-Purpose Address Registries, row by row, with the class each row gets here: the data
// src/net/address-class.ts classifies addresses by. A row's "Globally Reachable" is the registry's; the class is
// our reading of it (docs/reference-data.md explains the rows that need more than a yes or no).
// test/vectors/iana/ holds the registry CSVs these rows are checked against, every row of them.

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

/** How an IPv6 block carries an IPv4 address it is judged by (the IPv4 address's class wins). */
export type EmbeddedIpv4 = 'ipv4-mapped' | 'nat64' | '6to4';

export interface SpecialPurposeRow {
  /** CIDR as the registry writes it (footnote marks dropped). */
  block: string;
  name: string;
  rfc: string;
  /** The registry's Globally Reachable column; null where it says N/A or nothing (terminated rows). */
  globallyReachable: boolean | null;
  /** The class an address in this block gets, unless `embeds` hands the judgement to its IPv4 address. */
  addressClass: AddressClass;
  embeds?: EmbeddedIpv4;
}

export const specialPurposeRegistries = {
  /** The day the rows below were read from the registries' CSV files. */
  asOf: '2026-07-18',
  sources: [
    {
      title: 'IANA IPv4 Special-Purpose Address Registry',
      url: 'https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml',
    },
    {
      title: 'IANA IPv6 Special-Purpose Address Registry',
      url: 'https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml',
    },
  ] satisfies { title: string; url: string }[],
} as const;

const row = (
  block: string,
  name: string,
  rfc: string,
  globallyReachable: boolean | null,
  addressClass: AddressClass,
  embeds?: EmbeddedIpv4,
): SpecialPurposeRow => ({ block, name, rfc, globallyReachable, addressClass, ...(embeds ? { embeds } : {}) });

export const ipv4SpecialPurpose: readonly SpecialPurposeRow[] = [
  row('0.0.0.0/8', '"This network"', 'RFC 791', false, 'reserved'),
  row('0.0.0.0/32', '"This host on this network"', 'RFC 1122', false, 'unspecified'),
  row('10.0.0.0/8', 'Private-Use', 'RFC 1918', false, 'private'),
  row('100.64.0.0/10', 'Shared Address Space', 'RFC 6598', false, 'cgnat'),
  row('127.0.0.0/8', 'Loopback', 'RFC 1122', false, 'loopback'),
  row('169.254.0.0/16', 'Link Local', 'RFC 3927', false, 'link-local'),
  row('172.16.0.0/12', 'Private-Use', 'RFC 1918', false, 'private'),
  row('192.0.0.0/24', 'IETF Protocol Assignments', 'RFC 6890', false, 'reserved'),
  row('192.0.0.0/29', 'IPv4 Service Continuity Prefix', 'RFC 7335', false, 'reserved'),
  row('192.0.0.8/32', 'IPv4 dummy address', 'RFC 7600', false, 'reserved'),
  row('192.0.0.9/32', 'Port Control Protocol Anycast', 'RFC 7723', true, 'public'),
  row('192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', true, 'public'),
  row('192.0.0.170/32', 'NAT64/DNS64 Discovery', 'RFC 8880', false, 'reserved'),
  row('192.0.0.171/32', 'NAT64/DNS64 Discovery', 'RFC 8880', false, 'reserved'),
  row('192.0.2.0/24', 'Documentation (TEST-NET-1)', 'RFC 5737', false, 'documentation'),
  row('192.31.196.0/24', 'AS112-v4', 'RFC 7535', true, 'public'),
  row('192.52.193.0/24', 'AMT', 'RFC 7450', true, 'public'),
  row('192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'RFC 7526', null, 'reserved'),
  row('192.88.99.2/32', '6a44-relay anycast address', 'RFC 6751', false, 'reserved'),
  row('192.168.0.0/16', 'Private-Use', 'RFC 1918', false, 'private'),
  row('192.175.48.0/24', 'Direct Delegation AS112 Service', 'RFC 7534', true, 'public'),
  row('198.18.0.0/15', 'Benchmarking', 'RFC 2544', false, 'reserved'),
  row('198.51.100.0/24', 'Documentation (TEST-NET-2)', 'RFC 5737', false, 'documentation'),
  row('203.0.113.0/24', 'Documentation (TEST-NET-3)', 'RFC 5737', false, 'documentation'),
  row('240.0.0.0/4', 'Reserved', 'RFC 1112', false, 'reserved'),
  row('255.255.255.255/32', 'Limited Broadcast', 'RFC 8190', false, 'reserved'),
];

export const ipv6SpecialPurpose: readonly SpecialPurposeRow[] = [
  row('::1/128', 'Loopback Address', 'RFC 4291', false, 'loopback'),
  row('::/128', 'Unspecified Address', 'RFC 4291', false, 'unspecified'),
  // Never sent in an IPv6 packet (RFC 4291 §2.5.5.2): sockets use the form to name an IPv4 peer, so it is that peer.
  row('::ffff:0:0/96', 'IPv4-mapped Address', 'RFC 4291', false, 'reserved', 'ipv4-mapped'),
  // The well-known NAT64 prefix reaches the IPv4 address it embeds (RFC 6052 §3.1): a private one stays private.
  row('64:ff9b::/96', 'IPv4-IPv6 Translat.', 'RFC 6052', true, 'public', 'nat64'),
  row('64:ff9b:1::/48', 'IPv4-IPv6 Translat. (local use)', 'RFC 8215', false, 'reserved'),
  row('100::/64', 'Discard-Only Address Block', 'RFC 6666', false, 'reserved'),
  row('100:0:0:1::/64', 'Dummy IPv6 Prefix', 'RFC 9780', false, 'reserved'),
  row('2001::/23', 'IETF Protocol Assignments', 'RFC 2928', false, 'reserved'),
  // N/A in the registry: a Teredo address names a NAT-ed client, never a server a namespace should point at.
  row('2001::/32', 'TEREDO', 'RFC 4380', null, 'reserved'),
  row('2001:1::1/128', 'Port Control Protocol Anycast', 'RFC 7723', true, 'public'),
  row('2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', true, 'public'),
  row('2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'RFC 9665', true, 'public'),
  row('2001:2::/48', 'Benchmarking', 'RFC 5180', false, 'reserved'),
  row('2001:3::/32', 'AMT', 'RFC 7450', true, 'public'),
  row('2001:4:112::/48', 'AS112-v6', 'RFC 7535', true, 'public'),
  row('2001:10::/28', 'Deprecated (previously ORCHID)', 'RFC 4843', null, 'reserved'),
  row('2001:20::/28', 'ORCHIDv2', 'RFC 7343', true, 'public'),
  row('2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', 'RFC 9374', true, 'public'),
  row('2001:db8::/32', 'Documentation', 'RFC 3849', false, 'documentation'),
  // N/A in the registry: reachable exactly when the IPv4 address in bits 16–47 is (RFC 3056 §2).
  row('2002::/16', '6to4', 'RFC 3056', null, 'public', '6to4'),
  row('2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'RFC 7534', true, 'public'),
  row('3fff::/20', 'Documentation', 'RFC 9637', false, 'documentation'),
  row('5f00::/16', 'Segment Routing (SRv6) SIDs', 'RFC 9602', false, 'reserved'),
  row('fc00::/7', 'Unique-Local', 'RFC 4193', false, 'unique-local'),
  row('fe80::/10', 'Link-Local Unicast', 'RFC 4291', false, 'link-local'),
];

/**
 * Ranges the special-purpose registries leave to other registries: multicast (IANA's multicast address space
 * registries) and the deprecated site-local prefix. IPv6 outside 2000::/3 is not global unicast (IANA IPv6 Address
 * Space) and counts as reserved unless a row above says otherwise.
 */
export const otherAddressRanges: readonly SpecialPurposeRow[] = [
  row('224.0.0.0/4', 'Multicast', 'RFC 5771', false, 'multicast'),
  row('ff00::/8', 'Multicast', 'RFC 4291', false, 'multicast'),
  row('fec0::/10', 'Site-Local (deprecated)', 'RFC 3879', false, 'reserved'),
];

export const IPV6_GLOBAL_UNICAST = '2000::/3';
