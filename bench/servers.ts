// The benchmark's loopback servers: a dns2 server answering for 20 namespaces × 3 addresses (plus one
// single-address name per address, to time one probe chain alone), and an HTTPS front end on each address.
import { type LabDnsServer, type LabRecord, startLabDnsServer } from '../src/lab/dns-server.js';
import { type FrontEndBehaviour, type RunningFrontEnds, startFrontEnds } from '../src/lab/exchange-front-end.js';
import { type CertificateAuthority, createCertificateAuthority } from '../src/lab/pki.js';

export const NAMESPACES = 20;
export const ADDRESSES_PER_NAMESPACE = 3;

export const namespaceName = (i: number) => `ns${String(i + 1).padStart(2, '0')}.bench.test`;
/** 127.0.1.1 … 127.0.1.60: a distinct loopback address per namespace address. */
export const addressOf = (namespace: number, member: number) => `127.0.1.${namespace * ADDRESSES_PER_NAMESPACE + member + 1}`;
/** A name with exactly one of those addresses, to time one probe chain alone. */
export const singleName = (namespace: number, member: number) => `n${namespace + 1}-m${member + 1}.bench.test`;

export interface BenchServers {
  pki: CertificateAuthority;
  dns: LabDnsServer;
  frontEnds: RunningFrontEnds;
  close(): Promise<void>;
}

export interface BenchLatency {
  /** Added before every DNS answer and every HTTP response. */
  millis: number;
  /**
   * Whether the front ends also hold each TLS handshake's answer that long, as a path with that much more latency does
   * (false: DNS and HTTP only, the latency benchmark's first model).
   */
  handshake: boolean;
}

export async function startBenchServers(behaviour: FrontEndBehaviour, latency: BenchLatency): Promise<BenchServers> {
  const { millis: latencyMs } = latency;
  const handshakeLatencyMs = latency.handshake ? latencyMs : 0;
  const pki = await createCertificateAuthority();
  const records: LabRecord[] = [];
  const descriptions = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let m = 0; m < ADDRESSES_PER_NAMESPACE; m++) {
      records.push({ name: namespaceName(n), type: 'A', address: addressOf(n, m) });
      records.push({ name: singleName(n, m), type: 'A', address: addressOf(n, m) });
      // A certificate per address for the names it serves, as a real front end has: one certificate listing all
      // 120 names would make every handshake parse 120 SANs, a cost no real deployment has.
      const tls = await pki.issue({ names: [namespaceName(n), singleName(n, m)] });
      descriptions.push({ address: addressOf(n, m), tls, behaviour, latencyMs, handshakeLatencyMs });
    }
  }
  const frontEnds = await startFrontEnds(descriptions);
  const dns = await startLabDnsServer({ address: '127.0.0.53', zones: ['bench.test'], records, latencyMs });
  return { pki, dns, frontEnds, close: async () => void (await Promise.all([frontEnds.close(), dns.close()])) };
}
