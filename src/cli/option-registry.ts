// Every command-line option, defined once: its flag, help text, default, config-file key and the commands that take
// it. Commander's options (./flags.ts), the config file's schema (./config-file.ts), the flags a replay refuses, the
// help texts and the option reference in docs/options.md all derive from this list, so they cannot drift apart.
// A value's parsing lives in ./values.ts and its meaning in the resolvers; this file says what exists and where.
// No option ever takes a secret value: secrets come from environment variables, files, stdin or a prompt.
import { z } from 'zod';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { DEFAULT_UPDATE_TIMEOUT_MS } from '../catalogue/limits.js';
import { DIFF_FORMATS } from '../diff/render.js';
import { DEFAULT_HTTPS_PORT, DEFAULT_TIMEOUT_MS } from '../options.js';
import { MICROSOFT_BUILD_LIST_URL } from '../report/build-list.js';
import { formatList } from '../reporters/formats.js';

export const COMMANDS = [
  'assess',
  'collect',
  'import-ems',
  'report',
  'checks',
  'catalogue',
  'catalogue update',
  'diff',
  'demo',
  'lab start',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export const OPTION_GROUPS = [
  'Configuration',
  'Target',
  'Active Directory',
  'DNS and HTTPS',
  'Microsoft Graph',
  'Checks',
  'Assessment and output',
  'Build catalogue',
  'General',
] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

/** How a config file writes a value; `null` = the option has no config key. */
const text = z.string();
const stringOrList = z.union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' });
const numberOrText = z.union([z.number(), z.string()], { error: 'expected a number' });
const flag = z.boolean();

export interface OptionSpec {
  /** Commander's attribute name (camelCase of the long flag; `--no-color` → `color`). */
  key: string;
  /** As commander reads it: '--domain <domain>', '-o, --output <file>', '--quiet'. */
  flags: string;
  help: string;
  group: OptionGroup;
  /** Which commands take it. One key may have several entries with different commands and help. */
  commands: readonly CommandName[];
  /** Repeated flags accumulate into a list. */
  repeatable?: boolean;
  /** Shown as "(default …)" in help and in the option reference; the value itself lives with its resolver. */
  defaultText?: string;
  /** The config-file key and the shape it takes there; absent = flag only. */
  config?: { key: string; schema: z.ZodType; path?: boolean };
  /** Only matters when collecting live; `assess --from-inventory` refuses it rather than silently ignoring it. */
  collection?: boolean;
}

const LIVE = ['assess', 'collect'] as const satisfies readonly CommandName[];
const RENDERING = ['assess', 'report', 'demo'] as const satisfies readonly CommandName[];
const REDACTING = ['assess', 'collect', 'report'] as const satisfies readonly CommandName[];
const EVERY = COMMANDS;

export const OPTION_REGISTRY = [
  // Configuration
  {
    key: 'config',
    flags: '--config <file>',
    help: 'YAML or JSON file carrying any of these options (camelCase keys, plural for repeatable ones), plus apis:, pools: and exceptions:; flags win',
    group: 'Configuration',
    commands: LIVE,
  },
  // Target
  {
    key: 'domain',
    flags: '--domain <domain>',
    help: 'SMTP domain; its Autodiscover host is autodiscover.<domain>',
    group: 'Target',
    commands: LIVE,
    repeatable: true,
    config: { key: 'domains', schema: stringOrList },
    collection: true,
  },
  {
    key: 'namespace',
    flags: '--namespace <host>',
    help: 'on-premises client namespace, e.g. mail.contoso.com',
    group: 'Target',
    commands: LIVE,
    repeatable: true,
    config: { key: 'namespaces', schema: stringOrList },
    collection: true,
  },
  {
    key: 'mailbox',
    flags: '--mailbox <smtp>',
    help: 'a mailbox in scope: Autodiscover probes, database placement and Graph user sync',
    group: 'Target',
    commands: LIVE,
    repeatable: true,
    config: { key: 'mailboxes', schema: stringOrList },
    collection: true,
  },
  // Active Directory
  {
    key: 'ldapUrl',
    flags: '--ldap-url <url>',
    help: 'ldaps://dc01.contoso.com (TLS), or ldap://… with StartTLS negotiated first',
    group: 'Active Directory',
    commands: LIVE,
    defaultText: 'locate a DC for --ad-domain',
    config: { key: 'ldapUrl', schema: text },
    collection: true,
  },
  {
    key: 'adDomain',
    flags: '--ad-domain <domain>',
    help: 'Active Directory domain, to locate a domain controller through DNS SRV when --ldap-url is not given',
    group: 'Active Directory',
    commands: LIVE,
    config: { key: 'adDomain', schema: text },
    collection: true,
  },
  {
    key: 'bindDn',
    flags: '--bind-dn <dn>',
    help: 'account for the LDAP simple bind (a DN, user@domain or DOMAIN\\user)',
    group: 'Active Directory',
    commands: LIVE,
    config: { key: 'bindDn', schema: text },
    collection: true,
  },
  {
    key: 'bindPasswordEnv',
    flags: '--bind-password-env <var>',
    help: 'NAME of the environment variable holding the bind password',
    group: 'Active Directory',
    commands: LIVE,
    config: { key: 'bindPasswordEnv', schema: text },
    collection: true,
  },
  {
    key: 'bindPasswordFile',
    flags: '--bind-password-file <file>',
    help: 'file holding the bind password, readable by its owner only (chmod 600); - reads it from stdin',
    group: 'Active Directory',
    commands: LIVE,
    config: { key: 'bindPasswordFile', schema: text, path: true },
    collection: true,
  },
  {
    key: 'globalCatalog',
    flags: '--global-catalog',
    help: 'read recipients through the global catalog (multi-domain forests; ports 3268/3269)',
    group: 'Active Directory',
    commands: LIVE,
    config: { key: 'globalCatalog', schema: flag },
    collection: true,
  },
  // DNS and HTTPS
  {
    key: 'resolver',
    flags: '--resolver <resolver>',
    help: 'public resolver: 1.1.1.1, 127.0.0.1:5353, [::1]:53 or a DoH URL',
    group: 'DNS and HTTPS',
    commands: LIVE,
    repeatable: true,
    defaultText: 'well-known public resolvers over DNS-over-HTTPS',
    config: { key: 'resolvers', schema: stringOrList },
    collection: true,
  },
  {
    key: 'httpsPort',
    flags: '--https-port <port>',
    help: 'port of the HTTPS probes',
    group: 'DNS and HTTPS',
    commands: LIVE,
    defaultText: String(DEFAULT_HTTPS_PORT),
    config: { key: 'httpsPort', schema: numberOrText },
    collection: true,
  },
  {
    key: 'treatAsPublic',
    flags: '--treat-as-public <cidr>',
    help: 'count addresses in this range as public, e.g. 127.0.0.0/8 for a lab (the report says it was set)',
    group: 'DNS and HTTPS',
    commands: LIVE,
    repeatable: true,
    config: { key: 'treatAsPublic', schema: stringOrList },
    collection: true,
  },
  {
    key: 'probeInternal',
    flags: '--probe-internal',
    help: 'also probe non-public addresses that public DNS gives (private, loopback…): the inside view, labelled as such (docs/failure-semantics.md)',
    group: 'DNS and HTTPS',
    commands: LIVE,
    config: { key: 'probeInternal', schema: flag },
    collection: true,
  },
  {
    key: 'caFile',
    flags: '--ca-file <pem>',
    help: "extra trusted certificate authorities for LDAPS, HTTPS and Graph, added to the system's",
    group: 'DNS and HTTPS',
    commands: LIVE,
    config: { key: 'caFile', schema: text, path: true },
    collection: true,
  },
  {
    key: 'timeout',
    flags: '--timeout <ms>',
    help: 'timeout of each network operation in milliseconds; probes run concurrently, so the run stays bounded by it',
    group: 'DNS and HTTPS',
    commands: LIVE,
    defaultText: String(DEFAULT_TIMEOUT_MS),
    config: { key: 'timeout', schema: numberOrText },
    collection: true,
  },
  // Microsoft Graph
  {
    key: 'tenantId',
    flags: '--tenant-id <id>',
    help: 'Entra ID tenant (GUID or domain) for app-only Graph access',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'tenantId', schema: text },
    collection: true,
  },
  {
    key: 'clientId',
    flags: '--client-id <id>',
    help: 'application (client) id for app-only Graph access',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'clientId', schema: text },
    collection: true,
  },
  {
    key: 'clientSecretEnv',
    flags: '--client-secret-env <var>',
    help: 'NAME of the environment variable holding the client secret',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'clientSecretEnv', schema: text },
    collection: true,
  },
  {
    key: 'clientSecretFile',
    flags: '--client-secret-file <file>',
    help: 'file holding the client secret, readable by its owner only (chmod 600); - reads it from stdin',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'clientSecretFile', schema: text, path: true },
    collection: true,
  },
  {
    key: 'clientCertificate',
    flags: '--client-certificate <pem>',
    help: 'PEM file with the client certificate and its private key',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'clientCertificate', schema: text, path: true },
    collection: true,
  },
  {
    key: 'graphTokenEnv',
    flags: '--graph-token-env <var>',
    help: 'NAME of the environment variable holding a ready Graph access token (CI with workload identity)',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'graphTokenEnv', schema: text },
    collection: true,
  },
  {
    key: 'graphTokenFile',
    flags: '--graph-token-file <file>',
    help: 'file holding a ready Graph access token, readable by its owner only (chmod 600); - reads it from stdin',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'graphTokenFile', schema: text, path: true },
    collection: true,
  },
  {
    key: 'cloud',
    flags: '--cloud <cloud>',
    help: 'national cloud, which picks the Graph and sign-in hosts: global, usgov, usgovdod or china',
    group: 'Microsoft Graph',
    commands: LIVE,
    defaultText: 'global',
    config: { key: 'cloud', schema: text },
    collection: true,
  },
  {
    key: 'graphUrl',
    flags: '--graph-url <url>',
    help: 'override the Graph endpoint (labs)',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'graphUrl', schema: text },
    collection: true,
  },
  {
    key: 'loginUrl',
    flags: '--login-url <url>',
    help: 'override the sign-in endpoint (labs)',
    group: 'Microsoft Graph',
    commands: LIVE,
    config: { key: 'loginUrl', schema: text },
    collection: true,
  },
  // Checks
  {
    key: 'requirements',
    flags: '--requirements <set>',
    help: 'which requirement set to judge: graph-rest, hybrid or all (docs/requirement-sets.md)',
    group: 'Checks',
    commands: ['assess', 'collect', 'demo'],
    defaultText: 'graph-rest',
    config: { key: 'requirements', schema: text },
  },
  {
    key: 'only',
    flags: '--only <ids>',
    help: 'run only these checks (comma-separated ids)',
    group: 'Checks',
    commands: LIVE,
    repeatable: true,
    config: { key: 'only', schema: stringOrList },
  },
  {
    key: 'skip',
    flags: '--skip <ids>',
    help: 'leave out these checks (comma-separated ids)',
    group: 'Checks',
    commands: LIVE,
    repeatable: true,
    config: { key: 'skip', schema: stringOrList },
  },
  // Assessment and output
  {
    key: 'fromInventory',
    flags: '--from-inventory <file>',
    help: 'assess a saved inventory instead of collecting (no network)',
    group: 'Assessment and output',
    commands: ['assess'],
    config: { key: 'fromInventory', schema: text, path: true },
  },
  {
    key: 'saveInventory',
    flags: '--save-inventory <file>',
    help: 'also write the collected inventory to this file (redacted too with --redact)',
    group: 'Assessment and output',
    commands: ['assess', 'demo'],
    config: { key: 'saveInventory', schema: text, path: true },
    collection: true,
  },
  {
    key: 'failOn',
    flags: '--fail-on <level>',
    help: 'which failures make the exit code 1: blocker or warning',
    group: 'Assessment and output',
    commands: ['assess'],
    defaultText: 'blocker',
    config: { key: 'failOn', schema: text },
  },
  {
    key: 'failOn',
    flags: '--fail-on <level>',
    help: 'regressions at or above this severity make the exit code 1: blocker or warning',
    group: 'Assessment and output',
    commands: ['diff'],
    defaultText: 'blocker',
  },
  {
    key: 'maxSyncAge',
    flags: '--max-sync-age <duration>',
    help: 'how old the last directory sync may be, e.g. 90m, 3h, 1d',
    group: 'Assessment and output',
    commands: ['assess'],
    defaultText: `${DEFAULT_EVALUATION_OPTIONS.maxSyncAgeMinutes / 60}h`,
    config: { key: 'maxSyncAge', schema: numberOrText },
  },
  {
    key: 'format',
    flags: '--format <format>',
    help: `print the report to stdout: ${formatList()}`,
    group: 'Assessment and output',
    commands: RENDERING,
    repeatable: true,
    defaultText: 'table',
    config: { key: 'formats', schema: stringOrList },
  },
  {
    key: 'format',
    flags: '--format <format>',
    help: 'table or json',
    group: 'Assessment and output',
    commands: ['checks', 'catalogue'],
    defaultText: 'table',
  },
  {
    key: 'format',
    flags: '--format <format>',
    help: formatList(DIFF_FORMATS),
    group: 'Assessment and output',
    commands: ['diff'],
    defaultText: 'table',
  },
  {
    key: 'output',
    flags: '--output <format=path>',
    help: `write the report in a format to a file, e.g. json=report.json, html=audit.html (formats: ${formatList()})`,
    group: 'Assessment and output',
    commands: RENDERING,
    repeatable: true,
    config: {
      key: 'outputs',
      schema: z.union([z.record(z.string(), z.string()), z.array(z.string())], {
        error: 'expected a map of format to file ({json: report.json}) or a list of FORMAT=PATH',
      }),
    },
  },
  {
    key: 'output',
    flags: '-o, --output <file>',
    help: 'write the inventory to this file instead of stdout',
    group: 'Assessment and output',
    commands: ['collect', 'import-ems'],
  },
  {
    key: 'redact',
    flags: '--redact',
    help: "replace the organization's names (hosts, domains, servers, mailboxes, accounts, tenant…) with stable pseudonyms in everything written",
    group: 'Assessment and output',
    commands: REDACTING,
    config: { key: 'redact', schema: flag },
  },
  {
    key: 'redactMap',
    flags: '--redact-map <file>',
    help: 'with --redact: also write which pseudonym stands for which name to this file (created readable by its owner only)',
    group: 'Assessment and output',
    commands: REDACTING,
    config: { key: 'redactMap', schema: text, path: true },
  },
  // Build catalogue (docs/catalogue.md)
  {
    key: 'buildCatalog',
    flags: '--build-catalog <file>',
    help: 'name Exchange builds from this catalogue (written by `catalogue update`) when it is newer than the bundled table',
    group: 'Build catalogue',
    commands: ['assess'],
    defaultText: 'the user catalogue in the configuration folder, when newer',
    config: { key: 'buildCatalog', schema: text, path: true },
  },
  {
    key: 'buildCatalog',
    flags: '--build-catalog <file>',
    help: 'show this catalogue file, as assess --build-catalog would use it',
    group: 'Build catalogue',
    commands: ['catalogue'],
  },
  {
    key: 'from',
    flags: '--from <url-or-file>',
    help: "an https:// URL or a file holding Microsoft's ExchangeBuildNumbers.csv",
    group: 'Build catalogue',
    commands: ['catalogue update'],
    defaultText: MICROSOFT_BUILD_LIST_URL,
  },
  {
    key: 'output',
    flags: '-o, --output <file>',
    help: 'write the catalogue to this file instead of the configuration folder',
    group: 'Build catalogue',
    commands: ['catalogue update'],
  },
  {
    key: 'caFile',
    flags: '--ca-file <pem>',
    help: "extra trusted certificate authorities for the download (labs, TLS-inspecting proxies), added to the system's",
    group: 'Build catalogue',
    commands: ['catalogue update'],
  },
  {
    key: 'timeout',
    flags: '--timeout <ms>',
    help: 'bound on the whole download in milliseconds',
    group: 'Build catalogue',
    commands: ['catalogue update'],
    defaultText: String(DEFAULT_UPDATE_TIMEOUT_MS),
  },
  {
    key: 'list',
    flags: '--list',
    help: 'list the scenarios and exit',
    group: 'General',
    commands: ['demo'],
  },
  {
    key: 'shell',
    flags: '--shell <shell>',
    help: 'how to print the command: posix or powershell',
    group: 'General',
    commands: ['lab start'],
    defaultText: 'powershell on Windows, posix elsewhere',
  },
  // General
  {
    key: 'color',
    flags: '--no-color',
    help: 'never colour the output (NO_COLOR is honoured too)',
    group: 'General',
    commands: EVERY,
    config: { key: 'color', schema: flag },
  },
  {
    key: 'quiet',
    flags: '--quiet',
    help: 'no progress messages on stderr',
    group: 'General',
    commands: EVERY,
    config: { key: 'quiet', schema: flag },
  },
  {
    key: 'debug',
    flags: '--debug',
    help: 'show details and stack traces on errors',
    group: 'General',
    commands: EVERY,
    config: { key: 'debug', schema: flag },
  },
] as const satisfies readonly OptionSpec[];

