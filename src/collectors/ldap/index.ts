// The LDAP collector: one TLS-protected, bound connection to a domain controller produces every Active Directory
// artifact. Failing to connect or bind fails them all (thrown LdapFailure); after that, each artifact succeeds or
// fails on its own (a denied container ends that artifact, not the run).
import { describeEndpoint, LdapConnection, type LdapConnectOptions, type LdapCredentials, type LdapEndpoint } from '../../clients/ldap.js';
import { LdapFailure, type LdapFailureReason } from '../../clients/ldap-errors.js';
import { dnKey, domainToDn } from '../../clients/ldap-escape.js';
import { ConfigError } from '../../errors.js';
import type { ArtifactError } from '../../inventory/inventory.js';
import type { Collector, CollectorContext, CollectorOutput } from '../collector.js';
import { LDAP_ARTIFACTS } from '../manifest.js';
import { collectExchangeAuthConfig } from './auth-config.js';
import { collectMailboxDatabases } from './databases.js';
import { findSyncAccounts, footprintsFrom, readDeviceRegistration } from './directory-sync.js';
import { collectHybridConfiguration } from './hybrid-configuration.js';
import { collectHybridFeatures } from './hybrid-features.js';
import { globalCatalogOf, locateDirectory, type SrvLookup, systemSrvLookup } from './locate.js';
import { findRequestedMailboxes, placementFromScan } from './mailbox-placement.js';
import { type MailboxScan, scanMailboxUsers } from './mailbox-scan.js';
import {
  collectExchangeOrganization,
  findOrganization,
  type NamingContexts,
  type OrganizationLocation,
  readNamingContexts,
} from './organization.js';
import { collectExchangeServers } from './servers.js';
import { collectSettingOverrides } from './setting-overrides.js';
import { collectVirtualDirectories } from './virtual-directories.js';

/** Defined with the other collectors' lists (manifest.ts), so planning a collection need not load this module. */
export { LDAP_ARTIFACTS };
export type LdapArtifact = (typeof LDAP_ARTIFACTS)[number];

export interface LdapCollectorDependencies {
  /** DNS SRV look-up for DC discovery; default: the system resolver with --timeout. */
  srvLookup?: (timeoutMs: number) => SrvLookup;
  /** Mailbox scan page size; default 1000 (AD's MaxPageSize). */
  pageSize?: number;
}

/** Reasons for which the next advertised domain controller is worth a try. */
const TRY_NEXT_DC: ReadonlySet<LdapFailureReason> = new Set(['refused', 'unreachable', 'connect-timeout', 'host-not-found', 'timeout']);

export function createLdapCollector(dependencies: LdapCollectorDependencies = {}): Collector<LdapArtifact> {
  return {
    name: 'ldap',
    produces: LDAP_ARTIFACTS,
    collect: (wanted, context) => collectFromDirectory(wanted, context, dependencies),
  };
}

export const ldapCollector = createLdapCollector();

type Output = CollectorOutput<LdapArtifact>;

