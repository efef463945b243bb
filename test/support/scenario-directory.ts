// Builds the Active Directory a scenario describes: from an inventory's directory artifacts, the LDIF (Exchange-like
// test schema, fixtures/ldap/) and RootDSE that make the LDAP collector produce exactly those artifacts again.
// Mailbox counts become that many users per database and recipient type; requested mailboxes take the place of
// generated ones; the sync footprints, auth servers, connectors and virtual directories become their AD objects.
// A scenario that no directory could produce (counts that do not add up, say) is an error here.
import { dnKey, escapeDnValue, parseDn } from '../../src/clients/ldap-escape.js';
import { placementBucket, recipientCategory, type MailboxBucket } from '../../src/collectors/ldap/recipient-types.js';
import type { Artifacts, VirtualDirectories } from '../../src/inventory/artifacts.js';

export type DirectoryArtifacts = Pick<
  Artifacts,
  | 'ExchangeOrganization'
  | 'ExchangeServers'
  | 'MailboxDatabases'
  | 'MailboxPlacement'
  | 'VirtualDirectories'
  | 'HybridConfiguration'
  | 'DirectorySyncFootprints'
>;

export interface ScenarioDirectory {
  suffix: string;
  ldif: string;
  rootDse: string;
  bindDn: string;
}

type Values = string | readonly string[] | number | boolean | null | undefined;

const TYPE_OF_BUCKET: Record<MailboxBucket, string> = {
  user: '1',
  shared: '4',
  resource: '16',
  linked: '2',
  other: '68719476736', // PublicFolderMailbox
};
const ARBITRATION = '8388608';

const CLASS_OF_KIND: Record<VirtualDirectories['directories'][number]['kind'], string> = {
  owa: 'msExchOWAVirtualDirectory',
  ecp: 'msExchECPVirtualDirectory',
  ews: 'msExchWebServicesVirtualDirectory',
  autodiscover: 'msExchAutoDiscoverVirtualDirectory',
  activesync: 'msExchMobileVirtualDirectory',
  oab: 'msExchOABVirtualDirectory',
  mapi: 'msExchMapiVirtualDirectory',
  api: 'msExchVirtualDirectory', // told apart by its name, as in AD (FACTS.md §2.2)
  other: 'msExchVirtualDirectory',
};

const AUTH_SERVER_TYPE_NUMBERS: Record<string, number> = { Unknown: 0, MicrosoftACS: 1, Facebook: 2, LinkedIn: 3, ADFS: 4, AzureAD: 5 };

class Ldif {
  readonly #entries = new Map<string, { dn: string; attributes: [string, Values][]; placeholder: boolean }>();
  constructor(readonly suffix: string) {}

  add(dn: string, attributes: Record<string, Values>): void {
    this.#ensureParents(dn);
    const key = dnKey(dn);
    const existing = this.#entries.get(key);
    if (existing && !existing.placeholder) throw new Error(`scenario directory: ${dn} would be created twice`);
    const entry = { dn, attributes: Object.entries(attributes), placeholder: false };
    if (existing) Object.assign(existing, entry);
    else this.#entries.set(key, entry);
  }

  /** Parents that the scenario does not describe become plain containers, created before their children. */
  #ensureParents(dn: string): void {
    const parsed = parseDn(dn);
    const suffixLength = parseDn(this.suffix)?.rdns.length ?? 0;
    if (!parsed) throw new Error(`scenario directory: "${dn}" is not a DN`);
    if (dnKey(dn) === dnKey(this.suffix)) return;
    if (!dnKey(dn).endsWith(`,${dnKey(this.suffix)}`)) throw new Error(`scenario directory: ${dn} is outside ${this.suffix}`);
    for (let index = parsed.rdns.length - suffixLength - 1; index >= 1; index--) {
      const parent = dn.slice(parsed.starts[index]);
      const key = dnKey(parent);
      if (this.#entries.has(key) || key === dnKey(this.suffix)) continue;
      const rdn = parsed.rdns[index]!;
      const type = rdn.type.toLowerCase();
      const attributes: [string, Values][] =
        type === 'ou' ? [['objectClass', 'organizationalUnit'], ['ou', rdn.value]] : [['objectClass', 'container'], ['cn', rdn.value]];
      if (type !== 'cn' && type !== 'ou') throw new Error(`scenario directory: cannot create the parent ${parent}`);
      this.#entries.set(key, { dn: parent, attributes, placeholder: true });
    }
  }

