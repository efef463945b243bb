// The CollectOptions every test and benchmark starts from: nothing declared, no secret, and the defaults the CLI
// resolves when a flag is absent (src/cli/resolve-collect.ts). Each collector's helper overrides only what it needs.
import { type CollectOptions, DEFAULT_HTTPS_PORT, DEFAULT_TIMEOUT_MS, type Secrets } from '../../src/options.js';

/** Secrets merge field by field, so a test can set one secret without restating the others. */
export type CollectOptionsOverrides = Partial<Omit<CollectOptions, 'secrets'>> & { secrets?: Partial<Secrets> };

export function collectOptions(overrides: CollectOptionsOverrides = {}): CollectOptions {
  const { secrets, ...rest } = overrides;
  return {
    domains: [],
    namespaces: [],
    mailboxes: [],
    ldapUrl: null,
    adDomain: null,
    bindDn: null,
    bindPasswordEnv: null,
    resolvers: [],
    httpsPort: DEFAULT_HTTPS_PORT,
    treatAsPublic: [],
    probeInternal: false,
    caFile: null,
    caPem: null,
    tenantId: null,
    clientId: null,
    clientSecretEnv: null,
    clientCertificate: null,
    graphTokenEnv: null,
    cloud: 'global',
    graphUrl: null,
    loginUrl: null,
    globalCatalog: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    apis: null,
    pools: null,
    ...rest,
    secrets: { bindPassword: null, clientSecret: null, clientCertificatePem: null, graphToken: null, ...secrets },
  };
}
