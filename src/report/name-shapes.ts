// From a marked string to the names in it: a host field may hold "DNS:mail.contoso.com", a server field an FQDN,
// an account a DN, a UPN or DOMAIN\user, a URL its host (and a tenant in a sign-in path), a distinguished name its
// RDN values, free text whatever known shape it carries — the Entra Connect account's description ("running on
// computer X configured to synchronize to tenant Y"), Microsoft principals scoped to a tenant ("…@<tenant>"),
// mail addresses, DNs and URLs. docs/redaction.md lists the shapes.
import type { IdentifyingMark } from '../inventory/identifying.js';
import type { NameClass, NameCollector } from './known-names.js';
import { isFixedName, isPublicCertificateAuthority, isWellKnownHost, isWellKnownId } from './well-known-names.js';

export interface HarvestOptions {
  /** Hosts of URLs inside free text are names in an inventory's facts, but a report's text also carries the tool's own links. */
  urlsInFreeText: boolean;
}

const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SINGLE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_$-]*$/u;
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\]+/gi;
const MAIL_IN_TEXT = /[\p{L}\p{N}._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/giu;
/** The sign-in and token services whose first path segment is the tenant. */
const SIGN_IN_PATH =
  /\b(?:login\.microsoftonline\.(?:com|us|de)|login\.windows\.net|sts\.windows\.net|login\.chinacloudapi\.cn|login\.partner\.microsoftonline\.cn|accounts\.accesscontrol\.windows\.net|login\.microsoft\.com)\/([^/\s"'?#<>,;]+)/gi;
/** A Microsoft principal scoped to a tenant, as in a Bearer challenge's trusted_issuers. */
const SCOPED_PRINCIPAL = /\b0000000[0-9a-f]-0000-0(?:ff1-ce00|000-c000)-000000000000@([a-z0-9.-]+)/gi;
const ENTRA_CONNECT_ACCOUNT = /running on computer\s+(\S+?)\s+configured to synchronize to tenant\s+(\S+?)\.?(?=\s|$)/gi;
const INSTALLATION_ID = /installation identifier\s+([0-9a-f]{32})\b/gi;
/** Two or more RDNs in a row inside text; the last value ends at white space. */
const DN_IN_TEXT = /\b(?:(?:CN|OU|DC|O)=[^,=]+?,\s*)+(?:CN|OU|DC|O)=[^,=\s"')]+/gi;

export function harvestMarked(text: string, mark: IdentifyingMark, names: NameCollector, options: HarvestOptions): void {
  if (text.trim() === '') return;
  switch (mark.names) {
    case 'host':
      return host(text, names);
    case 'domain':
      return domain(text, names);
    case 'server':
    case 'computer':
      return machine(text, mark.names, names);
    case 'mailbox':
      return mailbox(text, names);
    case 'account':
      return account(text, names);
    case 'tenant':
      return tenant(text, names);
    case 'application':
      return GUID.test(text.trim()) ? (isWellKnownId(text) ? undefined : names.add('application', text)) : names.add('application', text);
    case 'url':
      return url(text, names);
    case 'distinguished-name':
      return distinguishedName(text, mark.leaf ?? null, names);
    case 'free-text':
      return freeText(text, names, options);
    default:
      return names.add(mark.names, text);
  }
}

function host(text: string, names: NameCollector): void {
  let name = text.trim();
  if (/^ip address:/i.test(name)) return;
  if (/^email:/i.test(name)) return mailbox(name.slice(6), names);
  name = name.replace(/^dns:/i, '').replace(/^\*\./, '').replace(/\.$/, '');
  if (name.includes('@')) return mailbox(name, names);
  if (DNS_NAME.test(name)) {
    if (isWellKnownHost(name)) return;
    names.add('host', name.toLowerCase());
    // The domain a host lives in is a name too (mail.fabrikam.com → fabrikam.com), even when no field gives it.
    const parent = name.toLowerCase().split('.').slice(1);
    if (parent.length >= 2) names.add('domain', parent.join('.'));
    return;
  }
  const withoutPort = name.replace(/:\d+$/, '');
  if (withoutPort !== name) return host(withoutPort, names);
  if (SINGLE_NAME.test(name)) names.add('server', name);
}

function domain(text: string, names: NameCollector): void {
  const name = text.trim().replace(/\.$/, '');
  if (DNS_NAME.test(name)) names.add('domain', name.toLowerCase());
  else names.add('display-name', name);
}

/** A server or computer as NetBIOS name or FQDN: the FQDN is a host, its first label the machine. */
function machine(text: string, nameClass: NameClass, names: NameCollector): void {
  const name = text.trim();
  if (DNS_NAME.test(name)) {
    if (isWellKnownHost(name)) return;
    host(name, names);
    names.add(nameClass, name.split('.')[0] ?? '');
  } else if (!name.includes(':')) names.add(nameClass, name);
}

function mailbox(text: string, names: NameCollector): void {
  const address = text.trim().replace(/^smtp:/i, '');
  const at = address.lastIndexOf('@');
  if (at <= 0) return account(address, names);
  names.add('mailbox', address);
  domain(address.slice(at + 1), names);
}

/** A DN, a UPN (user@domain) or a down-level name (DOMAIN\user). */
function account(text: string, names: NameCollector): void {
  const name = text.trim();
  if (/^(?:CN|OU|UID)=/i.test(name)) return distinguishedName(name, 'account', names);
  const at = name.lastIndexOf('@');
  if (at > 0) {
    names.add('account', name.slice(0, at));
    return domain(name.slice(at + 1), names);
  }
  const slash = name.indexOf('\\');
  if (slash > 0) {
    names.add('display-name', name.slice(0, slash));
    return names.add('account', name.slice(slash + 1));
  }
  names.add('account', name);
}

/** A tenant id (GUID), one of the tenant's domains, or its name. */
function tenant(text: string, names: NameCollector): void {
  const name = text.trim();
  if (isWellKnownId(name)) return;
  if (GUID.test(name)) names.add('tenant', name.toLowerCase());
  else if (DNS_NAME.test(name)) names.add('domain', name.toLowerCase());
  else names.add('organization', name);
}

function url(text: string, names: NameCollector): void {
  const found = [...text.matchAll(URL_IN_TEXT)].map((match) => match[0]);
  if (found.length === 0) return host(text, names);
  for (const candidate of found) urlHost(candidate, names);
  tenantsInSignInPaths(text, names);
  mailsIn(safeDecode(text), names);
}

function urlHost(candidate: string, names: NameCollector): void {
  try {
    const parsed = new URL(candidate);
    if (parsed.hostname !== '' && !parsed.hostname.startsWith('[')) host(parsed.hostname, names);
    // "doh:https://dns.contoso.com/dns-query": the address inside a resolver label.
    const inner = /^[a-z][a-z0-9+.-]*:\/\/.*/i.exec(parsed.pathname)?.[0];
    if (inner && parsed.hostname === '') urlHost(inner, names);
  } catch {
    // not a URL after all: nothing to learn from it
  }
}

function tenantsInSignInPaths(text: string, names: NameCollector): void {
  for (const match of text.matchAll(SIGN_IN_PATH)) tenant(safeDecode(match[1] ?? ''), names);
}

function mailsIn(text: string, names: NameCollector): void {
  for (const match of text.matchAll(MAIL_IN_TEXT)) {
    const local = match[0].split('@')[0] ?? '';
    if (!isWellKnownId(local)) mailbox(match[0], names);
  }
}

function freeText(text: string, names: NameCollector, options: HarvestOptions): void {
  for (const match of text.matchAll(ENTRA_CONNECT_ACCOUNT)) {
    machine(match[1] ?? '', 'computer', names);
    tenant(match[2] ?? '', names);
  }
  for (const match of text.matchAll(INSTALLATION_ID)) names.add('account', match[1] ?? '');
  for (const match of text.matchAll(SCOPED_PRINCIPAL)) tenant(match[1] ?? '', names);
  tenantsInSignInPaths(text, names);
  mailsIn(text, names);
  for (const match of text.matchAll(DN_IN_TEXT)) distinguishedName(match[0], null, names);
  if (options.urlsInFreeText) for (const match of text.matchAll(URL_IN_TEXT)) urlHost(match[0], names);
}

interface Rdn {
  type: string;
  value: string;
}

/** "CN=EX01,CN=Servers,…,DC=contoso,DC=com" and "C=US, O=Contoso Ltd, CN=mail.contoso.com" alike. */
function parseRdns(text: string): Rdn[] {
  return text
    .split(/[,+](?=\s*[A-Za-z][A-Za-z0-9-]*=)/)
    .map((part) => /^\s*([A-Za-z][A-Za-z0-9-]*)=(.*)$/s.exec(part))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ type: (match[1] ?? '').toUpperCase(), value: (match[2] ?? '').trim().replace(/^"(.*)"$/, '$1') }));
}

/** What a CN names, from the container above it. */
const CONTAINER_CLASS: Record<string, NameClass> = {
  servers: 'server',
  databases: 'database',
  'database availability groups': 'server',
  'microsoft exchange': 'organization',
  'auth servers': 'application',
  'partner applications': 'application',
  'intra organization connectors': 'connector',
};

function distinguishedName(text: string, leaf: IdentifyingMark['names'] | null, names: NameCollector): void {
  const rdns = parseRdns(text);
  // An issuer that is a public CA names the CA, not the organization.
  if (rdns.some((rdn) => rdn.type === 'O' && isPublicCertificateAuthority(rdn.value))) return;
  const labels = rdns.filter((rdn) => rdn.type === 'DC').map((rdn) => rdn.value.toLowerCase());
  if (labels.length > 0) domain(inDnsOrder(labels).join('.'), names);
  rdns.forEach((rdn, index) => {
    const { type, value } = rdn;
    if (value === '' || isFixedName(value)) return;
    if (index === 0 && leaf !== null && leaf !== 'distinguished-name') return harvestMarked(value, { names: leaf }, names, NO_URLS);
    if (type === 'CN') {
      if (DNS_NAME.test(value.replace(/^\*\./, ''))) return host(value, names);
      // An object under a container the tool does not know (a user, a CA…) is still named by its CN.
      const parent = rdns[index + 1]?.value.toLowerCase() ?? '';
      return names.add(CONTAINER_CLASS[parent] ?? 'display-name', value);
    }
    if (type === 'O') return names.add('organization', value);
    // OU names are often ordinary words ("Service", "Exchange"): replaced where they stand in a DN, not in running text.
    if (type === 'OU') return names.add('rdn-value', value);
    if (type === 'EMAILADDRESS' || type === 'E') return mailbox(value, names);
    if (type === 'UID') return names.add('account', value);
  });
}

const NO_URLS: HarvestOptions = { urlsInFreeText: false };
const TOP_LEVEL_FIRST = /^(?:com|net|org|edu|gov|mil|int|local|lan|internal|corp|home|test|[a-z]{2})$/;

/** Certificates often list domain components root first (DC=com, DC=contoso); AD writes them leaf first. */
function inDnsOrder(labels: string[]): string[] {
  const first = labels[0] ?? '';
  const last = labels[labels.length - 1] ?? '';
  return labels.length > 1 && TOP_LEVEL_FIRST.test(first) && !TOP_LEVEL_FIRST.test(last) ? [...labels].reverse() : labels;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
