// Which string fields of the artifacts name something of the organization's: its domains, hosts, servers, databases,
// mailboxes, accounts, tenant… `--redact` derives what to replace from these marks (src/report/redact.ts), so a field
// added to an artifact schema is either marked here or is not a name — forgetting a list cannot leak it.
// Each call makes a fresh schema instance: a mark belongs to one field, never to a shared `z.string()`.
// docs/redaction.md explains the model; test/unit/identifying-fields.test.ts keeps every string field marked or reviewed.
import { z } from 'zod';

export const NAME_KINDS = [
  'organization',
  'domain',
  'host',
  'server',
  'database',
  'mailbox',
  'account',
  'computer',
  'tenant',
  'connector',
  'application',
  'display-name',
  /** A URL whose host (and path) may carry names. */
  'url',
  /** An LDAP distinguished name or a certificate's subject or issuer: every RDN value below the domain components is a name. */
  'distinguished-name',
  /** Free text that may carry any of the names above (descriptions, certificate subjects, error messages). */
  'free-text',
] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export interface IdentifyingMark {
  names: NameKind;
  /** For a distinguished name: what its first RDN names (`CN=EX01,CN=Servers,…` is a server). */
  leaf?: NameKind;
  /** For a record: the kind of the values under these (lower-cased) keys, instead of `names`. */
  keys?: Readonly<Record<string, NameKind>>;
}

/** The registry the redaction walker reads: schema instance → what kind of name its strings are. */
export const identifyingFields = z.registry<IdentifyingMark>();

/** A string field that names something. */
export function names(kind: NameKind, detail: Omit<IdentifyingMark, 'names'> = {}) {
  return z.string().register(identifyingFields, { names: kind, ...detail });
}

/** The same, nullable. */
export function namesOrNull(kind: NameKind, detail: Omit<IdentifyingMark, 'names'> = {}) {
  return names(kind, detail).nullable();
}

/**
 * A container (a record of header values, challenge parameters…) whose strings name things: each string inside
 * without a mark of its own is of kind `keys[key]` when the record key is listed, else of `kind`.
 */
export function namesWithin<T extends z.ZodType>(schema: T, kind: NameKind, keys: Readonly<Record<string, NameKind>> = {}): T {
  identifyingFields.add(schema, { names: kind, keys });
  return schema;
}

/** The mark of a schema, looking through nullable/optional/default wrappers; undefined for an unmarked schema. */
export function markOf(schema: z.ZodType): IdentifyingMark | undefined {
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 8; depth++) {
    const mark = identifyingFields.get(current);
    if (mark) return mark;
    const inner = (current as { unwrap?: () => z.ZodType }).unwrap;
    if (typeof inner !== 'function') return undefined;
    current = inner.call(current);
  }
  return undefined;
}
