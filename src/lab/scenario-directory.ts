// A scenario's Active Directory, built from the Active Directory artifacts its saved inventory records: the objects,
// classes and attributes the LDAP collector reads (docs/facts/active-directory.md), laid out as Exchange lays them out, so that
// collecting them gives back the same artifacts. The lab's LDAP server serves these entries; the slapd tests write
// the same entries as LDIF (test/support/scenario-directory.ts).

import { dnKey, parentDn } from '../clients/ldap-escape.js';
import type { LdapArtifact } from '../collectors/ldap/index.js';
import type {
  Artifacts,
  DirectorySyncFootprints,
  ExchangeOrganization,
  ExchangeServers,
  HybridConfiguration,
  MailboxDatabases,
  VirtualDirectories,
} from '../inventory/artifacts.js';
import { LdapDirectory, type LdapEntryInput } from './ldap-directory.js';
import { START_TLS_OID } from './ldap-server.js';
import { hybridSetEntries } from './scenario-hybrid-entries.js';
import { guidOf, recipientEntries } from './scenario-recipients.js';

export type DirectoryArtifacts = Pick<Artifacts, LdapArtifact>;

export interface ScenarioEntryOptions {
  adDomain: string;
  smtpDomain: string;
  siteDn: (site: string) => string;
  /** The account the assessment binds as; created under its OU. */
  bindDn: string;
}

export interface DirectoryOptions extends ScenarioEntryOptions {
  /** The DC's own name (RootDSE dnsHostName). */
  dnsHostName: string;
}

export interface ScenarioEntries {
  namingContexts: { domain: string; configuration: string; schema: string };
  /** Each object with its whole class chain, as AD lists it in objectClass (most specific last). */
  entries: LdapEntryInput[];
}

const PAGED_RESULTS_OID = '1.2.840.113556.1.4.319';
/** AuthServerType (decompiled; docs/facts/active-directory.md §1). */
const AUTH_SERVER_TYPES: Readonly<Record<string, number>> = { Unknown: 0, MicrosoftACS: 1, Facebook: 2, LinkedIn: 3, ADFS: 4, AzureAD: 5 };
/** Virtual directory classes by kind; AD lists the whole chain in objectClass. The /API class is unconfirmed (docs/facts/active-directory.md §2). */
const VDIR_CLASSES: Readonly<Record<string, string | null>> = {
  owa: 'msExchOWAVirtualDirectory',
  ecp: 'msExchECPVirtualDirectory',
  ews: 'msExchWebServicesVirtualDirectory',
  autodiscover: 'msExchAutoDiscoverVirtualDirectory',
  activesync: 'msExchMobileVirtualDirectory',
  oab: 'msExchOABVirtualDirectory',
  mapi: 'msExchMapiVirtualDirectory',
  api: null,
  other: null,
};
const DEVICE_REGISTRATION_SCP = 'CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services';

export function scenarioEntries(artifacts: DirectoryArtifacts, options: ScenarioEntryOptions): ScenarioEntries {
  const { configuration, schema, defaultDomain } = artifacts.ExchangeOrganization.namingContexts;
  if (!defaultDomain) throw new Error('a scenario directory needs a default (domain) naming context');
  const entries = mergeByDn([
    {
      dn: defaultDomain,
      attributes: { objectClass: ['top', 'domain', 'domainDNS'], dc: options.adDomain.split('.')[0] ?? options.adDomain },
    },
    { dn: configuration, attributes: { objectClass: ['top', 'configuration'], cn: 'Configuration' } },
    { dn: schema, attributes: { objectClass: ['top', 'dMD'], cn: 'Schema' } },
    bindAccount(options),
    ...organizationEntries(artifacts.ExchangeOrganization),
    ...serverEntries(artifacts.ExchangeServers, options),
    ...databaseEntries(artifacts.MailboxDatabases, artifacts.ExchangeServers),
    ...virtualDirectoryEntries(artifacts.VirtualDirectories, artifacts.ExchangeServers),
    ...hybridEntries(artifacts.HybridConfiguration, artifacts.ExchangeOrganization.dn),
    ...hybridSetEntries(
      artifacts.ExchangeOrganization.dn,
      artifacts.ExchangeAuthConfig,
      artifacts.SettingOverrides,
      artifacts.HybridFeatures,
    ),
    ...deviceRegistration(artifacts.DirectorySyncFootprints, configuration),
    ...recipientEntries(artifacts.MailboxPlacement, artifacts.DirectorySyncFootprints, artifacts.MailboxDatabases, {
      domainNc: defaultDomain,
      adDomain: options.adDomain,
      smtpDomain: options.smtpDomain,
    }),
  ]);
  return { namingContexts: { domain: defaultDomain, configuration, schema }, entries };
}

