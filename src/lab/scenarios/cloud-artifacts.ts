// Microsoft Graph artifacts of the example tenant and the Graph calls the application declares. The saved
// inventories hold them as they are; the lab's Graph serves them (src/lab/scenario-graph.ts).
import type { DeclaredApis, GraphOrganization, GraphUsers } from '../../inventory/artifacts.js';
import { MAILBOX_USERS, type MailboxUser, mailboxOf, type PublicNames, TENANT_ID } from './contoso.js';
import type { TenantSync } from './setup.js';

/**
 * GET /v1.0/organization read with Organization.Read.All, so nulls are real nulls (restrictedView false). The app
 * holds Application.Read.All too when the scenario lets the hybrid set read applications.
 */
export function graphOrganization(sync: TenantSync, names: PublicNames, applicationReadAll = false): GraphOrganization {
  return {
    id: TENANT_ID,
    displayName: 'Contoso',
    onPremisesSyncEnabled: sync.enabled,
    onPremisesLastSyncDateTime: sync.lastSync,
    verifiedDomains: [names.smtpDomain, 'contoso.mail.onmicrosoft.com', 'contoso.onmicrosoft.com'],
    tokenRoles: ['Organization.Read.All', 'User.Read.All', ...(applicationReadAll ? ['Application.Read.All'] : [])],
    restrictedView: false,
    cloud: 'global',
  };
}

const USER_IDS: Readonly<Record<MailboxUser, { id: string; immutableId: string }>> = {
  'adele.vance': { id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', immutableId: 'kX8h4Jb0WkOd3m1pQy7sZg==' },
  'megan.bowen': { id: '5bde3e51-d13b-4db1-9948-fe4b109d11a7', immutableId: 'T2v9cB1xRU6yM0q3nLd8Aw==' },
};

/** The mailboxes' users. Users created in the cloud (never synced) carry no on-premises values. */
export function graphUsers(sync: TenantSync, names: PublicNames): GraphUsers {
  return {
    users: MAILBOX_USERS.map((user) => {
      const known = USER_IDS[user];
      return {
        mailbox: mailboxOf(names, user),
        found: true,
        id: known.id,
        onPremisesSyncEnabled: sync.enabled,
        onPremisesImmutableId: sync.enabled === null ? null : known.immutableId,
        onPremisesLastSyncDateTime: sync.lastSync,
        onPremisesProvisioningErrors: [],
        error: null,
      };
    }),
  };
}

export function declaredApis(calls: DeclaredApis['calls']): DeclaredApis {
  return { calls: calls.map((call) => ({ ...call })) };
}
