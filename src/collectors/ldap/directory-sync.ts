// What Azure AD / Entra Connect leaves in on-premises AD (docs/facts/graph.md §3): its MSOL_ service account (the
// description names the sync server and tenant), msDS-ExternalDirectoryObjectId written back on mailbox users
// (Exchange hybrid writeback), and the device-registration service connection point (hybrid join).
import type { LdapConnection } from '../../clients/ldap.js';
import type { DirectorySyncFootprints } from '../../inventory/artifacts.js';
import type { MailboxScan } from './mailbox-scan.js';
import { text, texts } from './values.js';

type SyncAccount = DirectorySyncFootprints['syncAccounts'][number];

/** "MSOL_" + 12 hex of the installation id: a prefix search on an indexed attribute, fast on any directory. */
export const MSOL_ACCOUNT_FILTER = '(&(objectClass=user)(sAMAccountName=MSOL_*))';
/**
 * Custom sync accounts are known only by their description: a substring search AD cannot index, so it reads every
 * user and may take long on a big domain. Asked only when no MSOL_ account exists.
 */
export const DESCRIBED_SYNC_ACCOUNT_FILTER = '(&(objectClass=user)(description=*configured to synchronize to tenant*))';

const DESCRIPTION = /running on computer (?<computer>\S+) configured to synchronize to tenant (?<tenant>\S+?)\.?(\s|$)/;

/** https://learn.microsoft.com/entra/identity/devices/hybrid-join-manual#configure-a-service-connection-point */
const DEVICE_REGISTRATION_SCP = 'CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services';

export function parseSyncAccountDescription(description: string | null): { computer: string | null; tenant: string | null } {
  const groups = description ? DESCRIPTION.exec(description)?.groups : undefined;
  return { computer: groups?.computer ?? null, tenant: groups?.tenant ?? null };
}

export async function findSyncAccounts(connection: LdapConnection, base: string): Promise<SyncAccount[]> {
  const search = (filter: string) => connection.search(base, { scope: 'sub', filter, attributes: ['sAMAccountName', 'description'] });
  let { entries } = await search(MSOL_ACCOUNT_FILTER);
  if (entries.length === 0) ({ entries } = await search(DESCRIBED_SYNC_ACCOUNT_FILTER));
  return entries
    .map((entry) => {
      const description = text(entry, 'description');
      return { samAccountName: text(entry, 'sAMAccountName') ?? entry.dn, ...parseSyncAccountDescription(description), description };
    })
    .sort((a, b) => a.samAccountName.localeCompare(b.samAccountName));
}

export async function readDeviceRegistration(
  connection: LdapConnection,
  configurationDn: string,
): Promise<DirectorySyncFootprints['deviceRegistration']> {
  const entry = await connection.read(`${DEVICE_REGISTRATION_SCP},${configurationDn}`, ['keywords']);
  if (!entry) return null;
  const keyword = (prefix: string) => {
    const value = texts(entry, 'keywords').find((candidate) => candidate.toLowerCase().startsWith(prefix.toLowerCase()));
    return value ? value.slice(prefix.length).trim() || null : null;
  };
  return { tenantDomain: keyword('azureADName:'), tenantId: keyword('azureADId:') };
}

export function footprintsFrom(
  syncAccounts: SyncAccount[],
  scan: MailboxScan,
  deviceRegistration: DirectorySyncFootprints['deviceRegistration'],
): DirectorySyncFootprints {
  return {
    syncAccounts,
    mailboxUsers: scan.inScope,
    mailboxUsersWithExternalDirectoryObjectId: scan.withExternalId,
    deviceRegistration,
  };
}
