// The one registry of what `import-ems` recognises: each kind of exported object, the .NET type names that identify
// it (with or without remoting's "Deserialized." prefix, which clixml.ts strips), and the cmdlet that exports it as
// collect-ems.ps1's manifest names it. An object is recognised by its type names, never by the file it came in.
import { hasType, nonEmptyText, type PsObject, prop, text } from './clixml-values.js';

const DIRECTORY = 'Microsoft.Exchange.Data.Directory';
const CONFIGURATION = `${DIRECTORY}.SystemConfiguration`;

export interface ExportKind {
  /** What the summary calls it. */
  label: string;
  /** The cmdlets whose export this kind is, as the manifest names them. */
  cmdlets: readonly string[];
  /** Any of these anywhere in the object's type names. */
  types: readonly string[];
  /** A further test for general-purpose types (a FileVersionInfo of ExSetup.exe, a SearchResult of one object). */
  accept?: (object: PsObject) => boolean;
}

export const EXPORT_KINDS = {
  Manifest: { label: 'manifest', cmdlets: [], types: ['HybridReadiness.CollectEms.Manifest'] },
  ExchangeServer: { label: 'Get-ExchangeServer', cmdlets: ['Get-ExchangeServer'], types: [`${DIRECTORY}.Management.ExchangeServer`] },
  ExSetup: {
    label: 'ExSetup.exe version',
    cmdlets: ['ExSetup.exe'],
    types: ['System.Diagnostics.FileVersionInfo'],
    accept: (object) => /^exsetup\.exe$/i.test(nonEmptyText(prop(object, 'InternalName')) ?? fileName(object) ?? ''),
  },
  MailboxDatabase: { label: 'Get-MailboxDatabase', cmdlets: ['Get-MailboxDatabase'], types: [`${CONFIGURATION}.MailboxDatabase`] },
  MailboxCount: { label: 'mailbox count', cmdlets: ['MailboxCount'], types: ['HybridReadiness.CollectEms.MailboxCount'] },
  Recipient: {
    label: 'Get-Recipient',
    cmdlets: ['Get-Recipient'],
    types: [`${DIRECTORY}.Management.ReducedRecipient`, `${DIRECTORY}.Management.Mailbox`, `${DIRECTORY}.Management.RemoteMailbox`],
  },
  OrganizationConfig: {
    label: 'Get-OrganizationConfig',
    cmdlets: ['Get-OrganizationConfig'],
    types: [`${DIRECTORY}.Management.OrganizationConfig`],
  },
  SchemaVersion: {
    label: 'schema rangeUpper',
    cmdlets: ['ms-Exch-Schema-Version-Pt'],
    types: ['System.DirectoryServices.SearchResult'],
    accept: (object) => /^cn=ms-exch-schema-version-pt,/i.test(searchResultDn(object) ?? ''),
  },
  DomainObjectVersion: {
    label: 'domain objectVersion',
    cmdlets: ['Microsoft Exchange System Objects'],
    types: ['System.DirectoryServices.SearchResult'],
    accept: (object) => /^cn=microsoft exchange system objects,/i.test(searchResultDn(object) ?? ''),
  },
  AuthServer: { label: 'Get-AuthServer', cmdlets: ['Get-AuthServer'], types: [`${CONFIGURATION}.AuthServer`] },
  PartnerApplication: {
    label: 'Get-PartnerApplication',
    cmdlets: ['Get-PartnerApplication'],
    types: [`${CONFIGURATION}.PartnerApplication`],
  },
  IntraOrganizationConnector: {
    label: 'Get-IntraOrganizationConnector',
    cmdlets: ['Get-IntraOrganizationConnector'],
    types: [`${CONFIGURATION}.IntraOrganizationConnector`],
  },
  HybridConfiguration: {
    label: 'Get-HybridConfiguration',
    cmdlets: ['Get-HybridConfiguration'],
    types: [`${CONFIGURATION}.HybridConfiguration`],
  },
  AuthConfig: { label: 'Get-AuthConfig', cmdlets: ['Get-AuthConfig'], types: [`${CONFIGURATION}.AuthConfig`] },
  SettingOverride: {
    label: 'Get-SettingOverride',
    cmdlets: ['Get-SettingOverride'],
    types: [`${CONFIGURATION}.ConfigurationSettings.SettingOverride`],
  },
  VirtualDirectory: {
    label: 'virtual directory',
    cmdlets: ['Get-OwaVirtualDirectory', 'Get-WebServicesVirtualDirectory', 'Get-AutodiscoverVirtualDirectory', 'Get-RestVirtualDirectory'],
    types: [`${CONFIGURATION}.ADVirtualDirectory`],
  },
  AcceptedDomain: { label: 'Get-AcceptedDomain', cmdlets: ['Get-AcceptedDomain'], types: [`${CONFIGURATION}.AcceptedDomain`] },
} as const satisfies Record<string, ExportKind>;

export type ExportKindName = keyof typeof EXPORT_KINDS;
export const EXPORT_KIND_NAMES = Object.keys(EXPORT_KINDS) as ExportKindName[];

/** The kind of an exported object, or null when this tool does not read objects of its type. */
export function kindOf(object: PsObject): ExportKindName | null {
  for (const name of EXPORT_KIND_NAMES) {
    const kind: ExportKind = EXPORT_KINDS[name];
    if (hasType(object, ...kind.types) && (kind.accept?.(object) ?? true)) return name;
  }
  return null;
}

/** The kind whose export a manifest entry names ("Get-AuthServer"), or null for a cmdlet this tool does not read. */
export function kindOfCmdlet(cmdlet: string): ExportKindName | null {
  const wanted = cmdlet.trim().toLowerCase();
  return EXPORT_KIND_NAMES.find((name) => (EXPORT_KINDS[name] as ExportKind).cmdlets.some((c) => c.toLowerCase() === wanted)) ?? null;
}

function fileName(object: PsObject): string | null {
  return nonEmptyText(prop(object, 'FileName'))?.split(/[\\/]/).pop() ?? null;
}

/**
 * The DN of a System.DirectoryServices.SearchResult: its "distinguishedname" property value, else its Path
 * ("LDAP://server/CN=…"). Its properties are a dictionary of lower-cased attribute names to value lists.
 */
export function searchResultDn(object: PsObject): string | null {
  const fromProperties = searchResultValues(object, 'distinguishedname')[0];
  if (fromProperties) return fromProperties;
  const path = nonEmptyText(prop(object, 'Path'));
  const match = path ? /^(?:LDAP|GC):\/\/(?:[^/]+\/)?(.+)$/i.exec(path) : null;
  return match?.[1] ?? null;
}

/** The values of one attribute of a SearchResult, as text. */
export function searchResultValues(object: PsObject, attribute: string): string[] {
  const properties = prop(object, 'Properties');
  if (typeof properties !== 'object' || properties === null || !('entries' in properties) || properties.entries === null) return [];
  const entry = properties.entries.find((candidate) => text(candidate.key)?.toLowerCase() === attribute);
  if (!entry) return [];
  const value = entry.value;
  const values = typeof value === 'object' && value !== null && 'items' in value && value.items !== null ? value.items : [value];
  return values.map((item) => text(item)).filter((item): item is string => item !== null);
}
