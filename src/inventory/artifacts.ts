// The artifacts: named facts that collectors produce and checks judge.
// Each schema is the contract between one collector and the checks that declare it.
// Facts are lightly normalised (parsed builds, lower-cased host names, sorted lists);
// interpretation (is this address public? is this build CU3+?) belongs to checks.
// Every string that names something of the organization's is marked with what it names (names(), namesWithin():
// src/inventory/identifying.ts), which is all --redact goes by; an unmarked string is a code, a status, a time, a
// version, an address or a thumbprint (test/unit/identifying-fields.test.ts holds the reviewed list).
import { z } from 'zod';
import { hybridArtifactSchemas } from './hybrid-artifacts.js';
import { names, namesOrNull, namesWithin } from './identifying.js';

const nullableString = z.string().nullable();
const nullableInt = z.number().int().nullable();

/** The outcome of one network operation that did not produce an answer (refused, reset, timeout…). */
export const NetworkFailure = z.object({
  /** Stable code such as ECONNREFUSED, ECONNRESET, ETIMEDOUT, CERT_HAS_EXPIRED, UND_ERR_HEADERS_TIMEOUT. */
  code: z.string(),
  message: names('free-text'),
});
export type NetworkFailure = z.infer<typeof NetworkFailure>;

// ───────────────────────── Active Directory (LDAP collector) ─────────────────────────

export const ExchangeOrganization = z.object({
  name: names('organization'),
  dn: names('distinguished-name', { leaf: 'organization' }),
  /** objectVersion of the organization container (Configuration). CU2 and CU3 share 16212. */
  objectVersion: nullableInt,
  /** rangeUpper of CN=ms-Exch-Schema-Version-Pt in the schema NC; null when the attribute was not readable. */
  schemaVersion: nullableInt,
  /** objectVersion of CN=Microsoft Exchange System Objects in the domain NC (Default), when read. */
  domainObjectVersion: nullableInt,
  namingContexts: z.object({
    configuration: names('distinguished-name'),
    schema: names('distinguished-name'),
    defaultDomain: namesOrNull('distinguished-name'),
  }),
});
export type ExchangeOrganization = z.infer<typeof ExchangeOrganization>;

export const ExchangeServer = z.object({
  name: names('server'),
  dn: names('distinguished-name', { leaf: 'server' }),
  /** Lower-cased FQDN from the ncacn_ip_tcp: entry of networkAddress. */
  fqdn: namesOrNull('host'),
  /** Raw serialNumber, e.g. "Version 15.1 (Build 30544.27)". */
  serialNumber: nullableString,
  /** Raw versionNumber (no revision; only as fresh as setup's last write). */
  versionNumber: nullableInt,
  /** Parsed build "15.1.544.27" from serialNumber (falling back to versionNumber without revision); null if neither parsed. */
  build: nullableString,
  /** import-ems only: AdminDisplayVersion as Get-ExchangeServer shows it, e.g. "Version 15.1 (Build 2375.7)". */
  adminDisplayVersion: nullableString.optional(),
  /** import-ems only: the file version of the server's ExSetup.exe, e.g. "15.1.2375.7" (what HealthChecker reports). */
  exSetupVersion: nullableString.optional(),
  /** msExchCurrentServerRoles bit flags. */
  roles: nullableInt,
  /** Role names decoded from the flags, e.g. ["Mailbox","ClientAccess"]. */
  roleNames: z.array(z.string()),
  site: namesOrNull('display-name'),
  /** Name of the database availability group the server belongs to. */
  dag: namesOrNull('server'),
});
export type ExchangeServer = z.infer<typeof ExchangeServer>;
export const ExchangeServers = z.object({ servers: z.array(ExchangeServer) });
export type ExchangeServers = z.infer<typeof ExchangeServers>;

export const DatabaseCopy = z.object({
  /** Name of the server hosting this copy (from msExchHostServerLink). */
  server: names('server'),
  serverDn: names('distinguished-name', { leaf: 'server' }),
  activationPreference: nullableInt,
});
export const MailboxDatabase = z.object({
  name: names('database'),
  dn: names('distinguished-name', { leaf: 'database' }),
  /** Server recorded in msExchOwningServer (the last known active copy host). */
  owningServer: namesOrNull('server'),
  /** Server or DAG from msExchMasterServerOrAvailabilityGroup. */
  masterServerOrDag: namesOrNull('server'),
  /** Every msExchMDBCopy below the database. Empty for a database that lists none. */
  copies: z.array(DatabaseCopy),
  isRecovery: z.boolean(),
});
export type MailboxDatabase = z.infer<typeof MailboxDatabase>;
export const MailboxDatabases = z.object({ databases: z.array(MailboxDatabase) });
export type MailboxDatabases = z.infer<typeof MailboxDatabases>;

