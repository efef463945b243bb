// Flags and config → CollectOptions: every value validated, secrets read from the environment or files.
import { resolve as resolvePath } from 'node:path';
import { ConfigError } from '../errors.js';
import { type Cloud, type CollectOptions, DEFAULT_HTTPS_PORT, DEFAULT_TIMEOUT_MS, type Secrets } from '../options.js';
import { readTextFile } from '../read-text-file.js';
import type { ConfigFile } from './config-file.js';
import { describeOrigin, type Given, invalid, type OptionSources, parseGiven } from './sources.js';
import * as values from './values.js';

export type Environment = Readonly<Record<string, string | undefined>>;

const CLOUDS: readonly Cloud[] = ['global', 'usgov', 'usgovdod', 'china'];

export async function resolveCollectOptions(sources: OptionSources, env: Environment, cwd: string): Promise<CollectOptions> {
  const one = <T>(flag: Parameters<OptionSources['scalar']>[0], key: keyof ConfigFile, parse: (text: string) => T): T | null => {
    const given = sources.scalar(flag, key);
    return given ? parseGiven(given, parse) : null;
  };
  const many = <T>(flag: Parameters<OptionSources['list']>[0], key: keyof ConfigFile, parse: (text: string) => T): T[] => {
    const parsed = (sources.list(flag, key) ?? []).map((given) => parseGiven(given, parse));
    return [...new Set(parsed)];
  };

  const bindDn = one('bindDn', 'bindDn', nonEmpty('the account to bind as (a DN, UPN or DOMAIN\\user)'));
  const bindPassword = sources.scalar('bindPasswordEnv', 'bindPasswordEnv');
  if (bindDn !== null && !bindPassword) {
    invalid(
      sources.scalar('bindDn', 'bindDn')!.origin,
      'needs --bind-password-env VAR naming the environment variable that holds the password',
    );
  }
  if (bindPassword && bindDn === null) invalid(bindPassword.origin, 'needs --bind-dn, the account the password belongs to');

  const clientSecret = sources.scalar('clientSecretEnv', 'clientSecretEnv');
  const clientCertificate = sources.scalar('clientCertificate', 'clientCertificate');
  const graphToken = sources.scalar('graphTokenEnv', 'graphTokenEnv');
  const tenantId = one('tenantId', 'tenantId', values.tenant);
  const clientId = one('clientId', 'clientId', (text) => values.guid(text, 'the application (client) id'));
  if (clientSecret && clientCertificate)
    invalid(clientCertificate.origin, `cannot be combined with ${describeOrigin(clientSecret.origin)}; choose one application credential`);
  const appCredential = clientSecret ?? clientCertificate;
  if (appCredential && graphToken)
    invalid(
      graphToken.origin,
      `cannot be combined with ${describeOrigin(appCredential.origin)}; give a ready token or an application credential, not both`,
    );
  if (appCredential && (tenantId === null || clientId === null)) {
    invalid(appCredential.origin, 'app-only Graph access also needs --tenant-id and --client-id');
  }

  const caFile = sources.scalar('caFile', 'caFile');
  const caPem = caFile ? await readPemFile(caFile, cwd, ['CERTIFICATE'], 'certificate authority') : null;
  const certificatePem = clientCertificate
    ? await readPemFile(clientCertificate, cwd, ['CERTIFICATE', 'PRIVATE KEY'], 'client certificate with its private key')
    : null;

  const secrets: Secrets = {
    bindPassword: bindPassword ? readSecretVariable(bindPassword, env) : null,
    clientSecret: clientSecret ? readSecretVariable(clientSecret, env) : null,
    clientCertificatePem: certificatePem,
    graphToken: graphToken ? readSecretVariable(graphToken, env) : null,
  };

  return {
    domains: many('domain', 'domains', (text) => values.hostName(text, 'an SMTP domain')),
    namespaces: many('namespace', 'namespaces', (text) => values.hostName(text, 'a namespace host name')),
    mailboxes: many('mailbox', 'mailboxes', values.mailbox),
    ldapUrl: one('ldapUrl', 'ldapUrl', (text) => values.url(text, ['ldap:', 'ldaps:'])),
    adDomain: one('adDomain', 'adDomain', (text) => values.hostName(text, 'an Active Directory domain')),
    bindDn,
    bindPasswordEnv: bindPassword ? parseGiven(bindPassword, values.environmentVariableName) : null,
    resolvers: many('resolver', 'resolvers', values.resolver),
    httpsPort: one('httpsPort', 'httpsPort', values.port) ?? DEFAULT_HTTPS_PORT,
    treatAsPublic: many('treatAsPublic', 'treatAsPublic', values.cidr),
    caFile: caFile ? caFile.value : null,
    caPem,
    tenantId,
    clientId,
    clientSecretEnv: clientSecret ? parseGiven(clientSecret, values.environmentVariableName) : null,
    clientCertificate: clientCertificate ? clientCertificate.value : null,
    graphTokenEnv: graphToken ? parseGiven(graphToken, values.environmentVariableName) : null,
    cloud: one('cloud', 'cloud', (text) => values.oneOf(text, CLOUDS, 'one of the clouds')) ?? 'global',
    graphUrl: one('graphUrl', 'graphUrl', (text) => values.url(text, ['https:', 'http:'])),
    loginUrl: one('loginUrl', 'loginUrl', (text) => values.url(text, ['https:', 'http:'])),
    globalCatalog: sources.boolean('globalCatalog', 'globalCatalog') ?? false,
    timeoutMs: one('timeout', 'timeout', values.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
    apis: resolveApis(sources),
    pools: resolvePools(sources),
    secrets,
  };
}

function nonEmpty(what: string) {
  return (text: string): string => {
    if (text.trim() === '') throw new values.InvalidValue(`expected ${what}`);
    return text.trim();
  };
}

/** The secret itself is read here and only kept in memory; messages name the variable, never the value. */
function readSecretVariable(given: Given, env: Environment): string {
  const name = parseGiven(given, values.environmentVariableName);
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(
      `environment variable ${name} (named by ${describeOrigin(given.origin)}) is not set or is empty; set it before running`,
    );
  }
  return value;
}

