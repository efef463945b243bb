// LDAP search filters for the lab's directory: decoded from BER (RFC 4511 §4.5.1.7) and evaluated the way
// Active Directory evaluates them — attribute names and string values case-insensitively, INTEGER values as
// numbers, and AD's bitwise matching rules (https://learn.microsoft.com/windows/win32/adsi/search-filter-syntax).
import { Ber, type BerReader } from 'ldapts';

export type LdapFilter =
  | { type: 'and' | 'or'; filters: LdapFilter[] }
  | { type: 'not'; filter: LdapFilter }
  | { type: 'equal' | 'approx' | 'greaterOrEqual' | 'lessOrEqual'; attribute: string; value: Buffer }
  | { type: 'present'; attribute: string }
  | { type: 'substrings'; attribute: string; initial: Buffer | null; any: Buffer[]; final: Buffer | null }
  | { type: 'extensible'; rule: string | null; attribute: string | null; value: Buffer; dnAttributes: boolean };

export type LdapValue = string | Buffer;

export class UnsupportedFilterError extends Error {}

// Context-specific tags of the Filter CHOICE.
const TAG = {
  and: 0xa0,
  or: 0xa1,
  not: 0xa2,
  equal: 0xa3,
  substrings: 0xa4,
  greaterOrEqual: 0xa5,
  lessOrEqual: 0xa6,
  present: 0x87,
  approx: 0xa8,
  extensible: 0xa9,
} as const;
const BITWISE_AND = '1.2.840.113556.1.4.803';
const BITWISE_OR = '1.2.840.113556.1.4.804';

function bytes(reader: BerReader, tag: number = Ber.OctetString): Buffer {
  return reader.readString(tag, true) ?? Buffer.alloc(0);
}

function text(reader: BerReader, tag: number = Ber.OctetString): string {
  return bytes(reader, tag).toString('utf8');
}

export function readFilter(reader: BerReader): LdapFilter {
  const tag = reader.peek();
  switch (tag) {
    case TAG.and:
    case TAG.or: {
      reader.readSequence(tag);
      const end = reader.offset + reader.length;
      const filters: LdapFilter[] = [];
      while (reader.offset < end) filters.push(readFilter(reader));
      return { type: tag === TAG.and ? 'and' : 'or', filters };
    }
    case TAG.not:
      reader.readSequence(tag);
      return { type: 'not', filter: readFilter(reader) };
    case TAG.equal:
    case TAG.approx:
    case TAG.greaterOrEqual:
    case TAG.lessOrEqual: {
      reader.readSequence(tag);
      const type =
        tag === TAG.equal ? 'equal' : tag === TAG.approx ? 'approx' : tag === TAG.greaterOrEqual ? 'greaterOrEqual' : 'lessOrEqual';
      return { type, attribute: text(reader), value: bytes(reader) };
    }
    case TAG.present:
      return { type: 'present', attribute: text(reader, TAG.present) };
    case TAG.substrings: {
      reader.readSequence(tag);
      const attribute = text(reader);
      reader.readSequence();
      const end = reader.offset + reader.length;
      const filter: Extract<LdapFilter, { type: 'substrings' }> = { type: 'substrings', attribute, initial: null, any: [], final: null };
      while (reader.offset < end) {
        const part = reader.peek();
        if (part === 0x80) filter.initial = bytes(reader, part);
        else if (part === 0x81) filter.any.push(bytes(reader, part));
        else if (part === 0x82) filter.final = bytes(reader, part);
        else throw new Error(`a substring filter part with tag 0x${(part ?? 0).toString(16)}`);
      }
      return filter;
    }
    case TAG.extensible: {
      reader.readSequence(tag);
      const end = reader.offset + reader.length;
      const filter: Extract<LdapFilter, { type: 'extensible' }> = {
        type: 'extensible',
        rule: null,
        attribute: null,
        value: Buffer.alloc(0),
        dnAttributes: false,
      };
      while (reader.offset < end) {
        const part = reader.peek();
        if (part === 0x81) filter.rule = text(reader, part);
        else if (part === 0x82) filter.attribute = text(reader, part);
        else if (part === 0x83) filter.value = bytes(reader, part);
        else if (part === 0x84) filter.dnAttributes = bytes(reader, part).some((byte) => byte !== 0);
        else throw new Error(`an extensible filter part with tag 0x${(part ?? 0).toString(16)}`);
      }
      return filter;
    }
    default:
      throw new Error(`a filter with tag 0x${(tag ?? 0).toString(16)}`);
  }
}