export const MailboxCounts = z.object({
  user: z.number().int().nonnegative(),
  shared: z.number().int().nonnegative(),
  resource: z.number().int().nonnegative(),
  linked: z.number().int().nonnegative(),
  other: z.number().int().nonnegative(),
});
export type MailboxCounts = z.infer<typeof MailboxCounts>;
export const MailboxPlacement = z.object({
  /** Per database (by DN of homeMDB), counts of in-scope mailboxes; system/arbitration/monitoring/discovery/audit excluded. */
  byDatabase: z.array(
    z.object({ databaseDn: names('distinguished-name', { leaf: 'database' }), database: names('database'), counts: MailboxCounts }),
  ),
  /** How many mailbox users were read in total while paging, and how many were excluded as system mailboxes. */
  scanned: z.number().int().nonnegative(),
  excludedSystem: z.number().int().nonnegative(),
  /** Each --mailbox and where it lives. */
  requested: z.array(
    z.object({
      address: names('mailbox'),
      found: z.boolean(),
      databaseDn: namesOrNull('distinguished-name', { leaf: 'database' }),
      database: namesOrNull('database'),
      /** msExchRecipientTypeDetails as a decimal string (values exceed 2^31). */
      recipientTypeDetails: nullableString,
      /** True for RemoteUserMailbox and friends: the mailbox already lives in Exchange Online. */
      remote: z.boolean(),
    }),
  ),
  /** Searched through the global catalog (whole forest) rather than one domain. */
  globalCatalog: z.boolean(),
});
export type MailboxPlacement = z.infer<typeof MailboxPlacement>;

export const VirtualDirectoryKind = z.enum(['owa', 'ecp', 'ews', 'autodiscover', 'activesync', 'oab', 'mapi', 'api', 'other']);
export const VirtualDirectories = z.object({
  directories: z.array(
    z.object({
      server: names('server'),
      kind: VirtualDirectoryKind,
      /** "owa (Default Web Site)": the web site's name may be the organization's. */
      name: names('display-name'),
      internalUrl: namesOrNull('url'),
      externalUrl: namesOrNull('url'),
    }),
  ),
});
export type VirtualDirectories = z.infer<typeof VirtualDirectories>;

export const HybridConfiguration = z.object({
  authServers: z.array(
    z.object({
      /** "EvoSts - <tenant id>", "ACS", or a name an admin chose. */
      name: names('application'),
      /** Type as read (e.g. "AzureAD", "MicrosoftACS", or a raw number when the name is unknown). */
      type: nullableString,
      enabled: z.boolean(),
      isDefaultAuthorizationEndpoint: z.boolean(),
      /** An application id or an issuer URL that carries the tenant. */
      issuerIdentifier: namesOrNull('free-text'),
      metadataUrl: namesOrNull('url'),
      realm: namesOrNull('tenant'),
    }),
  ),
  partnerApplications: z.array(
    z.object({
      name: names('application'),
      applicationIdentifier: namesOrNull('application'),
      enabled: z.boolean(),
      realm: namesOrNull('tenant'),
      useAuthServer: z.boolean().nullable(),
    }),
  ),
  intraOrganizationConnectors: z.array(
    z.object({
      name: names('connector'),
      enabled: z.boolean(),
      targetAddressDomains: z.array(names('domain')),
      discoveryEndpoint: namesOrNull('url'),
    }),
  ),
  /** Whether a hybrid configuration object (msExchCoexistenceRelationship) exists. */
  hybridConfigurationPresent: z.boolean(),
});
export type HybridConfiguration = z.infer<typeof HybridConfiguration>;

