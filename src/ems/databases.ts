// MailboxDatabases from Get-MailboxDatabase -Status. Every copy counts (a switchover can activate any of them), so the
// copies come from all three places the object lists them — DatabaseCopies, Servers and ActivationPreference — and a
// copy host named in any of them is kept. The host's DN comes from the exported ADObjectId, else from Get-ExchangeServer.
import { byName } from '../collectors/ldap/values.js';
import type { ExchangeServers, MailboxDatabase, MailboxDatabases } from '../inventory/artifacts.js';
import {
  boolean,
  distinguishedName,
  integer,
  isPsObject,
  list,
  nonEmptyText,
  objectName,
  type PsObject,
  type PsValue,
  prop,
  text,
} from './clixml-values.js';
import { directoryIdentity, type ExportRecord, newestByIdentity } from './recognise.js';

type DatabaseCopy = MailboxDatabase['copies'][number];

export function mailboxDatabasesFrom(records: readonly ExportRecord[], servers: ExchangeServers | undefined) {
  const merged = newestByIdentity(records, (record) => directoryIdentity(record.object));
  const databases = merged.records.map((record) => databaseFrom(record.object, servers));
  return { artifact: { databases: databases.sort(byName) } satisfies MailboxDatabases, replaced: merged.replaced };
}

function databaseFrom(object: PsObject, servers: ExchangeServers | undefined): MailboxDatabase {
  const name = nonEmptyText(prop(object, 'Name')) ?? nonEmptyText(object) ?? 'unnamed database';
  const copies = new Map<string, DatabaseCopy>();
  const add = (server: string | null, serverDn: string | null, preference: number | null) => {
    if (!server) return;
    const key = server.toLowerCase();
    const known = copies.get(key);
    const dn = serverDn ?? known?.serverDn ?? serverDnOf(server, servers);
    copies.set(key, {
      server: known?.server ?? server,
      serverDn: dn ?? '',
      activationPreference: known?.activationPreference ?? preference,
    });
  };
  for (const copy of list(prop(object, 'DatabaseCopies'))) {
    const host = nonEmptyText(prop(copy, 'HostServerName')) ?? hostFromCopyIdentity(copy);
    add(host, distinguishedName(prop(copy, 'HostServer')), integer(prop(copy, 'ActivationPreference')));
  }
  for (const entry of list(prop(object, 'ActivationPreference'))) {
    const [server, preference] = preferenceEntry(entry);
    add(server ? objectName(server) : null, server ? distinguishedName(server) : null, preference);
  }
  for (const server of list(prop(object, 'Servers'))) add(objectName(server), distinguishedName(server), null);
  const owning = prop(object, 'Server');
  const master = prop(object, 'MasterServerOrAvailabilityGroup');
  return {
    name,
    dn: distinguishedName(prop(object, 'DistinguishedName')) ?? name,
    owningServer: objectName(owning),
    masterServerOrDag: objectName(master),
    copies: [...copies.values()].sort(
      (a, b) =>
        (a.activationPreference ?? Number.MAX_SAFE_INTEGER) - (b.activationPreference ?? Number.MAX_SAFE_INTEGER) ||
        a.server.localeCompare(b.server),
    ),
    isRecovery: boolean(prop(object, 'Recovery')) === true,
  };
}

/** A DatabaseCopy whose properties did not survive Export-Clixml's depth: its identity is "Database\Server". */
function hostFromCopyIdentity(copy: PsValue): string | null {
  const identity = nonEmptyText(prop(copy, 'Identity')) ?? nonEmptyText(copy);
  const host = identity?.split('\\')[1]?.trim();
  return host ? host : null;
}

/** ActivationPreference lists KeyValuePair<ADObjectId, int>: Key and Value, or only the ToString "[EX1, 1]". */
function preferenceEntry(entry: PsValue): [server: PsValue | string | null, preference: number | null] {
  if (isPsObject(entry) && entry.properties.has('key')) return [prop(entry, 'Key') ?? null, integer(prop(entry, 'Value'))];
  const match = /^\[\s*(.+?)\s*,\s*(\d+)\s*\]$/.exec(text(entry) ?? '');
  return match ? [match[1]!, Number(match[2])] : [null, null];
}

function serverDnOf(server: string, servers: ExchangeServers | undefined): string | null {
  const key = server.toLowerCase();
  const found = servers?.servers.find((candidate) => candidate.name.toLowerCase() === key || candidate.fqdn === key);
  return found ? found.dn : null;
}
