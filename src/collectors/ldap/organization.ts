// The RootDSE naming contexts and the Exchange organization container (docs/facts/active-directory.md §1, docs/facts/builds.md §4):
// org = the msExchOrganizationContainer one level below CN=Microsoft Exchange,CN=Services,<Configuration NC>.
// /PrepareAD leaves its marks in three places: rangeUpper of CN=ms-Exch-Schema-Version-Pt (schema), objectVersion of
// the organization (Configuration) and of CN=Microsoft Exchange System Objects (domain).
// https://learn.microsoft.com/exchange/plan-and-deploy/prepare-ad-and-domains
import type { LdapConnection } from '../../clients/ldap.js';
import { LdapFailure } from '../../clients/ldap-errors.js';
import { firstRdnValue } from '../../clients/ldap-escape.js';
import type { ExchangeOrganization } from '../../inventory/artifacts.js';
import { integer, text } from './values.js';

export interface NamingContexts {
  configuration: string;
  schema: string;
  defaultDomain: string | null;
  rootDomain: string | null;
  dnsHostName: string | null;
}

export async function readNamingContexts(connection: LdapConnection): Promise<NamingContexts> {
  const rootDse = await connection.read('', [
    'configurationNamingContext',
    'schemaNamingContext',
    'defaultNamingContext',
    'rootDomainNamingContext',
    'dnsHostName',
  ]);
  const configuration = rootDse ? text(rootDse, 'configurationNamingContext') : null;
  const schema = rootDse ? text(rootDse, 'schemaNamingContext') : null;
  if (!configuration || !schema) {
    throw new LdapFailure(
      'not-active-directory',
      `The RootDSE of ${connection.server} names no configurationNamingContext/schemaNamingContext: this is not an Active Directory ` +
        'domain controller (or the RootDSE is hidden from this account). Point --ldap-url at a domain controller of the Exchange forest.',
    );
  }
  return {
    configuration,
    schema,
    defaultDomain: rootDse ? text(rootDse, 'defaultNamingContext') : null,
    rootDomain: rootDse ? text(rootDse, 'rootDomainNamingContext') : null,
    dnsHostName: rootDse ? text(rootDse, 'dnsHostName') : null,
  };
}

export interface OrganizationLocation {
  name: string;
  dn: string;
  objectVersion: number | null;
  /** DNs of further organization containers (Exchange supports one per forest; more means leftovers). */
  ignored: string[];
}

/** Finds the Exchange organization; throws LdapFailure with the reason a user can act on. */
export async function findOrganization(connection: LdapConnection, contexts: NamingContexts): Promise<OrganizationLocation> {
  const exchangeContainer = `CN=Microsoft Exchange,CN=Services,${contexts.configuration}`;
  const container = await connection.read(exchangeContainer, ['cn']);
  if (!container) {
    // Missing, or invisible? If the Configuration NC itself cannot be read, it is access, not absence.
    const configuration = await connection.read(contexts.configuration, ['cn']);
    if (!configuration) {
      throw new LdapFailure(
        'insufficient-access',
        `${connection.boundAs ? `"${connection.boundAs}"` : 'The anonymous user'} cannot read the Configuration partition ` +
          `"${contexts.configuration}" on ${connection.server}. Any authenticated domain user can read it by default: ` +
          'bind with such an account (--bind-dn), or ask for read access to CN=Configuration.',
      );
    }
    throw noOrganization(connection, exchangeContainer);
  }
  const { entries } = await connection.search(exchangeContainer, {
    scope: 'one',
    filter: '(objectClass=msExchOrganizationContainer)',
    attributes: ['cn', 'objectVersion'],
  });
  const [first, ...others] = entries;
  if (!first) throw noOrganization(connection, exchangeContainer);
  return {
    name: text(first, 'cn') ?? firstRdnValue(first.dn) ?? first.dn,
    dn: first.dn,
    objectVersion: integer(first, 'objectVersion'),
    ignored: others.map((entry) => entry.dn),
  };
}

function noOrganization(connection: LdapConnection, exchangeContainer: string): LdapFailure {
  return new LdapFailure(
    'no-exchange-organization',
    `No Exchange organization found under "${exchangeContainer}" on ${connection.server}: Exchange was never installed in this forest, ` +
      '/PrepareAD has not run, or this account cannot see CN=Microsoft Exchange. Check that --ldap-url points into the Exchange forest.',
  );
}

export async function collectExchangeOrganization(
  connection: LdapConnection,
  contexts: NamingContexts,
  organization: OrganizationLocation,
): Promise<ExchangeOrganization> {
  const schemaEntry = await connection.read(`CN=ms-Exch-Schema-Version-Pt,${contexts.schema}`, ['rangeUpper']);
  const domainEntry = contexts.defaultDomain
    ? await connection.read(`CN=Microsoft Exchange System Objects,${contexts.defaultDomain}`, ['objectVersion'])
    : null;
  return {
    name: organization.name,
    dn: organization.dn,
    objectVersion: organization.objectVersion,
    schemaVersion: schemaEntry ? integer(schemaEntry, 'rangeUpper') : null,
    domainObjectVersion: domainEntry ? integer(domainEntry, 'objectVersion') : null,
    namingContexts: {
      configuration: contexts.configuration,
      schema: contexts.schema,
      defaultDomain: contexts.defaultDomain,
    },
  };
}