/** RFC 4515 text, for logs. */
export function filterText(filter: LdapFilter): string {
  const value = (buffer: Buffer) =>
    buffer.toString('utf8').replace(/[*()\\\0]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  switch (filter.type) {
    case 'and':
    case 'or':
      return `(${filter.type === 'and' ? '&' : '|'}${filter.filters.map(filterText).join('')})`;
    case 'not':
      return `(!${filterText(filter.filter)})`;
    case 'present':
      return `(${filter.attribute}=*)`;
    case 'substrings':
      return `(${filter.attribute}=${filter.initial ? value(filter.initial) : ''}*${filter.any.map((part) => `${value(part)}*`).join('')}${filter.final ? value(filter.final) : ''})`;
    case 'extensible':
      return `(${filter.attribute ?? ''}${filter.dnAttributes ? ':dn' : ''}${filter.rule ? `:${filter.rule}` : ''}:=${value(filter.value)})`;
    default: {
      const operator = { equal: '=', approx: '~=', greaterOrEqual: '>=', lessOrEqual: '<=' }[filter.type];
      return `(${filter.attribute}${operator}${value(filter.value)})`;
    }
  }
}

function textOf(value: LdapValue): string {
  return typeof value === 'string' ? value : value.toString('latin1');
}

function integerOf(text: string): bigint | null {
  return /^[+-]?\d+$/.test(text.trim()) ? BigInt(text.trim()) : null;
}

function equal(stored: LdapValue, assertion: Buffer): boolean {
  if (Buffer.isBuffer(stored)) return stored.equals(assertion);
  const wanted = assertion.toString('utf8');
  const [left, right] = [integerOf(stored), integerOf(wanted)];
  if (left !== null && right !== null) return left === right;
  return stored.toLowerCase() === wanted.toLowerCase();
}

function compare(stored: LdapValue, assertion: Buffer): number {
  const wanted = assertion.toString('utf8');
  const [left, right] = [integerOf(textOf(stored)), integerOf(wanted)];
  if (left !== null && right !== null) return left < right ? -1 : left > right ? 1 : 0;
  return textOf(stored).toLowerCase().localeCompare(wanted.toLowerCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[$()*+./?[\\\]^{|}-]/g, '\\$&');
}

function matchesSubstrings(filter: Extract<LdapFilter, { type: 'substrings' }>, value: LdapValue): boolean {
  const part = (buffer: Buffer) => escapeRegExp(buffer.toString('utf8'));
  const pattern = [
    `^${filter.initial ? part(filter.initial) : ''}`,
    ...filter.any.map(part),
    `${filter.final ? part(filter.final) : ''}$`,
  ].join('.*');
  return new RegExp(pattern, 'isu').test(textOf(value));
}

/** Does an entry, whose values `valuesOf` gives by attribute name, match the filter? */
export function matchesFilter(valuesOf: (attribute: string) => readonly LdapValue[], filter: LdapFilter): boolean {
  switch (filter.type) {
    case 'and':
      return filter.filters.every((inner) => matchesFilter(valuesOf, inner));
    case 'or':
      return filter.filters.some((inner) => matchesFilter(valuesOf, inner));
    case 'not':
      return !matchesFilter(valuesOf, filter.filter);
    case 'present':
      return filter.attribute.toLowerCase() === 'objectclass' || valuesOf(filter.attribute).length > 0;
    case 'equal':
    case 'approx':
      return valuesOf(filter.attribute).some((value) => equal(value, filter.value));
    case 'greaterOrEqual':
      return valuesOf(filter.attribute).some((value) => compare(value, filter.value) >= 0);
    case 'lessOrEqual':
      return valuesOf(filter.attribute).some((value) => compare(value, filter.value) <= 0);
    case 'substrings':
      return valuesOf(filter.attribute).some((value) => matchesSubstrings(filter, value));
    case 'extensible': {
      if ((filter.rule !== BITWISE_AND && filter.rule !== BITWISE_OR) || !filter.attribute) {
        throw new UnsupportedFilterError(`the lab directory does not support the extensible match ${filterText(filter)}`);
      }
      const mask = integerOf(filter.value.toString('utf8'));
      if (mask === null) return false;
      return valuesOf(filter.attribute).some((value) => {
        const number = integerOf(textOf(value));
        if (number === null) return false;
        return filter.rule === BITWISE_AND ? (number & mask) === mask : (number & mask) !== 0n;
      });
    }
  }
}
