// The live collectors, each producing some artifacts. src/pipeline/collect.ts picks those the selected checks need.
// Each network collector's code (and its client library) is imported only when it is asked to collect: a run that
// wants only Active Directory artifacts never loads msal-node, undici or dns2, and nothing is loaded for a replay.
import type { ArtifactName } from '../inventory/artifacts.js';
import type { Collector } from './collector.js';
import { declarationsCollector } from './declarations.js';
import { DNS_ARTIFACTS, EWS_ARTIFACTS, EWS_INPUTS, GRAPH_ARTIFACTS, GRAPH_INPUTS, HTTPS_ARTIFACTS, LDAP_ARTIFACTS } from './manifest.js';

/** A collector whose code is loaded on its first `collect`; `produces` is known without loading it. */
function deferred<N extends ArtifactName>(
  name: string,
  produces: readonly N[],
  load: () => Promise<Collector<N>>,
  inputs?: Collector<N>['inputs'],
): Collector<N> {
  return { name, produces, ...(inputs ? { inputs } : {}), collect: async (wanted, context) => (await load()).collect(wanted, context) };
}

export const liveCollectors: readonly Collector[] = [
  // ldap (Active Directory), dns (public DNS), https (endpoint probes), graph (Microsoft Graph), ews (hybrid set's EWS probe)
  declarationsCollector as Collector,
  deferred('graph', GRAPH_ARTIFACTS, async () => (await import('./graph.js')).graphCollector, GRAPH_INPUTS) as Collector,
  deferred('ldap', LDAP_ARTIFACTS, async () => (await import('./ldap/index.js')).ldapCollector) as Collector,
  // Both from one module: they share the run's DNS answers (see internet.ts).
  deferred('dns', DNS_ARTIFACTS, async () => (await import('./internet.js')).dnsCollector) as Collector,
  deferred('https', HTTPS_ARTIFACTS, async () => (await import('./internet.js')).httpsCollector) as Collector,
  deferred('ews', EWS_ARTIFACTS, async () => (await import('./internet.js')).ewsCollector, EWS_INPUTS) as Collector,
];