/**
 * Two artifacts may describe one object (HybridConfiguration and ExchangeAuthConfig both read the auth servers):
 * one entry per DN, attributes merged, the class chains joined with the most specific class last.
 */
function mergeByDn(entries: readonly LdapEntryInput[]): LdapEntryInput[] {
  const merged = new Map<string, LdapEntryInput>();
  for (const entry of entries) {
    const key = dnKey(entry.dn);
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, entry);
      continue;
    }
    const classes = (value: unknown) => (Array.isArray(value) ? value : [value]).map(String);
    const objectClass = [...new Set([...classes(existing.attributes.objectClass), ...classes(entry.attributes.objectClass)])];
    merged.set(key, { dn: existing.dn, attributes: { ...existing.attributes, ...entry.attributes, objectClass } });
  }
  return [...merged.values()];
}

/** The lab's domain controller: the scenario's entries in three partitions, and the RootDSE AD publishes. */
export function scenarioDirectory(artifacts: DirectoryArtifacts, options: DirectoryOptions): LdapDirectory {
  const { namingContexts, entries } = scenarioEntries(artifacts, options);
  const { domain, configuration, schema } = namingContexts;
  return new LdapDirectory({
    namingContexts: [domain, configuration, schema],
    referralHost: options.adDomain,
    rootDse: {
      configurationNamingContext: configuration,
      schemaNamingContext: schema,
      defaultNamingContext: domain,
      rootDomainNamingContext: domain,
      namingContexts: [domain, configuration, schema],
      dnsHostName: options.dnsHostName,
      supportedLDAPVersion: [3, 2],
      supportedControl: [PAGED_RESULTS_OID],
      supportedExtension: [START_TLS_OID],
      isSynchronized: true,
    },
    entries,
  });
}

function bindAccount(options: ScenarioEntryOptions): LdapEntryInput {
  const name = /^CN=([^,]+)/i.exec(options.bindDn)?.[1] ?? 'svc-lab';
  return {
    dn: options.bindDn,
    attributes: {
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: name,
      sAMAccountName: name,
      userPrincipalName: `${name}@${options.adDomain}`,
    },
  };
}

function organizationEntries(organization: ExchangeOrganization): LdapEntryInput[] {
  const { schema, defaultDomain } = organization.namingContexts;
  const entries: LdapEntryInput[] = [
    {
      dn: parentDn(organization.dn) ?? organization.dn,
      attributes: { objectClass: ['top', 'container', 'msExchConfigurationContainer'], cn: 'Microsoft Exchange' },
    },
    {
      dn: organization.dn,
      attributes: {
        objectClass: ['top', 'container', 'msExchOrganizationContainer'],
        cn: organization.name,
        ...(organization.objectVersion !== null ? { objectVersion: organization.objectVersion } : {}),
      },
    },
  ];
  if (organization.schemaVersion !== null) {
    entries.push({
      dn: `CN=ms-Exch-Schema-Version-Pt,${schema}`,
      attributes: { objectClass: ['top', 'attributeSchema'], cn: 'ms-Exch-Schema-Version-Pt', rangeUpper: organization.schemaVersion },
    });
  }
  if (organization.domainObjectVersion !== null && defaultDomain) {
    entries.push({
      dn: `CN=Microsoft Exchange System Objects,${defaultDomain}`,
      attributes: {
        objectClass: ['top', 'container', 'msExchSystemObjectsContainer'],
        cn: 'Microsoft Exchange System Objects',
        objectVersion: organization.domainObjectVersion,
      },
    });
  }
  return entries;
}

