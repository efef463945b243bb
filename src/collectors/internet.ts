// The Internet-side collectors: "dns" (PublicDns), "https" (EndpointProbes, AutodiscoverProbes,
// RestEndpointProbes, FrontEndSamples) and "ews" (EwsEndpointProbes: the EWS URLs read from AD, resolved and probed
// the same way, so it takes VirtualDirectories and HybridConfiguration from the LDAP collector as inputs).
//
// Pipeline order: the HTTPS probes go to the addresses public DNS gives, so they need PublicDns. Rather than
// make the collect pipeline pass artifacts between collectors, both collectors ask `publicDnsFor(options)`,
// which runs the DNS collection once per run (keyed by the run's CollectOptions object) and hands the same
// promise to whichever collector asks first or second. The addresses probed are therefore exactly those in
// the inventory's PublicDns, and a run that selects only HTTPS checks still resolves what it probes.
import { createDnsClient, resolversFrom } from '../clients/dns.js';
import { CollectionError, UsageError } from '../errors.js';
import type { PublicDns } from '../inventory/artifacts.js';
import type { CollectOptions } from '../options.js';
import { countOf } from '../plural.js';
import type { Collector } from './collector.js';
import { createLimiter } from './concurrency.js';
import { domainsInScope } from './dns/names.js';
import { collectPublicDns, createNameResolver } from './dns/public-dns.js';
import type { SystemResolverMode } from './dns/system-resolver.js';
import type { HttpsArtifactName } from './https/https-probes.js';
import { anyResolverAnswered, probeTargets } from './https/targets.js';
import { DNS_ARTIFACTS, EWS_ARTIFACTS, EWS_INPUTS, HTTPS_ARTIFACTS } from './manifest.js';

