// The resolved options of `assess`/`collect`: flags merged over the config file, secrets read from
// the environment or files. Produced by src/cli/ (argv + config), consumed by the pipeline and collectors.

export type Cloud = 'global' | 'usgov' | 'usgovdod' | 'china';

/** Secrets live only here, in memory; they are never written to inventories, reports or logs. */
export interface Secrets {
  bindPassword: string | null;
  clientSecret: string | null;
  /** PEM of the client certificate and its private key (--client-certificate). */
  clientCertificatePem: string | null;
  graphToken: string | null;
}

export interface CollectOptions {
  domains: string[];
  namespaces: string[];
  mailboxes: string[];
  ldapUrl: string | null;
  adDomain: string | null;
  bindDn: string | null;
  /** Name of the environment variable the bind password came from (recorded; the value is not). */
  bindPasswordEnv: string | null;
  /** As given: "1.1.1.1", "127.0.0.1:5353", or a DoH URL. Empty = the built-in public resolvers. */
  resolvers: string[];
  httpsPort: number;
  treatAsPublic: string[];
  /** Also probe non-public addresses that public DNS gives (--probe-internal): the inside view, labelled as such. */
  probeInternal: boolean;
  /** Path and PEM text of extra trust anchors (--ca-file). */
  caFile: string | null;
  caPem: string | null;
  tenantId: string | null;
  clientId: string | null;
  clientSecretEnv: string | null;
  clientCertificate: string | null;
  graphTokenEnv: string | null;
  cloud: Cloud;
  graphUrl: string | null;
  loginUrl: string | null;
  globalCatalog: boolean;
  timeoutMs: number;
  /** Graph calls the application makes (config `apis:`); null when the config declares none. */
  apis: { method: string; url: string }[] | null;
  /** Load-balancer pools declared in the config (`pools:`); null when none. */
  pools: { name: string; namespace: string | null; members: string[] }[] | null;
  secrets: Secrets;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_HTTPS_PORT = 443;
