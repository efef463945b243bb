// The EWS endpoints Exchange Online calls back on, probed like the namespaces (docs/facts/hybrid.md): the hosts of
// the EWS external URLs in AD (and of an intra-organization connector's discovery endpoint when it is on-premises),
// resolved on the public resolvers, then per address the TLS handshake and an unauthenticated GET
// /EWS/Exchange.asmx on the same connection. Addresses come only from the public answers, through the one target
// builder (targets.ts); Microsoft cloud endpoints are recorded as skipped, never probed.
import type { HttpsClientOptions, PinnedTarget } from '../../clients/https.js';
import type { DnsAnswer, EwsEndpointProbes, HybridConfiguration, VirtualDirectories } from '../../inventory/artifacts.js';
import type { Limiter } from '../concurrency.js';
import { normaliseHost } from '../dns/names.js';
import { probeEndpoint } from './endpoint-probe.js';
import { getOnOneConnection, notSent } from './requests.js';
import { probeTargets } from './targets.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

export const EWS_PROBE_PATH = '/EWS/Exchange.asmx';
/** Hosts probed at most; an organization publishes a handful of EWS names. */
const MAX_HOSTS = 32;

/**
 * Microsoft cloud domains an on-premises object may point at: the list ConfigureExchangeHybridApplication.ps1 uses to
 * recognise Exchange Online endpoints, plus the tenant domains (…onmicrosoft.com).
 */
const MICROSOFT_DOMAINS = [
  'office365.com',
  'office365.us',
  'office365-net.us',
  'office.com',
  'cloud.microsoft',
  'outlook.com',
  'outlook.cn',
  'apps.mil',
  'onmicrosoft.com',
  'onmicrosoft.us',
  'partner.onmschina.cn',
];

type Source = Omit<EwsEndpointProbes['skipped'][number], 'reason'>;

export interface EwsHost {
  host: string;
  port: number;
  sources: Source[];
}

function isMicrosoftHost(host: string): boolean {
  return MICROSOFT_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Which hosts to probe and which URLs to record as skipped, from what AD says. */
export function ewsHostsOf(
  directories: VirtualDirectories | null,
  hybrid: HybridConfiguration | null,
  defaultPort: number,
): { hosts: EwsHost[]; skipped: EwsEndpointProbes['skipped'] } {
  const sources: Source[] = [
    ...(directories?.directories ?? [])
      .filter((directory) => directory.kind === 'ews' && directory.externalUrl)
      .map((directory) => ({ kind: 'ews-external-url' as const, url: directory.externalUrl as string, owner: directory.server })),
    ...(hybrid?.intraOrganizationConnectors ?? [])
      .filter((connector) => connector.discoveryEndpoint)
      .map((connector) => ({ kind: 'connector-discovery' as const, url: connector.discoveryEndpoint as string, owner: connector.name })),
  ];
  const hosts = new Map<string, EwsHost>();
  const skipped: EwsEndpointProbes['skipped'] = [];
  for (const source of sources) {
    let url: URL;
    try {
      url = new URL(source.url);
    } catch {
      skipped.push({ ...source, reason: 'not a URL' });
      continue;
    }
    const host = normaliseHost(url.hostname);
    if (url.protocol !== 'https:') skipped.push({ ...source, reason: 'not an https URL' });
    else if (/^[\d.]+$|^\[|:/.test(host)) skipped.push({ ...source, reason: 'an IP address, not a host name public DNS could publish' });
    else if (isMicrosoftHost(host)) skipped.push({ ...source, reason: 'a Microsoft cloud endpoint, not on-premises' });
    else {
      const port = url.port ? Number(url.port) : defaultPort;
      const key = `${host}:${port}`;
      const entry = hosts.get(key) ?? { host, port, sources: [] };
      entry.sources.push(source);
      hosts.set(key, entry);
    }
  }
  const all = [...hosts.values()];
  for (const extra of all.slice(MAX_HOSTS))
    for (const source of extra.sources) skipped.push({ ...source, reason: `more than ${MAX_HOSTS} EWS hosts` });
  return { hosts: all.slice(0, MAX_HOSTS), skipped };
}

export interface EwsProbeSettings {
  client: HttpsClientOptions;
  treatAsPublic: readonly string[];
  /** --probe-internal: non-public addresses are probed too (the inside view); otherwise they are evidence only. */
  probeInternal: boolean;
  /** Progress for humans: which addresses were left alone, and why. */
  progress: (message: string) => void;
  /** What the public resolvers answer for a name (dns/public-dns.ts createNameResolver). */
  resolve: (name: string) => Promise<DnsAnswer[]>;
  /** Caps the connections in flight. */
  limit: Limiter;
}

export async function probeEwsEndpoints(
  hosts: readonly EwsHost[],
  skipped: EwsEndpointProbes['skipped'],
  settings: EwsProbeSettings,
): Promise<EwsEndpointProbes> {
  const { client, limit } = settings;
  const resolved = await Promise.all(hosts.map(async (host) => ({ host, answers: await settings.resolve(host.host) })));
  const { targets, notProbed } = probeTargets(
    {
      names: resolved.map(({ host, answers }) => ({ name: host.host, role: 'ews' as const, domain: null, answers })),
      treatAsPublic: settings.treatAsPublic,
    },
    { probeInternal: settings.probeInternal },
  );
  if (notProbed.length > 0)
    settings.progress(
      `ews: not probing ${notProbed.join(', ')}: public DNS gives addresses the Internet cannot reach (--probe-internal probes them as the inside view)`,
    );
  return {
    treatAsPublic: [...settings.treatAsPublic],
    hosts: await Promise.all(
      resolved.map(async ({ host, answers }) => ({
        host: host.host,
        port: host.port,
        sources: host.sources,
        answers,
        probes: await Promise.all(
          targets
            .filter((target) => target.name === host.host)
            .map((target) =>
              limit(async () => {
                const pinned: PinnedTarget = { name: host.host, address: target.address, port: host.port };
                const outcome = await probeEndpoint(pinned, client, true);
                const response = outcome.connection
                  ? ((await getOnOneConnection(pinned, [EWS_PROBE_PATH], client, outcome.connection))[0] ??
                    notSent(pinned, EWS_PROBE_PATH, { code: 'ENOTCONN', message: 'no request was sent' }))
                  : notSent(pinned, EWS_PROBE_PATH, outcome.blocked ?? { code: 'ENOTCONN', message: 'no connection was made' });
                return { endpoint: outcome.probe, response, challenges: parseWwwAuthenticate(response.headers['www-authenticate'] ?? []) };
              }),
            ),
        ),
      })),
    ),
    skipped,
  };
}
