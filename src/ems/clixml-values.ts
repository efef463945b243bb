// What a CliXml document (PowerShell's Export-Clixml, MS-PSRP §2.2.5) reads into, and the accessors the importer uses
// to pick facts out of it. PowerShell names are case-insensitive, so property look-ups are too. Nothing here decodes
// a SecureString or keeps the bytes of a byte array: neither is ever a fact this tool needs.

/** A complex object: <Obj> with its type names, ToString, adapted (Props) and extended (MS) properties. */
export interface PsObject {
  /** Most derived first, with any "Deserialized." prefix removed (remoting adds it; a local shell does not). */
  typeNames: string[];
  /** True when the type names carried the "Deserialized." prefix. */
  deserialized: boolean;
  toStringValue: string | null;
  /** Props and MS merged, keyed by lower-cased name; the first of two same-named properties wins. */
  properties: Map<string, PsValue>;
  /** LST, IE, STK or QUE contents; null when the object is not a collection. */
  items: PsValue[] | null;
  /** DCT contents; null when the object is not a dictionary. */
  entries: { key: PsValue; value: PsValue }[] | null;
  /** A primitive held directly by the object: the underlying number of an enum, for instance. */
  value: PsValue;
}

/** <BA>: only the length is kept. */
interface PsBytes {
  bytes: number;
}

/** <SS>: a SecureString. Marked, never decoded or kept. */
interface PsSecret {
  secret: true;
}

/** Integers are numbers while exact, bigints beyond 2^53; strings carry S, DT, G, URI, Version, TS and friends. */
export type PsValue = null | string | number | bigint | boolean | PsObject | PsBytes | PsSecret;

export function isPsObject(value: PsValue | undefined): value is PsObject {
  return typeof value === 'object' && value !== null && 'typeNames' in value;
}

export function newPsObject(): PsObject {
  return { typeNames: [], deserialized: false, toStringValue: null, properties: new Map(), items: null, entries: null, value: null };
}

/** Whether the object is, or derives from, one of the given .NET types. */
export function hasType(object: PsObject, ...typeNames: string[]): boolean {
  return object.typeNames.some((name) => typeNames.includes(name));
}

/** A property by name (case-insensitive); undefined when the object has none by that name. */
export function prop(object: PsValue | undefined, name: string): PsValue | undefined {
  return isPsObject(object) ? object.properties.get(name.toLowerCase()) : undefined;
}

/** Text of a value: a string as is, a number or boolean written out, an object by its ToString. */
export function text(value: PsValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (isPsObject(value)) return value.toStringValue ?? (value.value !== null && !isPsObject(value.value) ? text(value.value) : null);
  return null;
}

/** Text with surrounding white space removed; null for empty. */
export function nonEmptyText(value: PsValue | undefined): string | null {
  const result = text(value)?.trim();
  return result ? result : null;
}

/** An exact integer: a number, an enum's underlying number, or a decimal string; null otherwise. */
export function integer(value: PsValue | undefined): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'bigint') return null;
  if (typeof value === 'string') return /^-?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : null;
  if (isPsObject(value)) return integer(value.value);
  return null;
}

/** The decimal text of an integer of any size (recipient type details exceed 2^53 in principle). */
export function decimal(value: PsValue | undefined): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return /^\d{1,20}$/.test(value.trim()) ? BigInt(value.trim()).toString() : null;
  if (isPsObject(value)) return decimal(value.value);
  return null;
}

export function boolean(value: PsValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (/^true$/i.test(value.trim())) return true;
    if (/^false$/i.test(value.trim())) return false;
  }
  return null;
}

/** The members of a collection; a single non-collection value counts as a list of one, null as none. */
export function list(value: PsValue | undefined): PsValue[] {
  if (value === undefined || value === null) return [];
  if (isPsObject(value) && value.items !== null) return value.items;
  return [value];
}

/** An ADObjectId (or a string DN): its DistinguishedName. */
export function distinguishedName(value: PsValue | undefined): string | null {
  if (typeof value === 'string') return /^(cn|ou|dc)=/i.test(value.trim()) ? value.trim() : null;
  return nonEmptyText(prop(value, 'DistinguishedName'));
}

/**
 * An ADObjectId's Name; when only its ToString survived (Export-Clixml's depth), the last part of the canonical
 * name ("contoso.com/Configuration/Sites/Site-1") or of "Database\Server" style identities.
 */
export function objectName(value: PsValue | undefined): string | null {
  const named = nonEmptyText(prop(value, 'Name'));
  if (named) return named;
  const whole = nonEmptyText(value);
  if (!whole) return null;
  return whole.split(/[/\\]/).pop()?.trim() || null;
}

/** A date-time property as an ISO string, null when absent or not a date. */
export function dateTime(value: PsValue | undefined): string | null {
  const raw = nonEmptyText(value);
  if (!raw) return null;
  const millis = Date.parse(raw);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
