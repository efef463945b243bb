// msExchRecipientTypeDetails values (decompiled RecipientTypeDetails; docs/facts/active-directory.md §4), shared by
// the LDAP collector (which mailboxes count) and the checks (naming a value). Values exceed 2^31, so the inventory
// carries them as decimal strings and they are compared as bigints.
/** Every RecipientTypeDetails name with its value. */
export const RECIPIENT_TYPE_DETAILS = [
  ['UserMailbox', 1n],
  ['LinkedMailbox', 2n],
  ['SharedMailbox', 4n],
  ['LegacyMailbox', 8n],
  ['RoomMailbox', 16n],
  ['EquipmentMailbox', 32n],
  ['MailContact', 64n],
  ['MailUser', 128n],
  ['MailUniversalDistributionGroup', 256n],
  ['MailNonUniversalGroup', 512n],
  ['MailUniversalSecurityGroup', 1024n],
  ['DynamicDistributionGroup', 2048n],
  ['PublicFolder', 4096n],
  ['SystemAttendantMailbox', 8192n],
  ['SystemMailbox', 16384n],
  ['MailForestContact', 32768n],
  ['User', 65536n],
  ['Contact', 131072n],
  ['UniversalDistributionGroup', 262144n],
  ['UniversalSecurityGroup', 524288n],
  ['NonUniversalGroup', 1048576n],
  ['DisabledUser', 2097152n],
  ['MicrosoftExchange', 4194304n],
  ['ArbitrationMailbox', 8388608n],
  ['MailboxPlan', 16777216n],
  ['LinkedUser', 33554432n],
  ['RoomList', 268435456n],
  ['DiscoveryMailbox', 536870912n],
  ['RoleGroup', 1073741824n],
  ['RemoteUserMailbox', 2147483648n],
  ['Computer', 4294967296n],
  ['RemoteRoomMailbox', 8589934592n],
  ['RemoteEquipmentMailbox', 17179869184n],
  ['RemoteSharedMailbox', 34359738368n],
  ['PublicFolderMailbox', 68719476736n],
  ['TeamMailbox', 137438953472n],
  ['RemoteTeamMailbox', 274877906944n],
  ['MonitoringMailbox', 549755813888n],
  ['GroupMailbox', 1099511627776n],
  ['LinkedRoomMailbox', 2199023255552n],
  ['AuditLogMailbox', 4398046511104n],
  ['RemoteGroupMailbox', 8796093022208n],
] as const satisfies readonly (readonly [name: string, value: bigint])[];

export type RecipientTypeName = (typeof RECIPIENT_TYPE_DETAILS)[number][0];

/** The decimal string LDAP carries for a recipient type. */
export function recipientTypeValue(name: RecipientTypeName): string {
  return String(RECIPIENT_TYPE_DETAILS.find(([known]) => known === name)?.[1]);
}

/** "RemoteUserMailbox (2147483648)", the bare value when unknown, or "unknown" when absent. */
export function recipientTypeName(value: string | null): string {
  if (value === null || !/^\d{1,20}$/.test(value)) return value ?? 'unknown';
  const numeric = BigInt(value);
  const name = RECIPIENT_TYPE_DETAILS.find(([, known]) => known === numeric)?.[0];
  return name ? `${name} (${value})` : value;
}
