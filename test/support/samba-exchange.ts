// Just enough of the Exchange schema for a Samba AD DC, added over LDAP the way /PrepareSchema would (attributeSchema
// and classSchema objects, then schemaUpdateNow), plus a few Exchange objects. OIDs come from Microsoft's documented
// GUID-derived arc for unregistered extensions (1.2.840.113556.1.8000.2554.<GUID as integers>).
// https://learn.microsoft.com/windows/win32/ad/obtaining-an-object-identifier-from-microsoft
import { Attribute, Change, type Client } from 'ldapts';

const ARC = '1.2.840.113556.1.8000.2554.36403.19836.41742.44044.2559.1451871.15611389';

type Syntax = { attributeSyntax: string; oMSyntax: string; oMObjectClass?: Buffer };
const DN_SYNTAX: Syntax = { attributeSyntax: '2.5.5.1', oMSyntax: '127', oMObjectClass: Buffer.from('2B0C0287731C00854A', 'hex') };
const INTEGER: Syntax = { attributeSyntax: '2.5.5.9', oMSyntax: '2' };
const LARGE_INTEGER: Syntax = { attributeSyntax: '2.5.5.16', oMSyntax: '65' };
const BOOLEAN: Syntax = { attributeSyntax: '2.5.5.8', oMSyntax: '1' };
const UNICODE_STRING: Syntax = { attributeSyntax: '2.5.5.12', oMSyntax: '64' };

interface AttributeDefinition {
  cn: string;
  name: string;
  syntax: Syntax;
  /** In the global catalog's partial attribute set (Exchange puts recipient attributes there). */
  inGlobalCatalog?: boolean;
  rangeUpper?: number;
}

const ATTRIBUTES: AttributeDefinition[] = [
  { cn: 'ms-Exch-Recipient-Type-Details', name: 'msExchRecipientTypeDetails', syntax: LARGE_INTEGER, inGlobalCatalog: true },
  { cn: 'ms-Exch-Home-MDB', name: 'homeMDB', syntax: DN_SYNTAX, inGlobalCatalog: true },
  { cn: 'ms-Exch-Current-Server-Roles', name: 'msExchCurrentServerRoles', syntax: INTEGER },
  { cn: 'ms-Exch-Server-Site', name: 'msExchServerSite', syntax: DN_SYNTAX },
  { cn: 'ms-Exch-MDB-Availability-Group-Link', name: 'msExchMDBAvailabilityGroupLink', syntax: DN_SYNTAX },
  { cn: 'ms-Exch-Owning-Server', name: 'msExchOwningServer', syntax: DN_SYNTAX },
  { cn: 'ms-Exch-Master-Server-Or-Availability-Group', name: 'msExchMasterServerOrAvailabilityGroup', syntax: DN_SYNTAX },
  { cn: 'ms-Exch-Restore', name: 'msExchRestore', syntax: BOOLEAN },
  { cn: 'ms-Exch-Host-Server-Link', name: 'msExchHostServerLink', syntax: DN_SYNTAX },
  { cn: 'ms-Exch-Activation-Preference', name: 'msExchActivationPreference', syntax: INTEGER },
  // Windows Server 2016 schema; Samba 4.17 provisions the 2012 R2 schema, so the test adds it (with a test OID).
  { cn: 'ms-DS-External-Directory-Object-Id', name: 'msDS-ExternalDirectoryObjectId', syntax: UNICODE_STRING },
  // The schema version marker /PrepareSchema bumps: its rangeUpper is what prepare-ad-cu3 judges.
  { cn: 'ms-Exch-Schema-Version-Pt', name: 'msExchSchemaVersionPt', syntax: INTEGER, rangeUpper: 15334 },
];

interface ClassDefinition {
  cn: string;
  name: string;
  category: 'structural' | 'auxiliary';
  possSuperiors?: string[];
  mayContain: string[];
}

