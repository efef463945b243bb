// Flags and config → CollectOptions: every value validated, secrets read last from where ./secret-sources.ts says.
import { resolve as resolvePath } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { type Cloud, type CollectOptions, DEFAULT_HTTPS_PORT, DEFAULT_TIMEOUT_MS, type Secrets } from '../options.js';
import { readTextFile } from '../read-text-file.js';
import type { ConfigFile } from './config-file.js';
import { OPTION_REGISTRY, type OptionKey } from './option-registry.js';
import { givenSecretSource, promptFor, readSecret, refuseSharedStdin, type SecretSource } from './secret-sources.js';
import { describeOrigin, type Given, invalid, type OptionSources, parseGiven } from './sources.js';
import type { SecretInput } from './terminal-input.js';
import * as values from './values.js';

export type Environment = Readonly<Record<string, string | undefined>>;

const CLOUDS: readonly Cloud[] = ['global', 'usgov', 'usgovdod', 'china'];

export async function resolveCollectOptions(
  sources: OptionSources,
  env: Environment,
  cwd: string,
  input?: SecretInput,
): Promise<CollectOptions> {
  const one = <T>(flag: Parameters<OptionSources['scalar']>[0], key: keyof ConfigFile, parse: (text: string) => T): T | null => {
    const given = sources.scalar(flag, key);
    return given ? parseGiven(given, parse) : null;
  };
  const many = <T>(flag: Parameters<OptionSources['list']>[0], key: keyof ConfigFile, parse: (text: string) => T): T[] => {
    const parsed = (sources.list(flag, key) ?? []).map((given) => parseGiven(given, parse));
    return [...new Set(parsed)];
  };

  const bindDn = one('bindDn', 'bindDn', nonEmpty('the account to bind as (a DN, UPN or DOMAIN\\user)'));
  const given = {
    bindPassword: givenSecretSource(sources, 'bindPassword'),
    clientSecret: givenSecretSource(sources, 'clientSecret'),
    graphToken: givenSecretSource(sources, 'graphToken'),
  };
  const bindPassword = bindDn === null ? given.bindPassword : (given.bindPassword ?? promptFor('bindPassword', input, `for ${bindDn}`));
  if (bindDn !== null && !bindPassword) {
    invalid(
      sources.scalar('bindDn', 'bindDn')!.origin,
      'needs the password: --bind-password-file FILE (- for stdin) or --bind-password-env VAR, or run it in a terminal to be asked',
    );
  }
  if (given.bindPassword && bindDn === null)
    invalid(given.bindPassword.given.origin, 'needs --bind-dn, the account the password belongs to');

  const clientCertificate = sources.scalar('clientCertificate', 'clientCertificate');
  const tenantId = one('tenantId', 'tenantId', values.tenant);
  const clientId = one('clientId', 'clientId', (text) => values.guid(text, 'the application (client) id'));
  if (given.clientSecret && clientCertificate)
    invalid(
      clientCertificate.origin,
      `cannot be combined with ${describeOrigin(given.clientSecret.given.origin)}; choose one application credential`,
    );
  const appCredential = given.clientSecret ? given.clientSecret.given.origin : clientCertificate?.origin;
  if (appCredential && given.graphToken)
    invalid(
      given.graphToken.given.origin,
      `cannot be combined with ${describeOrigin(appCredential)}; give a ready token or an application credential, not both`,
    );
  if (appCredential && (tenantId === null || clientId === null)) {
    invalid(appCredential, 'app-only Graph access also needs --tenant-id and --client-id');
  }
  // An application named without any credential: ask for its secret when someone is there to type it.
  const clientSecret =
    given.clientSecret ??
    (tenantId !== null && clientId !== null && !clientCertificate && !given.graphToken
      ? promptFor('clientSecret', input, `of application ${clientId}`)
      : null);
  refuseSharedStdin([bindPassword, clientSecret, given.graphToken]);

  const caFile = sources.scalar('caFile', 'caFile');
  const caPem = caFile ? await readPemFile(caFile, cwd, ['CERTIFICATE'], 'certificate authority') : null;
  const certificatePem = clientCertificate
    ? await readPemFile(clientCertificate, cwd, ['CERTIFICATE', 'PRIVATE KEY'], 'client certificate with its private key')
    : null;

  const options: Omit<CollectOptions, 'secrets'> = {
    domains: many('domain', 'domains', (text) => values.hostName(text, 'an SMTP domain')),
    namespaces: many('namespace', 'namespaces', (text) => values.hostName(text, 'a namespace host name')),
    mailboxes: many('mailbox', 'mailboxes', values.mailbox),
    ldapUrl: one('ldapUrl', 'ldapUrl', (text) => values.url(text, ['ldap:', 'ldaps:'])),
    adDomain: one('adDomain', 'adDomain', (text) => values.hostName(text, 'an Active Directory domain')),
    bindDn,
    bindPasswordEnv: given.bindPassword?.kind === 'env' ? given.bindPassword.variable : null,
    resolvers: many('resolver', 'resolvers', values.resolver),
    httpsPort: one('httpsPort', 'httpsPort', values.port) ?? DEFAULT_HTTPS_PORT,
    treatAsPublic: many('treatAsPublic', 'treatAsPublic', values.cidr),
    probeInternal: sources.boolean('probeInternal', 'probeInternal') ?? false,
    caFile: caFile ? caFile.value : null,
    caPem,
    tenantId,
    clientId,
    clientSecretEnv: given.clientSecret?.kind === 'env' ? given.clientSecret.variable : null,
    clientCertificate: clientCertificate ? clientCertificate.value : null,
    graphTokenEnv: given.graphToken?.kind === 'env' ? given.graphToken.variable : null,
    cloud: one('cloud', 'cloud', (text) => values.oneOf(text, CLOUDS, 'one of the clouds')) ?? 'global',
    graphUrl: one('graphUrl', 'graphUrl', (text) => values.url(text, ['https:', 'http:'])),
    loginUrl: one('loginUrl', 'loginUrl', (text) => values.url(text, ['https:', 'http:'])),
    globalCatalog: sources.boolean('globalCatalog', 'globalCatalog') ?? false,
    timeoutMs: one('timeout', 'timeout', values.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
    apis: resolveApis(sources),
    pools: resolvePools(sources),
  };
  // Secrets last: a prompt comes only once every other value has been accepted.
  const environment = { env, stdin: input };
  const read = (source: SecretSource | null) => (source ? readSecret(source, cwd, environment) : Promise.resolve(null));
  const secrets: Secrets = {
    bindPassword: await read(bindPassword),
    clientSecret: await read(clientSecret),
    clientCertificatePem: certificatePem,
    graphToken: await read(given.graphToken),
  };
  return { ...options, secrets };
}

function nonEmpty(what: string) {
  return (text: string): string => {
    if (text.trim() === '') throw new values.InvalidValue(`expected ${what}`);
    return text.trim();
  };
}

export async function readPemFile(given: Given, cwd: string, blocks: readonly string[], what: string): Promise<string> {
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

/** What gives a live run something to look at: a name to resolve and probe, a directory, or Graph access. */
const TARGET_KEYS = [
  'domain',
  'namespace',
  'mailbox',
  'ldapUrl',
  'adDomain',
  'tenantId',
  'clientId',
  'clientSecretEnv',
  'clientSecretFile',
  'clientCertificate',
  'graphTokenEnv',
  'graphTokenFile',
] as const satisfies readonly OptionKey[];

/**
 * A live run without any of them would only fill a report with "needs --ldap-url": refuse it in one line instead.
 * `verb` is what the command does ("assess", "collect").
 */
export function refuseEmptyTarget(sources: OptionSources, verb: 'assess' | 'collect'): void {
  const configKeys = new Map(OPTION_REGISTRY.map((spec) => [spec.key as string, 'config' in spec ? spec.config.key : null]));
  const given = TARGET_KEYS.some((key) => {
    const configKey = configKeys.get(key);
    return sources.flags[key] !== undefined || (configKey ? sources.config?.values[configKey] !== undefined : false);
  });
  if (given) return;
  const replay = verb === 'assess' ? ', or --from-inventory FILE to replay a saved inventory' : '';
  throw new UsageError(
    `nothing to ${verb}: give --domain, --namespace, --mailbox, --ldap-url or --ad-domain, Graph access (--tenant-id and --client-id, or --graph-token-file)${replay}; \`hybrid-readiness demo\` runs against a built-in lab`,
  );
}
