// The hybrid set's Active Directory artifacts of the example organization, as the LDAP collector records them: the
// Auth Configuration object with its auth servers' application ids, the setting overrides, and the hybrid
// configuration's features and servers. The lab's directory is built from them (src/lab/scenario-hybrid-entries.ts).
import { HYBRID_FEATURE_FLAGS } from '../../collectors/ldap/hybrid-features.js';
import type {
  ExchangeAuthConfig,
  ExchangeServers,
  HybridConfiguration,
  HybridFeatures,
  SettingOverrides,
} from '../../inventory/artifacts.js';
import { CURRENT_AUTH_CERTIFICATE } from './auth-certificates.js';
import { ORG_DN, type PublicNames } from './contoso.js';
import type { ServerSpec } from './estates.js';
import type { HybridSetup } from './hybrid.js';

export const AUTH_CONFIG_DN = `CN=Auth Configuration,${ORG_DN}`;
export const HYBRID_CONFIGURATION_DN = `CN=Hybrid Configuration,CN=Hybrid Configuration,${ORG_DN}`;
const FIRST_PARTY_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export function exchangeAuthConfig(hybrid: HybridSetup, classic: HybridConfiguration): ExchangeAuthConfig {
  const current = CURRENT_AUTH_CERTIFICATE.thumbprint;
  return {
    authConfig: {
      dn: AUTH_CONFIG_DN,
      serviceName: FIRST_PARTY_APP_ID,
      realm: null,
      currentThumbprint: current,
      previousThumbprint: null,
      nextThumbprint: null,
      nextEffectiveDate: null,
      rawThumbprints: [`0:${current}`],
    },
    authServers: classic.authServers.map((server) => ({
      name: server.name,
      dn: `CN=${server.name},CN=Auth Servers,${AUTH_CONFIG_DN}`,
      type: server.type,
      enabled: server.enabled,
      realm: server.realm,
      // The script sets it on the EvoSTS (AzureAD) auth server only.
      applicationIdentifier: server.type === 'AzureAD' && hybrid.dedicatedApp ? hybrid.dedicatedApp.appId : null,
      issuerIdentifier: server.issuerIdentifier,
    })),
  };
}

export function settingOverrides(hybrid: HybridSetup): SettingOverrides {
  if (!hybrid.override) return { overrides: [], truncated: false };
  return {
    overrides: [
      {
        name: 'EnableExchangeHybrid3PAppFeature',
        component: 'Global',
        section: 'ExchangeOnpremAsThirdPartyAppId',
        flight: null,
        parameters: ['Enabled=true'],
        servers: [],
        minVersion: null,
        maxVersion: null,
        fixVersion: null,
        reason: 'Created by ConfigureExchangeHybridApplication.ps1 on 10/27/2026 14:02:11',
        modifiedBy: 'corp.contoso.com/Users/Administrator',
        error: null,
      },
    ],
    truncated: false,
  };
}

const CAFE = 1;
const MAILBOX = 2;

/** What HCW leaves: the features, the Internet-facing Mailbox servers as client access and transport servers, the domain. */
export function hybridFeatures(
  hybrid: HybridSetup,
  specs: readonly ServerSpec[],
  servers: ExchangeServers,
  names: PublicNames,
): HybridFeatures {
  const link = (spec: ServerSpec) => {
    const server = servers.servers.find((candidate) => candidate.name === spec.name);
    if (!server) throw new Error(`no server ${spec.name}`);
    return { name: server.name, dn: server.dn };
  };
  const published = specs.filter((spec) => spec.behindNamespace && (spec.roles & CAFE) !== 0 && (spec.roles & MAILBOX) !== 0).map(link);
  return {
    configuration: {
      dn: HYBRID_CONFIGURATION_DN,
      featureFlags: hybrid.features,
      features: HYBRID_FEATURE_FLAGS.filter(([bit]) => (hybrid.features & bit) !== 0).map(([, name]) => name),
      clientAccessServers: published,
      sendingTransportServers: published,
      receivingTransportServers: published,
      edgeTransportServers: [],
      domains: [names.smtpDomain],
    },
  };
}
