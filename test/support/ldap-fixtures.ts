// Shared by the LDAP integration tests and the benchmark: CollectOptions for the LDAP collector, the contoso
// directory fixture, and a collector context that records progress instead of printing it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectorContext } from '../../src/collectors/collector.js';
import type { CollectOptions } from '../../src/options.js';
import { collectOptions } from './collect-options.js';

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

export function ldapCollectOptions(
  overrides: Partial<Omit<CollectOptions, 'secrets'>> & { bindPassword?: string | null } = {},
): CollectOptions {
  const { bindPassword, ...rest } = overrides;
  return collectOptions({
    bindDn: BIND_DN,
    bindPasswordEnv: 'HR_TEST_BIND_PASSWORD',
    ...rest,
    secrets: { bindPassword: bindPassword === undefined ? BIND_PASSWORD : bindPassword },
  });
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
