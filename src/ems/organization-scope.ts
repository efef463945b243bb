// One folder, one Exchange organization. Directory objects name their organization in their DN
// (…,CN=<organization>,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=…); Get-OrganizationConfig says which
// organization the folder is about, and objects of any other organization or forest are set aside, never merged in:
// a folder that mixes two customers' exports (or a test harness's captures of several labs) must not read as one.
import { dnKey, parseDn } from '../clients/ldap-escape.js';
import { distinguishedName, nonEmptyText, prop } from './clixml-values.js';
import { EXPORT_KIND_NAMES, type ExportKindName, searchResultDn } from './export-kinds.js';
import type { ExportRecord, Recognised } from './recognise.js';

export interface Organization {
  name: string;
  /** CN=<name>,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=… */
  dn: string;
  /** CN=Configuration,DC=… */
  configurationDn: string;
  /** DC=… of the forest root. */
  forestDn: string;
}

export interface SetAside {
  kind: ExportKindName;
  file: string;
  /** The organization (or forest) the object belongs to. */
  belongsTo: string;
}

export interface Scoped {
  organization: Organization | null;
  /** Why no organization could be settled on, when objects name more than one and nothing says which. */
  problem: string | null;
  setAside: SetAside[];
}

const EXCHANGE_PATH = ['microsoft exchange', 'services', 'configuration'];

/** The organization a DN lies under, or null for a DN outside CN=Microsoft Exchange,CN=Services. */
function organizationOf(dn: string): Organization | null {
  const parsed = parseDn(dn);
  if (!parsed) return null;
  const { rdns, starts } = parsed;
  for (let index = 0; index + 4 < rdns.length; index++) {
    const path = rdns.slice(index + 1, index + 4).map((rdn) => rdn.value.toLowerCase());
    if (path.every((value, position) => value === EXCHANGE_PATH[position]) && rdns[index + 4]!.type.toLowerCase() === 'dc') {
      return {
        name: rdns[index]!.value,
        dn: dn.slice(starts[index]),
        configurationDn: dn.slice(starts[index + 3]),
        forestDn: dn.slice(starts[index + 4]),
      };
    }
  }
  return null;
}

/** The DN that places an exported object in an organization or forest; null for objects that have none. */
function placingDn(kind: ExportKindName, record: ExportRecord): string | null {
  const { object } = record;
  switch (kind) {
    case 'Manifest':
    case 'ExSetup':
      return null;
    case 'SchemaVersion':
    case 'DomainObjectVersion':
      return searchResultDn(object);
    case 'MailboxCount':
      return distinguishedName(prop(object, 'Database'));
    case 'Recipient':
      // A recipient lives in a domain partition; its database places it in the organization (remote ones have none).
      return distinguishedName(prop(object, 'Database'));
    default:
      return distinguishedName(prop(object, 'DistinguishedName')) ?? distinguishedName(prop(object, 'Identity'));
  }
}

/** The trailing DC= components of a DN: its domain (or, for the schema and configuration, its forest). */
function forestOf(dn: string): string {
  const parsed = parseDn(dn);
  if (!parsed) return dn;
  let first = parsed.rdns.length;
  while (first > 0 && parsed.rdns[first - 1]!.type.toLowerCase() === 'dc') first--;
  return first < parsed.rdns.length ? dn.slice(parsed.starts[first]) : '';
}

/** Whether a domain (or forest) DN is the forest's root domain or lies below it. */
function inForest(domainDn: string, forestDn: string): boolean {
  const domain = dnKey(domainDn);
  const forest = dnKey(forestDn);
  return forest !== '' && (domain === forest || domain.endsWith(`,${forest}`));
}

/** Settles the organization and removes, in place, every record that belongs to another. */
export function scopeToOrganization(recognised: Recognised): Scoped {
  const configs = distinct(recognised.byKind.OrganizationConfig.map((record) => placingDn('OrganizationConfig', record)));
  const named = distinct(EXPORT_KIND_NAMES.flatMap((kind) => recognised.byKind[kind].map((record) => placingDn(kind, record))));
  const candidates = configs.length > 0 ? configs : named;
  if (candidates.length > 1) {
    const names = candidates.map((organization) => `${organization.name} (${organization.forestDn})`).join(', ');
    const problem =
      configs.length > 1
        ? `the folder holds the organization configuration of ${candidates.length} organizations (${names}); import each organization's exports from a folder of its own`
        : `the folder holds exports of ${candidates.length} organizations (${names}) and no Get-OrganizationConfig to say which one it is about`;
    return { organization: null, problem, setAside: setAsideAll(recognised) };
  }
  const organization = candidates[0] ?? null;
  const setAside: SetAside[] = [];
  if (organization) {
    for (const kind of EXPORT_KIND_NAMES) {
      recognised.byKind[kind] = recognised.byKind[kind].filter((record) => {
        const dn = placingDn(kind, record);
        if (dn === null) return true;
        const owner = organizationOf(dn);
        const belongs = owner ? dnKey(owner.dn) === dnKey(organization.dn) : inForest(forestOf(dn), organization.forestDn);
        if (!belongs) setAside.push({ kind, file: record.file, belongsTo: owner ? `${owner.name} (${owner.forestDn})` : forestOf(dn) });
        return belongs;
      });
    }
  }
  return { organization, problem: null, setAside };
}

function setAsideAll(recognised: Recognised): SetAside[] {
  const setAside: SetAside[] = [];
  for (const kind of EXPORT_KIND_NAMES) {
    recognised.byKind[kind] = recognised.byKind[kind].filter((record) => {
      const dn = placingDn(kind, record);
      if (dn === null) return true;
      setAside.push({ kind, file: record.file, belongsTo: organizationOf(dn)?.name ?? forestOf(dn) });
      return false;
    });
  }
  return setAside;
}

function distinct(dns: readonly (string | null)[]): Organization[] {
  const found = new Map<string, Organization>();
  for (const dn of dns) {
    const organization = dn ? organizationOf(dn) : null;
    if (organization && !found.has(dnKey(organization.dn))) found.set(dnKey(organization.dn), organization);
  }
  return [...found.values()];
}

/** The organization's name as Get-OrganizationConfig gives it, when the DN is all there is. */
export function organizationName(organization: Organization, config: ExportRecord | undefined): string {
  return nonEmptyText(prop(config?.object, 'Name')) ?? organization.name;
}
