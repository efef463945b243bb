// msExchCurrentServerRoles bit flags (decompiled ServerRole enum). Test bits, never exact integers:
// 16439 (2013/2016 multi-role), 54 (2013 Mailbox), 16385 (2013 CAS) and 64 (Edge) all occur in the wild.

export type ServerRoleName =
  | 'Cafe'
  | 'Mailbox'
  | 'ClientAccess'
  | 'UnifiedMessaging'
  | 'HubTransport'
  | 'Edge'
  | 'Monitoring'
  | 'CentralAdmin'
  | 'ProvisionedServer'
  | 'LanguagePacks'
  | 'FrontendTransport'
  | 'CafeArray';

export const SERVER_ROLE_FLAGS: Readonly<Record<ServerRoleName, number>> = {
  Cafe: 1,
  Mailbox: 2,
  ClientAccess: 4,
  UnifiedMessaging: 16,
  HubTransport: 32,
  Edge: 64,
  Monitoring: 128,
  CentralAdmin: 256,
  ProvisionedServer: 4096,
  LanguagePacks: 8192,
  FrontendTransport: 16384,
  CafeArray: 32768,
};

const roleEntries = Object.entries(SERVER_ROLE_FLAGS) as [ServerRoleName, number][];

/**
 * Role names for the flags, lowest bit first. Bits without a known name come out as "Unknown(<bit>)",
 * so nothing read from AD is silently dropped. null or a non-integer gives [].
 */
export function decodeServerRoles(flags: number | null | undefined): string[] {
  if (typeof flags !== 'number' || !Number.isInteger(flags) || flags <= 0) return [];
  const names: string[] = [];
  let remaining = flags;
  for (let bit = 1; remaining > 0 && bit <= 2 ** 52; bit *= 2) {
    if (remaining % (bit * 2) >= bit) {
      names.push(roleEntries.find(([, value]) => value === bit)?.[0] ?? `Unknown(${bit})`);
      remaining -= bit;
    }
  }
  return names;
}

export function hasRole(flags: number | null | undefined, role: ServerRoleName): boolean {
  return decodeServerRoles(flags).includes(role);
}

export function isMailbox(flags: number | null | undefined): boolean {
  return hasRole(flags, 'Mailbox');
}

export function isEdge(flags: number | null | undefined): boolean {
  return hasRole(flags, 'Edge');
}

/** Front-end HTTP role: Cafe (2013+ Client Access front end) or the ClientAccess bit. */
export function isClientAccess(flags: number | null | undefined): boolean {
  return hasRole(flags, 'Cafe') || hasRole(flags, 'ClientAccess');
}