  toString(): string {
    const blocks = [`dn: ${this.suffix}\nobjectClass: domainDNS\ndc: ${parseDn(this.suffix)?.rdns[0]?.value ?? ''}\n`];
    for (const { dn, attributes } of this.#entries.values()) {
      const lines = [line('dn', dn)];
      for (const [name, value] of attributes) {
        if (value === null || value === undefined) continue;
        const values = Array.isArray(value) ? value : [value];
        for (const single of values) lines.push(line(name, typeof single === 'boolean' ? (single ? 'TRUE' : 'FALSE') : String(single)));
      }
      blocks.push(`${lines.join('\n')}\n`);
    }
    return blocks.join('\n');
  }
}

/** RFC 2849: anything outside SAFE-STRING (or with a trailing space) is written base64. */
function line(name: string, value: string): string {
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value) && !value.endsWith(' ');
  return safe || value === '' ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

export function directoryFromArtifacts(artifacts: DirectoryArtifacts, bindPassword: string): ScenarioDirectory {
  const organization = artifacts.ExchangeOrganization;
  const { configuration, schema, defaultDomain } = organization.namingContexts;
  if (!defaultDomain) throw new Error('scenario directory: a defaultNamingContext is needed (the test directory has one suffix)');
  const suffix = defaultDomain;
  const ldif = new Ldif(suffix);
  const bindDn = `CN=svc-readiness,CN=Users,${suffix}`;
  ldif.add(bindDn, { objectClass: 'user', cn: 'svc-readiness', sn: 'readiness', sAMAccountName: 'svc-readiness', userPassword: bindPassword });

  // Organization and /PrepareAD marks.
  ldif.add(organization.dn, { objectClass: 'msExchOrganizationContainer', cn: organization.name, objectVersion: organization.objectVersion });
  if (organization.schemaVersion !== null) {
    ldif.add(`CN=ms-Exch-Schema-Version-Pt,${schema}`, { objectClass: 'attributeSchema', cn: 'ms-Exch-Schema-Version-Pt', rangeUpper: organization.schemaVersion });
  }
  if (organization.domainObjectVersion !== null) {
    ldif.add(`CN=Microsoft Exchange System Objects,${suffix}`, {
      objectClass: 'msExchSystemObjectsContainer',
      cn: 'Microsoft Exchange System Objects',
      objectVersion: organization.domainObjectVersion,
    });
  }
  const adminGroup = `CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${organization.dn}`;
  const dagDn = (name: string) => `CN=${escapeDnValue(name)},CN=Database Availability Groups,${adminGroup}`;

  // Servers.
  const serverDns = new Map<string, string>();
  for (const server of artifacts.ExchangeServers.servers) {
    serverDns.set(server.name.toLowerCase(), server.dn);
    ldif.add(server.dn, {
      objectClass: 'msExchExchangeServer',
      cn: server.name,
      serialNumber: server.serialNumber,
      versionNumber: server.versionNumber,
      msExchCurrentServerRoles: server.roles,
      networkAddress: [`netbios:${server.name}`, ...(server.fqdn ? [`ncacn_ip_tcp:${server.fqdn}`] : [])],
      msExchServerSite: server.site === null ? null : `CN=${escapeDnValue(server.site)},CN=Sites,${configuration}`,
      msExchMDBAvailabilityGroupLink: server.dag === null ? null : dagDn(server.dag),
    });
  }
  const serverOrDag = (name: string | null) => (name === null ? null : (serverDns.get(name.toLowerCase()) ?? dagDn(name)));

  // Databases and every copy.
  for (const database of artifacts.MailboxDatabases.databases) {
    ldif.add(database.dn, {
      objectClass: 'msExchPrivateMDB',
      cn: database.name,
      msExchOwningServer: serverOrDag(database.owningServer),
      msExchMasterServerOrAvailabilityGroup: serverOrDag(database.masterServerOrDag),
      msExchRestore: database.isRecovery ? true : null,
    });
    for (const copy of database.copies) {
      ldif.add(`CN=${escapeDnValue(copy.server)},${database.dn}`, {
        objectClass: 'msExchMDBCopy',
        cn: copy.server,
        msExchHostServerLink: copy.serverDn,
        msExchActivationPreference: copy.activationPreference,
      });
    }
  }

  addRecipients(ldif, artifacts, suffix);
  addVirtualDirectories(ldif, artifacts.VirtualDirectories, serverDns);
  addHybridConfiguration(ldif, artifacts.HybridConfiguration, organization.dn);

  const footprints = artifacts.DirectorySyncFootprints;
  for (const account of footprints.syncAccounts) {
    ldif.add(`CN=${escapeDnValue(account.samAccountName)},CN=Users,${suffix}`, {
      objectClass: 'user',
      cn: account.samAccountName,
      sn: account.samAccountName,
      sAMAccountName: account.samAccountName,
      description: account.description,
    });
  }
  if (footprints.deviceRegistration) {
    const { tenantDomain, tenantId } = footprints.deviceRegistration;
    ldif.add(`CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services,${configuration}`, {
      objectClass: 'serviceConnectionPoint',
      cn: '62a0ff2e-97b9-4513-943f-0d221bd30080',
      keywords: [...(tenantDomain ? [`azureADName:${tenantDomain}`] : []), ...(tenantId ? [`azureADId:${tenantId}`] : [])],
    });
  }

  const rootDse = [
    'dn:',
    `configurationNamingContext: ${configuration}`,
    `schemaNamingContext: ${schema}`,
    `defaultNamingContext: ${suffix}`,
    `rootDomainNamingContext: ${suffix}`,
    '',
  ].join('\n');
  return { suffix, ldif: ldif.toString(), rootDse, bindDn };
}

