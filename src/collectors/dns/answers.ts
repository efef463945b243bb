// Reading a DNS response: the response code, the CNAME chain from the question name, and the addresses
// that belong to the end of that chain (records for other owners are ignored, as a stub resolver does).
import dns2 from 'dns2';
import type { DnsPacket } from '../../clients/dns.js';
import type { DnsAnswer } from '../../inventory/artifacts.js';
import { normaliseHost } from './names.js';

const { Packet } = dns2;
type Rcode = NonNullable<DnsAnswer['rcode']>;

const RCODES: Record<number, Rcode> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

export function rcodeOf(packet: DnsPacket): Rcode {
  return RCODES[packet.header.rcode] ?? 'OTHER';
}

/** RFC 5952 text for IPv6 (dns2 already emits it; this also lower-cases anything a server spelled oddly). */
function canonicalAddress(address: string): string {
  if (!address.includes(':')) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}

export interface ChainAndAddresses {
  /** CNAME targets in order, starting after `name`. */
  chain: string[];
  /** The name at the end of the chain. */
  end: string;
  addresses: string[];
}

export function chainAndAddresses(packet: DnsPacket, name: string, type: 'A' | 'AAAA'): ChainAndAddresses {
  const cnames = new Map<string, string>();
  for (const record of packet.answers) {
    if (record.type === Packet.TYPE.CNAME && record.domain) cnames.set(normaliseHost(record.name), normaliseHost(record.domain));
  }
  const chain: string[] = [];
  let end = normaliseHost(name);
  while (cnames.has(end) && chain.length <= cnames.size) {
    end = cnames.get(end)!;
    if (chain.includes(end)) break; // a CNAME loop
    chain.push(end);
  }
  const addresses = packet.answers
    .filter((record) => record.type === Packet.TYPE[type] && record.address && normaliseHost(record.name) === end)
    .map((record) => canonicalAddress(record.address!));
  return { chain, end, addresses: [...new Set(addresses)] };
}

export function srvRecords(packet: DnsPacket) {
  return packet.answers
    .filter((record) => record.type === Packet.TYPE.SRV && record.target !== undefined)
    .map((record) => ({
      priority: record.priority ?? 0,
      weight: record.weight ?? 0,
      port: record.port ?? 0,
      target: normaliseHost(record.target!),
    }))
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight || a.target.localeCompare(b.target));
}
