// The LDAP collector against a real OpenLDAP slapd on 127.0.0.1 (Exchange-like schema in fixtures/ldap/):
// every artifact over LDAPS and StartTLS, DC discovery through a loopback DNS server, and the faults a user
// meets (refused port, silent port, wrong password, untrusted or wrong-name certificate, referral, no access).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointFromUrl, LdapConnection } from '../../src/clients/ldap.js';
import { LdapFailure } from '../../src/clients/ldap-errors.js';
import { createLdapCollector, LDAP_ARTIFACTS, type LdapArtifact } from '../../src/collectors/ldap/index.js';
import { systemSrvLookup } from '../../src/collectors/ldap/locate.js';
import { mailboxFilter } from '../../src/collectors/ldap/mailbox-placement.js';
import { artifactSchemas } from '../../src/inventory/artifacts.js';
import { startLabDnsServer } from '../../src/lab/dns-server.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import type { CollectOptions } from '../../src/options.js';
import { hangBound } from '../support/hang-bound.js';
import {
  BIND_DN,
  BIND_PASSWORD,
  CONTOSO_INDEXES,
  CONTOSO_SUFFIX,
  contosoLdif,
  contosoRootDse,
  ldapCollectOptions,
  NO_CONFIG_DN,
  recordingContext,
} from '../support/ldap-fixtures.js';
import { freePort, type RunningSlapd, startSlapd } from '../support/slapd.js';

const ORG = 'cn=Contoso,cn=Microsoft Exchange,cn=Services,cn=Configuration,dc=contoso,dc=test';
const AG = `cn=Exchange Administrative Group (FYDIBOHF23SPDLT),cn=Administrative Groups,${ORG}`;
// Attribute values keep the spelling of the LDIF; entry DNs come back in slapd's spelling (lower-case types).
const VALUE_ORG = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test';
const VALUE_AG = `CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${VALUE_ORG}`;
const serverValue = (name: string) => `CN=${name},CN=Servers,${VALUE_AG}`;
const databaseValue = (name: string) => `CN=${name},CN=Databases,${VALUE_AG}`;

const ACCESS = [
  'access to attrs=userPassword by anonymous auth by * none',
  `access to dn.subtree="CN=Configuration,${CONTOSO_SUFFIX}" by dn.exact="${NO_CONFIG_DN}" none by users read by * none`,
  'access to * by users read by * none',
];

let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let slapd: RunningSlapd;

beforeAll(async () => {
  ca = await createCertificateAuthority('contoso test CA');
  otherCa = await createCertificateAuthority('some other CA');
  const leaf = await ca.issue({ names: ['dc01.contoso.test', '127.0.0.1'] });
  slapd = await startSlapd({
    suffix: CONTOSO_SUFFIX,
    ldif: contosoLdif(),
    rootDse: contosoRootDse(),
    tls: { ...leaf, ca: ca.cert },
    indexes: CONTOSO_INDEXES,
    access: ACCESS,
  });
});

afterAll(async () => {
  await slapd?.stop();
});

const collector = createLdapCollector();

/** The connection the collector would open, bound as the test account, for tests of the client itself. */
function openConnection(url: string, timeoutMs = 5000): Promise<LdapConnection> {
  return LdapConnection.open({
    endpoint: endpointFromUrl(url),
    caPem: ca.cert,
    timeoutMs,
    credentials: { dn: BIND_DN, password: BIND_PASSWORD, passwordEnv: null },
  });
}

async function collect(options: CollectOptions, wanted: readonly LdapArtifact[] = LDAP_ARTIFACTS) {
  const context = recordingContext(options);
  const output = await collector.collect(wanted, context);
  return { ...output, messages: context.messages };
}

function ldaps(overrides: Partial<CollectOptions> & { bindPassword?: string | null } = {}): CollectOptions {
  return ldapCollectOptions({ ldapUrl: slapd.ldapsUrl, caPem: ca.cert, ...overrides });
}

/** The LDIF without the entries whose DN matches (entries are separated by blank lines). */
function withoutEntries(ldif: string, drop: (dn: string) => boolean): string {
  return ldif
    .split(/\n\s*\n/)
    .filter((chunk) => {
      const dn = /^dn: (.*)$/m.exec(chunk)?.[1];
      return !dn || !drop(dn.trim());
    })
    .join('\n\n')
    .concat('\n\n');
}

