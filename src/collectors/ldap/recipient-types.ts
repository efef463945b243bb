// msExchRecipientTypeDetails (an int64, decompiled RecipientTypeDetails; FACTS.md §2.4) sorted into the buckets
// the MailboxPlacement artifact counts. Values exceed 2^31 (RemoteUserMailbox = 2^31, AuditLogMailbox = 2^42),
// so they are compared as the decimal strings LDAP carries: no BigInt per entry, no precision questions.
import type { MailboxCounts } from '../../inventory/artifacts.js';

export type MailboxBucket = keyof MailboxCounts;
/** Excluded from placement counts: mailboxes no REST client ever opens. */
export type ExcludedKind = 'system';
export type RecipientCategory = MailboxBucket | ExcludedKind | 'remote';

const CATEGORIES: ReadonlyMap<string, RecipientCategory> = new Map<string, RecipientCategory>([
  ['1', 'user'], // UserMailbox
  ['2', 'linked'], // LinkedMailbox
  ['2199023255552', 'linked'], // LinkedRoomMailbox
  ['4', 'shared'], // SharedMailbox
  ['16', 'resource'], // RoomMailbox
  ['32', 'resource'], // EquipmentMailbox
  ['8192', 'system'], // SystemAttendantMailbox
  ['16384', 'system'], // SystemMailbox
  ['4194304', 'system'], // MicrosoftExchange
  ['8388608', 'system'], // ArbitrationMailbox
  ['536870912', 'system'], // DiscoveryMailbox
  ['549755813888', 'system'], // MonitoringMailbox
  ['4398046511104', 'system'], // AuditLogMailbox
  ['2147483648', 'remote'], // RemoteUserMailbox
  ['8589934592', 'remote'], // RemoteRoomMailbox
  ['17179869184', 'remote'], // RemoteEquipmentMailbox
  ['34359738368', 'remote'], // RemoteSharedMailbox
  ['274877906944', 'remote'], // RemoteTeamMailbox
  ['8796093022208', 'remote'], // RemoteGroupMailbox
]);

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
