// Reading an access token's claims without verifying it: the tool only reports which application permissions
// (`roles`) the token carries. Graph, not this tool, decides whether the token is valid.
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference

/** The payload of a compact JWT, or null when the token is not a JWT (Graph tokens may be opaque). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Application permissions granted to the token, sorted; null when the token carries no readable `roles` claim. */
export function tokenRoles(token: string): string[] | null {
  const roles = decodeJwtPayload(token)?.['roles'];
  if (!Array.isArray(roles) || !roles.every((role): role is string => typeof role === 'string')) return null;
  return [...roles].sort();
}
