// The check catalogue, in report order: the graph-rest set, then the hybrid set (checks/requirement-sets.ts).
// Ids are stable (docs/architecture.md): never rename one. Each check lives in checks/<id>.ts and default-exports its definition.
import type { AnyCheck } from './api.js';
import autodiscoverPublicDns from './autodiscover-public-dns.js';
import autodiscoverRestDiscovery from './autodiscover-rest-discovery.js';
import clientNamespacePublicDns from './client-namespace-public-dns.js';
import directorySync from './directory-sync.js';
import endpointTlsReachability from './endpoint-tls-reachability.js';
import ewsOauthReachable from './ews-oauth-reachable.js';
import exchange2016Cu3 from './exchange-2016-cu3.js';
import exchangeSupportLifecycle from './exchange-support-lifecycle.js';
import graphApiScope from './graph-api-scope.js';
import hybridAppCredentials from './hybrid-app-credentials.js';
import hybridAppDedicated from './hybrid-app-dedicated.js';
import hybridOauthConfiguration from './hybrid-oauth-configuration.js';
import loadBalancer2013Free from './load-balancer-2013-free.js';
import mailboxDatabasePlacement from './mailbox-database-placement.js';
import prepareAdCu3 from './prepare-ad-cu3.js';
import restEndpointOauth from './rest-endpoint-oauth.js';
import sharedServicePrincipalClean from './shared-service-principal-clean.js';
import transportEnforcementBaseline from './transport-enforcement-baseline.js';

export const catalogue: readonly AnyCheck[] = [
  // R2, R1, R3, R4, R5, R6, R7, R8 (×3), R9, then the warning and advice checks.
  exchange2016Cu3,
  mailboxDatabasePlacement,
  prepareAdCu3,
  directorySync,
  loadBalancer2013Free,
  autodiscoverPublicDns,
  clientNamespacePublicDns,
  endpointTlsReachability,
  autodiscoverRestDiscovery,
  restEndpointOauth,
  graphApiScope,
  hybridOauthConfiguration,
  exchangeSupportLifecycle,
  // hybrid: H1–H4 (blockers), then H5 (warning).
  hybridAppDedicated,
  hybridAppCredentials,
  sharedServicePrincipalClean,
  ewsOauthReachable,
  transportEnforcementBaseline,
];

export function findCheck(id: string): AnyCheck | undefined {
  return catalogue.find((check) => check.id === id);
}