export interface InternetCollectorSettings {
  /** Whose view to record as split-DNS evidence; default: the OS-configured resolver. */
  systemResolver?: SystemResolverMode;
  /** Front-end samples per namespace address (default 12). */
  samplesPerAddress?: number;
  /** Front-end samples of one address in flight at a time (default 3, see https/sample-pacing.ts). */
  samplesInFlight?: number;
  /**
   * Connections in flight across all HTTPS probes (default 256). Above it, unreachable addresses cost more than one
   * timeout; far above it, the TLS handshakes started at once (~1.5 ms of CPU each) would delay one another enough
   * to turn answers into our own false timeouts. 256 keeps that burst near 0.4 s.
   */
  maxConnections?: number;
  /** DNS questions in flight (default 64). */
  maxDnsQueries?: number;
  /** Where HTTPS_PROXY/NO_PROXY are read from, for the probes and for DNS-over-HTTPS (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export function createInternetCollectors(settings: InternetCollectorSettings = {}) {
  const runs = new WeakMap<CollectOptions, Promise<PublicDns>>();

  function publicDnsFor(options: CollectOptions): Promise<PublicDns> {
    let run = runs.get(options);
    if (!run) {
      run = (async () => {
        let resolvers: ReturnType<typeof resolversFrom>;
        try {
          resolvers = resolversFrom(options.resolvers);
        } catch (error) {
          if (error instanceof UsageError) throw new CollectionError(error.message, { cause: error });
          throw error;
        }
        const dns = createDnsClient({ caPem: options.caPem, timeoutMs: options.timeoutMs, ...(settings.env ? { env: settings.env } : {}) });
        try {
          return await collectPublicDns(options, {
            dns,
            resolvers,
            systemResolver: settings.systemResolver ?? 'system',
            limit: createLimiter(settings.maxDnsQueries ?? 64),
          });
        } finally {
          await dns.close();
        }
      })();
      runs.set(options, run);
    }
    return run;
  }

  const dns: Collector<'PublicDns'> = {
    name: 'dns',
    produces: DNS_ARTIFACTS,
    async collect(_wanted, context) {
      const { options } = context;
      context.progress(
        `dns: resolving ${countOf(domainsInScope(options).length, 'domain')} and ${countOf(options.namespaces.length, 'namespace')} on public resolvers`,
      );
      return { artifacts: { PublicDns: await publicDnsFor(options) }, errors: {} };
    },
  };

  const https: Collector<HttpsArtifactName> = {
    name: 'https',
    produces: HTTPS_ARTIFACTS,
    async collect(wanted, context) {
      const { options } = context;
      let publicDns: PublicDns;
      try {
        publicDns = await publicDnsFor(options);
      } catch (error) {
        const message = `the names to probe could not be resolved: ${(error as Error).message}`;
        if (error instanceof CollectionError) throw new CollectionError(message, { cause: error });
        throw error;
      }
      if (publicDns.names.length > 0 && !anyResolverAnswered(publicDns)) {
        const failure = {
          code: 'dns-no-answer',
          message: `no public resolver answered for any name (${publicDns.resolvers.map((resolver) => resolver.id).join(', ')}), so no address could be probed`,
        };
        return { artifacts: {}, errors: Object.fromEntries(wanted.map((name) => [name, failure])) };
      }
      const { targets, notProbed } = probeTargets(publicDns, { probeInternal: options.probeInternal });
      if (notProbed.length > 0) {
        context.progress(
          `https: not probing ${notProbed.join(', ')}: public DNS gives ${notProbed.length === 1 ? 'an address' : 'addresses'} the Internet cannot reach (--probe-internal probes them as the inside view)`,
        );
      }
      context.progress(
        `https: probing ${countOf(targets.length, 'name/address pair')} on port ${options.httpsPort}${options.probeInternal ? ' (--probe-internal: non-public addresses too, as the inside view)' : ''}`,
      );
      // The probes' code (and undici) is loaded here, so that a DNS-only run never loads it.
      const [{ runHttpsProbes }, { DEFAULT_SAMPLES_PER_ADDRESS }, { DEFAULT_SAMPLES_IN_FLIGHT }] = await Promise.all([
        import('./https/https-probes.js'),
        import('./https/front-end-sampler.js'),
        import('./https/sample-pacing.js'),
      ]);
      const artifacts = await runHttpsProbes(targets, new Set(wanted), {
        mailboxes: options.mailboxes,
        port: options.httpsPort,
        client: { caPem: options.caPem, timeoutMs: options.timeoutMs, ...(settings.env ? { env: settings.env } : {}) },
        samplesPerAddress: settings.samplesPerAddress ?? DEFAULT_SAMPLES_PER_ADDRESS,
        samplesInFlight: settings.samplesInFlight ?? DEFAULT_SAMPLES_IN_FLIGHT,
        limit: createLimiter(settings.maxConnections ?? 256),
      });
      return { artifacts: Object.fromEntries(wanted.map((name) => [name, artifacts[name]])), errors: {} };
    },
  };

  const ews: Collector<'EwsEndpointProbes'> = {
    name: 'ews',
    produces: EWS_ARTIFACTS,
    inputs: EWS_INPUTS,
    async collect(_wanted, context) {
      const { options, input } = context;
      const [directories, hybrid] = input
        ? await Promise.all([input('VirtualDirectories'), input('HybridConfiguration')])
        : [
            { error: { code: 'input-not-planned', message: 'not collected' } },
            { error: { code: 'input-not-planned', message: 'not collected' } },
          ];
      // Without the virtual directories there is nothing to probe; the connector alone is not the EWS URL.
      if ('error' in directories) {
        const message = `the EWS URLs could not be read from Active Directory (VirtualDirectories: ${directories.error.message})`;
        return { artifacts: {}, errors: { EwsEndpointProbes: { code: 'ews-input-missing', message } } };
      }
      // The probe's code (and undici) is loaded here, as for the https collector.
      const { ewsHostsOf, probeEwsEndpoints } = await import('./https/ews-probe.js');
      const { hosts, skipped } = ewsHostsOf(directories.artifact, 'artifact' in hybrid ? hybrid.artifact : null, options.httpsPort);
      context.progress(`ews: resolving and probing ${countOf(hosts.length, 'EWS host')} read from AD on port ${options.httpsPort}`);
      let resolvers: ReturnType<typeof resolversFrom>;
      try {
        resolvers = resolversFrom(options.resolvers);
      } catch (error) {
        if (error instanceof UsageError) throw new CollectionError(error.message, { cause: error });
        throw error;
      }
      const client = createDnsClient({
        caPem: options.caPem,
        timeoutMs: options.timeoutMs,
        ...(settings.env ? { env: settings.env } : {}),
      });
      try {
        const resolver = createNameResolver(options.timeoutMs, {
          dns: client,
          resolvers,
          limit: createLimiter(settings.maxDnsQueries ?? 64),
        });
        const probes = await probeEwsEndpoints(hosts, skipped, {
          client: { caPem: options.caPem, timeoutMs: options.timeoutMs, ...(settings.env ? { env: settings.env } : {}) },
          treatAsPublic: options.treatAsPublic,
          probeInternal: options.probeInternal,
          progress: context.progress,
          resolve: resolver.resolve,
          limit: createLimiter(settings.maxConnections ?? 256),
        });
        return { artifacts: { EwsEndpointProbes: probes }, errors: {} };
      } finally {
        await client.close();
      }
    },
  };

  return { dns, https, ews, publicDnsFor };
}

/** The collectors the CLI registers: OS resolver as split-DNS evidence, 12 samples, process.env for proxies. */
export const { dns: dnsCollector, https: httpsCollector, ews: ewsCollector } = createInternetCollectors();