/** CN=<server>,CN=Servers,<admin group> → <admin group>. */
function adminGroupOf(serverDn: string): string {
  return parentDn(parentDn(serverDn) ?? serverDn) ?? serverDn;
}

function dagDnOf(name: string, servers: ExchangeServers): string | null {
  const member = servers.servers.find((server) => server.dag === name);
  return member ? `CN=${name},CN=Database Availability Groups,${adminGroupOf(member.dn)}` : null;
}

function serverDnOf(name: string, servers: ExchangeServers): string {
  const server = servers.servers.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!server) throw new Error(`no Exchange server named ${name} in ExchangeServers`);
  return server.dn;
}

function serverEntries(servers: ExchangeServers, options: ScenarioEntryOptions): LdapEntryInput[] {
  const entries: LdapEntryInput[] = [];
  const dags = new Set<string>();
  const sites = new Set<string>();
  for (const server of servers.servers) {
    if (server.dag && !dags.has(server.dag)) {
      dags.add(server.dag);
      entries.push({
        dn: dagDnOf(server.dag, servers)!,
        attributes: { objectClass: ['top', 'msExchMDBAvailabilityGroup'], cn: server.dag },
      });
    }
    if (server.site && !sites.has(server.site)) {
      sites.add(server.site);
      entries.push({ dn: options.siteDn(server.site), attributes: { objectClass: ['top', 'site'], cn: server.site } });
    }
    entries.push({
      dn: server.dn,
      attributes: {
        objectClass: ['top', 'server', 'msExchExchangeServer'],
        cn: server.name,
        objectGUID: guidOf(server.dn),
        networkAddress: [
          `netbios:${server.name}`,
          `ncacn_vns_spp:${server.name}`,
          `ncacn_np:${server.name}`,
          ...(server.fqdn ? [`ncacn_ip_tcp:${server.fqdn}`] : []),
          `ncalrpc:${server.name}`,
        ],
        ...(server.serialNumber !== null ? { serialNumber: server.serialNumber } : {}),
        ...(server.versionNumber !== null ? { versionNumber: server.versionNumber } : {}),
        ...(server.roles !== null ? { msExchCurrentServerRoles: server.roles } : {}),
        ...(server.site ? { msExchServerSite: options.siteDn(server.site) } : {}),
        ...(server.dag ? { msExchMDBAvailabilityGroupLink: dagDnOf(server.dag, servers)! } : {}),
      },
    });
  }
  return entries;
}

function databaseEntries(databases: MailboxDatabases, servers: ExchangeServers): LdapEntryInput[] {
  const entries: LdapEntryInput[] = [];
  for (const database of databases.databases) {
    const master = database.masterServerOrDag
      ? (dagDnOf(database.masterServerOrDag, servers) ?? serverDnOf(database.masterServerOrDag, servers))
      : null;
    entries.push({
      dn: database.dn,
      attributes: {
        objectClass: ['top', 'msExchMDB', 'msExchPrivateMDB'],
        cn: database.name,
        objectGUID: guidOf(database.dn),
        msExchRestore: database.isRecovery,
        ...(database.owningServer ? { msExchOwningServer: serverDnOf(database.owningServer, servers) } : {}),
        ...(master ? { msExchMasterServerOrAvailabilityGroup: master } : {}),
      },
    });
    for (const copy of database.copies) {
      entries.push({
        dn: `CN=${copy.server},${database.dn}`,
        attributes: {
          objectClass: ['top', 'msExchMDBCopy'],
          cn: copy.server,
          msExchHostServerLink: copy.serverDn,
          ...(copy.activationPreference !== null ? { msExchActivationPreference: copy.activationPreference } : {}),
        },
      });
    }
  }
  return entries;
}

function virtualDirectoryEntries(directories: VirtualDirectories, servers: ExchangeServers): LdapEntryInput[] {
  return directories.directories.map((directory) => {
    const specific = VDIR_CLASSES[directory.kind];
    return {
      dn: `CN=${directory.name},CN=HTTP,CN=Protocols,${serverDnOf(directory.server, servers)}`,
      attributes: {
        objectClass: ['top', 'msExchVirtualDirectory', ...(specific ? [specific] : [])],
        cn: directory.name,
        ...(directory.internalUrl ? { msExchInternalHostName: directory.internalUrl } : {}),
        ...(directory.externalUrl ? { msExchExternalHostName: directory.externalUrl } : {}),
      },
    };
  });
}

