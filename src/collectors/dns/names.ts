// Which names the Internet must resolve: the Autodiscover host of every SMTP domain in scope, and every
// on-premises client namespace. Names are lower-cased, without a trailing dot, de-duplicated in input order.
import type { CollectOptions } from '../../options.js';

export interface NameToResolve {
  name: string;
  role: 'autodiscover' | 'namespace';
  /** For autodiscover names: the SMTP domain it serves. */
  domain: string | null;
}

export function normaliseHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** The domains of --domain, plus the domains of --mailbox: Autodiscover for a mailbox starts at its own domain. */
export function domainsInScope(options: Pick<CollectOptions, 'domains' | 'mailboxes'>): string[] {
  const fromMailboxes = options.mailboxes.map((mailbox) => mailbox.slice(mailbox.lastIndexOf('@') + 1)).filter((domain) => domain !== '');
  return [...new Set([...options.domains, ...fromMailboxes].map(normaliseHost))].filter((domain) => domain !== '');
}

export function autodiscoverHost(domain: string): string {
  return `autodiscover.${domain}`;
}

export function namesToResolve(options: Pick<CollectOptions, 'domains' | 'mailboxes' | 'namespaces'>): NameToResolve[] {
  const names: NameToResolve[] = domainsInScope(options).map((domain) => ({
    name: autodiscoverHost(domain),
    role: 'autodiscover',
    domain,
  }));
  const namespaces = [...new Set(options.namespaces.map(normaliseHost))].filter((name) => name !== '');
  return [...names, ...namespaces.map((name) => ({ name, role: 'namespace' as const, domain: null }))];
}