async function failureOf(promise: Promise<unknown>): Promise<LdapFailure> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LdapFailure);
  return error as LdapFailure;
}

const expectedServers = [
  {
    name: 'EDGE1',
    dn: `cn=EDGE1,cn=Servers,${AG}`,
    fqdn: null,
    serialNumber: null,
    versionNumber: 1942063563,
    build: '15.1.2507',
    roles: 64,
    roleNames: ['Edge'],
    site: null,
    dag: null,
  },
  {
    name: 'EX13',
    dn: `cn=EX13,cn=Servers,${AG}`,
    fqdn: 'ex13.contoso.test',
    serialNumber: 'Version 15.0 (Build 31497.2)',
    versionNumber: 1941997017,
    build: '15.0.1497.2',
    roles: 54,
    roleNames: ['Mailbox', 'ClientAccess', 'UnifiedMessaging', 'HubTransport'],
    site: 'Default-First-Site-Name',
    dag: null,
  },
  {
    name: 'EX16A',
    dn: `cn=EX16A,cn=Servers,${AG}`,
    fqdn: 'ex16a.contoso.test',
    serialNumber: 'Version 15.1 (Build 32507.66)',
    versionNumber: 1942063563,
    build: '15.1.2507.66',
    roles: 16439,
    roleNames: ['Cafe', 'Mailbox', 'ClientAccess', 'UnifiedMessaging', 'HubTransport', 'FrontendTransport'],
    site: 'Default-First-Site-Name',
    dag: 'DAG1',
  },
  {
    name: 'EX16B',
    dn: `cn=EX16B,cn=Servers,${AG}`,
    fqdn: 'ex16b.contoso.test',
    serialNumber: 'Version 15.1 (Build 30466.34)',
    versionNumber: 1942061522,
    build: '15.1.466.34',
    roles: 16439,
    roleNames: ['Cafe', 'Mailbox', 'ClientAccess', 'UnifiedMessaging', 'HubTransport', 'FrontendTransport'],
    site: 'Branch, East',
    dag: 'DAG1',
  },
  {
    name: 'EX19',
    dn: `cn=EX19,cn=Servers,${AG}`,
    fqdn: 'ex19.contoso.test',
    serialNumber: 'Version 15.2 (Build 32562.017)',
    versionNumber: 1942129154,
    build: '15.2.2562.17',
    roles: 16423,
    roleNames: ['Cafe', 'Mailbox', 'ClientAccess', 'HubTransport', 'FrontendTransport'],
    site: 'Default-First-Site-Name',
    dag: null,
  },
];

const counts = (partial: Partial<Record<'user' | 'shared' | 'resource' | 'linked' | 'other', number>>) => ({
  user: 0,
  shared: 0,
  resource: 0,
  linked: 0,
  other: 0,
  ...partial,
});

