// What each live collector produces, kept apart from the code that produces it: planning a collection needs only
// these lists, so a command that collects nothing (or only from AD) never loads the other collectors' clients
// (msal-node, undici, dns2). src/collectors/index.ts loads a collector's code when one of its artifacts is wanted.
import type { ArtifactName } from '../inventory/artifacts.js';

export const GRAPH_ARTIFACTS = [
  'GraphOrganization',
  'GraphUsers',
  // The hybrid requirement set (docs/facts/hybrid.md).
  'HybridApplications',
  'ExchangeOnlineServicePrincipal',
] as const satisfies readonly ArtifactName[];
/** The dedicated applications are looked up by the appIds the auth servers in AD name. */
export const GRAPH_INPUTS = { HybridApplications: ['ExchangeAuthConfig'] } as const satisfies Partial<
  Record<(typeof GRAPH_ARTIFACTS)[number], readonly ArtifactName[]>
>;

export const LDAP_ARTIFACTS = [
  'ExchangeOrganization',
  'ExchangeServers',
  'MailboxDatabases',
  'MailboxPlacement',
  'VirtualDirectories',
  'HybridConfiguration',
  'DirectorySyncFootprints',
  // The hybrid requirement set (docs/facts/hybrid.md).
  'ExchangeAuthConfig',
  'SettingOverrides',
  'HybridFeatures',
] as const satisfies readonly ArtifactName[];

export const DNS_ARTIFACTS = ['PublicDns'] as const satisfies readonly ArtifactName[];

export const HTTPS_ARTIFACTS = [
  'EndpointProbes',
  'AutodiscoverProbes',
  'RestEndpointProbes',
  'FrontEndSamples',
] as const satisfies readonly ArtifactName[];

/** The hybrid set's EWS probe: the EWS URLs come from AD, so it waits for the LDAP collector's artifacts. */
export const EWS_ARTIFACTS = ['EwsEndpointProbes'] as const satisfies readonly ArtifactName[];
export const EWS_INPUTS = { EwsEndpointProbes: ['VirtualDirectories', 'HybridConfiguration'] } as const satisfies Partial<
  Record<(typeof EWS_ARTIFACTS)[number], readonly ArtifactName[]>
>;
