// One paged pass over every mailbox user, aggregating per homeMDB while paging: memory holds one page and one
// counter object per database, never the users (a forest can hold millions). Explicit, minimal attributes are
// what makes ldapts fast enough (docs/facts/libraries.md §1). Mailbox placement and the sync footprints share this pass.
import type { LdapConnection, LdapEntry } from '../../clients/ldap.js';
import type { MailboxCounts } from '../../inventory/artifacts.js';
import { emptyCounts, placementBucket, recipientCategory } from './recipient-types.js';
import { text } from './values.js';

/** Users with a mailbox in this organization (AD: homeMDB is set only on mailbox-enabled users). */
export const MAILBOX_USER_FILTER = '(&(objectClass=user)(homeMDB=*))';

const HOME_MDB = 'homeMDB';
const TYPE_DETAILS = 'msExchRecipientTypeDetails';
const EXTERNAL_ID = 'msDS-ExternalDirectoryObjectId';
const MAX_REFERENCES_KEPT = 20;

export interface MailboxScanOptions {
  /** Also count in-scope users carrying msDS-ExternalDirectoryObjectId (Exchange hybrid writeback). */
  countExternalIds: boolean;
  pageSize?: number;
}

export interface MailboxScan {
  /** Mailbox users read. */
  scanned: number;
  /** System, arbitration, monitoring, discovery and audit mailboxes among them. */
  excludedSystem: number;
  /** Per raw homeMDB value, counts of the rest. */
  byHomeMdb: Map<string, MailboxCounts>;
  /** Non-system mailbox users, and how many of them carry a written-back external directory object id. */
  inScope: number;
  withExternalId: number;
  /** Continuation references met (not chased): other domains, or AD's own naming contexts. */
  referenceCount: number;
  references: string[];
}

/** A scan that has counted nothing yet (the import of Exchange Management Shell counts fills one too). */
export function emptyMailboxScan(): MailboxScan {
  return { scanned: 0, excludedSystem: 0, byHomeMdb: new Map(), inScope: 0, withExternalId: 0, referenceCount: 0, references: [] };
}

export async function scanMailboxUsers(connection: LdapConnection, base: string, options: MailboxScanOptions): Promise<MailboxScan> {
  const attributes = options.countExternalIds ? [HOME_MDB, TYPE_DETAILS, EXTERNAL_ID] : [HOME_MDB, TYPE_DETAILS];
  const scan = emptyMailboxScan();
  const pages = connection.pages(base, {
    scope: 'sub',
    filter: MAILBOX_USER_FILTER,
    attributes,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  for await (const page of pages) {
    for (const entry of page.entries) count(scan, entry, options.countExternalIds);
    scan.referenceCount += page.references.length;
    for (const reference of page.references) {
      if (scan.references.length < MAX_REFERENCES_KEPT) scan.references.push(reference);
    }
  }
  return scan;
}

function count(scan: MailboxScan, entry: LdapEntry, countExternalIds: boolean): void {
  scan.scanned++;
  // The exact key is the server's spelling and hits for AD and slapd; `text` falls back to a case-insensitive look-up.
  const typeValue = entry[TYPE_DETAILS];
  const category = recipientCategory(typeof typeValue === 'string' ? typeValue : text(entry, TYPE_DETAILS));
  const bucket = placementBucket(category);
  if (bucket === null) {
    scan.excludedSystem++;
    return;
  }
  scan.inScope++;
  const homeValue = entry[HOME_MDB];
  const home = typeof homeValue === 'string' ? homeValue : text(entry, HOME_MDB);
  if (home !== null) {
    let counts = scan.byHomeMdb.get(home);
    if (counts === undefined) {
      counts = emptyCounts();
      scan.byHomeMdb.set(home, counts);
    }
    counts[bucket]++;
  }
  if (countExternalIds) {
    const external = entry[EXTERNAL_ID];
    if (typeof external === 'string' ? external.length > 0 : text(entry, EXTERNAL_ID)) scan.withExternalId++;
  }
}
