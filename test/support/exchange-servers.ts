// Hand-made Exchange server objects as the LDAP collector reports them, for the Exchange server checks' tests.

import { decodeServerRoles } from '../../src/exchange/server-roles.js';
import { encodeVersionNumber, formatSerialNumber, formatShort, parseDottedBuild } from '../../src/exchange/version.js';
import type { ExchangeServer, ExchangeServers } from '../../src/inventory/artifacts.js';

export const MULTI_ROLE = 16439;
export const MAILBOX_2019 = 16423;
export const EDGE = 64;

interface ServerOptions {
  roles?: number | null;
  serialNumber?: string | null;
  versionNumber?: number | null;
  dag?: string | null;
  domain?: string;
}

/** A server at `build` ("15.1.544.27"), with serialNumber and versionNumber written the way setup writes them. */
export function server(name: string, build: string | null, options: ServerOptions = {}): ExchangeServer {
  const parsed = build === null ? null : parseDottedBuild(build);
  if (build !== null && !parsed) throw new Error(`bad build ${build}`);
  const roles = options.roles === undefined ? MULTI_ROLE : options.roles;
  const domain = options.domain ?? 'contoso.com';
  return {
    name,
    dn: `CN=${name},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com`,
    fqdn: `${name.toLowerCase()}.${domain}`,
    serialNumber: options.serialNumber !== undefined ? options.serialNumber : parsed ? formatSerialNumber(parsed) : null,
    versionNumber:
      options.versionNumber !== undefined ? options.versionNumber : parsed ? encodeVersionNumber({ ...parsed, revision: null }) : null,
    build: parsed ? formatShort(parsed) : null,
    roles,
    roleNames: decodeServerRoles(roles),
    site: 'Default-First-Site-Name',
    dag: options.dag ?? null,
  };
}

export function servers(...list: ExchangeServer[]): ExchangeServers {
  return { servers: list };
}