export const DirectorySyncFootprints = z.object({
  /** MSOL_/Entra Connect sync service accounts with their description parsed. */
  syncAccounts: z.array(
    z.object({
      samAccountName: names('account'),
      computer: namesOrNull('computer'),
      tenant: namesOrNull('tenant'),
      /** "… running on computer <X> configured to synchronize to tenant <Y>…": parsed for those names too. */
      description: namesOrNull('free-text'),
    }),
  ),
  mailboxUsers: z.number().int().nonnegative(),
  /** Mailbox users carrying a written-back msDS-ExternalDirectoryObjectId (Exchange hybrid writeback). */
  mailboxUsersWithExternalDirectoryObjectId: z.number().int().nonnegative(),
  deviceRegistration: z.object({ tenantDomain: namesOrNull('domain'), tenantId: namesOrNull('tenant') }).nullable(),
});
export type DirectorySyncFootprints = z.infer<typeof DirectorySyncFootprints>;

// ───────────────────────── Public DNS (DNS collector) ─────────────────────────

export const Resolver = z.object({
  /** Stable label used in answers, e.g. "doh:https://1.1.1.1/dns-query" or "udp:127.0.0.1:5353". */
  id: names('url'),
  protocol: z.enum(['doh', 'udp', 'tcp']),
  address: names('url'),
});
export const DnsRcode = z.enum(['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED', 'FORMERR', 'NOTIMP', 'OTHER']);
export const DnsAnswer = z.object({
  resolver: names('url'),
  /** null when the resolver gave no answer at all (see error). */
  rcode: DnsRcode.nullable(),
  /** CNAME targets in order, lower-cased, without trailing dots. */
  cnameChain: z.array(names('host')),
  a: z.array(z.string()),
  aaaa: z.array(z.string()),
  error: NetworkFailure.nullable(),
});
export type DnsAnswer = z.infer<typeof DnsAnswer>;
export const DnsName = z.object({
  name: names('host'),
  role: z.enum(['autodiscover', 'namespace']),
  /** For autodiscover names: the SMTP domain it serves. */
  domain: namesOrNull('domain'),
  answers: z.array(DnsAnswer),
  /** What this machine's own resolver says, for split-DNS evidence. null when not asked. */
  systemResolver: z.object({ addresses: z.array(z.string()), error: NetworkFailure.nullable() }).nullable(),
});
export type DnsName = z.infer<typeof DnsName>;
export const SrvRecord = z.object({ priority: z.number().int(), weight: z.number().int(), port: z.number().int(), target: names('host') });
export const PublicDns = z.object({
  resolvers: z.array(Resolver),
  /** CIDR ranges the user asked to count as public (--treat-as-public). */
  treatAsPublic: z.array(z.string()),
  names: z.array(DnsName),
  /** _autodiscover._tcp.<domain> SRV answers per domain and resolver. */
  srv: z.array(
    z.object({
      domain: names('domain'),
      answers: z.array(
        z.object({ resolver: names('url'), rcode: DnsRcode.nullable(), records: z.array(SrvRecord), error: NetworkFailure.nullable() }),
      ),
    }),
  ),
});
export type PublicDns = z.infer<typeof PublicDns>;

// ───────────────────────── HTTPS probes (HTTP collector) ─────────────────────────

