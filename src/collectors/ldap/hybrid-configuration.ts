// Classic hybrid OAuth as Exchange stores it below the organization (docs/facts/active-directory.md §1, docs/facts/graph.md §5), attribute names from the
// decompiled AuthServerSchema, PartnerApplicationSchema and IntraOrganizationConnectorSchema:
// - msExchAuthFlags: bit 0 Enabled, bit 1 IsDefaultAuthorizationEndpoint (auth server) / UseAuthServer (partner
//   app); Exchange persists the default 1 when it creates the object.
// - an intra-organization connector reuses the organization-relationship attributes msExchFedDomainNames
//   (TargetAddressDomains), msExchFedTargetAutodiscoverEPR (DiscoveryEndpoint), msExchFedIsEnabled (default true).
import type { LdapConnection } from '../../clients/ldap.js';
import { firstRdnValue } from '../../clients/ldap-escape.js';
import type { HybridConfiguration } from '../../inventory/artifacts.js';
import { boolean, byName, integer, sortedLowerUnique, text, texts } from './values.js';

/** AuthServerType enum (decompiled; the same in two independent decompilations). */
export const AUTH_SERVER_TYPES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'MicrosoftACS',
  2: 'Facebook',
  3: 'LinkedIn',
  4: 'ADFS',
  5: 'AzureAD',
};

const DEFAULT_AUTH_FLAGS = 1;
const ENABLED_BIT = 1;
const SECOND_BIT = 2;

export async function collectHybridConfiguration(connection: LdapConnection, organizationDn: string): Promise<HybridConfiguration> {
  const search = (filter: string, attributes: string[]) => connection.search(organizationDn, { scope: 'sub', filter, attributes });

  const authServers = await search('(objectClass=msExchAuthAuthServer)', [
    'cn',
    'msExchAuthAuthServerType',
    'msExchAuthFlags',
    'msExchAuthIssuerName',
    'msExchAuthMetadataUrl',
    'msExchAuthRealm',
  ]);
  const partnerApplications = await search('(objectClass=msExchAuthPartnerApplication)', [
    'cn',
    'msExchAuthApplicationIdentifier',
    'msExchAuthFlags',
    'msExchAuthRealm',
  ]);
  const connectors = await search('(objectClass=msExchIntraOrganizationConnector)', [
    'cn',
    'msExchFedDomainNames',
    'msExchFedIsEnabled',
    'msExchFedTargetAutodiscoverEPR',
  ]);
  const hybrid = await search('(objectClass=msExchCoexistenceRelationship)', ['cn']);

  const nameOf = (entry: { dn: string } & Parameters<typeof text>[0]) => text(entry, 'cn') ?? firstRdnValue(entry.dn) ?? entry.dn;

  return {
    authServers: authServers.entries
      .map((entry) => {
        const flags = integer(entry, 'msExchAuthFlags') ?? DEFAULT_AUTH_FLAGS;
        const type = integer(entry, 'msExchAuthAuthServerType');
        const rawType = text(entry, 'msExchAuthAuthServerType');
        return {
          name: nameOf(entry),
          type: type !== null ? (AUTH_SERVER_TYPES[type] ?? String(type)) : rawType?.trim() || null,
          enabled: (flags & ENABLED_BIT) !== 0,
          isDefaultAuthorizationEndpoint: (flags & SECOND_BIT) !== 0,
          issuerIdentifier: blankToNull(text(entry, 'msExchAuthIssuerName')),
          metadataUrl: blankToNull(text(entry, 'msExchAuthMetadataUrl')),
          realm: blankToNull(text(entry, 'msExchAuthRealm')),
        };
      })
      .sort(byName),
    partnerApplications: partnerApplications.entries
      .map((entry) => {
        const storedFlags = integer(entry, 'msExchAuthFlags');
        const flags = storedFlags ?? DEFAULT_AUTH_FLAGS;
        return {
          name: nameOf(entry),
          applicationIdentifier: blankToNull(text(entry, 'msExchAuthApplicationIdentifier')),
          enabled: (flags & ENABLED_BIT) !== 0,
          realm: blankToNull(text(entry, 'msExchAuthRealm')),
          // Not stored: we did not read it, so we do not claim it.
          useAuthServer: storedFlags === null ? null : (storedFlags & SECOND_BIT) !== 0,
        };
      })
      .sort(byName),
    intraOrganizationConnectors: connectors.entries
      .map((entry) => ({
        name: nameOf(entry),
        enabled: boolean(entry, 'msExchFedIsEnabled') ?? true,
        targetAddressDomains: sortedLowerUnique(texts(entry, 'msExchFedDomainNames')),
        discoveryEndpoint: blankToNull(text(entry, 'msExchFedTargetAutodiscoverEPR')),
      }))
      .sort(byName),
    hybridConfigurationPresent: hybrid.entries.length > 0,
  };
}

function blankToNull(value: string | null): string | null {
  return value?.trim() ? value.trim() : null;
}
