// Shared by the LDAP integration tests and the benchmark: CollectOptions for the LDAP collector, the contoso
// directory fixture, and a collector context that records progress instead of printing it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectorContext } from '../../src/collectors/collector.js';
import { DEFAULT_HTTPS_PORT, type CollectOptions } from '../../src/options.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CONTOSO_SUFFIX = 'DC=contoso,DC=test';
export const BIND_DN = 'CN=svc-readiness,CN=Users,DC=contoso,DC=test';
export const NO_CONFIG_DN = 'CN=no-config,CN=Users,DC=contoso,DC=test';
/** Test-only password, generated per run so that no fixture carries a fixed secret. */
export const BIND_PASSWORD = `Pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;

export function contosoLdif(password = BIND_PASSWORD): string {
  return readFileSync(path.join(repoRoot, 'fixtures/ldap/contoso.ldif'), 'utf8').replaceAll('@BIND_PASSWORD@', password);
}

export function contosoRootDse(): string {
  return readFileSync(path.join(repoRoot, 'fixtures/ldap/contoso-rootdse.ldif'), 'utf8');
}

export const CONTOSO_INDEXES = ['homeMDB', 'mail', 'proxyAddresses', 'sAMAccountName'];

export function ldapCollectOptions(overrides: Partial<CollectOptions> & { bindPassword?: string | null } = {}): CollectOptions {
  const { bindPassword, ...rest } = overrides;
  return {
    domains: [],
    namespaces: [],
    mailboxes: [],
    ldapUrl: null,
    adDomain: null,
    bindDn: BIND_DN,
    bindPasswordEnv: 'HR_TEST_BIND_PASSWORD',
    resolvers: [],
    httpsPort: DEFAULT_HTTPS_PORT,
    treatAsPublic: [],
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
    timeoutMs: 5000,
    apis: null,
    pools: null,
    ...rest,
    secrets: {
      bindPassword: bindPassword === undefined ? BIND_PASSWORD : bindPassword,
      clientSecret: null,
      clientCertificatePem: null,
      graphToken: null,
    },
  };
}

export interface RecordingContext extends CollectorContext {
  messages: string[];
}

export function recordingContext(options: CollectOptions): RecordingContext {
  const messages: string[] = [];
  return {
    options,
    messages,
    progress: (message) => messages.push(message),
    debug: (message) => messages.push(`debug: ${message}`),
  };
}