function addRecipients(ldif: Ldif, artifacts: DirectoryArtifacts, suffix: string): void {
  const placement = artifacts.MailboxPlacement;
  const footprints = artifacts.DirectorySyncFootprints;
  const inScope = placement.byDatabase.reduce((total, database) => total + Object.values(database.counts).reduce((a, b) => a + b, 0), 0);
  if (placement.scanned !== inScope + placement.excludedSystem) {
    throw new Error(`scenario directory: scanned ${placement.scanned} ≠ ${inScope} counted + ${placement.excludedSystem} excluded`);
  }
  if (!placement.globalCatalog && footprints.mailboxUsers !== inScope) {
    throw new Error(`scenario directory: ${footprints.mailboxUsers} mailbox users in the footprints, ${inScope} in the placement`);
  }
  let externalIds = footprints.mailboxUsersWithExternalDirectoryObjectId;
  let serial = 0;
  const pending = placement.requested.filter((mailbox) => mailbox.found);
  const addUser = (attributes: Record<string, Values>) => {
    serial++;
    ldif.add(`CN=Mailbox ${serial},CN=Users,${suffix}`, {
      objectClass: 'user',
      cn: `Mailbox ${serial}`,
      sn: `Mailbox ${serial}`,
      sAMAccountName: `mbx${serial}`,
      ...attributes,
    });
  };
  const takeRequested = (databaseDn: string | null, accepts: (type: string | null) => boolean) => {
    const index = pending.findIndex(
      (mailbox) => (mailbox.databaseDn === null ? databaseDn === null : databaseDn !== null && dnKey(mailbox.databaseDn) === dnKey(databaseDn)) && accepts(mailbox.recipientTypeDetails),
    );
    return index < 0 ? undefined : pending.splice(index, 1)[0];
  };

  for (const database of placement.byDatabase) {
    for (const bucket of Object.keys(TYPE_OF_BUCKET) as MailboxBucket[]) {
      for (let index = 0; index < database.counts[bucket]; index++) {
        const requested = takeRequested(database.databaseDn, (type) => placementBucket(recipientCategory(type)) === bucket);
        addUser({
          homeMDB: database.databaseDn,
          msExchRecipientTypeDetails: requested ? requested.recipientTypeDetails : TYPE_OF_BUCKET[bucket],
          mail: requested?.address,
          'msDS-ExternalDirectoryObjectId': externalIds-- > 0 ? `User_${serial.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000` : null,
        });
      }
    }
  }
  const anyDatabase = placement.byDatabase[0]?.databaseDn ?? artifacts.MailboxDatabases.databases[0]?.dn ?? null;
  for (let index = 0; index < placement.excludedSystem; index++) {
    const requested = takeRequested(anyDatabase, (type) => recipientCategory(type) === 'system');
    addUser({ homeMDB: anyDatabase, msExchRecipientTypeDetails: requested?.recipientTypeDetails ?? ARBITRATION, mail: requested?.address });
  }
  // Found without a database (remote mailboxes, contacts): not mailbox users, so not scanned.
  for (const mailbox of [...pending]) {
    if (mailbox.databaseDn !== null) continue;
    pending.splice(pending.indexOf(mailbox), 1);
    addUser({ mail: mailbox.address, msExchRecipientTypeDetails: mailbox.recipientTypeDetails });
  }
  if (pending.length) throw new Error(`scenario directory: no place for ${pending.map((mailbox) => mailbox.address).join(', ')}`);
  if (externalIds > 0) throw new Error('scenario directory: more written-back ids than mailbox users');
}

