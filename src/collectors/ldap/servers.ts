// Every Exchange server object (objectClass msExchExchangeServer) anywhere below the organization: legacy
// administrative groups exist too, so the admin group name is never hard-coded (docs/facts/active-directory.md §1–2).

import type { LdapConnection } from '../../clients/ldap.js';
import { firstRdnValue } from '../../clients/ldap-escape.js';
import { decodeServerRoles } from '../../exchange/server-roles.js';
import { decodeVersionNumber, formatShort, parseSerialNumber } from '../../exchange/version.js';
import type { ExchangeServer, ExchangeServers } from '../../inventory/artifacts.js';
import { byName, integer, text, texts } from './values.js';

const SERVER_ATTRIBUTES = [
  'cn',
  'serialNumber',
  'versionNumber',
  'msExchCurrentServerRoles',
  'networkAddress',
  'msExchServerSite',
  'msExchMDBAvailabilityGroupLink',
];

export async function collectExchangeServers(connection: LdapConnection, organizationDn: string): Promise<ExchangeServers> {
  const { entries } = await connection.search(organizationDn, {
    scope: 'sub',
    filter: '(objectClass=msExchExchangeServer)',
    attributes: SERVER_ATTRIBUTES,
  });
  const servers = entries.map((entry): ExchangeServer => {
    const serialNumber = text(entry, 'serialNumber');
    const versionNumber = integer(entry, 'versionNumber');
    const roles = integer(entry, 'msExchCurrentServerRoles');
    // serialNumber carries the revision (and, since the Jan 2023 SU, the SU build); versionNumber has none.
    const parsed = parseSerialNumber(serialNumber) ?? decodeVersionNumber(versionNumber);
    const siteDn = text(entry, 'msExchServerSite');
    const dagDn = text(entry, 'msExchMDBAvailabilityGroupLink');
    return {
      name: text(entry, 'cn') ?? firstRdnValue(entry.dn) ?? entry.dn,
      dn: entry.dn,
      fqdn: fqdnFromNetworkAddress(texts(entry, 'networkAddress')),
      serialNumber,
      versionNumber,
      build: parsed ? formatShort(parsed) : null,
      roles,
      roleNames: decodeServerRoles(roles),
      site: siteDn ? firstRdnValue(siteDn) : null,
      dag: dagDn ? firstRdnValue(dagDn) : null,
    };
  });
  return { servers: servers.sort(byName) };
}

/** networkAddress holds prefixed values; the FQDN is the "ncacn_ip_tcp:" one (docs/facts/active-directory.md §2). */
export function fqdnFromNetworkAddress(values: readonly string[]): string | null {
  for (const value of values) {
    const match = /^ncacn_ip_tcp:(.+)$/i.exec(value.trim());
    if (match?.[1]) return match[1].trim().toLowerCase();
  }
  return null;
}
