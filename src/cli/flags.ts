// The flags of assess/collect as commander sees them: raw strings, validated later together with the
// config file (resolve.ts), so that a value is judged the same way wherever it came from.
// No flag ever takes a secret value: secrets come from environment variables or files.
import { type Command, Option } from 'commander';

/** Raw flag values; undefined when the flag was not given. */
export interface RawFlags {
  config?: string;
  domain?: string[];
  namespace?: string[];
  mailbox?: string[];
  ldapUrl?: string;
  adDomain?: string;
  bindDn?: string;
  bindPasswordEnv?: string;
  resolver?: string[];
  httpsPort?: string;
  treatAsPublic?: string[];
  caFile?: string;
  tenantId?: string;
  clientId?: string;
  clientSecretEnv?: string;
  clientCertificate?: string;
  graphTokenEnv?: string;
  cloud?: string;
  graphUrl?: string;
  loginUrl?: string;
  globalCatalog?: boolean;
  timeout?: string;
  only?: string[];
  skip?: string[];
  // assess only
  format?: string[];
  output?: string[] | string;
  failOn?: string;
  maxSyncAge?: string;
  fromInventory?: string;
  saveInventory?: string;
  redact?: boolean;
  redactMap?: string;
  // everywhere
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

const repeat = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function repeatable(flags: string, description: string): Option {
  return new Option(flags, `${description} (repeatable)`).argParser(repeat);
}

export function addConfigOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--config <file>',
      'YAML or JSON file carrying any of these options (camelCase keys), plus apis:, pools:, exceptions:; flags win',
    ).helpGroup('Configuration:'),
  );
}

/** What to look at and how: shared by assess and collect. */
export function addCollectionOptions(command: Command): Command {
  const target = 'Target:';
  const ad = 'Active Directory:';
  const net = 'DNS and HTTPS:';
  const graph = 'Microsoft Graph:';
  for (const option of [
    repeatable('--domain <domain>', 'SMTP domain; its Autodiscover host defaults to autodiscover.<domain>').helpGroup(target),
    repeatable('--namespace <host>', 'on-premises client namespace, e.g. mail.contoso.com').helpGroup(target),
    repeatable('--mailbox <smtp>', 'a mailbox in scope, used for Autodiscover probes and database placement').helpGroup(target),
    new Option('--ldap-url <url>', 'ldaps://dc01.contoso.com, or ldap://… with StartTLS (default: locate a DC for --ad-domain)').helpGroup(
      ad,
    ),
    new Option('--ad-domain <domain>', 'Active Directory domain, to locate a domain controller when --ldap-url is not given').helpGroup(ad),
    new Option('--bind-dn <dn>', 'account for the LDAP simple bind').helpGroup(ad),
    new Option('--bind-password-env <var>', 'NAME of the environment variable holding the bind password').helpGroup(ad),
    new Option('--global-catalog', 'read recipients through the global catalog (multi-domain forests)').helpGroup(ad),
    repeatable(
      '--resolver <resolver>',
      'public resolver: 1.1.1.1, 127.0.0.1:5353, or a DoH URL (default: well-known public resolvers over DoH)',
    ).helpGroup(net),
    new Option('--https-port <port>', 'port of the HTTPS probes (default 443)').helpGroup(net),
    repeatable('--treat-as-public <cidr>', 'count addresses in this range as public, e.g. 127.0.0.0/8 for a lab').helpGroup(net),
    new Option('--ca-file <pem>', 'extra trusted certificate authorities for LDAPS, HTTPS and Graph').helpGroup(net),
    new Option('--timeout <ms>', 'timeout of each network operation in milliseconds (default 5000)').helpGroup(net),
    new Option('--tenant-id <id>', 'Entra ID tenant (GUID or domain) for app-only Graph access').helpGroup(graph),
    new Option('--client-id <id>', 'application (client) id for app-only Graph access').helpGroup(graph),
    new Option('--client-secret-env <var>', 'NAME of the environment variable holding the client secret').helpGroup(graph),
    new Option('--client-certificate <pem>', 'PEM file with the client certificate and its private key').helpGroup(graph),
    new Option('--graph-token-env <var>', 'NAME of the environment variable holding a ready Graph access token').helpGroup(graph),
    new Option('--cloud <cloud>', 'national cloud: global, usgov, usgovdod, china (default global)').helpGroup(graph),
    new Option('--graph-url <url>', 'override the Graph endpoint (labs)').helpGroup(graph),
    new Option('--login-url <url>', 'override the sign-in endpoint (labs)').helpGroup(graph),
  ]) {
    command.addOption(option);
  }
  return command;
}

export function addSelectionOptions(command: Command): Command {
  return command
    .addOption(repeatable('--only <ids>', 'run only these checks (comma-separated ids)').helpGroup('Checks:'))
    .addOption(repeatable('--skip <ids>', 'leave out these checks (comma-separated ids)').helpGroup('Checks:'));
}

export function addAssessOptions(command: Command): Command {
  const group = 'Assessment and output:';
  for (const option of [
    new Option('--from-inventory <file>', 'assess a saved inventory instead of collecting (no network)').helpGroup(group),
    new Option('--save-inventory <file>', 'also write the collected inventory to this file').helpGroup(group),
    new Option('--fail-on <level>', 'which failures make the exit code 1: blocker (default) or warning').helpGroup(group),
    new Option('--max-sync-age <duration>', 'how old the last directory sync may be, e.g. 90m, 3h, 1d (default 3h)').helpGroup(group),
    repeatable('--format <format>', 'print the report to stdout: table (default), json, markdown, html, junit or sarif').helpGroup(group),
    repeatable('--output <format=path>', 'write the report to a file, e.g. json=report.json, html=audit.html').helpGroup(group),
    redactOption().helpGroup(group),
    redactMapOption().helpGroup(group),
  ]) {
    command.addOption(option);
  }
  return command;
}

export function redactOption(): Option {
  return new Option(
    '--redact',
    'replace host, domain, server, database, mailbox and organization names with stable pseudonyms in reports and saved inventories',
  );
}

export function redactMapOption(): Option {
  return new Option(
    '--redact-map <file>',
    'with --redact: also write which pseudonym stands for which name to this file (keep it private)',
  );
}

export function addCommonOptions(command: Command): Command {
  return command
    .addOption(new Option('--no-color', 'never colour the output (NO_COLOR is honoured too)').helpGroup('General:'))
    .addOption(new Option('--quiet', 'no progress messages on stderr').helpGroup('General:'))
    .addOption(new Option('--debug', 'show details and stack traces on errors').helpGroup('General:'));
}

/** Flags that only matter when collecting; given with --from-inventory they would silently do nothing. */
export const COLLECTION_FLAGS: readonly (keyof RawFlags)[] = [
  'domain',
  'namespace',
  'mailbox',
  'ldapUrl',
  'adDomain',
  'bindDn',
  'bindPasswordEnv',
  'resolver',
  'httpsPort',
  'treatAsPublic',
  'caFile',
  'tenantId',
  'clientId',
  'clientSecretEnv',
  'clientCertificate',
  'graphTokenEnv',
  'cloud',
  'graphUrl',
  'loginUrl',
  'globalCatalog',
  'timeout',
  'saveInventory',
];

/** camelCase option key → the flag as typed. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
