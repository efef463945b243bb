// Where to connect: --ldap-url as given, or the domain controllers that DNS advertises for --ad-domain
// (SRV _ldap._tcp.dc._msdcs.<domain>, asked of this machine's own resolver: DCs are internal names).
// https://learn.microsoft.com/troubleshoot/windows-server/networking/verify-srv-dns-records-have-been-created
import { Resolver } from 'node:dns/promises';
import { createDnsClient, parseResolver } from '../../clients/dns.js';
import { endpointFromUrl, GLOBAL_CATALOG_LDAP_PORT, GLOBAL_CATALOG_LDAPS_PORT, type LdapEndpoint } from '../../clients/ldap.js';
import { LdapFailure } from '../../clients/ldap-errors.js';
import { ConfigError } from '../../errors.js';
import { rcodeOf, srvRecords } from '../dns/answers.js';

export interface SrvAnswer {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export type SrvLookup = (name: string) => Promise<SrvAnswer[]>;

/**
 * The system resolver (or `servers`), with a real timeout and one try (node:dns defaults retry for a long time).
 * When c-ares rejects the answer as malformed (EBADRESP), the same servers are asked again through our dns2 client:
 * Node 24's c-ares refuses an SRV target written as a compression pointer, which RFC 2782 forbids but a server with
 * a compressing writer sends anyway (dns2's own server does; see src/lab/dns-wire.ts), and dns2 reads it.
 */
export function systemSrvLookup(timeoutMs: number, servers?: readonly string[]): SrvLookup {
  return async (name) => {
    const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
    if (servers) resolver.setServers([...servers]);
    try {
      return await resolver.resolveSrv(name);
    } catch (error) {
      if ((error as { code?: unknown })?.code !== 'EBADRESP') throw error;
      return srvThroughDns2(name, resolver.getServers(), timeoutMs, error);
    }
  };
}

/** The SRV answer from the first of `servers` that gives one through dns2; else the original error stands. */
async function srvThroughDns2(name: string, servers: readonly string[], timeoutMs: number, original: unknown): Promise<SrvAnswer[]> {
  const client = createDnsClient({ caPem: null, timeoutMs });
  const deadline = Date.now() + timeoutMs;
  try {
    for (const server of servers) {
      // A server in a form --resolver does not take (an IPv6 zone, say) is skipped: its UsageError would name a flag
      // the user never gave. A failed question is skipped too; the resolver's own error is the one to report.
      const packet = await Promise.resolve()
        .then(() => client.ask(parseResolver(server), name, 'SRV', deadline))
        .catch(() => null);
      if (packet && rcodeOf(packet) === 'NOERROR') {
        return srvRecords(packet).map(({ target, port, priority, weight }) => ({ name: target, port, priority, weight }));
      }
    }
  } finally {
    await client.close();
  }
  throw original;
}

export function dcLocatorName(adDomain: string): string {
  return `_ldap._tcp.dc._msdcs.${adDomain.trim().replace(/\.$/, '')}`;
}

export async function locateDirectory(
  options: { ldapUrl: string | null; adDomain: string | null },
  lookup: SrvLookup,
): Promise<LdapEndpoint[]> {
  if (options.ldapUrl) return [endpointFromUrl(options.ldapUrl)];
  const adDomain = options.adDomain?.trim();
  if (!adDomain) {
    throw new ConfigError(
      'LDAP collection needs --ldap-url (ldaps://dc01.contoso.com) or --ad-domain (to find a domain controller through DNS)',
    );
  }
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.?$/.test(adDomain)) {
    throw new ConfigError(`--ad-domain "${adDomain}" is not a DNS domain name (e.g. corp.contoso.com)`);
  }
  const name = dcLocatorName(adDomain);
  let answers: SrvAnswer[];
  try {
    answers = await lookup(name);
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    throw new LdapFailure(
      'dc-not-found',
      `No domain controller found for --ad-domain ${adDomain}: the DNS lookup of ${name} (SRV) failed` +
        `${typeof code === 'string' ? ` (${code})` : ''}. Use this machine's AD-integrated DNS, or give --ldap-url ldaps://<dc-fqdn>.`,
      { cause: error },
    );
  }
  if (answers.length === 0) {
    throw new LdapFailure('dc-not-found', `DNS has no ${name} SRV records; give --ldap-url ldaps://<dc-fqdn> instead of --ad-domain.`);
  }
  return orderSrv(answers).map((answer) => ({
    host: answer.name.replace(/\.$/, ''),
    port: answer.port,
    // The locator record advertises the LDAP port: connect there and StartTLS.
    transport: 'starttls' as const,
  }));
}

/** RFC 2782 order: lowest priority first; within a priority, heavier weight first (deterministic, no lottery). */
export function orderSrv(answers: readonly SrvAnswer[]): SrvAnswer[] {
  return [...answers].sort((a, b) => a.priority - b.priority || b.weight - a.weight || a.name.localeCompare(b.name));
}

/** The global catalog of the same DC: 3269 (TLS) for LDAPS, 3268 (StartTLS) for LDAP. */
export function globalCatalogOf(endpoint: LdapEndpoint): LdapEndpoint {
  return {
    host: endpoint.host,
    port: endpoint.transport === 'ldaps' ? GLOBAL_CATALOG_LDAPS_PORT : GLOBAL_CATALOG_LDAP_PORT,
    transport: endpoint.transport,
  };
}
