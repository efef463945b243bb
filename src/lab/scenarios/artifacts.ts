// A scenario's Active Directory and Microsoft Graph artifacts: what its saved inventory records, and what the lab's
// directory and Graph serve (the lab builds its LDAP objects and Graph answers from these very values).
import type { Artifacts } from '../../inventory/artifacts.js';
import type { DirectoryArtifacts } from '../scenario-directory.js';
import { graphOrganization, graphUsers } from './cloud-artifacts.js';
import {
  directorySyncFootprints,
  exchangeOrganization,
  exchangeServers,
  hybridConfiguration,
  mailboxDatabases,
  mailboxPlacement,
  virtualDirectories,
} from './directory-artifacts.js';
import { exchangeOnlineServicePrincipal, hybridApplications } from './hybrid-cloud-artifacts.js';
import { exchangeAuthConfig, hybridFeatures, settingOverrides } from './hybrid-directory-artifacts.js';
import { hybridOf, type Setup } from './setup.js';

export function directoryArtifacts(setup: Setup): DirectoryArtifacts {
  const { estate, names } = setup;
  const hybrid = hybridOf(setup);
  const servers = exchangeServers(estate.servers);
  const classic = hybridConfiguration({
    intraOrganizationConnectorEnabled: setup.intraOrganizationConnectorEnabled,
    evoStsRealm: hybrid.evoStsRealm,
  });
  return {
    ExchangeOrganization: exchangeOrganization(estate.adPrep),
    ExchangeServers: servers,
    MailboxDatabases: mailboxDatabases(estate.databases),
    MailboxPlacement: mailboxPlacement(estate.databases, estate.homes, names),
    VirtualDirectories: virtualDirectories(estate.servers, names),
    HybridConfiguration: classic,
    // Without Graph access the tenant's state is unknown, but Entra Connect's marks in AD are there all the same.
    DirectorySyncFootprints: directorySyncFootprints(
      estate.databases,
      { synced: setup.tenant === 'no-graph-access' || setup.tenant.enabled !== null },
      names,
    ),
    ExchangeAuthConfig: exchangeAuthConfig(hybrid, classic),
    SettingOverrides: settingOverrides(hybrid),
    HybridFeatures: hybridFeatures(hybrid, estate.servers, servers, names),
  };
}

type CloudArtifacts = Pick<Artifacts, 'GraphOrganization' | 'GraphUsers'> &
  Partial<Pick<Artifacts, 'HybridApplications' | 'ExchangeOnlineServicePrincipal'>>;

/**
 * null when the scenario gives the assessment no Graph access. Without Application.Read.All the hybrid set's Graph
 * artifacts that need a Graph call are absent: Graph refuses them (scripts/fixtures records the 403). With no
 * dedicated application named in AD, HybridApplications needs no call at all.
 */
export function cloudArtifacts(setup: Setup): CloudArtifacts | null {
  if (setup.tenant === 'no-graph-access') return null;
  const hybrid = hybridOf(setup);
  return {
    GraphOrganization: graphOrganization(setup.tenant, setup.names, hybrid.applicationReadAll),
    GraphUsers: graphUsers(setup.tenant, setup.names),
    ...(hybrid.applicationReadAll || !hybrid.dedicatedApp ? { HybridApplications: hybridApplications(hybrid) } : {}),
    ...(hybrid.applicationReadAll ? { ExchangeOnlineServicePrincipal: exchangeOnlineServicePrincipal(hybrid) } : {}),
  };
}