function addVirtualDirectories(ldif: Ldif, artifact: VirtualDirectories, serverDns: Map<string, string>): void {
  for (const directory of artifact.directories) {
    const serverDn = serverDns.get(directory.server.toLowerCase());
    if (!serverDn) throw new Error(`scenario directory: virtual directory on unknown server ${directory.server}`);
    ldif.add(`CN=${escapeDnValue(directory.name)},CN=HTTP,CN=Protocols,${serverDn}`, {
      objectClass: CLASS_OF_KIND[directory.kind],
      cn: directory.name,
      msExchInternalHostName: directory.internalUrl,
      msExchExternalHostName: directory.externalUrl,
    });
  }
}

function addHybridConfiguration(ldif: Ldif, hybrid: Artifacts['HybridConfiguration'], organizationDn: string): void {
  for (const server of hybrid.authServers) {
    const type = server.type === null ? null : (AUTH_SERVER_TYPE_NUMBERS[server.type] ?? Number(server.type));
    if (type !== null && !Number.isInteger(type)) throw new Error(`scenario directory: auth server type ${server.type}`);
    ldif.add(`CN=${escapeDnValue(server.name)},CN=Auth Servers,CN=Auth Configuration,${organizationDn}`, {
      objectClass: 'msExchAuthAuthServer',
      cn: server.name,
      msExchAuthAuthServerType: type,
      msExchAuthFlags: (server.enabled ? 1 : 0) | (server.isDefaultAuthorizationEndpoint ? 2 : 0),
      msExchAuthIssuerName: server.issuerIdentifier,
      msExchAuthMetadataUrl: server.metadataUrl,
      msExchAuthRealm: server.realm,
    });
  }
  for (const application of hybrid.partnerApplications) {
    if (application.useAuthServer === null && !application.enabled) throw new Error('scenario directory: a disabled partner application needs its flags');
    ldif.add(`CN=${escapeDnValue(application.name)},CN=Partner Applications,CN=Auth Configuration,${organizationDn}`, {
      objectClass: 'msExchAuthPartnerApplication',
      cn: application.name,
      msExchAuthApplicationIdentifier: application.applicationIdentifier,
      msExchAuthFlags: application.useAuthServer === null ? null : (application.enabled ? 1 : 0) | (application.useAuthServer ? 2 : 0),
      msExchAuthRealm: application.realm,
    });
  }
  for (const connector of hybrid.intraOrganizationConnectors) {
    ldif.add(`CN=${escapeDnValue(connector.name)},CN=Intra Organization Connectors,${organizationDn}`, {
      objectClass: 'msExchIntraOrganizationConnector',
      cn: connector.name,
      msExchFedDomainNames: connector.targetAddressDomains,
      msExchFedIsEnabled: connector.enabled,
      msExchFedTargetAutodiscoverEPR: connector.discoveryEndpoint,
    });
  }
  if (hybrid.hybridConfigurationPresent) {
    ldif.add(`CN=Hybrid Configuration,CN=Hybrid Configuration,${organizationDn}`, { objectClass: 'msExchCoexistenceRelationship', cn: 'Hybrid Configuration' });
  }
}
