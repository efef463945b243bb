// Which string fields of the artifacts name something of the organization's: its domains, hosts, servers, databases,
// mailboxes, accounts, tenant… `--redact` derives what to replace from these marks (src/report/redact.ts), so a field
// added to an artifact schema is either marked here or is not a name — forgetting a list cannot leak it.
// Each call makes a fresh schema instance: a mark belongs to one field, never to a shared `z.string()`.
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
  /** An LDAP distinguished name: every RDN value below the domain components is a name. */
  'distinguished-name',
  /** Free text that may carry any of the names above (descriptions, certificate subjects, error messages). */
  'free-text',
] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export interface IdentifyingMark {
  names: NameKind;
}

/** The registry the redaction walker reads: schema instance → what kind of name its strings are. */
export const identifyingFields = z.registry<IdentifyingMark>();

/** A string field that names something. */
export function names(kind: NameKind) {
  return z.string().register(identifyingFields, { names: kind });
}

/** The same, nullable. */
export function namesOrNull(kind: NameKind) {
  return names(kind).nullable();
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
