// The TLS trust of a connection travels with what was read over it (ConnectionTrust in the artifacts). An answer
// read over an untrusted, expired or wrong-name connection is what this machine saw, not what Microsoft 365 would
// accept: Graph and Exchange Online refuse such a connection before any answer. So a check that would pass on such
// an answer says `warn` at most, naming why — even when endpoint-tls-reachability is skipped. Shared by
// autodiscover-rest-discovery and rest-endpoint-oauth, and by the hybrid set's ews-oauth-reachable.
import type { ConnectionTrust } from '../../src/inventory/artifacts.js';

/** Message for the capped finding: {{what}} (the answer) and {{why}} (what is wrong with the connection). */
export const ANSWER_OVER_UNTRUSTED_TLS =
  '{{what}}, but over a connection Microsoft 365 would refuse ({{why}}): the answer is not proof that Graph or Exchange Online gets it.';

/** Remediation for it: {{name}} is the host name. */
export const FIX_UNTRUSTED_TLS =
  'Install on the Internet-facing listener of {{name}} a certificate from a public CA that covers the name and is in date (see endpoint-tls-reachability), then run again.';

/** Why the connection cannot be taken at its word, or null when it was trusted and covered the name. */
export function untrustedBecause(connection: ConnectionTrust | null): string | null {
  if (connection === null) return 'the trust of the connection was not recorded';
  const reasons: string[] = [];
  if (!connection.trusted) reasons.push(`the certificate is not trusted: ${connection.verifyError ?? 'no reason recorded'}`);
  if (!connection.coversName) reasons.push('the certificate does not cover the name');
  return reasons.length > 0 ? reasons.join('; ') : null;
}
