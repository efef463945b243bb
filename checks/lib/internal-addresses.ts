// Addresses that public DNS gives but the HTTPS probes left alone because the Internet cannot reach them (private,
// loopback, link-local…; src/collectors/https/targets.ts decides, --probe-internal overrides). Every check that judges
// probes reports them the same way — a caveat, not a pass: the DNS checks fail the record itself — so the hybrid
// set's probes (EWS) inherit the wording with the rule.
import type { PublicDns } from '../../src/inventory/artifacts.js';
import { judgeAddress, parseTreatAsPublic } from '../../src/net/address-class.js';

export interface InternalAddress {
  name: string;
  address: string;
  /** "private", "loopback"… */
  addressClass: string;
}

/** Message for a finding about one such address: {{name}}, {{address}}, {{addressClass}}. */
export const INTERNAL_ADDRESS_NOT_PROBED =
  '{{name}} resolves publicly to {{address}}, a {{addressClass}} address the Internet cannot reach: it was not probed (from here that would be a connection into this network, never what Microsoft 365 sees); --probe-internal probes it as the inside view.';

/** Remediation for it. */
export const FIX_INTERNAL_ADDRESS =
  'Publish the Internet-facing (NAT or load-balancer) address of {{name}} in public DNS and keep {{address}} in the internal zone only (split DNS), then run again.';

/** Non-public addresses of the names (of `role`, when given) that no probe covered. */
export function internalAddressesNotProbed(
  publicDns: PublicDns | undefined,
  probed: ReadonlySet<string>,
  role?: 'autodiscover' | 'namespace',
): InternalAddress[] {
  if (!publicDns) return [];
  const treatAsPublic = parseTreatAsPublic(publicDns.treatAsPublic).cidrs;
  const found: InternalAddress[] = [];
  for (const dnsName of publicDns.names) {
    if (role && dnsName.role !== role) continue;
    const addresses = new Set(
      dnsName.answers.filter((answer) => answer.rcode === 'NOERROR').flatMap((answer) => [...answer.a, ...answer.aaaa]),
    );
    for (const address of addresses) {
      if (probed.has(`${dnsName.name}|${address}`)) continue;
      const judged = judgeAddress(address, treatAsPublic);
      if (!judged.countsAsPublic) found.push({ name: dnsName.name, address, addressClass: judged.label });
    }
  }
  return found;
}
