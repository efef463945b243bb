// What to probe: every name in PublicDns × every address the public resolvers returned for it (answers with
// NOERROR, A and AAAA, de-duplicated across resolvers). Private addresses are probed too: the checks judge
// what such a probe proves (from here it shows reachability from inside only), and an unprobed address
// would be a gap in their evidence.
import type { PublicDns } from '../../inventory/artifacts.js';

export interface ProbeTarget {
  name: string;
  address: string;
  role: 'autodiscover' | 'namespace';
  /** For autodiscover names: the SMTP domain. */
  domain: string | null;
}

export function probeTargets(publicDns: PublicDns): ProbeTarget[] {
  const targets: ProbeTarget[] = [];
  const seen = new Set<string>();
  for (const dnsName of publicDns.names) {
    const addresses = dnsName.answers.filter((answer) => answer.rcode === 'NOERROR').flatMap((answer) => [...answer.a, ...answer.aaaa]);
    for (const address of addresses) {
      const key = `${dnsName.role}|${dnsName.name}|${address}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ name: dnsName.name, address, role: dnsName.role, domain: dnsName.domain });
    }
  }
  return targets;
}

/** True when at least one resolver answered (any rcode) for at least one name: otherwise nothing could be probed. */
export function anyResolverAnswered(publicDns: PublicDns): boolean {
  return publicDns.names.some((name) => name.answers.some((answer) => answer.rcode !== null));
}
