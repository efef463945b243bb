// Exchange Management Shell exports in the shape of the real captures (test/vectors/css-exchange/healthchecker): the type lists,
// ADObjectId properties, Guid/DistinguishedName/WhenChangedUTC that Exchange presentation objects carry. Used for the
// cmdlets that no public capture holds; every shape follows a captured sibling (a Get-AuthServer object is shaped like
// the captured Get-PartnerApplication, a MailboxDatabase's ADObjectIds like the captured Get-ExchangeServer's Site).
import { createHash } from 'node:crypto';
import { type ClixmlNode, type ClixmlObject, nil } from './clixml-writer.js';

const DIRECTORY = 'Microsoft.Exchange.Data.Directory';
const CONFIGURATION = `${DIRECTORY}.SystemConfiguration`;
const CONFIGURATION_OBJECT = [
  `${CONFIGURATION}.ADConfigurationObject`,
  `${DIRECTORY}.ADObject`,
  `${DIRECTORY}.ADRawEntry`,
  'Microsoft.Exchange.Data.ConfigurableObject',
  'System.Object',
];
const PRESENTATION_OBJECT = [
  `${DIRECTORY}.Management.ADPresentationObject`,
  `${DIRECTORY}.ADObject`,
  `${DIRECTORY}.ADRawEntry`,
  'Microsoft.Exchange.Data.ConfigurableObject',
  'System.Object',
];

/** Remoting (the Exchange Management Shell's implicit session) prefixes every type name with "Deserialized.". */
export function deserialized(object: ClixmlObject): ClixmlObject {
  return { ...object, types: object.types.map((type) => `Deserialized.${type}`) };
}

export const s = (value: string): ClixmlNode => ({ S: value });
export const b = (value: boolean): ClixmlNode => ({ B: value });
const i32 = (value: number): ClixmlNode => ({ I32: value });

function adObjectId(dn: string): ClixmlObject {
  const name = /^CN=((?:[^,\\]|\\.)+)/i.exec(dn)?.[1] ?? dn;
  return {
    types: [`${DIRECTORY}.ADObjectId`, 'Microsoft.Exchange.Data.ObjectId', 'System.Object'],
    shown: name,
    props: { IsDeleted: b(false), Rdn: s(`CN=${name}`), DistinguishedName: s(dn), Name: s(name) },
  };
}

function enumValue(type: string, name: string, value: ClixmlNode): ClixmlObject {
  return { types: [type, 'System.Enum', 'System.ValueType', 'System.Object'], shown: name, value };
}

function directoryObject(dn: string, guid: string, whenChangedUtc: string): Record<string, ClixmlNode> {
  return {
    Identity: adObjectId(dn),
    DistinguishedName: s(dn),
    Guid: { G: guid },
    WhenChangedUTC: { DT: whenChangedUtc },
    PSComputerName: s('ex16a.fabrikam.test'),
  };
}

export function exchangeServer(options: {
  name: string;
  fqdn: string;
  dn: string;
  version: [major: number, minor: number, build: number, revision: number];
  guid: string;
  edge?: boolean;
  whenChangedUtc?: string;
}): ClixmlObject {
  const [major, minor, build, revision] = options.version;
  return {
    types: [`${DIRECTORY}.Management.ExchangeServer`, ...PRESENTATION_OBJECT],
    shown: options.name,
    props: {
      Name: s(options.name),
      Fqdn: s(options.fqdn),
      IsHubTransportServer: b(!options.edge),
      IsClientAccessServer: b(!options.edge),
      IsEdgeServer: b(options.edge === true),
      IsMailboxServer: b(!options.edge),
      IsUnifiedMessagingServer: b(false),
      IsFrontendTransportServer: b(!options.edge),
      AdminDisplayVersion: {
        types: ['Microsoft.Exchange.Data.ServerVersion', 'System.Object'],
        shown: `Version ${major}.${minor} (Build ${build}.${revision})`,
        props: { Major: i32(major), Minor: i32(minor), Build: i32(build), Revision: i32(revision), FilePatchLevelDescription: nil },
      },
      Site: adObjectId('CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=fabrikam,DC=test'),
      ServerRole: enumValue(`${CONFIGURATION}.ServerRole`, options.edge ? 'Edge' : 'Mailbox', i32(options.edge ? 64 : 2)),
      ...directoryObject(options.dn, options.guid, options.whenChangedUtc ?? '2026-10-01T08:00:00Z'),
    },
  };
}

