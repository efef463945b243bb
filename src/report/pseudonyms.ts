// From the names of a run to their pseudonyms, and the substitution that writes them. Numbering follows the sorted
// names of each class, so the same facts always get the same pseudonyms and a report and the inventory of one run
// share them. Hosts keep their shape: a protocol label stays (autodiscover.domain-1.example), a host named after a
// known server stays that server (server-1.domain-2.example), so checks that relate the two still can on replay.
import { type KnownNames, NAME_CLASSES, type NameClass } from './known-names.js';

export interface Pseudonyms {
  replace: (text: string) => string;
  /** The pseudonym of exactly this name, if it is one; an RDN value's too, which `replace` rewrites only inside a DN. */
  pseudonymOf: (name: string) => string | undefined;
  /** Pseudonym → the name it stands for (as first written in the facts), sorted by pseudonym: the --redact-map file. */
  map: Record<string, string>;
}

/** Labels that say what a host is for, not whose it is. */
const PROTOCOL_LABELS = new Set(['autodiscover', '_autodiscover', '_tcp']);
/** First labels of domains too common to stand for the organization on their own. */
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

const PREFIX: Record<Exclude<NameClass, 'domain' | 'host' | 'mailbox' | 'rdn-value'>, string> = {
  tenant: 'tenant',
  server: 'server',
  computer: 'computer',
  database: 'database',
  organization: 'organization',
  account: 'account',
  connector: 'connector',
  application: 'application',
  'display-name': 'name',
};

export function pseudonymsFor(names: KnownNames): Pseudonyms {
  const { classOf, spelled } = classify(names);
  const members = (nameClass: NameClass) => [...classOf.entries()].filter(([, of]) => of === nameClass).map(([name]) => name);
  const table = new Map<string, string>();
  /** Names replaced only where they stand as the value of an RDN. */
  const rdnTable = new Map<string, string>();

  const domains = [...new Set([...members('domain'), ...members('mailbox').map((address) => address.split('@')[1] ?? '')])]
    .filter((domain) => domain.length >= 2)
    .sort();
  const domainPseudonym = new Map(domains.map((domain, index) => [domain, `domain-${index + 1}.example`]));
  const pseudoDomainOf = (host: string): string => {
    const parent = domains.filter((domain) => host === domain || host.endsWith(`.${domain}`)).sort((a, b) => b.length - a.length)[0];
    return parent ? (domainPseudonym.get(parent) as string) : 'example';
  };
  domains.forEach((domain, index) => {
    const labels = domain.split('.');
    const first = labels[0] ?? '';
    // The domain's first label on its own ("CONTOSO\svc"), unless the facts give it a class of its own below.
    if (first.length >= 4 && !GENERIC_LABELS.has(first) && !table.has(first)) table.set(first, `domain-${index + 1}`);
    table.set(domain, `domain-${index + 1}.example`);
  });

  for (const nameClass of Object.keys(PREFIX) as (keyof typeof PREFIX)[]) {
    members(nameClass)
      .sort()
      .forEach((name, index) => table.set(name, `${PREFIX[nameClass]}-${index + 1}`));
  }
  const displayNames = new Set(members('display-name'));
  [...new Set([...displayNames, ...members('rdn-value')])].sort().forEach((name, index) => {
    (displayNames.has(name) ? table : rdnTable).set(name, `name-${index + 1}`);
  });

  let hostNumber = 0;
  for (const host of members('host').sort()) {
    if (domainPseudonym.has(host)) continue;
    const [label = '', ...rest] = host.split('.');
    const parent = rest.length > 0 ? pseudoDomainOf(host) : 'example';
    const machine = table.get(label);
    if (PROTOCOL_LABELS.has(label)) table.set(host, `${label}.${parent}`);
    else if (machine && /^(?:server|computer)-\d+$/.test(machine) && domainPseudonym.has(rest.join('.')))
      table.set(host, `${machine}.${parent}`);
    else table.set(host, `host-${++hostNumber}.${parent}`);
  }
  members('mailbox')
    .sort()
    .forEach((address, index) => table.set(address, `mailbox-${index + 1}@${pseudoDomainOf(address.split('@')[1] ?? '')}`));

  const map = Object.fromEntries(
    [...table.entries(), ...rdnTable.entries()]
      .map(([name, pseudonym]) => [pseudonym, spelled.get(name) ?? name] as const)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
  );
  const pseudonymOf = (name: string) => {
    const key = name.trim().toLowerCase();
    return table.get(key) ?? rdnTable.get(key);
  };
  return { replace: substitution(table, rdnTable, domains, domainPseudonym), pseudonymOf, map };
}