export const Certificate = z.object({
  subject: names('distinguished-name'),
  /** "DNS:mail.contoso.com", "IP Address:…". */
  subjectAltNames: z.array(names('host')),
  issuer: names('distinguished-name'),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;

/** One name at one address: TCP connect and TLS handshake on the HTTPS port. */
export const EndpointProbe = z.object({
  name: names('host'),
  address: z.string(),
  port: z.number().int(),
  tcp: z.object({ connected: z.boolean(), error: NetworkFailure.nullable(), millis: z.number().nullable() }),
  tls: z
    .object({
      protocol: nullableString,
      /** Chain verified against system roots plus --ca-file. */
      trusted: z.boolean(),
      /** Why verification failed, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED. */
      verifyError: nullableString,
      /** The certificate covers the name (SAN/CN match, RFC 6125 wildcards). */
      coversName: z.boolean(),
      certificate: Certificate.nullable(),
      error: NetworkFailure.nullable(),
    })
    .nullable(),
});
export type EndpointProbe = z.infer<typeof EndpointProbe>;
export const EndpointProbes = z.object({ probes: z.array(EndpointProbe) });
export type EndpointProbes = z.infer<typeof EndpointProbes>;

/** Response headers are lower-cased names mapping to every value seen (headers can repeat). */
export const Headers = namesWithin(z.record(z.string(), z.array(z.string())), 'free-text', {
  'x-feserver': 'server',
  'x-beserver': 'server',
  'x-calculatedbetarget': 'host',
  'x-diaginfo': 'server',
  location: 'url',
});
export type Headers = z.infer<typeof Headers>;

export const HttpExchange = z.object({
  url: names('url'),
  status: nullableInt,
  headers: Headers,
  /** At most the first few KB of the body, as text. */
  bodyExcerpt: namesOrNull('free-text'),
  error: NetworkFailure.nullable(),
});
export type HttpExchange = z.infer<typeof HttpExchange>;

/**
 * The trust of the TLS handshake with this name at this address (the endpoint probe's), carried with every answer
 * read from there, so a check never takes an answer over an untrusted or wrong-name connection at its word.
 */
export const ConnectionTrust = z.object({
  /** Chain verified against system roots plus --ca-file. */
  trusted: z.boolean(),
  /** The certificate covers the name. */
  coversName: z.boolean(),
  /** Why verification failed (CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN…), or null. */
  verifyError: nullableString,
});
export type ConnectionTrust = z.infer<typeof ConnectionTrust>;

export const AutodiscoverProbe = z.object({
  host: names('host'),
  address: z.string(),
  domain: names('domain'),
  mailbox: names('mailbox'),
  protocol: z.enum(['Rest', 'Ews']),
  response: HttpExchange,
  /** The parsed JSON body when it had the {Protocol, Url} shape. */
  parsed: z.object({ protocol: z.string(), url: names('url') }).nullable(),
  /** null when not recorded (inventories written before the trust was carried): then it counts as unknown. */
  connection: ConnectionTrust.nullable().default(null),
});
export type AutodiscoverProbe = z.infer<typeof AutodiscoverProbe>;
export const AutodiscoverProbes = z.object({ probes: z.array(AutodiscoverProbe) });
export type AutodiscoverProbes = z.infer<typeof AutodiscoverProbes>;

export const AuthChallenge = z.object({
  scheme: z.string(),
  /** Parameters of the challenge (client_id, trusted_issuers, authorization_uri, realm, error…), names lower-cased. */
  params: namesWithin(z.record(z.string(), z.string()), 'free-text', { authorization_uri: 'url', client_id: 'application' }),
});
export type AuthChallenge = z.infer<typeof AuthChallenge>;
export const RestEndpointProbe = z.object({
  name: names('host'),
  address: z.string(),
  response: HttpExchange,
  challenges: z.array(AuthChallenge),
  /** null when not recorded (older inventories): then it counts as unknown. */
  connection: ConnectionTrust.nullable().default(null),
});
export type RestEndpointProbe = z.infer<typeof RestEndpointProbe>;
export const RestEndpointProbes = z.object({ probes: z.array(RestEndpointProbe) });
export type RestEndpointProbes = z.infer<typeof RestEndpointProbes>;

export const FrontEndSample = z.object({
  feServer: namesOrNull('server'),
  beServer: namesOrNull('server'),
  calculatedBeTarget: namesOrNull('host'),
  owaVersion: nullableString,
  serverApplication: nullableString,
  /** Status of GET /api/v2.0/me in the same sample; null when the request failed. */
  apiStatus: nullableInt,
  /** Status of GET /owa/ in the same sample. */
  owaStatus: nullableInt,
  error: NetworkFailure.nullable(),
});
export type FrontEndSample = z.infer<typeof FrontEndSample>;
export const FrontEndSamples = z.object({
  targets: z.array(z.object({ name: names('host'), address: z.string(), samples: z.array(FrontEndSample) })),
});
export type FrontEndSamples = z.infer<typeof FrontEndSamples>;

/** Where an EWS URL came from: a virtual directory's external URL, or an intra-organization connector (hybrid set). */
export const EwsUrlSource = z.object({
  kind: z.enum(['ews-external-url', 'connector-discovery']),
  url: names('url'),
  /** The server of the virtual directory, or the intra-organization connector. */
  owner: names('display-name'),
});
/** The EWS endpoints Exchange Online calls back on (hybrid set): resolved publicly, then GET /EWS/Exchange.asmx unauthenticated. */
export const EwsEndpointProbes = z.object({
  /** --treat-as-public of the run, so the checks judge addresses as the run did. */
  treatAsPublic: z.array(z.string()),
  hosts: z.array(
    z.object({
      host: names('host'),
      port: z.number().int(),
      sources: z.array(EwsUrlSource),
      /** One answer per public resolver, as in PublicDns. */
      answers: z.array(DnsAnswer),
      probes: z.array(z.object({ endpoint: EndpointProbe, response: HttpExchange, challenges: z.array(AuthChallenge) })),
    }),
  ),
  /** URLs read from AD that were not probed, and why (a Microsoft cloud host, not an https URL, …). */
  skipped: z.array(EwsUrlSource.extend({ reason: z.string() })),
});
export type EwsEndpointProbes = z.infer<typeof EwsEndpointProbes>;

// ───────────────────────── Microsoft Graph (Graph collector) ─────────────────────────

export const GraphOrganization = z.object({
  id: names('tenant'),
  displayName: namesOrNull('organization'),
  /** true = synced, false = sync was turned off, null = never synced OR the app may not read it (see below). */
  onPremisesSyncEnabled: z.boolean().nullable(),
  onPremisesLastSyncDateTime: nullableString,
  verifiedDomains: z.array(names('domain')),
  /** Application permissions in the token's roles claim (not secret), null when the token carried none/unknown. */
  tokenRoles: z.array(z.string()).nullable(),
  /**
   * Properties that only User.Read-level access leaves null (tenantType, createdDateTime…) were all null:
   * the nulls above likely mean "not permitted", not "never synced".
   */
  restrictedView: z.boolean(),
  cloud: z.enum(['global', 'usgov', 'usgovdod', 'china', 'custom']),
});
export type GraphOrganization = z.infer<typeof GraphOrganization>;

export const GraphUsers = z.object({
  users: z.array(
    z.object({
      mailbox: names('mailbox'),
      found: z.boolean(),
      id: nullableString,
      onPremisesSyncEnabled: z.boolean().nullable(),
      onPremisesImmutableId: nullableString,
      onPremisesLastSyncDateTime: nullableString,
      onPremisesProvisioningErrors: z.array(
        z.object({
          category: nullableString,
          occurredDateTime: nullableString,
          propertyCausingError: nullableString,
          /** The conflicting value, e.g. a proxy address. */
          value: namesOrNull('free-text'),
        }),
      ),
      error: NetworkFailure.nullable(),
    }),
  ),
});
export type GraphUsers = z.infer<typeof GraphUsers>;

// ───────────────────────── Declarations (from the config file, no network) ─────────────────────────

export const DeclaredApis = z.object({
  /** The Graph calls the application makes, as declared in the config file's `apis:`. */
  calls: z.array(z.object({ method: z.string(), url: names('url') })),
});
export type DeclaredApis = z.infer<typeof DeclaredApis>;

export const DeclaredPools = z.object({
  /** Load-balancer pools as declared by the admin: namespace and member server names or addresses. */
  pools: z.array(z.object({ name: names('display-name'), namespace: namesOrNull('host'), members: z.array(names('server')) })),
});
export type DeclaredPools = z.infer<typeof DeclaredPools>;

// ───────────────────────── The registry ─────────────────────────

export const artifactSchemas = {
  ExchangeOrganization,
  ExchangeServers,
  MailboxDatabases,
  MailboxPlacement,
  VirtualDirectories,
  HybridConfiguration,
  DirectorySyncFootprints,
  PublicDns,
  EndpointProbes,
  AutodiscoverProbes,
  RestEndpointProbes,
  FrontEndSamples,
  GraphOrganization,
  GraphUsers,
  DeclaredApis,
  DeclaredPools,
  // The hybrid requirement set (hybrid-artifacts.ts, and the EWS probe above).
  ...hybridArtifactSchemas,
  EwsEndpointProbes,
} as const;

export type ArtifactName = keyof typeof artifactSchemas;
export type Artifacts = { [K in ArtifactName]: z.infer<(typeof artifactSchemas)[K]> };
export const artifactNames = Object.keys(artifactSchemas) as ArtifactName[];

export function isArtifactName(name: string): name is ArtifactName {
  return Object.hasOwn(artifactSchemas, name);
}

export type {
  AppRoleAssignment,
  ExchangeAuthConfig,
  ExchangeOnlineServicePrincipal,
  HybridApplications,
  HybridFeatures,
  KeyCredential,
  SettingOverride,
  SettingOverrides,
} from './hybrid-artifacts.js';
