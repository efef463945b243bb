// MailboxPlacement: the per-database counts of the mailbox scan, plus where each --mailbox lives. A mailbox is
// found by its primary address (mail) or any SMTP proxy address; AD matches proxyAddresses case-insensitively,
// so "smtp:" also finds the primary "SMTP:" value.
import type { LdapConnection } from '../../clients/ldap.js';
import { dnKey, escapeFilterValue, firstRdnValue } from '../../clients/ldap-escape.js';
import type { MailboxCounts, MailboxPlacement } from '../../inventory/artifacts.js';
import type { MailboxScan } from './mailbox-scan.js';
import { emptyCounts, recipientCategory } from './recipient-types.js';
import { text } from './values.js';

type Requested = MailboxPlacement['requested'][number];

export function placementFromScan(scan: MailboxScan, requested: Requested[], globalCatalog: boolean): MailboxPlacement {
  // The same database can come back spelled differently (case, escaping): merge on the normalised DN.
  const merged = new Map<string, { databaseDn: string; database: string; counts: MailboxCounts }>();
  for (const [homeMdb, counts] of scan.byHomeMdb) {
    const key = dnKey(homeMdb);
    const existing = merged.get(key);
    if (existing) {
      for (const bucket of Object.keys(counts) as (keyof MailboxCounts)[]) existing.counts[bucket] += counts[bucket];
    } else {
      merged.set(key, { databaseDn: homeMdb, database: firstRdnValue(homeMdb) ?? homeMdb, counts: { ...emptyCounts(), ...counts } });
    }
  }
  const byDatabase = [...merged.values()].sort(
    (a, b) => a.database.localeCompare(b.database, 'en', { sensitivity: 'base' }) || a.databaseDn.localeCompare(b.databaseDn),
  );
  return { byDatabase, scanned: scan.scanned, excludedSystem: scan.excludedSystem, requested, globalCatalog };
}

/** Looks up each requested address; a missing mailbox is a fact (found: false), not an error. */
export async function findRequestedMailboxes(connection: LdapConnection, base: string, addresses: readonly string[]): Promise<Requested[]> {
  const results: Requested[] = [];
  for (const address of addresses) results.push(await findMailbox(connection, base, address));
  return results;
}

export function mailboxFilter(address: string): string {
  const value = escapeFilterValue(address.trim());
  return `(|(mail=${value})(proxyAddresses=smtp:${value}))`;
}

async function findMailbox(connection: LdapConnection, base: string, address: string): Promise<Requested> {
  const { entries } = await connection.search(base, {
    scope: 'sub',
    filter: mailboxFilter(address),
    attributes: ['homeMDB', 'msExchRecipientTypeDetails'],
  });
  // Prefer the object that has a mailbox, should an address be on several objects (a contact and a user).
  const entry = entries.find((candidate) => text(candidate, 'homeMDB') !== null) ?? entries[0];
  if (!entry) {
    return { address, found: false, databaseDn: null, database: null, recipientTypeDetails: null, remote: false };
  }
  const databaseDn = text(entry, 'homeMDB');
  const typeDetails = text(entry, 'msExchRecipientTypeDetails');
  return {
    address,
    found: true,
    databaseDn,
    database: databaseDn ? firstRdnValue(databaseDn) : null,
    recipientTypeDetails: typeDetails?.trim() ?? null,
    remote: recipientCategory(typeDetails) === 'remote',
  };
}