const CLASSES: ClassDefinition[] = [
  {
    cn: 'ms-Exch-Organization-Container',
    name: 'msExchOrganizationContainer',
    category: 'structural',
    possSuperiors: ['container'],
    mayContain: ['objectVersion'],
  },
  {
    cn: 'ms-Exch-System-Objects-Container',
    name: 'msExchSystemObjectsContainer',
    category: 'structural',
    possSuperiors: ['domainDNS'],
    mayContain: ['objectVersion'],
  },
  {
    cn: 'ms-Exch-Exchange-Server',
    name: 'msExchExchangeServer',
    category: 'structural',
    possSuperiors: ['msExchOrganizationContainer'],
    mayContain: [
      'serialNumber',
      'versionNumber',
      'networkAddress',
      'msExchCurrentServerRoles',
      'msExchServerSite',
      'msExchMDBAvailabilityGroupLink',
    ],
  },
  {
    cn: 'ms-Exch-Private-MDB',
    name: 'msExchPrivateMDB',
    category: 'structural',
    possSuperiors: ['msExchOrganizationContainer'],
    mayContain: ['msExchOwningServer', 'msExchMasterServerOrAvailabilityGroup', 'msExchRestore'],
  },
  {
    cn: 'ms-Exch-MDB-Copy',
    name: 'msExchMDBCopy',
    category: 'structural',
    possSuperiors: ['msExchPrivateMDB'],
    mayContain: ['msExchHostServerLink', 'msExchActivationPreference'],
  },
  {
    cn: 'ms-Exch-Mailbox-Aux',
    name: 'msExchMailboxAux',
    category: 'auxiliary',
    mayContain: ['homeMDB', 'msExchRecipientTypeDetails', 'msDS-ExternalDirectoryObjectId'],
  },
];

async function schemaUpdateNow(client: Client): Promise<void> {
  await client.modify('', new Change({ operation: 'add', modification: new Attribute({ type: 'schemaUpdateNow', values: ['1'] }) }));
}

export async function extendSchemaForExchange(client: Client, baseDn: string): Promise<void> {
  const schemaDn = `CN=Schema,CN=Configuration,${baseDn}`;
  for (const [index, attribute] of ATTRIBUTES.entries()) {
    const values: Attribute[] = [
      new Attribute({ type: 'objectClass', values: ['top', 'attributeSchema'] }),
      new Attribute({ type: 'cn', values: [attribute.cn] }),
      new Attribute({ type: 'lDAPDisplayName', values: [attribute.name] }),
      new Attribute({ type: 'attributeID', values: [`${ARC}.1.${index + 1}`] }),
      new Attribute({ type: 'attributeSyntax', values: [attribute.syntax.attributeSyntax] }),
      new Attribute({ type: 'oMSyntax', values: [attribute.syntax.oMSyntax] }),
      new Attribute({ type: 'isSingleValued', values: ['TRUE'] }),
      ...(attribute.syntax.oMObjectClass ? [new Attribute({ type: 'oMObjectClass', values: [attribute.syntax.oMObjectClass] })] : []),
      ...(attribute.inGlobalCatalog ? [new Attribute({ type: 'isMemberOfPartialAttributeSet', values: ['TRUE'] })] : []),
      ...(attribute.rangeUpper !== undefined ? [new Attribute({ type: 'rangeUpper', values: [String(attribute.rangeUpper)] })] : []),
    ];
    await client.add(`CN=${attribute.cn},${schemaDn}`, values);
  }
  await schemaUpdateNow(client);
  for (const [index, definition] of CLASSES.entries()) {
    await client.add(`CN=${definition.cn},${schemaDn}`, {
      objectClass: ['top', 'classSchema'],
      cn: definition.cn,
      lDAPDisplayName: definition.name,
      governsID: `${ARC}.2.${index + 1}`,
      subClassOf: 'top',
      objectClassCategory: definition.category === 'structural' ? '1' : '3',
      ...(definition.possSuperiors ? { possSuperiors: definition.possSuperiors } : {}),
      mayContain: definition.mayContain,
    });
    // A class may name an earlier one as superior only once the schema cache knows it.
    await schemaUpdateNow(client);
  }
}

