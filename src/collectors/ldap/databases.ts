// Mailbox databases (objectClass msExchPrivateMDB) and every copy below them (msExchMDBCopy): a switchover can
// activate any copy, so R1 needs every copy's host, not only msExchOwningServer (docs/facts/active-directory.md §3).
import type { LdapConnection } from '../../clients/ldap.js';
import { dnKey, firstRdnValue, parentDn } from '../../clients/ldap-escape.js';
import type { MailboxDatabase, MailboxDatabases } from '../../inventory/artifacts.js';
import { boolean, byName, integer, text } from './values.js';

type DatabaseCopy = MailboxDatabase['copies'][number];

export async function collectMailboxDatabases(connection: LdapConnection, organizationDn: string): Promise<MailboxDatabases> {
  const databases = await connection.search(organizationDn, {
    scope: 'sub',
    filter: '(objectClass=msExchPrivateMDB)',
    // msExchRestore is the Recovery flag (decompiled DatabaseSchema.Recovery).
    attributes: ['cn', 'msExchOwningServer', 'msExchMasterServerOrAvailabilityGroup', 'msExchRestore'],
  });
  const copies = await connection.search(organizationDn, {
    scope: 'sub',
    filter: '(objectClass=msExchMDBCopy)',
    attributes: ['msExchHostServerLink', 'msExchActivationPreference'],
  });

  const copiesByDatabase = new Map<string, DatabaseCopy[]>();
  for (const entry of copies.entries) {
    const parent = parentDn(entry.dn);
    const serverDn = text(entry, 'msExchHostServerLink');
    if (!parent || !serverDn) continue;
    const key = dnKey(parent);
    const list = copiesByDatabase.get(key) ?? [];
    list.push({
      server: firstRdnValue(serverDn) ?? serverDn,
      serverDn,
      activationPreference: integer(entry, 'msExchActivationPreference'),
    });
    copiesByDatabase.set(key, list);
  }

  const result = databases.entries.map((entry): MailboxDatabase => {
    const owning = text(entry, 'msExchOwningServer');
    const master = text(entry, 'msExchMasterServerOrAvailabilityGroup');
    return {
      name: text(entry, 'cn') ?? firstRdnValue(entry.dn) ?? entry.dn,
      dn: entry.dn,
      owningServer: owning ? firstRdnValue(owning) : null,
      masterServerOrDag: master ? firstRdnValue(master) : null,
      copies: (copiesByDatabase.get(dnKey(entry.dn)) ?? []).sort(byPreferenceThenServer),
      isRecovery: boolean(entry, 'msExchRestore') === true,
    };
  });
  return { databases: result.sort(byName) };
}

function byPreferenceThenServer(a: DatabaseCopy, b: DatabaseCopy): number {
  const preference = (a.activationPreference ?? Number.MAX_SAFE_INTEGER) - (b.activationPreference ?? Number.MAX_SAFE_INTEGER);
  return preference || a.server.localeCompare(b.server);
}