describe('LDAP collector against slapd: the artifacts', () => {
  let output: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    output = await collect(
      ldaps({ mailboxes: ['alice.adams@contoso.test', 'ERIN@contoso.test', 'st*r@contoso.test', 'nobody@contoso.test'] }),
    );
  });

  it('produces every artifact without errors, each valid against its schema', () => {
    expect(output.errors).toEqual({});
    for (const name of LDAP_ARTIFACTS) {
      expect(output.artifacts[name], name).toBeDefined();
      expect(() => artifactSchemas[name].parse(output.artifacts[name]), name).not.toThrow();
    }
  });

  it('ExchangeOrganization: name, /PrepareAD marks and naming contexts', () => {
    expect(output.artifacts.ExchangeOrganization).toEqual({
      name: 'Contoso',
      dn: ORG,
      objectVersion: 16223,
      schemaVersion: 15334,
      domainObjectVersion: 13243,
      namingContexts: {
        configuration: 'CN=Configuration,DC=contoso,DC=test',
        schema: 'CN=Schema,CN=Configuration,DC=contoso,DC=test',
        defaultDomain: 'DC=contoso,DC=test',
      },
    });
  });

  it('ExchangeServers: builds from serialNumber (versionNumber as fallback), roles, FQDN, site and DAG', () => {
    expect(output.artifacts.ExchangeServers).toEqual({ servers: expectedServers });
  });

  it('MailboxDatabases: every copy host, owning server, DAG and the recovery flag', () => {
    expect(output.artifacts.MailboxDatabases).toEqual({
      databases: [
        {
          name: 'DB01',
          dn: `cn=DB01,cn=Databases,${AG}`,
          owningServer: 'EX16A',
          masterServerOrDag: 'DAG1',
          copies: [
            { server: 'EX16A', serverDn: serverValue('EX16A'), activationPreference: 1 },
            { server: 'EX16B', serverDn: serverValue('EX16B'), activationPreference: 2 },
          ],
          isRecovery: false,
        },
        {
          name: 'DB02',
          dn: `cn=DB02,cn=Databases,${AG}`,
          owningServer: 'EX19',
          masterServerOrDag: 'EX19',
          copies: [{ server: 'EX19', serverDn: serverValue('EX19'), activationPreference: 1 }],
          isRecovery: false,
        },
        {
          name: 'DB13',
          dn: `cn=DB13,cn=Databases,${AG}`,
          owningServer: 'EX13',
          masterServerOrDag: 'EX13',
          copies: [{ server: 'EX13', serverDn: serverValue('EX13'), activationPreference: null }],
          isRecovery: false,
        },
        { name: 'RDB01', dn: `cn=RDB01,cn=Databases,${AG}`, owningServer: 'EX19', masterServerOrDag: null, copies: [], isRecovery: true },
      ],
    });
  });

  it('MailboxPlacement: counts per database with system mailboxes excluded, and each requested mailbox', () => {
    expect(output.artifacts.MailboxPlacement).toEqual({
      byDatabase: [
        { databaseDn: databaseValue('DB01'), database: 'DB01', counts: counts({ user: 2, shared: 1, linked: 1 }) },
        // The public folder mailbox (68719476736) is "other"; the monitoring mailbox is excluded.
        { databaseDn: databaseValue('DB02'), database: 'DB02', counts: counts({ user: 2, resource: 2, other: 1 }) },
        // The audit mailbox on DB13 is excluded.
        { databaseDn: databaseValue('DB13'), database: 'DB13', counts: counts({ user: 1 }) },
      ],
      scanned: 14,
      excludedSystem: 4,
      requested: [
        // Found through a secondary smtp: proxy address.
        {
          address: 'alice.adams@contoso.test',
          found: true,
          databaseDn: databaseValue('DB01'),
          database: 'DB01',
          recipientTypeDetails: '1',
          remote: false,
        },
        // RemoteUserMailbox = 2^31, beyond int32: kept as a decimal string.
        { address: 'ERIN@contoso.test', found: true, databaseDn: null, database: null, recipientTypeDetails: '2147483648', remote: true },
        // "*" in an address is a character, not a wildcard.
        {
          address: 'st*r@contoso.test',
          found: true,
          databaseDn: databaseValue('DB02'),
          database: 'DB02',
          recipientTypeDetails: '1',
          remote: false,
        },
        { address: 'nobody@contoso.test', found: false, databaseDn: null, database: null, recipientTypeDetails: null, remote: false },
      ],
      globalCatalog: false,
    });
  });

  it('VirtualDirectories: internal and external URLs per server, kinds from the class or the name', () => {
    expect(output.artifacts.VirtualDirectories).toEqual({
      directories: [
        {
          server: 'EX13',
          kind: 'activesync',
          name: 'Microsoft-Server-ActiveSync (Default Web Site)',
          internalUrl: null,
          externalUrl: 'https://mail.contoso.test/Microsoft-Server-ActiveSync',
        },
        {
          server: 'EX13',
          kind: 'other',
          name: 'PowerShell (Default Web Site)',
          internalUrl: 'http://ex13.contoso.test/powershell',
          externalUrl: null,
        },
        {
          server: 'EX13',
          kind: 'owa',
          name: 'owa (Default Web Site)',
          internalUrl: 'https://ex13.contoso.test/owa',
          externalUrl: 'https://MAIL.contoso.test/owa',
        },
        { server: 'EX16A', kind: 'api', name: 'API (Default Web Site)', internalUrl: 'https://ex16a.contoso.test/api', externalUrl: null },
        { server: 'EX16A', kind: 'autodiscover', name: 'Autodiscover (Default Web Site)', internalUrl: null, externalUrl: null },
        {
          server: 'EX16A',
          kind: 'ews',
          name: 'EWS (Default Web Site)',
          internalUrl: 'https://ex16a.contoso.test/EWS/Exchange.asmx',
          externalUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
        },
        {
          server: 'EX16A',
          kind: 'owa',
          name: 'owa (Default Web Site)',
          internalUrl: 'https://ex16a.contoso.test/owa',
          externalUrl: 'https://mail.contoso.test/owa',
        },
      ],
    });
  });

  it('HybridConfiguration: auth servers with flags and types, partner application, connector, hybrid object', () => {
    expect(output.artifacts.HybridConfiguration).toEqual({
      authServers: [
        {
          name: 'ACS - contoso.onmicrosoft.com',
          type: 'MicrosoftACS',
          enabled: true,
          isDefaultAuthorizationEndpoint: false,
          issuerIdentifier: '00000001-0000-0000-c000-000000000000',
          metadataUrl: 'https://accounts.accesscontrol.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/Metadata/json/1',
          realm: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        },
        {
          name: 'EvoSts - 72f988bf-86f1-41af-91ab-2d7cd011db47',
          type: 'AzureAD',
          enabled: true,
          isDefaultAuthorizationEndpoint: true,
          issuerIdentifier: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
          metadataUrl: 'https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml',
          realm: null,
        },
        // An unknown type number is kept as read; flags 0 = disabled.
        {
          name: 'Old ADFS',
          type: '42',
          enabled: false,
          isDefaultAuthorizationEndpoint: false,
          issuerIdentifier: null,
          metadataUrl: null,
          realm: null,
        },
      ],
      partnerApplications: [
        {
          name: 'Exchange Online',
          applicationIdentifier: '00000002-0000-0ff1-ce00-000000000000',
          enabled: true,
          realm: null,
          useAuthServer: true,
        },
      ],
      intraOrganizationConnectors: [
        {
          name: 'HybridIOC - 72f988bf',
          enabled: true,
          targetAddressDomains: ['contoso.mail.onmicrosoft.com', 'contoso.onmicrosoft.com'],
          discoveryEndpoint: 'https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc',
        },
      ],
      hybridConfigurationPresent: true,
    });
  });

  it('DirectorySyncFootprints: the MSOL_ account parsed, written-back ids counted, device registration SCP', () => {
    const footprints = output.artifacts.DirectorySyncFootprints;
    expect(footprints?.syncAccounts).toEqual([
      expect.objectContaining({ samAccountName: 'MSOL_0123456789ab', computer: 'SYNC01', tenant: 'contoso.onmicrosoft.com' }),
    ]);
    expect(footprints?.syncAccounts[0]?.description).toMatch(/^Account created by Microsoft Azure Active Directory Connect/);
    expect(footprints?.mailboxUsers).toBe(10);
    // Alice and Bob; Erin's id is on a remote mailbox (no homeMDB), not an on-premises mailbox user.
    expect(footprints?.mailboxUsersWithExternalDirectoryObjectId).toBe(2);
    expect(footprints?.deviceRegistration).toEqual({
      tenantDomain: 'contoso.onmicrosoft.com',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
  });

  it('says that the child-domain referral was not followed', () => {
    expect(
      output.messages.some((message) => /referrals to other partitions were not followed.*dc01\.child\.contoso\.test/.test(message)),
    ).toBe(true);
  });

  it('never writes the password into progress or debug messages', () => {
    expect(output.messages.length).toBeGreaterThan(0);
    expect(output.messages.join('\n')).not.toContain(BIND_PASSWORD);
  });
});

