// The names --redact replaces, by what they name. Each class gets its own pseudonyms (server-1, host-2.domain-1.example…);
// `rdn-value` holds the values of distinguished names that name nothing more precise (OU=Sales, CN=svc-audit under an
// OU): those are replaced only where they stand in a DN, so an OU called "Service" does not rewrite the word elsewhere.
// What is not the organization's (Microsoft's hosts and ids, fixed container names) and what is already a pseudonym
// never enters, so redacting a redacted document changes nothing.
import { isFixedName, isWellKnownHost } from './well-known-names.js';

/** In order of precedence: a name found as two classes belongs to the first. */
export const NAME_CLASSES = [
  'mailbox',
  'domain',
  'host',
  'tenant',
  'server',
  'computer',
  'database',
  'organization',
  'account',
  'connector',
  'application',
  'display-name',
  'rdn-value',
] as const;
export type NameClass = (typeof NAME_CLASSES)[number];
export type KnownNames = Record<NameClass, string[]>;

export function emptyNames(): KnownNames {
  return Object.fromEntries(NAME_CLASSES.map((nameClass) => [nameClass, []])) as unknown as KnownNames;
}

export function mergeNames(...lists: readonly KnownNames[]): KnownNames {
  const merged = emptyNames();
  for (const list of lists) for (const nameClass of NAME_CLASSES) merged[nameClass].push(...(list[nameClass] ?? []));
  return merged;
}

const PSEUDONYM =
  /^(?:domain|host|mailbox|server|computer|database|organization|tenant|account|connector|application|name)-\d+(?:[.@\\].*)?$/i;

/** A pseudonym this tool wrote, or a name under the reserved `.example` it writes them under. */
export function isPseudonym(text: string): boolean {
  const name = text.trim().toLowerCase();
  return PSEUDONYM.test(name) || name === 'example' || name.endsWith('.example');
}

const IP_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]*:[0-9a-f:.]*\]?)(?::\d+)?$/i;

/** Collects names by class, as they are first spelled, without duplicates, skipping what is nobody's name. */
export class NameCollector {
  private readonly seen = new Set<string>();
  readonly names = emptyNames();

  add(nameClass: NameClass, value: string): void {
    const name = value.trim().replace(/\.$/, '');
    const key = `${nameClass}\u0000${name.toLowerCase()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (worthReplacing(name, nameClass)) this.names[nameClass].push(name);
  }
}

function worthReplacing(name: string, nameClass: NameClass): boolean {
  // Two characters at least, and a letter: "01" or "15.2" would rewrite times and versions.
  if (name.length < 2 || !/\p{L}/u.test(name)) return false;
  if (isPseudonym(name) || IP_ADDRESS.test(name)) return false;
  if ((nameClass === 'host' || nameClass === 'domain') && isWellKnownHost(name)) return false;
  return !isFixedName(name);
}
