// MailboxPlacement from collect-ems.ps1's mailbox count (objects of type HybridReadiness.CollectEms.MailboxCount: a
// homeMDB DN, an msExchRecipientTypeDetails value and how many mailbox users have both, read from AD exactly as the
// LDAP collector reads them) and from Get-Recipient for the named mailboxes. Counting with Get-Mailbox -ResultSize
// Unlimited would take hours in a large organization; the AD query takes seconds.

import { placementFromScan } from '../collectors/ldap/mailbox-placement.js';
import { emptyMailboxScan } from '../collectors/ldap/mailbox-scan.js';
import { emptyCounts, placementBucket, recipientCategory } from '../collectors/ldap/recipient-types.js';
import { RECIPIENT_TYPE_DETAILS } from '../exchange/recipient-types.js';
import type { MailboxPlacement } from '../inventory/artifacts.js';
import { decimal, distinguishedName, integer, list, nonEmptyText, objectName, type PsObject, prop, text } from './clixml-values.js';
import type { Manifest } from './manifest.js';
import { type ExportRecord, newestByIdentity } from './recognise.js';

type Requested = MailboxPlacement['requested'][number];

export function mailboxPlacementFrom(
  counts: readonly ExportRecord[],
  recipients: readonly ExportRecord[] | null,
  manifest: Manifest | null,
): { artifact: MailboxPlacement; notes: string[] } {
  const merged = newestByIdentity(counts, (record) => {
    const database = nonEmptyText(prop(record.object, 'Database'));
    return database === null ? null : `${database.toLowerCase()}|${nonEmptyText(prop(record.object, 'RecipientTypeDetails')) ?? ''}`;
  });
  const scan = emptyMailboxScan();
  for (const { object } of merged.records) {
    const count = integer(prop(object, 'Count')) ?? 0;
    if (count <= 0) continue;
    const home = nonEmptyText(prop(object, 'Database'));
    const bucket = placementBucket(recipientCategory(nonEmptyText(prop(object, 'RecipientTypeDetails'))));
    scan.scanned += count;
    if (bucket === null) {
      scan.excludedSystem += count;
      continue;
    }
    scan.inScope += count;
    if (home === null) continue;
    const perDatabase = scan.byHomeMdb.get(home) ?? emptyCounts();
    perDatabase[bucket] += count;
    scan.byHomeMdb.set(home, perDatabase);
  }
  const notes: string[] = [];
  const addresses = manifest?.requestedMailboxes ?? [];
  let requested: Requested[] = [];
  if (recipients === null) {
    if (addresses.length > 0) notes.push(`the named mailboxes (${addresses.join(', ')}) were not looked up: no Get-Recipient export`);
  } else {
    requested = requestedMailboxes(addresses, recipients);
  }
  return { artifact: placementFromScan(scan, requested, manifest?.mailboxCountForest ?? false), notes };
}

/** Each named mailbox (the manifest's list, else every exported recipient) and where Get-Recipient says it lives. */
function requestedMailboxes(addresses: readonly string[], recipients: readonly ExportRecord[]): Requested[] {
  const objects = recipients.map((record) => record.object);
  const wanted = addresses.length > 0 ? addresses : objects.map(primaryAddress).filter((address): address is string => address !== null);
  return [...new Set(wanted)].map((address) => {
    const recipient = objects.find((object) => addressesOf(object).includes(address.trim().toLowerCase()));
    if (!recipient) return { address, found: false, databaseDn: null, database: null, recipientTypeDetails: null, remote: false };
    const database = prop(recipient, 'Database');
    const typeDetails = recipientTypeDetailsOf(recipient);
    return {
      address,
      found: true,
      databaseDn: distinguishedName(database),
      database: distinguishedName(database) ? objectName(database) : null,
      recipientTypeDetails: typeDetails,
      remote: recipientCategory(typeDetails) === 'remote',
    };
  });
}

function primaryAddress(object: PsObject): string | null {
  return nonEmptyText(prop(object, 'PrimarySmtpAddress'))?.toLowerCase() ?? null;
}

/** The primary address and every smtp: proxy address, lower-cased. */
function addressesOf(object: PsObject): string[] {
  const proxies = list(prop(object, 'EmailAddresses'))
    .map((value) => text(value) ?? '')
    .filter((value) => /^smtp:/i.test(value))
    .map((value) => value.slice(5).toLowerCase());
  const primary = primaryAddress(object);
  return primary ? [primary, ...proxies] : proxies;
}

/** RecipientTypeDetails is an enum: its number when the export kept it, else its name looked up. */
function recipientTypeDetailsOf(object: PsObject): string | null {
  const value = prop(object, 'RecipientTypeDetails');
  const name = nonEmptyText(value)?.toLowerCase();
  return decimal(value) ?? RECIPIENT_TYPE_DETAILS.find(([known]) => known.toLowerCase() === name)?.[1].toString() ?? null;
}