export const SAMBA_ORG = 'Contoso';

export interface SambaExchangeObjects {
  organizationDn: string;
  serverDn: string;
  databaseDn: string;
}

/** One organization, one Exchange 2016 CU3 server, one database with one copy, and a few recipients. */
export async function addExchangeObjects(client: Client, baseDn: string): Promise<SambaExchangeObjects> {
  const configuration = `CN=Configuration,${baseDn}`;
  const exchange = `CN=Microsoft Exchange,CN=Services,${configuration}`;
  const organizationDn = `CN=${SAMBA_ORG},${exchange}`;
  const serverDn = `CN=EX16,${organizationDn}`;
  const databaseDn = `CN=DB1,${organizationDn}`;

  await client.add(exchange, { objectClass: ['top', 'container'], cn: 'Microsoft Exchange' });
  await client.add(organizationDn, { objectClass: ['top', 'msExchOrganizationContainer'], cn: SAMBA_ORG, objectVersion: '16212' });
  await client.add(`CN=Microsoft Exchange System Objects,${baseDn}`, {
    objectClass: ['top', 'msExchSystemObjectsContainer'],
    cn: 'Microsoft Exchange System Objects',
    objectVersion: '13236',
  });
  await client.add(serverDn, {
    objectClass: ['top', 'msExchExchangeServer'],
    cn: 'EX16',
    serialNumber: 'Version 15.1 (Build 30544.27)',
    versionNumber: '1942061600',
    msExchCurrentServerRoles: '16439',
    networkAddress: ['netbios:EX16', 'ncacn_ip_tcp:ex16.contoso.test'],
    msExchServerSite: `CN=Default-First-Site-Name,CN=Sites,${configuration}`,
  });
  await client.add(databaseDn, {
    objectClass: ['top', 'msExchPrivateMDB'],
    cn: 'DB1',
    msExchOwningServer: serverDn,
    msExchMasterServerOrAvailabilityGroup: serverDn,
  });
  await client.add(`CN=EX16,${databaseDn}`, {
    objectClass: ['top', 'msExchMDBCopy'],
    cn: 'EX16',
    msExchHostServerLink: serverDn,
    msExchActivationPreference: '1',
  });

  const users = `CN=Users,${baseDn}`;
  const mailbox = (cn: string, sam: string, type: string, extra: Record<string, string | string[]> = {}) =>
    client.add(`CN=${cn},${users}`, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user', 'msExchMailboxAux'],
      cn,
      sAMAccountName: sam,
      homeMDB: databaseDn,
      msExchRecipientTypeDetails: type,
      ...extra,
    });
  await mailbox('Alice Adams', 'alice', '1', {
    mail: 'alice@contoso.test',
    proxyAddresses: ['SMTP:alice@contoso.test', 'smtp:alice.adams@contoso.test'],
    'msDS-ExternalDirectoryObjectId': 'User_2f5c1d43-8a0e-4b3e-9d0c-0a1b2c3d4e5f',
  });
  await mailbox('Sales Shared', 'sales', '4', { mail: 'sales@contoso.test' });
  await mailbox('SystemMailbox{1f05a927-0000}', 'SM_0001', '8388608');
  // Beyond 2^31: AD's large-integer syntax carries it; the collector must not squeeze it into an int32.
  await mailbox('HealthMailbox01', 'HealthMailbox01', '549755813888');
  await client.add(`CN=MSOL_0123456789ab,${users}`, {
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    cn: 'MSOL_0123456789ab',
    sAMAccountName: 'MSOL_0123456789ab',
    description:
      'Account created by Microsoft Azure Active Directory Connect with installation identifier 0123456789ab4cdef0123456789abcde ' +
      'running on computer SYNC01 configured to synchronize to tenant contoso.onmicrosoft.com. This account must have directory ' +
      'replication permissions in the local Active Directory and write permission on certain attributes to enable Hybrid Deployment.',
  });
  return { organizationDn, serverDn, databaseDn };
}