async function collectFromDirectory(
  wanted: readonly LdapArtifact[],
  context: CollectorContext,
  dependencies: LdapCollectorDependencies,
): Promise<Output> {
  const output: Output = { artifacts: {}, errors: {} };
  const want = new Set(wanted);
  if (want.size === 0) return output;
  const { options } = context;

  const credentials = credentialsFrom(options.bindDn, options.secrets.bindPassword, options.bindPasswordEnv);
  let endpoints: LdapEndpoint[];
  try {
    endpoints = await locateDirectory(options, (dependencies.srvLookup ?? systemSrvLookup)(options.timeoutMs));
  } catch (error) {
    if (error instanceof ConfigError) throw new LdapFailure('configuration', error.message, { cause: error });
    throw error;
  }
  const connect = (endpoint: LdapEndpoint): LdapConnectOptions => ({
    endpoint,
    caPem: options.caPem,
    timeoutMs: options.timeoutMs,
    credentials,
  });
  const connection = await connectToFirst(endpoints, connect, context);
  try {
    context.progress(
      `LDAP: connected to ${connection.server} (${connection.tlsProtocol ?? 'TLS'})${connection.boundAs ? ` as ${connection.boundAs}` : ' anonymously'}`,
    );
    const contexts = await readNamingContexts(connection);
    context.debug(`LDAP: configuration NC ${contexts.configuration}, default NC ${contexts.defaultDomain ?? '(none)'}`);

    const organization = await locateOrganization(connection, contexts, want, output, context);
    const run = async (name: LdapArtifact, produce: () => Promise<void>) => {
      if (!want.has(name) || output.errors[name]) return;
      try {
        await produce();
      } catch (error) {
        if (!(error instanceof LdapFailure)) throw error;
        output.errors[name] = artifactError(error);
        context.debug(`LDAP: ${name} failed: ${error.message}`);
      }
    };

    if (organization) {
      const orgDn = organization.dn;
      await run('ExchangeOrganization', async () => {
        output.artifacts.ExchangeOrganization = await collectExchangeOrganization(connection, contexts, organization);
      });
      await run('ExchangeServers', async () => {
        output.artifacts.ExchangeServers = await collectExchangeServers(connection, orgDn);
      });
      await run('MailboxDatabases', async () => {
        output.artifacts.MailboxDatabases = await collectMailboxDatabases(connection, orgDn);
      });
      await run('VirtualDirectories', async () => {
        output.artifacts.VirtualDirectories = await collectVirtualDirectories(connection, orgDn);
      });
      await run('HybridConfiguration', async () => {
        output.artifacts.HybridConfiguration = await collectHybridConfiguration(connection, orgDn);
      });
      await run('ExchangeAuthConfig', async () => {
        output.artifacts.ExchangeAuthConfig = await collectExchangeAuthConfig(connection, orgDn);
      });
      await run('SettingOverrides', async () => {
        output.artifacts.SettingOverrides = await collectSettingOverrides(connection, orgDn);
      });
      await run('HybridFeatures', async () => {
        output.artifacts.HybridFeatures = await collectHybridFeatures(connection, orgDn);
      });
    }
    await collectRecipients(connection, contexts, want, output, context, connect, run, dependencies);
  } finally {
    await connection.close();
  }
  return output;
}

function credentialsFrom(bindDn: string | null, password: string | null, passwordEnv: string | null): LdapCredentials | null {
  if (!bindDn) return null;
  if (password === null) {
    throw new LdapFailure(
      'empty-password',
      `--bind-dn is set but no password was read${passwordEnv ? ` ($${passwordEnv} is not set)` : ''}: ` +
        'name a file holding it with --bind-password-file (or an environment variable with --bind-password-env).',
    );
  }
  return { dn: bindDn, password, passwordEnv };
}

async function connectToFirst(
  endpoints: readonly LdapEndpoint[],
  connect: (endpoint: LdapEndpoint) => LdapConnectOptions,
  context: CollectorContext,
): Promise<LdapConnection> {
  const failures: string[] = [];
  for (const [index, endpoint] of endpoints.entries()) {
    try {
      return await LdapConnection.open(connect(endpoint));
    } catch (error) {
      const isLast = index === endpoints.length - 1;
      if (!(error instanceof LdapFailure) || !TRY_NEXT_DC.has(error.reason) || isLast) {
        if (error instanceof LdapFailure && failures.length) {
          throw new LdapFailure(error.reason, `${error.message} (also tried: ${failures.join('; ')})`, { cause: error });
        }
        throw error;
      }
      failures.push(`${describeEndpoint(endpoint)}: ${error.reason}`);
      context.progress(`LDAP: ${describeEndpoint(endpoint)} failed (${error.reason}); trying the next domain controller`);
    }
  }
  throw new LdapFailure('dc-not-found', 'No domain controller to connect to.');
}

const NEEDS_ORGANIZATION: readonly LdapArtifact[] = [
  'ExchangeOrganization',
  'ExchangeServers',
  'MailboxDatabases',
  'VirtualDirectories',
  'HybridConfiguration',
  'MailboxPlacement',
  'ExchangeAuthConfig',
  'SettingOverrides',
  'HybridFeatures',
];

/** The organization, or null after recording the failure on every artifact that needs it. */
async function locateOrganization(
  connection: LdapConnection,
  contexts: NamingContexts,
  want: ReadonlySet<LdapArtifact>,
  output: Output,
  context: CollectorContext,
): Promise<OrganizationLocation | null> {
  const dependents = NEEDS_ORGANIZATION.filter((name) => want.has(name));
  if (dependents.length === 0) return null;
  try {
    const organization = await findOrganization(connection, contexts);
    context.debug(`LDAP: Exchange organization "${organization.name}" at ${organization.dn}`);
    for (const ignored of organization.ignored) context.progress(`LDAP: ignoring a second Exchange organization container ${ignored}`);
    return organization;
  } catch (error) {
    if (!(error instanceof LdapFailure)) throw error;
    for (const name of dependents) output.errors[name] = artifactError(error);
    context.progress(`LDAP: ${error.message}`);
    return null;
  }
}