type Entry = (typeof OPTION_REGISTRY)[number];
export type OptionKey = Entry['key'];
type ValueOf<E> = E extends { repeatable: true } ? string[] : E extends { flags: `${string}<${string}` } ? string : boolean;

/** Raw flag values as commander gives them; undefined when the flag was not given. */
export type RawFlags = { [K in OptionKey]?: ValueOf<Extract<Entry, { key: K }>> };

type ConfiguredEntry = Extract<Entry, { config: object }>;
export type ConfigOptionKey = ConfiguredEntry['config']['key'];
/** What the config file may hold for each option key, as its schema reads it. */
export type ConfigOptionValues = {
  [K in ConfigOptionKey]?: z.infer<Extract<ConfiguredEntry, { config: { key: K } }>['config']['schema']>;
};

/** The options a command takes, in registry order. */
export function optionsOf(command: CommandName): readonly OptionSpec[] {
  return OPTION_REGISTRY.filter((spec) => (spec.commands as readonly CommandName[]).includes(command));
}

/** The config-file keys, with their shapes, in registry order (each once). */
export function configEntries(): { key: ConfigOptionKey; schema: z.ZodType; path: boolean }[] {
  const seen = new Map<string, { key: ConfigOptionKey; schema: z.ZodType; path: boolean }>();
  for (const spec of OPTION_REGISTRY as readonly OptionSpec[]) {
    if (spec.config && !seen.has(spec.config.key)) {
      seen.set(spec.config.key, { key: spec.config.key as ConfigOptionKey, schema: spec.config.schema, path: spec.config.path ?? false });
    }
  }
  return [...seen.values()];
}

/** Flags that only matter when collecting; given with --from-inventory they would silently do nothing. */
export const COLLECTION_FLAGS: readonly OptionKey[] = [
  ...new Set((OPTION_REGISTRY as readonly OptionSpec[]).filter((spec) => spec.collection).map((spec) => spec.key as OptionKey)),
];

/** The long flag of a key as typed: 'bindDn' → '--bind-dn'. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The help line of an option: its text and, where it has one, its default. */
export function helpText(spec: OptionSpec): string {
  const parts = [spec.help];
  if (spec.defaultText) parts.push(`(default: ${spec.defaultText})`);
  if (spec.repeatable) parts.push('(repeatable)');
  return parts.join(' ');
}
