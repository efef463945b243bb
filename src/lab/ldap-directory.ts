// The lab directory's data: entries in naming contexts, searched the way Active Directory searches them —
// attribute names and string values match case-insensitively, every class of an object's chain is in its
// objectClass, and a subtree search stops at another naming context and returns a continuation reference
// to it instead (https://learn.microsoft.com/windows/win32/ad/referrals).
import { dnKey, firstRdnValue, parentDn, parseDn } from '../clients/ldap-escape.js';
import type { SearchScope } from './ldap-codec.js';
import { type LdapFilter, type LdapValue, matchesFilter } from './ldap-filter.js';

/** Attribute values as a caller writes them; numbers and booleans become LDAP INTEGER and BOOLEAN text. */
export type LdapInputValue = LdapValue | number | boolean;

export interface LdapEntryInput {
  dn: string;
  attributes: Readonly<Record<string, LdapInputValue | readonly LdapInputValue[]>>;
}

export interface LdapAttribute {
  /** The name as the directory spells it (AD's lDAPDisplayName), which is how it is returned. */
  name: string;
  values: LdapValue[];
}

interface StoredEntry {
  dn: string;
  key: string;
  parentKey: string | null;
  /** Key of the naming context the entry belongs to. */
  context: string;
  attributes: Map<string, LdapAttribute>;
}

export interface DirectorySearch {
  base: string;
  scope: SearchScope;
  filter: LdapFilter;
  /** Requested attribute names; empty or "*" = all, "1.1" = none. */
  attributes: readonly string[];
}

export type DirectorySearchResult =
  | { found: true; entries: { dn: string; attributes: LdapAttribute[] }[]; references: string[] }
  | { found: false; matchedDn: string };

export class LdapDirectory {
  readonly #entries = new Map<string, StoredEntry>();
  /** Parents created because an entry below them arrived first; an explicit entry may still replace them. */
  readonly #implied = new Set<string>();
  readonly #contexts: { dn: string; key: string }[];
  readonly #rootDse: StoredEntry;
  readonly #referralHost: string;

  /**
   * `namingContexts` are the partition roots (domain, Configuration, Schema); every entry lies below one. Missing
   * parents are created as plain containers. `referralHost` names the server in continuation references.
   */
  constructor(options: {
    namingContexts: readonly string[];
    rootDse: LdapEntryInput['attributes'];
    referralHost: string;
    entries: readonly LdapEntryInput[];
  }) {
    this.#contexts = options.namingContexts.map((dn) => ({ dn, key: dnKey(dn) })).sort((a, b) => b.key.length - a.key.length);
    this.#referralHost = options.referralHost;
    this.#rootDse = this.#store({ dn: '', attributes: options.rootDse }, '');
    for (const entry of options.entries) this.add(entry);
  }

  get size(): number {
    return this.#entries.size;
  }

  add(input: LdapEntryInput): void {
    const key = dnKey(input.dn);
    if (this.#entries.has(key) && !this.#implied.delete(key)) throw new Error(`the lab directory already holds ${input.dn}`);
    const context = this.#contexts.find((candidate) => key === candidate.key || key.endsWith(`,${candidate.key}`));
    if (!context) throw new Error(`${input.dn} lies in no naming context of the lab directory`);
    const parent = key === context.key ? null : parentDn(input.dn);
    if (parent !== null && !this.#entries.has(dnKey(parent))) {
      this.add(impliedParent(parent));
      this.#implied.add(dnKey(parent));
    }
    this.#entries.set(key, this.#store(input, context.key));
  }

  search(request: DirectorySearch): DirectorySearchResult {
    const wanted = selection(request.attributes);
    const select = (entry: StoredEntry) => ({ dn: entry.dn, attributes: pick(entry, wanted) });
    if (request.base.trim() === '') {
      // The RootDSE answers base searches only; AD has no entry "above" its naming contexts on this port.
      if (request.scope !== 'base') return { found: false, matchedDn: '' };
      return { found: true, entries: matches(this.#rootDse, request.filter) ? [select(this.#rootDse)] : [], references: [] };
    }
    const baseKey = dnKey(request.base);
    const base = this.#entries.get(baseKey);
    if (!base) return { found: false, matchedDn: this.#closestAncestor(request.base) };
    if (request.scope === 'base') return { found: true, entries: matches(base, request.filter) ? [select(base)] : [], references: [] };

    const entries: { dn: string; attributes: LdapAttribute[] }[] = [];
    const references: string[] = [];
    const deep = request.scope !== 'one';
    const includeBase = request.scope === 'sub';
    for (const entry of this.#entries.values()) {
      const below = deep ? entry.key.endsWith(`,${baseKey}`) : entry.parentKey === baseKey;
      if (!(below || (includeBase && entry === base))) continue;
      if (entry.context !== base.context) {
        // The root of a partition directly below this one: refer to it rather than search it (deeper ones are its business).
        if (entry.key === entry.context && this.#superiorContext(entry.key) === base.context) {
          references.push(`ldap://${this.#referralHost}/${encodeURI(entry.dn)}`);
        }
        continue;
      }
      if (matches(entry, request.filter)) entries.push(select(entry));
    }
    return { found: true, entries, references };
  }

  /** The naming context that holds a partition root's parent. */
  #superiorContext(contextKey: string): string | null {
    return this.#contexts.find((candidate) => candidate.key !== contextKey && contextKey.endsWith(`,${candidate.key}`))?.key ?? null;
  }

  #store(input: LdapEntryInput, context: string): StoredEntry {
    const attributes = new Map<string, LdapAttribute>();
    for (const [name, raw] of Object.entries(input.attributes)) {
      const values = (Array.isArray(raw) ? raw : [raw]) as LdapInputValue[];
      if (values.length === 0) continue;
      attributes.set(name.toLowerCase(), { name, values: values.map(toLdapValue) });
    }
    const key = input.dn === '' ? '' : dnKey(input.dn);
    const parent = input.dn === '' ? null : parentDn(input.dn);
    return { dn: input.dn, key, parentKey: parent === null ? null : dnKey(parent), context, attributes };
  }

  #closestAncestor(dn: string): string {
    const parsed = parseDn(dn);
    for (const start of parsed?.starts.slice(1) ?? []) {
      const candidate = this.#entries.get(dnKey(dn.slice(start)));
      if (candidate) return candidate.dn;
    }
    return '';
  }
}

function impliedParent(dn: string): LdapEntryInput {
  const type = parseDn(dn)?.rdns[0]?.type.toLowerCase();
  const name = firstRdnValue(dn) ?? dn;
  if (type === 'ou') return { dn, attributes: { objectClass: ['top', 'organizationalUnit'], ou: name } };
  return { dn, attributes: { objectClass: ['top', 'container'], cn: name } };
}

function toLdapValue(value: LdapInputValue): LdapValue {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return value;
}

/** null = every attribute. */
function selection(requested: readonly string[]): Set<string> | null {
  const names = requested.map((name) => name.toLowerCase());
  if (names.length === 0 || names.includes('*')) return null;
  return new Set(names.filter((name) => name !== '1.1' && name !== '+'));
}

function pick(entry: StoredEntry, wanted: Set<string> | null): LdapAttribute[] {
  const out: LdapAttribute[] = [];
  for (const [key, attribute] of entry.attributes) if (wanted === null || wanted.has(key)) out.push(attribute);
  return out;
}

function matches(entry: StoredEntry, filter: LdapFilter): boolean {
  return matchesFilter((attribute) => entry.attributes.get(attribute.toLowerCase())?.values ?? [], filter);
}