function hybridEntries(hybrid: HybridConfiguration, organizationDn: string): LdapEntryInput[] {
  const auth = `CN=Auth Configuration,${organizationDn}`;
  const entries: LdapEntryInput[] = [];
  for (const server of hybrid.authServers) {
    const type = server.type === null ? null : (AUTH_SERVER_TYPES[server.type] ?? Number(server.type));
    entries.push({
      dn: `CN=${server.name},CN=Auth Servers,${auth}`,
      attributes: {
        objectClass: ['top', 'msExchAuthAuthServer'],
        cn: server.name,
        // bit 0 Enabled, bit 1 IsDefaultAuthorizationEndpoint (decompiled AuthServerSchema).
        msExchAuthFlags: (server.enabled ? 1 : 0) | (server.isDefaultAuthorizationEndpoint ? 2 : 0),
        ...(type !== null && Number.isInteger(type) ? { msExchAuthAuthServerType: type } : {}),
        ...(server.issuerIdentifier ? { msExchAuthIssuerName: server.issuerIdentifier } : {}),
        ...(server.metadataUrl ? { msExchAuthMetadataUrl: server.metadataUrl } : {}),
        ...(server.realm ? { msExchAuthRealm: server.realm } : {}),
      },
    });
  }
  for (const application of hybrid.partnerApplications) {
    if (application.useAuthServer === null && !application.enabled)
      throw new Error(`${application.name}: a disabled partner application stores its flags`);
    entries.push({
      dn: `CN=${application.name},CN=Partner Applications,${auth}`,
      attributes: {
        objectClass: ['top', 'msExchAuthPartnerApplication'],
        cn: application.name,
        // Not stored when Exchange kept the default (enabled, UseAuthServer unknown to the reader).
        ...(application.useAuthServer !== null
          ? { msExchAuthFlags: (application.enabled ? 1 : 0) | (application.useAuthServer ? 2 : 0) }
          : {}),
        ...(application.applicationIdentifier ? { msExchAuthApplicationIdentifier: application.applicationIdentifier } : {}),
        ...(application.realm ? { msExchAuthRealm: application.realm } : {}),
      },
    });
  }
  for (const connector of hybrid.intraOrganizationConnectors) {
    entries.push({
      dn: `CN=${connector.name},CN=Intra Organization Connectors,${organizationDn}`,
      attributes: {
        objectClass: ['top', 'msExchIntraOrganizationConnector'],
        cn: connector.name,
        msExchFedIsEnabled: connector.enabled,
        msExchFedDomainNames: connector.targetAddressDomains,
        ...(connector.discoveryEndpoint ? { msExchFedTargetAutodiscoverEPR: connector.discoveryEndpoint } : {}),
      },
    });
  }
  if (hybrid.hybridConfigurationPresent) {
    entries.push({
      dn: `CN=Hybrid Configuration,CN=Hybrid Configuration,${organizationDn}`,
      attributes: { objectClass: ['top', 'msExchCoexistenceRelationship'], cn: 'Hybrid Configuration' },
    });
  }
  return entries;
}

function deviceRegistration(footprints: DirectorySyncFootprints, configuration: string): LdapEntryInput[] {
  const registration = footprints.deviceRegistration;
  if (!registration) return [];
  return [
    {
      dn: `${DEVICE_REGISTRATION_SCP},${configuration}`,
      attributes: {
        objectClass: ['top', 'leaf', 'connectionPoint', 'serviceConnectionPoint'],
        cn: '62a0ff2e-97b9-4513-943f-0d221bd30080',
        keywords: [
          ...(registration.tenantDomain ? [`azureADName:${registration.tenantDomain}`] : []),
          ...(registration.tenantId ? [`azureADId:${registration.tenantId}`] : []),
        ],
      },
    },
  ];
}