/** (Get-Item ExSetup.exe).VersionInfo, as HealthChecker and collect-ems.ps1 read it; remoting adds PSComputerName. */
export function exSetup(version: [number, number, number, number], computer: string | null): ClixmlObject {
  const [major, minor, build, revision] = version;
  const long = `${major}.${String(minor).padStart(2, '0')}.${String(build).padStart(4, '0')}.${String(revision).padStart(3, '0')}`;
  return {
    types: ['System.Diagnostics.FileVersionInfo', 'System.Object'],
    shown: `File:             C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\ExSetup.exe\r\nFileVersion:      ${long}\r\n`,
    props: {
      FileBuildPart: i32(build),
      FileMajorPart: i32(major),
      FileMinorPart: i32(minor),
      FileName: s('C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\ExSetup.exe'),
      FilePrivatePart: i32(revision),
      FileVersion: s(long),
      InternalName: s('ExSetup.exe'),
      ...(computer ? { PSComputerName: s(computer) } : {}),
    },
  };
}

export function mailboxDatabase(options: {
  name: string;
  dn: string;
  guid: string;
  /** Copy hosts by name and DN, in activation preference order. */
  copies: { server: string; serverDn: string }[];
  owner: string;
  recovery?: boolean;
  whenChangedUtc?: string;
}): ClixmlObject {
  const copyTypes = [`${CONFIGURATION}.DatabaseCopy`, ...CONFIGURATION_OBJECT];
  const keyValue = 'System.Collections.Generic.KeyValuePair`2[[Microsoft.Exchange.Data.Directory.ADObjectId],[System.Int32]]';
  return {
    types: [`${CONFIGURATION}.MailboxDatabase`, `${CONFIGURATION}.Database`, ...CONFIGURATION_OBJECT],
    shown: options.name,
    props: {
      Name: s(options.name),
      Server: adObjectId(options.copies.find((copy) => copy.server === options.owner)?.serverDn ?? options.owner),
      MasterServerOrAvailabilityGroup: adObjectId(`CN=DAG1,CN=Database Availability Groups,${options.dn.split(',').slice(2).join(',')}`),
      Recovery: b(options.recovery === true),
      Mounted: b(true),
      DatabaseCopies: {
        types: ['Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseCopy[]', 'System.Array', 'System.Object'],
        list: options.copies.map((copy, index) => ({
          types: copyTypes,
          shown: `${options.name}\\${copy.server}`,
          props: { DatabaseName: s(options.name), HostServerName: s(copy.server), ActivationPreference: i32(index + 1) },
        })),
      },
      Servers: {
        types: ['Microsoft.Exchange.Data.Directory.ADObjectId[]', 'System.Array', 'System.Object'],
        list: options.copies.map((copy) => adObjectId(copy.serverDn)),
      },
      ActivationPreference: {
        types: [`${keyValue}[]`, 'System.Array', 'System.Object'],
        // Export-Clixml's depth keeps only the ToString of each pair here: "[EX16A, 1]".
        list: options.copies.map((copy, index) => ({ S: `[${copy.server}, ${index + 1}]` })),
      },
      ...directoryObject(options.dn, options.guid, options.whenChangedUtc ?? '2026-10-01T08:00:00Z'),
    },
  };
}

export function mailboxCount(database: string, recipientTypeDetails: string, count: number): ClixmlObject {
  return {
    types: ['HybridReadiness.CollectEms.MailboxCount', 'System.Management.Automation.PSCustomObject', 'System.Object'],
    ms: {
      Database: s(database),
      RecipientTypeDetails: s(recipientTypeDetails),
      Count: { I64: count },
      CollectedAt: { DT: '2026-11-30T10:15:02.5Z' },
    },
  };
}

export function recipient(address: string, typeName: string, typeValue: number, databaseDn: string | null): ClixmlObject {
  return {
    types: [`${DIRECTORY}.Management.ReducedRecipient`, ...PRESENTATION_OBJECT],
    shown: address.split('@')[0]!,
    props: {
      PrimarySmtpAddress: s(address),
      RecipientTypeDetails: enumValue(`${DIRECTORY}.Recipient.RecipientTypeDetails`, typeName, { I64: typeValue }),
      Database: databaseDn ? adObjectId(databaseDn) : nil,
      EmailAddresses: { types: ['Microsoft.Exchange.Data.ProxyAddressCollection', 'System.Object'], list: [s(`SMTP:${address}`)] },
    },
  };
}

