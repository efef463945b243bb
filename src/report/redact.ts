// --redact: replace the organization's names in a report or an inventory with stable pseudonyms (server-1,
// host-2.domain-1.example, …), so it can leave the organization. What is a name comes from the schemas alone: every
// string the artifact, inventory and report schemas mark (src/inventory/identifying.ts) is harvested by what it
// names, walking each value together with its schema; no list here names an artifact's fields, so a new collector's
// facts cannot leak by being forgotten. A report carries the names it mentions (`names`, written from the inventory
// when it is summarized), so `report FILE --redact` finds them without the inventory. Every string — free text,
// URLs, DNs, evidence and record keys included — then goes through the same substitution. docs/redaction.md.
import { CollectionSettings, Inventory } from '../inventory/inventory.js';
import { type KnownNames, mergeNames, NAME_CLASSES, type NameClass, NameCollector } from './known-names.js';
import { type HarvestOptions, harvestMarked } from './name-shapes.js';
import { type Pseudonyms, pseudonymsFor } from './pseudonyms.js';
import { type Notice, Report } from './report.js';
import { mapStrings, type StringMapper, visitStrings } from './schema-walk.js';
import { isWellKnownId } from './well-known-names.js';

export const REDACTED_NOTICE: Notice = {
  id: 'redacted',
  level: 'info',
  title: 'Names were replaced with pseudonyms',
  text:
    'Written with --redact: the names of the organization the facts hold (organization, domain, host, server, database, ' +
    'mailbox, account, computer, tenant, connector and application names, and the names inside URLs, distinguished ' +
    'names, descriptions and HTTP headers) were replaced with stable pseudonyms everywhere. IP addresses, certificate ' +
    "thumbprints, object ids and Microsoft's own names are kept. A name that appears only inside free text, in no shape " +
    'the tool recognises, may remain.',
  sources: [],
};

const INVENTORY_TEXT: HarvestOptions = { urlsInFreeText: true };
const REPORT_TEXT: HarvestOptions = { urlsInFreeText: false };

export function namesInInventory(inventory: Inventory): KnownNames {
  const collector = new NameCollector();
  harvest(inventory, Inventory, collector, INVENTORY_TEXT);
  namesUnderKnownDomains(inventory, collector);
  return collector.names;
}

export function namesInReport(report: Report): KnownNames {
  const collector = new NameCollector();
  harvest(report, Report, collector, REPORT_TEXT);
  // The report keeps the inventory's settings as plain JSON: read them with the inventory's marks.
  harvest(report.provenance.settings, CollectionSettings, collector, REPORT_TEXT);
  for (const nameClass of NAME_CLASSES) for (const name of report.names?.[nameClass] ?? []) collector.add(nameClass, name);
  for (const result of report.results) for (const { subject } of result.findings) subjectNames(subject, collector);
  namesUnderKnownDomains(report, collector);
  return collector.names;
}

/** The pseudonyms for everything written from one run: its report and its inventory share them. */
export function redactionFor(documents: { report?: Report; inventory?: Inventory }): Pseudonyms {
  const { report, inventory } = documents;
  return pseudonymsFor(mergeNames(...(report ? [namesInReport(report)] : []), ...(inventory ? [namesInInventory(inventory)] : [])));
}

/** A deep copy of the report with every name replaced, plus the notice saying so (once). */
export function redactReport(report: Report, pseudonyms: Pseudonyms): Report {
  const redacted = mapStrings(report, Report, wholeOrWithin(pseudonyms)) as Report;
  // The report's own list of names holds each name alone, so each is replaced whole, an RDN value's included.
  if (report.names) {
    redacted.names = Object.fromEntries(
      Object.entries(report.names).map(([nameClass, list]) => [
        nameClass,
        list.map((name) => pseudonyms.pseudonymOf(name) ?? pseudonyms.replace(name)),
      ]),
    );
  }
  const notices = redacted.notices.some((notice) => notice.id === REDACTED_NOTICE.id)
    ? redacted.notices
    : [...redacted.notices, REDACTED_NOTICE];
  return { ...redacted, notices };
}

/**
 * A deep copy of the inventory with every name replaced; `settings.redacted` says so, and a report assessed
 * from it carries the redaction notice. It stays a valid inventory: `assess --from-inventory` replays it.
 */