/** MailboxPlacement and DirectorySyncFootprints: one mailbox scan when both read the same partition. */
async function collectRecipients(
  connection: LdapConnection,
  contexts: NamingContexts,
  want: ReadonlySet<LdapArtifact>,
  output: Output,
  context: CollectorContext,
  connect: (endpoint: LdapEndpoint) => LdapConnectOptions,
  run: (name: LdapArtifact, produce: () => Promise<void>) => Promise<void>,
  dependencies: LdapCollectorDependencies,
): Promise<void> {
  const { options } = context;
  const wantPlacement = want.has('MailboxPlacement') && !output.errors.MailboxPlacement;
  const wantFootprints = want.has('DirectorySyncFootprints');
  if (!wantPlacement && !wantFootprints) return;

  const domainBase = contexts.defaultDomain ?? (options.adDomain ? domainToDn(options.adDomain) : null);
  const scanOptions = (countExternalIds: boolean) => ({
    countExternalIds,
    ...(dependencies.pageSize ? { pageSize: dependencies.pageSize } : {}),
  });
  const scanDomain = async (countExternalIds: boolean): Promise<MailboxScan> => {
    if (!domainBase) {
      throw new LdapFailure(
        'not-active-directory',
        `The RootDSE of ${connection.server} names no defaultNamingContext, so the domain to search for mailboxes is unknown: give --ad-domain or use --global-catalog.`,
      );
    }
    context.progress(`LDAP: reading mailbox users in ${domainBase}`);
    const scan = await scanMailboxUsers(connection, domainBase, scanOptions(countExternalIds));
    reportScan(scan, context, domainBase, contexts);
    return scan;
  };

  let domainScan: MailboxScan | undefined;
  if (wantPlacement) {
    await run('MailboxPlacement', async () => {
      if (options.globalCatalog) {
        // The whole forest through the global catalog: base "" on port 3268/3269 of the same DC.
        const catalog = await LdapConnection.open(connect(globalCatalogOf(connection.endpoint)));
        try {
          context.progress(`LDAP: reading mailbox users in the whole forest through the global catalog ${catalog.server}`);
          const scan = await scanMailboxUsers(catalog, '', scanOptions(false));
          reportScan(scan, context, 'the global catalog', contexts);
          const requested = await findRequestedMailboxes(catalog, '', options.mailboxes);
          output.artifacts.MailboxPlacement = placementFromScan(scan, requested, true);
        } finally {
          await catalog.close();
        }
      } else {
        domainScan = await scanDomain(wantFootprints);
        const requested = await findRequestedMailboxes(connection, domainBase ?? '', options.mailboxes);
        output.artifacts.MailboxPlacement = placementFromScan(domainScan, requested, false);
      }
    });
  }
  await run('DirectorySyncFootprints', async () => {
    // msDS-ExternalDirectoryObjectId may be missing from the global catalog's partial attribute set, so the
    // footprint count always reads the domain partition itself.
    const scan = domainScan ?? (await scanDomain(true));
    const syncAccounts = domainBase ? await findSyncAccounts(connection, domainBase) : [];
    const deviceRegistration = await readDeviceRegistration(connection, contexts.configuration);
    output.artifacts.DirectorySyncFootprints = footprintsFrom(syncAccounts, scan, deviceRegistration);
  });
}

function reportScan(scan: MailboxScan, context: CollectorContext, where: string, contexts: NamingContexts): void {
  context.debug(
    `LDAP: ${scan.scanned} mailbox users in ${where} (${scan.excludedSystem} system mailboxes excluded) on ${scan.byHomeMdb.size} databases`,
  );
  for (const reference of scan.references) context.debug(`LDAP: referral not followed: ${reference}`);
  // AD refers a domain-wide search to its own Configuration and DNS partitions: expected, not worth a word.
  const foreign = scan.references.filter((reference) => !isOwnPartition(reference, contexts));
  if (foreign.length > 0) {
    context.progress(
      `LDAP: referrals to other partitions were not followed (e.g. ${foreign[0]}); ` +
        'mailboxes in other domains are counted only with --global-catalog',
    );
  }
}

function isOwnPartition(reference: string, contexts: NamingContexts): boolean {
  let dn: string;
  try {
    dn = decodeURIComponent(new URL(reference).pathname.replace(/^\//, ''));
  } catch {
    return false;
  }
  const key = dnKey(dn);
  const configuration = dnKey(contexts.configuration);
  if (key === configuration || key.endsWith(`,${configuration}`)) return true;
  return /^dc=(domaindnszones|forestdnszones),/.test(key);
}

function artifactError(error: LdapFailure): ArtifactError {
  return { code: error.artifactCode, message: error.message };
}