/** Each name (lower-cased) gets the first class that holds it; `spelled` keeps how the facts first wrote it. */
function classify(names: KnownNames): { classOf: Map<string, NameClass>; spelled: Map<string, string> } {
  const classOf = new Map<string, NameClass>();
  const spelled = new Map<string, string>();
  for (const nameClass of NAME_CLASSES) {
    for (const name of names[nameClass] ?? []) {
      const key = name.trim().toLowerCase();
      if (key.length < 2) continue;
      if (!spelled.has(key)) spelled.set(key, name.trim());
      if (!classOf.has(key)) classOf.set(key, nameClass);
    }
  }
  return { classOf, spelled };
}

function substitution(
  table: Map<string, string>,
  rdnTable: Map<string, string>,
  domains: readonly string[],
  domainPseudonym: Map<string, string>,
): (text: string) => string {
  // A domain as Active Directory writes it in a DN (DC=contoso,DC=com), and as certificates do, root first.
  const dnForms = [...domains]
    .sort((a, b) => b.split('.').length - a.split('.').length)
    .flatMap((domain) => {
      const labels = domain.split('.');
      const pseudonym = (domainPseudonym.get(domain) ?? 'example').split('.');
      const form = (list: string[]) => list.map((label) => `dc=${escapeRegExp(label)}`).join(',\\s*');
      const written = (list: string[]) => list.map((label) => `DC=${label}`).join(',');
      return [
        { source: form(labels), key: labels.join('.'), pseudonym: written(pseudonym) },
        ...(labels.length > 1
          ? [{ source: form([...labels].reverse()), key: `rev:${labels.join('.')}`, pseudonym: written([...pseudonym].reverse()) }]
          : []),
      ];
    });
  const dnPseudonym = new Map(dnForms.map((form) => [form.key, form.pseudonym]));
  const dnPattern =
    dnForms.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${dnForms.map((form) => `(${form.source})`).join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');
  const pattern = wholeNames([...table.keys()], '(?<![\\p{L}\\p{N}_-])', '(?![\\p{L}\\p{N}_-])');
  // An RDN value stands between "CN=" (or OU=, O=) and the next separator.
  const rdnPattern = wholeNames([...rdnTable.keys()], '(?<=\\b(?:CN|OU|O)=)', '(?=\\s*(?:[,+/;"]|$))');

  return (text) => {
    let out = text;
    if (dnPattern) {
      out = out.replace(dnPattern, (...groups: unknown[]) => {
        const index = groups.slice(1, dnForms.length + 1).findIndex((group) => group !== undefined);
        return dnPseudonym.get(dnForms[index]?.key ?? '') ?? String(groups[0]);
      });
    }
    if (pattern) out = out.replace(pattern, (match) => table.get(match.toLowerCase()) ?? match);
    if (rdnPattern) out = out.replace(rdnPattern, (match) => rdnTable.get(match.toLowerCase()) ?? match);
    return out;
  };
}

function wholeNames(names: string[], before: string, after: string): RegExp | null {
  if (names.length === 0) return null;
  const sources = [...names].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegExp);
  return new RegExp(`${before}(?:${sources.join('|')})${after}`, 'giu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
