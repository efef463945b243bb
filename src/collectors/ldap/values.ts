// Reading attribute values from ldapts entries. ldapts keys attributes by the server's spelling of the name
// (docs/facts/libraries.md §1) and gives one value as a scalar, several as an array, none as []; these helpers hide that.
import type { LdapEntry } from '../../clients/ldap.js';

type RawValue = LdapEntry[string];

function raw(entry: LdapEntry, attribute: string): RawValue | undefined {
  const exact = entry[attribute];
  if (exact !== undefined) return exact;
  const wanted = attribute.toLowerCase();
  for (const key of Object.keys(entry)) {
    if (key.toLowerCase() === wanted) return entry[key];
  }
  return undefined;
}

function asText(value: string | Buffer): string {
  return typeof value === 'string' ? value : value.toString('utf8');
}

/** Every value as text (binary values decoded as UTF-8). */
export function texts(entry: LdapEntry, attribute: string): string[] {
  const value = raw(entry, attribute);
  if (value === undefined) return [];
  if (Array.isArray(value)) return (value as (string | Buffer)[]).map(asText);
  return [asText(value)];
}

/** The first value as text, or null when the attribute is absent or empty. */
export function text(entry: LdapEntry, attribute: string): string | null {
  const value = raw(entry, attribute);
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    const first = (value as (string | Buffer)[])[0];
    return first === undefined ? null : asText(first);
  }
  return asText(value);
}

/** An INTEGER attribute that fits a JS number exactly; null when absent or not an integer. */
export function integer(entry: LdapEntry, attribute: string): number | null {
  const value = text(entry, attribute);
  if (value === null || !/^-?\d+$/.test(value.trim())) return null;
  const number = Number(value.trim());
  return Number.isSafeInteger(number) ? number : null;
}

/** An LDAP BOOLEAN ("TRUE"/"FALSE"); null when absent or malformed. */
export function boolean(entry: LdapEntry, attribute: string): boolean | null {
  const value = text(entry, attribute)?.trim().toUpperCase();
  if (value === 'TRUE') return true;
  if (value === 'FALSE') return false;
  return null;
}

/** A binary attribute (request it in binaryAttributes so that ldapts never decodes it as text). */
export function bytes(entry: LdapEntry, attribute: string): Buffer | null {
  const value = raw(entry, attribute);
  const first = Array.isArray(value) ? (value as (string | Buffer)[])[0] : value;
  if (first === undefined) return null;
  return Buffer.isBuffer(first) ? first : null;
}

/** Lower-cased, de-duplicated and sorted: the light normalisation artifacts promise for names. */
export function sortedLowerUnique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim().toLowerCase()).filter((value) => value.length > 0))].sort();
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.name.localeCompare(b.name);
}