export function redactInventory(inventory: Inventory, pseudonyms: Pseudonyms): Inventory {
  const redacted = mapStrings(inventory, Inventory, wholeOrWithin(pseudonyms)) as Inventory;
  return Inventory.parse({ ...redacted, settings: { ...redacted.settings, redacted: true } }) as Inventory;
}

/** A marked field that holds exactly a name gets its pseudonym (an OU's too); any other string is substituted. */
function wholeOrWithin(pseudonyms: Pseudonyms): StringMapper {
  return (text, site) => (site.mark && !site.key ? pseudonyms.pseudonymOf(text) : undefined) ?? pseudonyms.replace(text);
}

/** The inventory's names that the report mentions, by class: the report's `names`. */
export function namesMentioned(inventory: Inventory, report: Report): Partial<Record<NameClass, string[]>> {
  const text = stringsOf(report).join('\n').toLowerCase();
  const found = namesInInventory(inventory);
  const mentioned: Partial<Record<NameClass, string[]>> = {};
  for (const nameClass of NAME_CLASSES) {
    const list = [...new Set(found[nameClass].filter((name) => text.includes(name.toLowerCase())))].sort();
    if (list.length > 0) mentioned[nameClass] = list;
  }
  return mentioned;
}

function harvest(value: unknown, schema: Parameters<typeof visitStrings>[1], collector: NameCollector, options: HarvestOptions): void {
  visitStrings(value, schema, (text, site) => {
    if (!site.key && site.mark) harvestMarked(text, site.mark, collector, options);
  });
}

/** Subjects of findings carry more than a name at times ("… via autodiscover.contoso.com", "host (address:port)"). */
function subjectNames(subject: { kind: string; name: string }, collector: NameCollector): void {
  const { kind, name } = subject;
  const first = name.trim().split(/\s/)[0] ?? '';
  if (kind === 'server' || kind === 'database') harvestMarked(name, { names: kind }, collector, REPORT_TEXT);
  else if (kind === 'mailbox' || kind === 'host' || kind === 'namespace' || kind === 'address' || kind === 'domain')
    harvestMarked(first, { names: kind === 'mailbox' ? 'mailbox' : kind === 'domain' ? 'domain' : 'host' }, collector, REPORT_TEXT);
  else if (kind === 'url') harvestMarked(first, { names: 'url' }, collector, REPORT_TEXT);
  else if (kind === 'tenant') for (const guid of name.match(GUIDS) ?? []) collector.add('tenant', guid.toLowerCase());
}

const GUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Any host or mail address under one of the organization's domains, wherever it is written. */
function namesUnderKnownDomains(document: unknown, collector: NameCollector): void {
  const domains = new Set(
    [...collector.names.domain, ...collector.names.mailbox.map((address) => address.split('@').pop() ?? '')]
      .map((domain) => domain.toLowerCase())
      .filter((domain) => domain.includes('.')),
  );
  if (domains.size === 0) return;
  const underKnown = (host: string) => {
    const labels = host.split('.');
    for (let start = 1; start < labels.length; start++) if (domains.has(labels.slice(start).join('.'))) return true;
    return false;
  };
  // Find DNS-shaped tokens first, then look their suffixes up: one pass per string, whatever the number of domains.
  for (const text of stringsOf(document)) {
    for (const match of text.matchAll(DNS_TOKEN)) {
      const local = match[1];
      const host = (match[2] ?? '').toLowerCase().replace(/\.$/, '');
      if (local) {
        // A Microsoft principal scoped to the domain (00000004-…@contoso.com) is no mailbox: the domain alone is the name.
        if ((domains.has(host) || underKnown(host)) && !isWellKnownId(local.slice(0, -1))) collector.add('mailbox', `${local}${host}`);
      } else if (!domains.has(host) && underKnown(host)) collector.add('host', host);
    }
  }
}

const DNS_TOKEN = /(?<![\p{L}\p{N}_.@%+'-])([\p{L}\p{N}._%+'-]+@)?([a-z0-9_-]+(?:\.[a-z0-9_-]+)+)(?![\p{L}\p{N}_-])/giu;

function stringsOf(document: unknown): string[] {
  const strings: string[] = [];
  visitStrings(document, null, (text) => strings.push(text));
  return strings;
}