async function readPemFile(given: Given, cwd: string, blocks: readonly string[], what: string): Promise<string> {
  const path = resolvePath(cwd, given.value);
  const text = await readTextFile(
    path,
    (why, cause) => new ConfigError(`${describeOrigin(given.origin)}: cannot read ${given.value}: ${why}`, { cause }),
  );
  const missing = blocks.filter((block) => !new RegExp(`-----BEGIN [A-Z ]*${block}-----`).test(text));
  if (missing.length > 0) {
    throw new ConfigError(
      `${describeOrigin(given.origin)}: ${given.value} is not a PEM ${what} (no ${missing.map((block) => `"BEGIN ${block}"`).join(' or ')} block)`,
    );
  }
  return text;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function resolveApis(sources: OptionSources): CollectOptions['apis'] {
  const declared = sources.config?.values.apis;
  if (!declared) return null;
  return declared.map((entry, index) => {
    const origin = sources.configOrigin(`apis[${index}]`);
    const [method, url] = typeof entry === 'string' ? splitCall(entry) : [entry.method, entry.url];
    const verb = (method ?? '').trim().toUpperCase();
    if (!(HTTP_METHODS as readonly string[]).includes(verb))
      invalid(origin, `expected an HTTP method (${HTTP_METHODS.join(', ')}), got ${JSON.stringify(method ?? '')}`);
    const path = (url ?? '').trim();
    if (!/^(\/|https:\/\/)\S*$/.test(path))
      invalid(origin, `expected a Graph URL or path such as /v1.0/me/messages, got ${JSON.stringify(url ?? '')}`);
    return { method: verb, url: path };
  });
}

function splitCall(text: string): [string | undefined, string | undefined] {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(text);
  return match ? [match[1], match[2]] : [undefined, text];
}

function resolvePools(sources: OptionSources): CollectOptions['pools'] {
  const declared = sources.config?.values.pools;
  if (!declared) return null;
  return declared.map((pool, index) => ({
    name: pool.name.trim(),
    namespace: pool.namespace
      ? parseGiven({ value: pool.namespace, origin: sources.configOrigin(`pools[${index}].namespace`) }, (text) =>
          values.hostName(text, 'a namespace host name'),
        )
      : null,
    members: [...new Set(pool.members.map((member) => member.trim().toLowerCase()))],
  }));
}
