// What to probe — the one place that decides what the HTTPS probes connect to: every name in PublicDns (and the EWS
// hosts read from AD) × every address the public resolvers returned for it (answers with NOERROR, A and AAAA,
// de-duplicated across resolvers), and only addresses the Internet can reach (public, or in a --treat-as-public
// range). A private, loopback, link-local… address published in public DNS is evidence for the checks, never a
// connection target: from a CI runner it would be a connection into the runner's own network, and it is never what
// Graph sees. --probe-internal opts in, and those probes are the inside view (the checks say so). Only IP literals are
// ever targets, so no DNS answer reaches getaddrinfo. Every probe (the hybrid set's EWS probe included) starts here.
import { isIP } from 'node:net';
import type { DnsAnswer, PublicDns } from '../../inventory/artifacts.js';
import { judgeAddress, parseTreatAsPublic } from '../../net/address-class.js';

/** A name and what the public resolvers answered for it. */
export interface ResolvedName {
  name: string;
  role: ProbeTarget['role'];
  domain: string | null;
  answers: readonly DnsAnswer[];
}

export interface ProbeTarget {
  name: string;
  address: string;
  role: 'autodiscover' | 'namespace' | 'ews';
  /** For autodiscover names: the SMTP domain. */
  domain: string | null;
}

export interface ProbePlan {
  targets: ProbeTarget[];
  /** Addresses left alone because the Internet cannot reach them ("10.0.0.5 (private)"), for progress and debug. */
  notProbed: string[];
}

export function probeTargets(
  publicDns: { names: readonly ResolvedName[]; treatAsPublic: readonly string[] },
  settings: { probeInternal: boolean },
): ProbePlan {
  const treatAsPublic = parseTreatAsPublic(publicDns.treatAsPublic).cidrs;
  const targets: ProbeTarget[] = [];
  const notProbed = new Set<string>();
  const seen = new Set<string>();
  for (const dnsName of publicDns.names) {
    const addresses = dnsName.answers.filter((answer) => answer.rcode === 'NOERROR').flatMap((answer) => [...answer.a, ...answer.aaaa]);
    for (const address of addresses) {
      const key = `${dnsName.role}|${dnsName.name}|${address}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const judged = judgeAddress(address, treatAsPublic);
      if (isIP(address) === 0 || (!judged.countsAsPublic && !settings.probeInternal)) {
        notProbed.add(`${address} (${judged.label})`);
        continue;
      }
      targets.push({ name: dnsName.name, address, role: dnsName.role, domain: dnsName.domain });
    }
  }
  return { targets, notProbed: [...notProbed] };
}

/** True when at least one resolver answered (any rcode) for at least one name: otherwise nothing could be probed. */
export function anyResolverAnswered(publicDns: PublicDns): boolean {
  return publicDns.names.some((name) => name.answers.some((answer) => answer.rcode !== null));
}