export function configurationObject(type: string, dn: string, guid: string, props: Record<string, ClixmlNode>): ClixmlObject {
  const name = /^CN=((?:[^,\\]|\\.)+)/i.exec(dn)?.[1] ?? dn;
  return {
    types: [`${CONFIGURATION}.${type}`, ...CONFIGURATION_OBJECT],
    shown: name,
    props: { Name: s(name), ...props, ...directoryObject(dn, guid, '2026-09-15T12:00:00Z') },
  };
}

export function virtualDirectory(
  type: string,
  name: string,
  serverDn: string,
  internalUrl: string | null,
  externalUrl: string | null,
): ClixmlObject {
  const dn = `CN=${name},CN=HTTP,CN=Protocols,${serverDn}`;
  return {
    types: [
      `${CONFIGURATION}.${type}`,
      `${CONFIGURATION}.ExchangeVirtualDirectory`,
      `${CONFIGURATION}.ADVirtualDirectory`,
      ...CONFIGURATION_OBJECT,
    ],
    shown: name,
    props: {
      Name: s(name),
      Server: adObjectId(serverDn),
      InternalUrl: internalUrl ? { URI: internalUrl } : nil,
      ExternalUrl: externalUrl ? { URI: externalUrl } : nil,
      ...directoryObject(dn, guidOf(dn), '2026-09-15T12:00:00Z'),
    },
  };
}

/** A stable GUID per DN, so that two different objects never share an identity by accident. */
function guidOf(dn: string): string {
  const hex = createHash('sha256').update(dn.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function organizationConfig(name: string, dn: string, objectVersion: number, whenChangedUtc: string): ClixmlObject {
  return {
    types: [`${DIRECTORY}.Management.OrganizationConfig`, ...PRESENTATION_OBJECT],
    shown: name,
    props: {
      Name: s(name),
      ObjectVersion: i32(objectVersion),
      ...directoryObject(dn, '5c0ffee0-0000-4000-8000-000000000001', whenChangedUtc),
    },
  };
}

/** A System.DirectoryServices.SearchResult: Path and a dictionary of lower-cased attribute names to value lists. */
export function searchResult(dn: string, attributes: Record<string, ClixmlNode[]>): ClixmlObject {
  const values = (items: ClixmlNode[]): ClixmlObject => ({
    types: ['System.DirectoryServices.ResultPropertyValueCollection', 'System.Collections.ReadOnlyCollectionBase', 'System.Object'],
    list: items,
  });
  return {
    types: ['System.DirectoryServices.SearchResult', 'System.Object'],
    shown: 'System.DirectoryServices.SearchResult',
    props: {
      Path: s(`LDAP://${dn}`),
      Properties: {
        types: ['System.DirectoryServices.ResultPropertyCollection', 'System.Collections.DictionaryBase', 'System.Object'],
        dict: [['distinguishedname', [s(dn)]] as [string, ClixmlNode[]], ...Object.entries(attributes)].map(([key, items]) => [
          s(key),
          values(items),
        ]),
      },
    },
  };
}

export interface ManifestEntry {
  source: string;
  file: string;
  count: number;
  error?: string;
}

/** manifest.xml as collect-ems.ps1 writes it. */
export function manifest(options: { startedAt: string; finishedAt: string; mailboxes?: string[]; exports: ManifestEntry[] }): ClixmlObject {
  const custom = ['System.Management.Automation.PSCustomObject', 'System.Object'];
  return {
    types: ['HybridReadiness.CollectEms.Manifest', ...custom],
    ms: {
      SchemaVersion: i32(1),
      Tool: s('collect-ems.ps1'),
      ToolVersion: s('0.1.0'),
      StartedAt: { DT: options.startedAt },
      FinishedAt: { DT: options.finishedAt },
      RanBy: s('FABRIKAM\\consultant'),
      ComputerName: s('EX16A'),
      PowerShellVersion: s('5.1.17763.6414'),
      MailboxCountMethod: s(
        'Active Directory search of the forest through the global catalog: mailbox users (homeMDB set) by homeMDB and msExchRecipientTypeDetails',
      ),
      MailboxCountScope: s('forest'),
      RequestedMailboxes: { types: ['System.String[]', 'System.Array', 'System.Object'], list: (options.mailboxes ?? []).map(s) },
      Exports: {
        types: ['System.Object[]', 'System.Array', 'System.Object'],
        list: options.exports.map((entry) => ({
          types: ['HybridReadiness.CollectEms.Export', ...custom],
          ms: { Source: s(entry.source), File: s(entry.file), Count: i32(entry.count), Error: entry.error ? s(entry.error) : nil },
        })),
      },
    },
  };
}
