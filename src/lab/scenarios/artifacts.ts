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
import type { Setup } from './setup.js';

export function directoryArtifacts(setup: Setup): DirectoryArtifacts {
  const { estate, names } = setup;
  return {
    ExchangeOrganization: exchangeOrganization(estate.adPrep),
    ExchangeServers: exchangeServers(estate.servers),
    MailboxDatabases: mailboxDatabases(estate.databases),
    MailboxPlacement: mailboxPlacement(estate.databases, estate.homes, names),
    VirtualDirectories: virtualDirectories(estate.servers, names),
    HybridConfiguration: hybridConfiguration({ intraOrganizationConnectorEnabled: setup.intraOrganizationConnectorEnabled }),
    // Without Graph access the tenant's state is unknown, but Entra Connect's marks in AD are there all the same.
    DirectorySyncFootprints: directorySyncFootprints(
      estate.databases,
      { synced: setup.tenant === 'no-graph-access' || setup.tenant.enabled !== null },
      names,
    ),
  };
}

/** null when the scenario gives the assessment no Graph access. */
export function cloudArtifacts(setup: Setup): Pick<Artifacts, 'GraphOrganization' | 'GraphUsers'> | null {
  if (setup.tenant === 'no-graph-access') return null;
  return { GraphOrganization: graphOrganization(setup.tenant, setup.names), GraphUsers: graphUsers(setup.tenant, setup.names) };
}
