// Evidence as a reader takes it in: labelled fields, short lists and small tables instead of raw JSON, which the
// audit formats keep behind a disclosure (and the JSON report keeps whole). Bounded: nesting, list lengths, table
// sizes and text lengths are capped, and what was left out is counted ("and 4 more"), never silently dropped.
// Plain text; each reporter escapes.

export type EvidenceNode =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[]; more: number }
  | { kind: 'table'; columns: string[]; rows: string[][]; more: number }
  | { kind: 'fields'; fields: EvidenceField[]; more: number };

interface EvidenceField {
  label: string;
  value: EvidenceNode;
  /** Too long or too deep to sit beside another field: shown across the whole width. */
  wide: boolean;
}

const MAX_DEPTH = 2;
const MAX_FIELDS = 24;
const MAX_ITEMS = 12;
const MAX_ROWS = 16;
const MAX_COLUMNS = 8;
const MAX_TEXT = 320;
const MAX_CELL = 160;

/** The fields of an evidence object, labelled for people. */
export function evidenceView(evidence: Readonly<Record<string, unknown>>): EvidenceNode {
  return fieldsOf(evidence, 0);
}

function fieldsOf(object: Readonly<Record<string, unknown>>, depth: number): EvidenceNode {
  const entries = Object.entries(object);
  return {
    kind: 'fields',
    fields: entries.slice(0, MAX_FIELDS).map(([key, value]) => {
      const node = nodeOf(value, depth + 1);
      return { label: labelOf(key), value: node, wide: isWide(node) };
    }),
    more: Math.max(0, entries.length - MAX_FIELDS),
  };
}

function nodeOf(value: unknown, depth: number): EvidenceNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'text', text: 'none' };
    if (value.every(isPlainObject) && depth <= MAX_DEPTH) {
      const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
      if (columns.length <= MAX_COLUMNS) {
        return {
          kind: 'table',
          columns: columns.map(labelOf),
          rows: value.slice(0, MAX_ROWS).map((row) => columns.map((column) => cellOf(row[column]))),
          more: Math.max(0, value.length - MAX_ROWS),
        };
      }
    }
    return { kind: 'list', items: value.slice(0, MAX_ITEMS).map(cellOf), more: Math.max(0, value.length - MAX_ITEMS) };
  }
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) return { kind: 'text', text: 'none' };
    return depth <= MAX_DEPTH ? fieldsOf(value, depth) : { kind: 'text', text: shorten(JSON.stringify(value), MAX_TEXT) };
  }
  return { kind: 'text', text: shorten(scalarText(value), MAX_TEXT) };
}

const WIDE_TEXT = 40;

function isWide(node: EvidenceNode): boolean {
  if (node.kind === 'text') return node.text.length > WIDE_TEXT;
  if (node.kind === 'list') return node.items.join(', ').length > WIDE_TEXT;
  return true;
}

/** A table cell or list item: one line of text. */
function cellOf(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : shorten(value.map(cellOf).join(', '), MAX_CELL);
  if (isPlainObject(value)) return shorten(JSON.stringify(value), MAX_CELL);
  return shorten(scalarText(value), MAX_CELL);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Words a reader knows in capitals. */
const ACRONYMS = new Set([
  'ad',
  'api',
  'cu3',
  'dag',
  'dn',
  'dns',
  'ews',
  'fqdn',
  'http',
  'https',
  'id',
  'ids',
  'ip',
  'ldap',
  'mx',
  'se',
  'smtp',
  'srv',
  'tls',
  'ttl',
  'url',
  'urls',
]);

/**
 * "inScopeMailboxes" → "In scope mailboxes", "databaseDn" → "Database DN". Keys that are not identifiers (a host
 * name, a header such as X-FEServer) are data and stay as written.
 */
export function labelOf(key: string): string {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) return key;
  const words = key
    .split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=\d{4})/)
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
