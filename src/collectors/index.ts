// The live collectors, each producing some artifacts. src/pipeline/collect.ts picks those the selected checks need.
import type { Collector } from './collector.js';
import { declarationsCollector } from './declarations.js';
import { graphCollector } from './graph.js';
import { dnsCollector, ewsCollector, httpsCollector } from './internet.js';
import { ldapCollector } from './ldap/index.js';

export const liveCollectors: readonly Collector[] = [
  // ldap (Active Directory), dns (public DNS), https (endpoint probes), graph (Microsoft Graph), ews (hybrid set's EWS probe)
  declarationsCollector as Collector,
  graphCollector as Collector,
  ldapCollector as Collector,
  dnsCollector as Collector,
  httpsCollector as Collector,
  ewsCollector as Collector,
];
