// --redact: replace host, domain, server, database, mailbox, organization and tenant names in a report or an
// inventory with stable pseudonyms (server-1, host-2.domain-1.example, …), so it can leave the organization.
// The names come from the report (target, finding subjects) and, when the facts are at hand, from the inventory
// too, so a server that appears only inside another check's evidence is still replaced. Every string, free text
// included (certificate subjects, URLs, DNs), goes through the same substitutions; so do object keys.
// Numbering follows the sorted names: the same facts always give the same pseudonyms, and a report and the
// inventory of one run share them. The table from pseudonym back to name is only written when asked (--redact-map).
import { Inventory } from '../inventory/inventory.js';
import type { Notice, Report } from './report.js';

export interface KnownNames {
  domains: string[];
  hosts: string[];
  servers: string[];
  databases: string[];
  mailboxes: string[];
  organizations: string[];
  tenants: string[];
}

export const REDACTED_NOTICE: Notice = {
  id: 'redacted',
  level: 'info',
  title: 'Names were replaced with pseudonyms',
  text:
    'Written with --redact: host, domain, server, database, mailbox, organization and tenant names known to the run ' +
    'were replaced with stable pseudonyms everywhere, free text included. IP addresses are kept. A name that appears ' +
    'only inside free text (for example a certificate issuer) and nowhere else in the facts may remain.',
  sources: [],
};

export function emptyNames(): KnownNames {
  return { domains: [], hosts: [], servers: [], databases: [], mailboxes: [], organizations: [], tenants: [] };
}

export function namesInReport(report: Report): KnownNames {
  const names = emptyNames();
  const { target } = report.provenance;
  names.domains.push(...target.domains, ...(target.adDomain ? [target.adDomain] : []));
  names.hosts.push(...target.namespaces, ...hostsOfUrls(target.ldapUrl ? [target.ldapUrl] : []));
  names.mailboxes.push(...target.mailboxes);
  if (target.tenantId) names.tenants.push(target.tenantId);
  for (const result of report.results) {
    for (const { subject } of result.findings) {
      // Subjects may carry more than the name ("adele@contoso.com via autodiscover.contoso.com",
      // "mail.contoso.com (20.84.113.42:443)"): only the name itself is a name.
      if (subject.kind === 'server') names.servers.push(subject.name);
      else if (subject.kind === 'database') names.databases.push(subject.name);
      else if (subject.kind === 'mailbox') names.mailboxes.push(...leading(subject.name, /^[^\s@]+@[a-z0-9.-]+/i));
      else if (subject.kind === 'host' || subject.kind === 'namespace') names.hosts.push(...leading(subject.name, DNS_NAME));
      else if (subject.kind === 'domain') names.domains.push(...leading(subject.name, DNS_NAME));
      else if (subject.kind === 'url') names.hosts.push(...hostsOfUrls([subject.name.split(/\s/)[0] ?? '']));
    }
  }
  return names;
}

export function namesInInventory(inventory: Inventory): KnownNames {
  const names = emptyNames();
  const { artifacts, target } = inventory;
  names.domains.push(...target.domains, ...(target.adDomain ? [target.adDomain] : []));
  names.hosts.push(...target.namespaces, ...hostsOfUrls(target.ldapUrl ? [target.ldapUrl] : []));
  names.mailboxes.push(...target.mailboxes);
  if (target.tenantId) names.tenants.push(target.tenantId);
  // The machine that collected (a jump box) is named after the organization's conventions too.
  const host = inventory.settings['collectedFrom'];
  if (typeof host === 'string' && host.trim() !== '') (host.includes('.') ? names.hosts : names.servers).push(host);
  if (artifacts.ExchangeOrganization) names.organizations.push(artifacts.ExchangeOrganization.name);
  for (const server of artifacts.ExchangeServers?.servers ?? []) {
    names.servers.push(server.name, ...(server.dag ? [server.dag] : []));
  }
  for (const database of artifacts.MailboxDatabases?.databases ?? []) {
    names.databases.push(database.name);
    names.servers.push(...database.copies.map((copy) => copy.server));
  }
  for (const directory of artifacts.VirtualDirectories?.directories ?? []) {
    names.hosts.push(...hostsOfUrls([directory.internalUrl, directory.externalUrl]));
  }
  for (const name of artifacts.PublicDns?.names ?? []) {
    names.hosts.push(name.name, ...name.answers.flatMap((answer) => answer.cnameChain));
    if (name.domain) names.domains.push(name.domain);
  }
  for (const probe of artifacts.AutodiscoverProbes?.probes ?? []) names.mailboxes.push(probe.mailbox);
  for (const request of artifacts.MailboxPlacement?.requested ?? []) names.mailboxes.push(request.address);
  for (const user of artifacts.GraphUsers?.users ?? []) names.mailboxes.push(user.mailbox);
  if (artifacts.GraphOrganization) {
    names.domains.push(...artifacts.GraphOrganization.verifiedDomains);
    names.tenants.push(artifacts.GraphOrganization.id);
    if (artifacts.GraphOrganization.displayName) names.organizations.push(artifacts.GraphOrganization.displayName);
  }
  return names;
}

export function mergeNames(...lists: KnownNames[]): KnownNames {
  const merged = emptyNames();
  for (const list of lists) for (const key of Object.keys(merged) as (keyof KnownNames)[]) merged[key].push(...list[key]);
  return merged;
}

