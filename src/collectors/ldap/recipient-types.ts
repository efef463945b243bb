// msExchRecipientTypeDetails (src/exchange/recipient-types.ts; docs/facts/active-directory.md §4) sorted into the buckets
// the MailboxPlacement artifact counts. Values exceed 2^31 (RemoteUserMailbox = 2^31, AuditLogMailbox = 2^42),
// so they are compared as the decimal strings LDAP carries: no BigInt per entry, no precision questions.
import { type RecipientTypeName, recipientTypeValue } from '../../exchange/recipient-types.js';
import type { MailboxCounts } from '../../inventory/artifacts.js';

export type MailboxBucket = keyof MailboxCounts;
/** Excluded from placement counts: mailboxes no REST client ever opens. */
export type ExcludedKind = 'system';
export type RecipientCategory = MailboxBucket | ExcludedKind | 'remote';

const CATEGORY_OF_TYPE: readonly [RecipientTypeName, RecipientCategory][] = [
  ['UserMailbox', 'user'],
  ['LinkedMailbox', 'linked'],
  ['LinkedRoomMailbox', 'linked'],
  ['SharedMailbox', 'shared'],
  ['RoomMailbox', 'resource'],
  ['EquipmentMailbox', 'resource'],
  ['SystemAttendantMailbox', 'system'],
  ['SystemMailbox', 'system'],
  ['MicrosoftExchange', 'system'],
  ['ArbitrationMailbox', 'system'],
  ['DiscoveryMailbox', 'system'],
  ['MonitoringMailbox', 'system'],
  ['AuditLogMailbox', 'system'],
  ['RemoteUserMailbox', 'remote'],
  ['RemoteRoomMailbox', 'remote'],
  ['RemoteEquipmentMailbox', 'remote'],
  ['RemoteSharedMailbox', 'remote'],
  ['RemoteTeamMailbox', 'remote'],
  ['RemoteGroupMailbox', 'remote'],
];
const CATEGORIES: ReadonlyMap<string, RecipientCategory> = new Map(
  CATEGORY_OF_TYPE.map(([name, category]) => [recipientTypeValue(name), category]),
);

/**
 * The category of a raw msExchRecipientTypeDetails value. Anything else (LegacyMailbox, PublicFolderMailbox,
 * TeamMailbox, GroupMailbox, a missing value…) is "other": counted, never silently dropped.
 */
export function recipientCategory(value: string | null | undefined): RecipientCategory {
  if (value === null || value === undefined) return 'other';
  return CATEGORIES.get(value) ?? CATEGORIES.get(normaliseInteger(value)) ?? 'other';
}

/** Where a remote-type mailbox shows up under a homeMDB (a stale value): counted as "other". */
export function placementBucket(category: RecipientCategory): MailboxBucket | null {
  if (category === 'system') return null;
  if (category === 'remote') return 'other';
  return category;
}

/** "+0001" or " 1" → "1"; non-integers unchanged (they then fall into "other"). */
function normaliseInteger(value: string): string {
  const trimmed = value.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return trimmed;
  return BigInt(trimmed).toString();
}

export function emptyCounts(): MailboxCounts {
  return { user: 0, shared: 0, resource: 0, linked: 0, other: 0 };
}
