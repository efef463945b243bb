// HTTP virtual directories live under CN=HTTP,CN=Protocols,CN=<server>,…; InternalUrl is msExchInternalHostName and
// ExternalUrl msExchExternalHostName, full URIs despite the names (decompiled ADVirtualDirectorySchema; docs/facts/active-directory.md §2).
// Every vdir class derives from msExchVirtualDirectory, and AD lists the whole class chain in objectClass.
import type { LdapConnection, LdapEntry } from '../../clients/ldap.js';
import { firstRdnValue, parseDn } from '../../clients/ldap-escape.js';
import type { VirtualDirectories } from '../../inventory/artifacts.js';
import { text, texts } from './values.js';

type Directory = VirtualDirectories['directories'][number];
type Kind = Directory['kind'];

const KIND_BY_CLASS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ['msexchowavirtualdirectory', 'owa'],
  ['msexchecpvirtualdirectory', 'ecp'],
  ['msexchwebservicesvirtualdirectory', 'ews'],
  ['msexchautodiscovervirtualdirectory', 'autodiscover'],
  ['msexchmobilevirtualdirectory', 'activesync'],
  ['msexchoabvirtualdirectory', 'oab'],
  ['msexchmapivirtualdirectory', 'mapi'],
]);

// By name when the class says nothing more specific. The REST directory's AD class is unconfirmed
// (docs/facts/active-directory.md §2); its IIS name is "API" (2016 CU3+, docs/facts/http.md §2).
const KIND_BY_NAME: readonly [RegExp, Kind][] = [
  [/^owa\b/i, 'owa'],
  [/^ecp\b/i, 'ecp'],
  [/^ews\b/i, 'ews'],
  [/^autodiscover\b/i, 'autodiscover'],
  [/^microsoft-server-activesync\b/i, 'activesync'],
  [/^oab\b/i, 'oab'],
  [/^mapi\b/i, 'mapi'],
  [/^(api|rest)\b/i, 'api'],
];

/** A directory's kind from its name ("owa (Default Web Site)"), for when its class or type says nothing more. */
export function kindByName(name: string): Kind {
  return KIND_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
}

export async function collectVirtualDirectories(connection: LdapConnection, organizationDn: string): Promise<VirtualDirectories> {
  const { entries } = await connection.search(organizationDn, {
    scope: 'sub',
    filter: '(objectClass=msExchVirtualDirectory)',
    attributes: ['cn', 'objectClass', 'msExchInternalHostName', 'msExchExternalHostName'],
  });
  const directories: Directory[] = [];
  for (const entry of entries) {
    const server = serverOf(entry.dn);
    if (!server) continue; // not below CN=HTTP,CN=Protocols of a server: not an HTTP vdir of a server
    const name = text(entry, 'cn') ?? firstRdnValue(entry.dn) ?? entry.dn;
    directories.push({
      server,
      kind: kindOf(entry, name),
      name,
      internalUrl: nonEmpty(text(entry, 'msExchInternalHostName')),
      externalUrl: nonEmpty(text(entry, 'msExchExternalHostName')),
    });
  }
  directories.sort((a, b) => a.server.localeCompare(b.server) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return { directories };
}

/** "CN=owa (Default Web Site),CN=HTTP,CN=Protocols,CN=EX1,CN=Servers,…" → "EX1". */
export function serverOf(dn: string): string | null {
  const rdns = parseDn(dn)?.rdns ?? [];
  for (let index = 1; index + 2 < rdns.length; index++) {
    if (rdns[index]!.value.toLowerCase() === 'http' && rdns[index + 1]!.value.toLowerCase() === 'protocols') return rdns[index + 2]!.value;
  }
  return null;
}

function kindOf(entry: LdapEntry, name: string): Kind {
  for (const objectClass of texts(entry, 'objectClass')) {
    const kind = KIND_BY_CLASS.get(objectClass.toLowerCase());
    if (kind) return kind;
  }
  return kindByName(name);
}

function nonEmpty(value: string | null): string | null {
  return value?.trim() ? value.trim() : null;
}
