// Escaping of values that go into LDAP filters (RFC 4515) and DNs (RFC 4514), and the small DN parsing the
// collector needs (an object's name is the value of its first RDN; a copy's database is its parent).
// https://www.rfc-editor.org/rfc/rfc4515#section-3  https://www.rfc-editor.org/rfc/rfc4514#section-2.4

/**
 * A value for an LDAP filter assertion: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`.
 * Everything else stays as it is: RFC 4515 allows UTF-8 unescaped, and ldapts decodes each `\XX` escape as a
 * single Latin-1 character, so escaping the bytes of a multi-byte character would corrupt it.
 */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const char of value) {
    switch (char) {
      case '*':
        out += '\\2a';
        break;
      case '(':
        out += '\\28';
        break;
      case ')':
        out += '\\29';
        break;
      case '\\':
        out += '\\5c';
        break;
      case '\0':
        out += '\\00';
        break;
      default:
        out += char;
    }
  }
  return out;
}

const DN_SPECIAL = new Set(['"', '+', ',', ';', '<', '>', '\\', '=']);

/** An attribute value for a DN (RFC 4514 §2.4): specials backslash-escaped, leading `#`/space and trailing space too. */
export function escapeDnValue(value: string): string {
  let out = '';
  const chars = Array.from(value);
  chars.forEach((char, index) => {
    if (char === '\0') out += '\\00';
    else if (DN_SPECIAL.has(char)) out += `\\${char}`;
    else if (index === 0 && (char === '#' || char === ' ')) out += `\\${char}`;
    else if (index === chars.length - 1 && char === ' ') out += '\\ ';
    else out += char;
  });
  return out;
}

/** "contoso.com" → "DC=contoso,DC=com". */
export function domainToDn(domain: string): string {
  return domain
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => label.length > 0)
    .map((label) => `DC=${escapeDnValue(label)}`)
    .join(',');
}

export interface Rdn {
  /** Attribute type as written, e.g. "CN". */
  type: string;
  /** Unescaped value of the first attribute of the RDN. */
  value: string;
}

export interface ParsedDn {
  rdns: Rdn[];
  /** Offsets in the DN text where each RDN starts, to slice parents without re-serialising. */
  starts: number[];
}

/**
 * Parses a string DN (RFC 4514 §3). Multi-valued RDNs keep their first value; `#hex` values are kept as the
 * hex text. Returns null for text that is not a DN.
 */
export function parseDn(dn: string): ParsedDn | null {
  const rdns: Rdn[] = [];
  const starts: number[] = [];
  let index = 0;
  const length = dn.length;
  if (dn.trim() === '') return { rdns, starts };
  while (index <= length) {
    while (index < length && dn[index] === ' ') index++;
    starts.push(index);
    const equals = dn.indexOf('=', index);
    if (equals < 0) return null;
    const type = dn.slice(index, equals).trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)*)$/.test(type)) return null;
    index = equals + 1;
    const parsed = parseValue(dn, index);
    if (!parsed) return null;
    let { end } = parsed;
    const firstValue = parsed.value;
    // Further AVAs of a multi-valued RDN ("+"): parse and drop.
    while (dn[end] === '+') {
      const nextEquals = dn.indexOf('=', end + 1);
      if (nextEquals < 0) return null;
      const next = parseValue(dn, nextEquals + 1);
      if (!next) return null;
      end = next.end;
    }
    rdns.push({ type, value: firstValue });
    if (end >= length) break;
    if (dn[end] !== ',' && dn[end] !== ';') return null;
    index = end + 1;
  }
  return { rdns, starts };
}

function parseValue(dn: string, start: number): { value: string; end: number } | null {
  let index = start;
  if (dn[index] === '#') {
    const match = /^#[0-9A-Fa-f]*/.exec(dn.slice(index));
    const hex = match?.[0] ?? '#';
    return { value: hex, end: index + hex.length };
  }
  const bytes: number[] = [];
  let text = '';
  const flushBytes = () => {
    if (bytes.length) {
      text += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  let trailingSpaces = 0;
  while (index < dn.length) {
    const char = dn[index]!;
    if (char === ',' || char === ';' || char === '+') break;
    if (char === '\\') {
      const pair = dn.slice(index + 1, index + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
        bytes.push(Number.parseInt(pair, 16));
        index += 3;
      } else {
        const escaped = dn[index + 1];
        if (escaped === undefined) return null;
        flushBytes();
        // Take the whole code point after the backslash (it may be a surrogate pair).
        const codePoint = dn.codePointAt(index + 1)!;
        const escapedChar = String.fromCodePoint(codePoint);
        text += escapedChar;
        index += 1 + escapedChar.length;
      }
      trailingSpaces = 0;
      continue;
    }
    flushBytes();
    text += char;
    trailingSpaces = char === ' ' ? trailingSpaces + 1 : 0;
    index++;
  }
  flushBytes();
  // Unescaped trailing spaces are not part of the value (RFC 4514 §3).
  return { value: trailingSpaces ? text.slice(0, -trailingSpaces) : text, end: index };
}

/** The value of the first RDN: an AD object's name ("CN=EX16A,CN=Servers,…" → "EX16A"); null if not a DN. */
export function firstRdnValue(dn: string): string | null {
  return parseDn(dn)?.rdns[0]?.value ?? null;
}

/** The DN of the parent entry as written in the text; null for a single-RDN or unparsable DN. */
export function parentDn(dn: string): string | null {
  const parsed = parseDn(dn);
  const start = parsed?.starts[1];
  return start === undefined ? null : dn.slice(start);
}

/**
 * A comparison key: RDN types and values lower-cased, whitespace and escaping normalised. AD matches DNs
 * case-insensitively, and the same DN can come back with different escaping (`\,` vs `\2C`).
 */
export function dnKey(dn: string): string {
  const parsed = parseDn(dn);
  if (!parsed) return dn.trim().toLowerCase();
  return parsed.rdns.map((rdn) => `${rdn.type.toLowerCase()}=${escapeDnValue(rdn.value.toLowerCase())}`).join(',');
}
