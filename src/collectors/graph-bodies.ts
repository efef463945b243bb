// The Graph v1.0 answers the hybrid collectors read, as zod schemas of their documented shapes (applications,
// servicePrincipals, appRoleAssignments, keyCredential). A body that does not match is an artifact error naming the
// field, never a judged fact. Unknown properties are ignored; lists are bounded.
// https://learn.microsoft.com/graph/api/resources/application, …/serviceprincipal, …/keycredential, …/approleassignment
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { KeyCredential } from '../inventory/artifacts.js';

const optionalText = z.string().nullish();
/** Far more than any real object carries. */
const MAX_ITEMS = 500;

export const KeyCredentialBody = z.object({
  keyId: optionalText,
  displayName: optionalText,
  type: optionalText,
  usage: optionalText,
  startDateTime: optionalText,
  endDateTime: optionalText,
  customKeyIdentifier: optionalText,
  /** The certificate (base64 DER); returned only with $select=keyCredentials. */
  key: optionalText,
});

export const ApplicationBody = z.object({
  id: z.string(),
  appId: z.string(),
  displayName: optionalText,
  keyCredentials: z.array(KeyCredentialBody).max(MAX_ITEMS).nullish(),
  requiredResourceAccess: z
    .array(z.object({ resourceAppId: z.string(), resourceAccess: z.array(z.object({ id: z.string(), type: z.string() })).max(MAX_ITEMS) }))
    .max(MAX_ITEMS)
    .nullish(),
});
export const ApplicationCollection = z.object({ value: z.array(ApplicationBody).max(MAX_ITEMS) });

export const ServicePrincipalBody = z.object({
  id: z.string(),
  appId: optionalText,
  displayName: optionalText,
  keyCredentials: z.array(KeyCredentialBody).max(MAX_ITEMS).nullish(),
  appRoles: z
    .array(z.object({ id: z.string(), value: optionalText }))
    .max(2000)
    .nullish(),
});

export const AppRoleAssignmentCollection = z.object({
  value: z
    .array(z.object({ id: optionalText, resourceId: z.string(), resourceDisplayName: optionalText, appRoleId: z.string() }))
    .max(MAX_ITEMS),
  '@odata.nextLink': z.string().nullish(),
});

/** The documented shape, or a description of the first thing wrong with the body. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> | string {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `the body does not have the documented shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`;
}

/**
 * A key credential as the artifact records it. The thumbprint is the SHA-1 of `key` when Graph returned it; else it
 * is read from customKeyIdentifier, documented as Binary ("defaults to the thumbprint"): seen as the hex thumbprint
 * itself, tolerated as base64 of the 20 thumbprint bytes or of its 40 hex characters (docs/facts/hybrid.md).
 */
export function keyCredentialOf(body: z.infer<typeof KeyCredentialBody>): KeyCredential {
  const fromKey = thumbprintOfKey(body.key ?? null);
  const fromIdentifier = fromKey === null ? thumbprintOfIdentifier(body.customKeyIdentifier ?? null) : null;
  return {
    keyId: body.keyId ?? null,
    displayName: body.displayName ?? null,
    type: body.type ?? null,
    usage: body.usage ?? null,
    startDateTime: body.startDateTime ?? null,
    endDateTime: body.endDateTime ?? null,
    customKeyIdentifier: body.customKeyIdentifier ?? null,
    thumbprint: fromKey ?? fromIdentifier,
    thumbprintSource: fromKey ? 'key' : fromIdentifier ? 'customKeyIdentifier' : null,
  };
}

function thumbprintOfKey(key: string | null): string | null {
  if (!key || !/^[A-Za-z0-9+/=\s]+$/.test(key)) return null;
  const der = Buffer.from(key, 'base64');
  // A certificate starts with a DER SEQUENCE; anything else is not one.
  if (der.length < 64 || der[0] !== 0x30) return null;
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

export function thumbprintOfIdentifier(identifier: string | null): string | null {
  if (!identifier) return null;
  const text = identifier.trim();
  if (/^[0-9a-f]{40}$/i.test(text)) return text.toUpperCase();
  if (!/^[A-Za-z0-9+/]+=*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 20) return bytes.toString('hex').toUpperCase();
  const ascii = bytes.toString('latin1');
  return bytes.length === 40 && /^[0-9a-f]{40}$/i.test(ascii) ? ascii.toUpperCase() : null;
}
