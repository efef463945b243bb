// The domain partition of a scenario's directory, built from the MailboxPlacement and DirectorySyncFootprints
// artifacts: one mailbox user per counted mailbox (with the msExchRecipientTypeDetails of its bucket, docs/facts/active-directory.md §4),
// the system mailboxes the collector excludes, the mailboxes in scope by address, Entra Connect's sync account and
// the written-back msDS-ExternalDirectoryObjectId (docs/facts/graph.md §3). Reading it back gives the same artifacts.
import { createHash } from 'node:crypto';
import type { DirectorySyncFootprints, MailboxCounts, MailboxDatabases, MailboxPlacement } from '../inventory/artifacts.js';
import type { LdapEntryInput } from './ldap-directory.js';

/** A recipient type per placement bucket (decompiled RecipientTypeDetails). */
const TYPE_OF_BUCKET: Readonly<Record<keyof MailboxCounts, string>> = {
  user: '1', // UserMailbox
  shared: '4', // SharedMailbox
  resource: '16', // RoomMailbox
  linked: '2', // LinkedMailbox
  other: '68719476736', // PublicFolderMailbox
};
const MONITORING_MAILBOX = '549755813888';
/** Arbitration (5), discovery and audit-log mailboxes: what setup creates for an organization. */
const ORGANIZATION_SYSTEM_TYPES = ['8388608', '8388608', '8388608', '8388608', '8388608', '536870912', '4398046511104'];
const HEALTH_MAILBOXES_PER_DATABASE = 2;

const USER_CLASSES = ['top', 'person', 'organizationalPerson', 'user'];

export interface RecipientOptions {
  domainNc: string;
  adDomain: string;
  smtpDomain: string;
}

/** 16 bytes derived from a DN: objectGUID is binary, and stable across runs here. */
export function guidOf(dn: string): Buffer {
  return createHash('sha256').update(dn.toLowerCase()).digest().subarray(0, 16);
}

function guidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function displayNameOf(address: string): string {
  const local = address.slice(0, address.indexOf('@'));
  return local
    .split(/[._-]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

interface Mailbox {
  dn: string;
  name: string;
  address: string;
  homeMdb: string | null;
  typeDetails: string;
  inScope: boolean;
}

export function recipientEntries(
  placement: MailboxPlacement,
  footprints: DirectorySyncFootprints | null,
  databases: MailboxDatabases,
  options: RecipientOptions,
): LdapEntryInput[] {
  const container = `OU=Mailboxes,${options.domainNc}`;
  const mailboxes: Mailbox[] = [];
  let serial = 0;
  const add = (typeDetails: string, homeMdb: string | null, inScope: boolean, address?: string) => {
    serial++;
    const number = String(serial).padStart(4, '0');
    const name = address ? displayNameOf(address) : inScope ? `Mailbox ${number}` : `SystemMailbox ${number}`;
    const mail = address ?? `${inScope ? 'mailbox' : 'systemmailbox'}.${number}@${options.smtpDomain}`;
    mailboxes.push({ dn: `CN=${name},${container}`, name, address: mail, homeMdb, typeDetails, inScope });
  };

  // The mailboxes in scope come first, each taking one of the counted places of its database.
  const remaining = new Map(placement.byDatabase.map((database) => [database.databaseDn.toLowerCase(), { ...database.counts }]));
  for (const requested of placement.requested) {
    if (!requested.found) continue;
    const type = requested.recipientTypeDetails ?? '1';
    if (requested.remote || requested.databaseDn === null) {
      add(type, null, false, requested.address);
      continue;
    }
    const counts = remaining.get(requested.databaseDn.toLowerCase());
    const bucket = (Object.keys(TYPE_OF_BUCKET) as (keyof MailboxCounts)[]).find((name) => TYPE_OF_BUCKET[name] === type);
    if (!counts || !bucket || counts[bucket] <= 0) {
      throw new Error(`MailboxPlacement lists ${requested.address} on ${requested.database} but counts no ${bucket ?? type} mailbox there`);
    }
    counts[bucket]--;
    add(type, requested.databaseDn, true, requested.address);
  }
  for (const database of placement.byDatabase) {
    const counts = remaining.get(database.databaseDn.toLowerCase())!;
    for (const bucket of Object.keys(TYPE_OF_BUCKET) as (keyof MailboxCounts)[]) {
      for (let index = 0; index < counts[bucket]; index++) add(TYPE_OF_BUCKET[bucket], database.databaseDn, true);
    }
  }
  const systemHomes = systemMailboxHomes(placement.excludedSystem, databases);
  for (const [index, home] of systemHomes.entries()) {
    const perDatabase = databases.databases.length * HEALTH_MAILBOXES_PER_DATABASE;
    add(
      index < perDatabase
        ? MONITORING_MAILBOX
        : (ORGANIZATION_SYSTEM_TYPES[(index - perDatabase) % ORGANIZATION_SYSTEM_TYPES.length] ?? '8388608'),
      home,
      false,
    );
  }

  const inScope = mailboxes.filter((mailbox) => mailbox.inScope && mailbox.homeMdb !== null).length;
  const scanned = mailboxes.filter((mailbox) => mailbox.homeMdb !== null).length;
  if (scanned !== placement.scanned)
    throw new Error(`MailboxPlacement says ${placement.scanned} mailbox users were read, but its counts make ${scanned}`);
  if (footprints && footprints.mailboxUsers !== inScope) {
    throw new Error(`DirectorySyncFootprints counts ${footprints.mailboxUsers} mailbox users, MailboxPlacement ${inScope}`);
  }
  let writtenBack = footprints?.mailboxUsersWithExternalDirectoryObjectId ?? 0;

  const entries: LdapEntryInput[] = mailboxes.map((mailbox) => {
    const guid = guidOf(mailbox.dn);
    const external = mailbox.inScope && mailbox.homeMdb !== null && writtenBack > 0;
    if (external) writtenBack--;
    const sam = mailbox.address.slice(0, mailbox.address.indexOf('@')).slice(0, 20);
    return {
      dn: mailbox.dn,
      attributes: {
        objectClass: USER_CLASSES,
        cn: mailbox.name,
        displayName: mailbox.name,
        sAMAccountName: sam,
        userPrincipalName: mailbox.address,
        mail: mailbox.address,
        proxyAddresses: [`SMTP:${mailbox.address}`],
        msExchRecipientTypeDetails: mailbox.typeDetails,
        objectGUID: guid,
        ...(mailbox.homeMdb ? { homeMDB: mailbox.homeMdb } : {}),
        ...(external ? { 'msDS-ExternalDirectoryObjectId': `User_${guidText(guidOf(`cloud:${mailbox.dn}`))}` } : {}),
      },
    };
  });
  for (const account of footprints?.syncAccounts ?? []) {
    entries.push({
      dn: `CN=${account.samAccountName},CN=Users,${options.domainNc}`,
      attributes: {
        objectClass: USER_CLASSES,
        cn: account.samAccountName,
        sAMAccountName: account.samAccountName,
        userPrincipalName: `${account.samAccountName}@${options.adDomain}`,
        objectGUID: guidOf(account.samAccountName),
        ...(account.description ? { description: account.description } : {}),
      },
    });
  }
  return entries;
}

/** Two health mailboxes per database, then the organization's arbitration, discovery and audit mailboxes on the first. */
function systemMailboxHomes(count: number, databases: MailboxDatabases): string[] {
  const homes = databases.databases.filter((database) => !database.isRecovery).map((database) => database.dn);
  const first = homes[0];
  if (count > 0 && first === undefined) throw new Error('system mailboxes need a mailbox database to live on');
  const out: string[] = [];
  for (const home of homes) for (let index = 0; index < HEALTH_MAILBOXES_PER_DATABASE && out.length < count; index++) out.push(home);
  while (out.length < count) out.push(first!);
  return out;
}
