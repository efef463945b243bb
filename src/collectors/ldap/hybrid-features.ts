// The hybrid configuration object (Get-HybridConfiguration; class msExchCoexistenceRelationship) as the dedicated
// application checks read it: msExchCoexistenceFeatureFlags (the Features: FreeBusy 1, MoveMailbox 2, Mailtips 4,
// MessageTracking 8, OwaRedirection 16, OnlineArchive 32, SecureMail 64, CentralizedTransportOnPrem 128,
// CentralizedTransportInCloud 256, Photos 512) and the servers HCW named (decompiled HybridConfigurationSchema;
// docs/facts/hybrid.md). A missing flags attribute is recorded as unreadable, never as "no feature".
import type { LdapConnection } from '../../clients/ldap.js';
import { LdapFailure } from '../../clients/ldap-errors.js';
import { firstRdnValue } from '../../clients/ldap-escape.js';
import type { HybridFeatures } from '../../inventory/artifacts.js';
import { integer, sortedLowerUnique, texts } from './values.js';

export const HYBRID_FEATURE_FLAGS: readonly [number, string][] = [
  [1, 'FreeBusy'],
  [2, 'MoveMailbox'],
  [4, 'Mailtips'],
  [8, 'MessageTracking'],
  [16, 'OwaRedirection'],
  [32, 'OnlineArchive'],
  [64, 'SecureMail'],
  [128, 'CentralizedTransportOnPrem'],
  [256, 'CentralizedTransportInCloud'],
  [512, 'Photos'],
];

const SERVER_ATTRIBUTES = {
  clientAccessServers: 'msExchCoexistenceServers',
  sendingTransportServers: 'msExchCoexistenceTransportServers',
  receivingTransportServers: 'msExchCoexistenceFrontendTransportServers',
  edgeTransportServers: 'msExchCoexistenceEdgeTransportServers',
} as const;
const MAX_LINKS = 256;

export async function collectHybridFeatures(connection: LdapConnection, organizationDn: string): Promise<HybridFeatures> {
  let entries: Awaited<ReturnType<LdapConnection['search']>>['entries'];
  try {
    ({ entries } = await connection.search(organizationDn, {
      scope: 'sub',
      filter: '(objectClass=msExchCoexistenceRelationship)',
      attributes: ['cn', 'msExchCoexistenceFeatureFlags', 'msExchCoexistenceDomains', ...Object.values(SERVER_ATTRIBUTES)],
    }));
  } catch (error) {
    if (error instanceof LdapFailure && error.reason === 'no-such-object') return { configuration: null };
    throw error;
  }
  // Exchange keeps one hybrid configuration per organization (Get-HybridConfiguration takes no identity).
  const entry = [...entries].sort((a, b) => a.dn.localeCompare(b.dn))[0];
  if (!entry) return { configuration: null };
  const flags = integer(entry, 'msExchCoexistenceFeatureFlags');
  const links = (attribute: string) =>
    [...new Set(texts(entry, attribute))]
      .slice(0, MAX_LINKS)
      .map((dn) => ({ name: firstRdnValue(dn) ?? dn, dn }))
      .sort((a, b) => a.name.localeCompare(b.name));
  return {
    configuration: {
      dn: entry.dn,
      featureFlags: flags,
      features: flags === null ? [] : decodeFeatures(flags),
      clientAccessServers: links(SERVER_ATTRIBUTES.clientAccessServers),
      sendingTransportServers: links(SERVER_ATTRIBUTES.sendingTransportServers),
      receivingTransportServers: links(SERVER_ATTRIBUTES.receivingTransportServers),
      edgeTransportServers: links(SERVER_ATTRIBUTES.edgeTransportServers),
      // AutoDiscoverSmtpDomain values may carry an "autod:" mark for the domain used for Autodiscover.
      domains: sortedLowerUnique(texts(entry, 'msExchCoexistenceDomains').map((domain) => domain.replace(/^autod:/i, ''))),
    },
  };
}

/** Feature names for the flags, lowest bit first; unknown bits as "Unknown(<bit>)" so nothing read is dropped. */
export function decodeFeatures(flags: number): string[] {
  if (!Number.isSafeInteger(flags) || flags <= 0) return [];
  const names: string[] = [];
  for (let bit = 1, remaining = flags; remaining > 0 && bit <= 2 ** 30; bit *= 2) {
    if (remaining % (bit * 2) >= bit) {
      names.push(HYBRID_FEATURE_FLAGS.find(([value]) => value === bit)?.[1] ?? `Unknown(${bit})`);
      remaining -= bit;
    }
  }
  return names;
}
