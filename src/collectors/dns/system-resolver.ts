// What this machine's own DNS servers answer for a name: evidence of split DNS (the admin's network sees
// an internal address while the Internet sees another, or nothing). node:dns's Resolver is used because it
// has real timeouts and can be cancelled; it reads the servers from the OS configuration (/etc/resolv.conf,
// or the Windows adapter settings), not /etc/hosts.
import { promises as dnsPromises } from 'node:dns';
import type { DnsName } from '../../inventory/artifacts.js';

/** "system": the OS-configured servers; a list: these servers (tests, labs); "off": never asked. */
export type SystemResolverMode = 'system' | { servers: string[] } | 'off';

/**
 * Special-use names (RFC 6761) are never delegated on the Internet, so the system resolver has nothing to say
 * about them that matters here — and asking would send a lab's names off the machine.
 */
const SPECIAL_USE_TLDS = new Set(['test', 'example', 'invalid', 'localhost']);

export function isSpecialUseName(name: string): boolean {
  const tld = name.slice(name.lastIndexOf('.') + 1);
  return SPECIAL_USE_TLDS.has(tld);
}

const NO_DATA = new Set(['ENODATA']);

export async function askSystemResolver(name: string, mode: SystemResolverMode, timeoutMs: number): Promise<DnsName['systemResolver']> {
  if (mode === 'off' || isSpecialUseName(name)) return null;
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 });
  if (mode !== 'system') resolver.setServers(mode.servers);
  // c-ares times out per server; with several configured servers the whole lookup could take several timeouts.
  const deadline = setTimeout(() => resolver.cancel(), timeoutMs);
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const addresses = [v4, v6].flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
    const failures = [v4, v6]
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => result.reason as NodeJS.ErrnoException)
      .filter((error) => !NO_DATA.has(error.code ?? ''));
    const [failure] = failures;
    if (!failure) return { addresses: [...new Set(addresses)].sort(), error: null };
    const code = failure.code === 'ECANCELLED' ? 'ETIMEDOUT' : (failure.code ?? 'ERROR');
    const message =
      code === 'ENOTFOUND'
        ? `the system resolver says ${name} does not exist (NXDOMAIN)`
        : code === 'ETIMEDOUT'
          ? `the system resolver did not answer within ${timeoutMs} ms`
          : failure.message;
    return { addresses: [...new Set(addresses)].sort(), error: { code, message } };
  } finally {
    clearTimeout(deadline);
  }
}