/** A deep copy of the report with every known name replaced, plus the notice saying so. */
export function redactReport(report: Report, names: KnownNames): Report {
  const replace = substitution(names);
  const redacted = redactValue(report, replace) as Report;
  const notices = redacted.notices.some((notice) => notice.id === REDACTED_NOTICE.id)
    ? redacted.notices
    : [...redacted.notices, REDACTED_NOTICE];
  return { ...redacted, notices };
}

/**
 * A deep copy of the inventory with every known name replaced; `settings.redacted` says so, and a report assessed
 * from it carries the redaction notice. It stays a valid inventory: `assess --from-inventory` replays it.
 */
export function redactInventory(inventory: Inventory, names: KnownNames): Inventory {
  const redacted = redactValue(inventory, substitution(names)) as Inventory;
  return Inventory.parse({ ...redacted, settings: { ...redacted.settings, redacted: true } }) as Inventory;
}

function redactValue(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, replace));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replace(key), redactValue(item, replace)]));
  }
  return value;
}

/** Labels that say what a host is for, not whose it is. */
const PROTOCOL_LABELS = new Set(['autodiscover', '_autodiscover', '_tcp']);
const GENERIC_LABELS = new Set([
  'mail',
  'com',
  'net',
  'org',
  'local',
  'corp',
  'internal',
  'test',
  'example',
  'onmicrosoft',
  'office',
  'microsoft',
]);

export function substitution(names: KnownNames): (text: string) => string {
  return pseudonymsFor(names).replace;
}

export interface Pseudonyms {
  replace: (text: string) => string;
  /** Pseudonym → the name it stands for (as first written in the facts), sorted by pseudonym: the --redact-map file. */
  map: Record<string, string>;
}

export function pseudonymsFor(names: KnownNames): Pseudonyms {
  const table = new Map<string, string>();
  const spelled = new Map<string, string>();
  for (const list of Object.values(names) as string[][]) {
    for (const name of list) if (!spelled.has(name.trim().toLowerCase())) spelled.set(name.trim().toLowerCase(), name.trim());
  }
  const unique = (list: string[]) => [...new Set(list.map((name) => name.trim().toLowerCase()).filter((name) => name.length >= 2))].sort();

  const domains = unique([...names.domains, ...names.mailboxes.map((address) => address.split('@')[1] ?? '')]);
  const domainPseudonym = new Map(domains.map((domain, index) => [domain, `domain-${index + 1}.example`]));
  const pseudoDomainOf = (host: string): string => {
    const parent = domains.filter((domain) => host === domain || host.endsWith(`.${domain}`)).sort((a, b) => b.length - a.length)[0];
    return parent ? (domainPseudonym.get(parent) as string) : 'example';
  };
  domains.forEach((domain, index) => {
    table.set(domain, `domain-${index + 1}.example`);
    // The same domain as Active Directory writes it in distinguished names.
    table.set(
      domain
        .split('.')
        .map((label) => `dc=${label}`)
        .join(','),
      `DC=domain-${index + 1},DC=example`,
    );
    const first = domain.split('.')[0] ?? '';
    if (first.length >= 4 && !GENERIC_LABELS.has(first) && !table.has(first)) table.set(first, `domain-${index + 1}`);
  });

  unique(names.hosts)
    .filter((host) => !domainPseudonym.has(host))
    .forEach((host, index) => {
      const [label, ...rest] = host.split('.');
      const parent = rest.length > 0 ? pseudoDomainOf(host) : 'example';
      table.set(host, PROTOCOL_LABELS.has(label ?? '') ? `${label}.${parent}` : `host-${index + 1}.${parent}`);
    });
  unique(names.mailboxes).forEach((address, index) =>
    table.set(address, `mailbox-${index + 1}@${pseudoDomainOf(address.split('@')[1] ?? '')}`),
  );
  unique(names.servers).forEach((server, index) => table.set(server, `server-${index + 1}`));
  unique(names.databases).forEach((database, index) => table.set(database, `database-${index + 1}`));
  unique(names.organizations).forEach((organization, index) => table.set(organization, `organization-${index + 1}`));
  unique(names.tenants).forEach((tenant, index) => table.set(tenant, `tenant-${index + 1}`));

  const map = Object.fromEntries(
    [...table.entries()]
      .map(([name, pseudonym]) => [pseudonym, spelled.get(name) ?? name] as const)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
  );
  if (table.size === 0) return { replace: (text) => text, map };
  const sources = [...table.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Whole names only: "ex01" must not rewrite "ex011"; a dot, comma, slash or @ may touch a name.
  const pattern = new RegExp(`(?<![\\w-])(?:${sources.join('|')})(?![\\w-])`, 'gi');
  return { replace: (text) => text.replace(pattern, (match) => table.get(match.toLowerCase()) ?? match), map };
}

const DNS_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+/i;

function leading(text: string, pattern: RegExp): string[] {
  const match = pattern.exec(text.trim())?.[0];
  return match ? [match.replace(/\.$/, '')] : [];
}

function hostsOfUrls(urls: readonly (string | null)[]): string[] {
  const hosts: string[] = [];
  for (const url of urls) {
    if (!url) continue;
    try {
      const host = new URL(url).hostname;
      if (host && !/^[\d.]+$/.test(host) && !host.startsWith('[')) hosts.push(host);
    } catch {
      // not a URL: nothing to learn from it
    }
  }
  return hosts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