describe('LDAP collector against slapd: transports and discovery', () => {
  it('StartTLS on ldap:// yields the same artifacts as LDAPS', async () => {
    const viaLdaps = await collect(ldaps());
    const viaStartTls = await collect(ldapCollectOptions({ ldapUrl: slapd.ldapUrl, caPem: ca.cert }));
    expect(viaStartTls.errors).toEqual({});
    expect(viaStartTls.artifacts).toEqual(viaLdaps.artifacts);
    expect(viaStartTls.messages[0]).toMatch(/LDAP\+StartTLS.*TLSv1\.[23]/);
  });

  it('collects only the artifacts asked for', async () => {
    const { artifacts, errors } = await collect(ldaps(), ['ExchangeServers']);
    expect(Object.keys(artifacts)).toEqual(['ExchangeServers']);
    expect(errors).toEqual({});
  });

  it('finds the domain controller through the _ldap._tcp.dc._msdcs SRV record, skipping one that refuses', async () => {
    const deadPort = await freePort();
    // The lab's DNS server writes SRV targets out in full (for the compressed form, see dc-locator-dns.test.ts).
    // Targets are written as the IP so that the loopback test needs no A records; the certificate covers 127.0.0.1.
    const dns = await startLabDnsServer({
      address: '127.0.0.1',
      zones: ['contoso.test'],
      records: [
        { name: '_ldap._tcp.dc._msdcs.contoso.test', type: 'SRV', ttl: 60, priority: 0, weight: 100, port: deadPort, target: '127.0.0.1' },
        {
          name: '_ldap._tcp.dc._msdcs.contoso.test',
          type: 'SRV',
          ttl: 60,
          priority: 10,
          weight: 100,
          port: slapd.port,
          target: '127.0.0.1',
        },
      ],
    });
    try {
      const discovering = createLdapCollector({ srvLookup: (timeoutMs) => systemSrvLookup(timeoutMs, [dns.resolver]) });
      const options = ldapCollectOptions({ adDomain: 'contoso.test', caPem: ca.cert });
      const context = recordingContext(options);
      const { artifacts, errors } = await discovering.collect(['ExchangeOrganization'], context);
      expect(errors).toEqual({});
      expect(artifacts.ExchangeOrganization?.name).toBe('Contoso');
      expect(context.messages.join('\n')).toContain(`127.0.0.1:${deadPort} (LDAP+StartTLS) failed (refused)`);
      expect(context.messages.join('\n')).toContain(`connected to 127.0.0.1:${slapd.port} (LDAP+StartTLS)`);
    } finally {
      await dns.close();
    }
  });

  it('reads binary attributes as bytes even when they happen to be valid UTF-8', async () => {
    const connection = await openConnection(slapd.ldapsUrl!);
    try {
      const entry = await connection.read(`CN=Alice Adams,CN=Users,${CONTOSO_SUFFIX}`, ['objectGUID'], ['objectGUID']);
      expect(Buffer.isBuffer(entry?.objectGUID)).toBe(true);
      expect((entry!.objectGUID as Buffer).toString('latin1')).toBe('0123456789abcdef');
    } finally {
      await connection.close();
    }
  });

  it('escapes user input in filters: "st*r" matches one entry, and "(" or "\\" break nothing', async () => {
    const connection = await openConnection(slapd.ldapsUrl!);
    try {
      const star = await connection.search(CONTOSO_SUFFIX, {
        scope: 'sub',
        filter: mailboxFilter('st*r@contoso.test'),
        attributes: ['mail'],
      });
      expect(star.entries.map((entry) => entry.mail)).toEqual(['st*r@contoso.test']);
      // Unescaped, "s*" would match every address starting with s (sales@, st*r@).
      const prefix = await connection.search(CONTOSO_SUFFIX, { scope: 'sub', filter: mailboxFilter('s*'), attributes: ['mail'] });
      expect(prefix.entries).toEqual([]);
      const odd = await connection.search(CONTOSO_SUFFIX, { scope: 'sub', filter: mailboxFilter('a)(mail=*)\\'), attributes: ['mail'] });
      expect(odd.entries).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});

describe('LDAP collector against slapd: sync accounts without the MSOL_ name', () => {
  it('finds a custom Entra Connect account by its description', async () => {
    const ldif = contosoLdif().replaceAll('MSOL_0123456789ab', 'svc-entra-sync');
    const custom = await startSlapd({
      suffix: CONTOSO_SUFFIX,
      ldif,
      rootDse: contosoRootDse(),
      tls: { ...(await ca.issue({ names: ['127.0.0.1'] })), ca: ca.cert },
    });
    try {
      const { artifacts, errors } = await collect(ldapCollectOptions({ ldapUrl: custom.ldapsUrl, caPem: ca.cert }), [
        'DirectorySyncFootprints',
      ]);
      expect(errors).toEqual({});
      expect(artifacts.DirectorySyncFootprints?.syncAccounts).toEqual([
        expect.objectContaining({ samAccountName: 'svc-entra-sync', computer: 'SYNC01', tenant: 'contoso.onmicrosoft.com' }),
      ]);
    } finally {
      await custom.stop();
    }
  });
});

describe('LDAP collector against slapd: faults end in clear errors', () => {
  it('refused port', async () => {
    const port = await freePort();
    const failure = await failureOf(collect(ldapCollectOptions({ ldapUrl: `ldap://127.0.0.1:${port}`, caPem: ca.cert })));
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/refused the connection.*--ldap-url/);
  });

  describe('a port that accepts and never answers', () => {
    let silent: net.Server;
    let sockets: net.Socket[];
    beforeAll(async () => {
      sockets = [];
      silent = net.createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    for (const scheme of ['ldap', 'ldaps'] as const) {
      it(`${scheme}:// gives up after --timeout`, async () => {
        const port = (silent.address() as net.AddressInfo).port;
        const started = Date.now();
        const failure = await failureOf(
          collect(ldapCollectOptions({ ldapUrl: `${scheme}://127.0.0.1:${port}`, caPem: ca.cert, timeoutMs: 600 })),
        );
        const elapsed = Date.now() - started;
        expect(failure.reason).toBe('timeout');
        expect(failure.message).toMatch(/did not answer .*within 600 ms \(--timeout\)/);
        expect(elapsed).toBeGreaterThanOrEqual(550);
        expect(elapsed).toBeLessThan(hangBound(600));
      });
    }
  });

  it('wrong password', async () => {
    const failure = await failureOf(collect(ldaps({ bindPassword: 'not-the-password' })));
    expect(failure.reason).toBe('invalid-credentials');
    expect(failure.message).toContain(BIND_DN);
    expect(failure.message).toContain('$HR_TEST_BIND_PASSWORD');
    expect(failure.message).not.toContain('not-the-password');
  });

  it('an empty password is refused before anything is sent (it would be an anonymous bind)', async () => {
    const failure = await failureOf(collect(ldaps({ bindPassword: '' })));
    expect(failure.reason).toBe('empty-password');
    expect(failure.message).toMatch(/anonymous/);
  });

  it('untrusted certificate (another CA, and the system roots alone)', async () => {
    for (const caPem of [otherCa.cert, null]) {
      const failure = await failureOf(collect(ldaps({ caPem })));
      expect(failure.reason).toBe('tls-untrusted');
      expect(failure.message).toContain('--ca-file');
    }
    const viaStartTls = await failureOf(collect(ldapCollectOptions({ ldapUrl: slapd.ldapUrl, caPem: otherCa.cert })));
    expect(viaStartTls.reason).toBe('tls-untrusted');
  });

  it('wrong name on the certificate', async () => {
    const leaf = await ca.issue({ names: ['other.contoso.test'] });
    const other = await startSlapd({
      suffix: CONTOSO_SUFFIX,
      ldif: contosoLdif(),
      rootDse: contosoRootDse(),
      tls: { ...leaf, ca: ca.cert },
    });
    try {
      for (const ldapUrl of [other.ldapsUrl, other.ldapUrl]) {
        const failure = await failureOf(collect(ldapCollectOptions({ ldapUrl, caPem: ca.cert })));
        expect(failure.reason).toBe('tls-name-mismatch');
        expect(failure.message).toMatch(/does not cover the name "127\.0\.0\.1"/);
      }
    } finally {
      await other.stop();
    }
  });

  it('a server without TLS: StartTLS is refused and no password is sent', async () => {
    const plain = await startSlapd({ suffix: CONTOSO_SUFFIX, ldif: contosoLdif(), rootDse: contosoRootDse() });
    try {
      const failure = await failureOf(collect(ldapCollectOptions({ ldapUrl: plain.ldapUrl, caPem: ca.cert })));
      expect(failure.reason).toBe('starttls-refused');
      expect(failure.message).toMatch(/never sends a password over an unencrypted connection/);
    } finally {
      await plain.stop();
    }
  });

  it('a referral where the Configuration partition should be', async () => {
    const ldif = [
      withoutEntries(contosoLdif(), (dn) => /CN=Configuration,DC=contoso,DC=test$/i.test(dn)),
      'dn: CN=Configuration,DC=contoso,DC=test',
      'objectClass: referral',
      'objectClass: extensibleObject',
      'cn: Configuration',
      'ref: ldap://dc02.contoso.test/CN=Configuration,DC=contoso,DC=test',
      '',
    ].join('\n');
    const referring = await startSlapd({
      suffix: CONTOSO_SUFFIX,
      ldif,
      rootDse: contosoRootDse(),
      tls: { ...(await ca.issue({ names: ['127.0.0.1'] })), ca: ca.cert },
    });
    try {
      const { artifacts, errors } = await collect(ldapCollectOptions({ ldapUrl: referring.ldapsUrl, caPem: ca.cert }));
      expect(artifacts).toEqual({});
      for (const name of LDAP_ARTIFACTS) {
        expect(errors[name]?.code, name).toBe('ldap-referral');
        expect(errors[name]?.message).toMatch(/referral to another server.*--ldap-url/);
      }
    } finally {
      await referring.stop();
    }
  });

  it('no read access to the Configuration partition', async () => {
    const { artifacts, errors } = await collect(ldaps({ bindDn: NO_CONFIG_DN }));
    for (const name of [
      'ExchangeOrganization',
      'ExchangeServers',
      'MailboxDatabases',
      'MailboxPlacement',
      'VirtualDirectories',
      'HybridConfiguration',
    ] as const) {
      expect(errors[name]?.code, name).toBe('ldap-insufficient-access');
      expect(errors[name]?.message).toMatch(/cannot read the Configuration partition/);
    }
    // The footprints live in the domain partition; the device-registration SCP is simply not visible.
    expect(artifacts.DirectorySyncFootprints?.mailboxUsers).toBe(10);
    expect(artifacts.DirectorySyncFootprints?.deviceRegistration).toBeNull();
  });

  it('no Exchange organization in the forest', async () => {
    // Users keep their entries but lose homeMDB: a forest that never had Exchange.
    const ldif = withoutEntries(contosoLdif(), (dn) => /CN=Microsoft Exchange,CN=Services,/i.test(dn)).replace(/^homeMDB: .*\n/gm, '');
    const bare = await startSlapd({
      suffix: CONTOSO_SUFFIX,
      ldif,
      rootDse: contosoRootDse(),
      tls: { ...(await ca.issue({ names: ['127.0.0.1'] })), ca: ca.cert },
    });
    try {
      const { artifacts, errors } = await collect(ldapCollectOptions({ ldapUrl: bare.ldapsUrl, caPem: ca.cert }));
      expect(errors.ExchangeServers?.code).toBe('ldap-no-exchange-organization');
      expect(errors.ExchangeServers?.message).toMatch(
        /No Exchange organization found under "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test"/,
      );
      expect(errors.MailboxPlacement?.code).toBe('ldap-no-exchange-organization');
      expect(artifacts.DirectorySyncFootprints?.syncAccounts).toHaveLength(1);
      expect(artifacts.DirectorySyncFootprints?.mailboxUsers).toBe(0);
    } finally {
      await bare.stop();
    }
  });

  it('a connection the server dropped is never silently re-opened', async () => {
    const leaf = await ca.issue({ names: ['127.0.0.1'] });
    const doomed = await startSlapd({
      suffix: CONTOSO_SUFFIX,
      ldif: contosoLdif(),
      rootDse: contosoRootDse(),
      tls: { ...leaf, ca: ca.cert },
    });
    const connection = await openConnection(doomed.ldapUrl, 2000);
    try {
      expect(await connection.read(CONTOSO_SUFFIX, ['dc'])).not.toBeNull();
      await doomed.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const failure = await failureOf(connection.read(CONTOSO_SUFFIX, ['dc']));
      expect(failure.reason).toBe('connection-lost');
    } finally {
      await connection.close();
      await doomed.stop();
    }
  });
});
