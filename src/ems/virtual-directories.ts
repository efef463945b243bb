// VirtualDirectories from the Get-*VirtualDirectory exports. The kind comes from the object's .NET type, as the LDAP
// collector takes it from the AD class; a directory of a type not listed falls back to its name, as there ("API
// (Default Web Site)" is the REST directory).
import { byName } from '../collectors/ldap/values.js';
import { kindByName, serverOf } from '../collectors/ldap/virtual-directories.js';
import type { VirtualDirectories } from '../inventory/artifacts.js';
import { distinguishedName, hasType, nonEmptyText, objectName, type PsObject, prop } from './clixml-values.js';
import { directoryIdentity, type ExportRecord, newestByIdentity } from './recognise.js';

type Directory = VirtualDirectories['directories'][number];
type Kind = Directory['kind'];

const CONFIGURATION = 'Microsoft.Exchange.Data.Directory.SystemConfiguration';
const KIND_BY_TYPE: readonly [type: string, kind: Kind][] = [
  [`${CONFIGURATION}.ADOwaVirtualDirectory`, 'owa'],
  [`${CONFIGURATION}.ADEcpVirtualDirectory`, 'ecp'],
  [`${CONFIGURATION}.ADWebServicesVirtualDirectory`, 'ews'],
  [`${CONFIGURATION}.ADAutodiscoverVirtualDirectory`, 'autodiscover'],
  [`${CONFIGURATION}.ADMobileVirtualDirectory`, 'activesync'],
  [`${CONFIGURATION}.ADOabVirtualDirectory`, 'oab'],
  [`${CONFIGURATION}.ADMapiVirtualDirectory`, 'mapi'],
  [`${CONFIGURATION}.ADRestVirtualDirectory`, 'api'],
];
/** The kinds whose absence would leave a namespace unseen: without them the artifact is not built. */
export const REQUIRED_DIRECTORY_CMDLETS = [
  'Get-OwaVirtualDirectory',
  'Get-WebServicesVirtualDirectory',
  'Get-AutodiscoverVirtualDirectory',
] as const;
export const DIRECTORY_KIND_OF_CMDLET: Readonly<Record<string, Kind>> = {
  'Get-OwaVirtualDirectory': 'owa',
  'Get-WebServicesVirtualDirectory': 'ews',
  'Get-AutodiscoverVirtualDirectory': 'autodiscover',
  'Get-RestVirtualDirectory': 'api',
};

export function directoryKind(object: PsObject): Kind {
  const byType = KIND_BY_TYPE.find(([type]) => hasType(object, type))?.[1];
  if (byType) return byType;
  return kindByName(nonEmptyText(prop(object, 'Name')) ?? '');
}

export function virtualDirectoriesFrom(records: readonly ExportRecord[]) {
  const merged = newestByIdentity(records, (record) => directoryIdentity(record.object));
  const directories: Directory[] = [];
  for (const { object } of merged.records) {
    const dn = distinguishedName(prop(object, 'DistinguishedName'));
    // The server the directory belongs to (never PSComputerName: that is the shell's endpoint, not the directory's host).
    const server = objectName(prop(object, 'Server')) ?? (dn ? serverOf(dn) : null);
    if (!server) continue;
    directories.push({
      server,
      kind: directoryKind(object),
      name: nonEmptyText(prop(object, 'Name')) ?? nonEmptyText(object) ?? 'unnamed directory',
      internalUrl: nonEmptyText(prop(object, 'InternalUrl')),
      externalUrl: nonEmptyText(prop(object, 'ExternalUrl')),
    });
  }
  directories.sort((a, b) => a.server.localeCompare(b.server) || a.kind.localeCompare(b.kind) || byName(a, b));
  return { artifact: { directories } satisfies VirtualDirectories, replaced: merged.replaced };
}
