// The lab's pure-JS LDAP server (src/lab/ldap-server.ts) against the real LDAP collector and ldapts: a scenario's
// directory, served over LDAPS and StartTLS, must give back the scenario's directory artifacts, page by page; and
// the server must refuse what a domain controller refuses (plain-text binds, wrong passwords, unbound searches).
import {
  Attribute,
  Change,
  Client,
  InvalidCredentialsError,
  NoSuchObjectError,
  OperationsError,
  StrongAuthRequiredError,
  UnwillingToPerformError,
} from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnKey } from '../../src/clients/ldap-escape.js';
import { createLdapCollector, LDAP_ARTIFACTS } from '../../src/collectors/ldap/index.js';
import { LdapDirectory } from '../../src/lab/ldap-directory.js';
import { type LdapLabServer, startLdapLabServer } from '../../src/lab/ldap-server.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { scenarioDirectory } from '../../src/lab/scenario-directory.js';
import { directoryArtifacts } from '../../src/lab/scenarios/artifacts.js';
import { type ScenarioName, scenarioSetup } from '../../src/lab/scenarios/catalogue.js';
import { AD_DOMAIN, BIND_DN, DC_HOST_NAME, DOMAIN_NC, LAB_NAMES, siteDn } from '../../src/lab/scenarios/contoso.js';
import { ldapCollectOptions, recordingContext } from '../support/ldap-fixtures.js';

const PASSWORD = `lab-${Math.random().toString(36).slice(2)}`;
const ALIASES = [`svc-hybridcheck@${AD_DOMAIN}`, 'CORP\\svc-hybridcheck'];

let ca: CertificateAuthority;
const servers: LdapLabServer[] = [];

beforeAll(async () => {
  ca = await createCertificateAuthority('ldap lab test CA');
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(scenario: ScenarioName, maxPageSize?: number) {
  const setup = scenarioSetup(scenario, LAB_NAMES);
  const artifacts = directoryArtifacts(setup);
  const directory = scenarioDirectory(artifacts, {
    adDomain: AD_DOMAIN,
    smtpDomain: LAB_NAMES.smtpDomain,
    dnsHostName: DC_HOST_NAME,
    siteDn,
    bindDn: BIND_DN,
  });
  const server = await startLdapLabServer({
    address: '127.0.0.1',
    tls: await ca.issue({ names: ['127.0.0.1'] }),
    directory,
    accounts: [{ dn: BIND_DN, password: PASSWORD, aliases: ALIASES }],
    ...(maxPageSize ? { maxPageSize } : {}),
  });
  servers.push(server);
  return { server, artifacts, setup };
}

/** DNs compared as AD compares them; lists as multisets (the collector sorts, the definitions need not). */
function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, canonical(item, name)]));
  return key === 'dn' && typeof value === 'string' ? dnKey(value) : value;
}

function collect(url: string, mailboxes: readonly string[], overrides: { password?: string; bindDn?: string; pageSize?: number } = {}) {
  const options = ldapCollectOptions({
    ldapUrl: url,
    caPem: ca.cert,
    bindDn: overrides.bindDn ?? BIND_DN,
    bindPassword: overrides.password ?? PASSWORD,
    mailboxes: [...mailboxes],
  });
  return createLdapCollector(overrides.pageSize ? { pageSize: overrides.pageSize } : {}).collect(LDAP_ARTIFACTS, recordingContext(options));
}

describe.each(['ready', 'mid-migration', 'dag-copy-on-2013', 'directory-sync-never'] as const)('the %s directory', (scenario) => {
  it('gives back its directory artifacts over LDAPS and over StartTLS', async () => {
    const { server, artifacts, setup } = await serve(scenario);
    for (const url of [server.ldapsUrl, server.ldapUrl]) {
      const collected = await collect(url, setup.names.mailboxes);
      expect(collected.errors, url).toEqual({});
      for (const name of LDAP_ARTIFACTS)
        expect(canonical(collected.artifacts[name]), `${name} via ${url}`).toEqual(canonical(artifacts[name]));
    }
    expect(server.log).toContain('starttls');
  });
});

describe('paging', () => {
  it('hands out the mailbox users page by page and the collector gets them all', async () => {
    const { server, artifacts, setup } = await serve('ready');
    const collected = await collect(server.ldapsUrl, setup.names.mailboxes, { pageSize: 200 });
    expect(canonical(collected.artifacts.MailboxPlacement)).toEqual(canonical(artifacts.MailboxPlacement));
    const scans = server.log.filter(
      (line) => line.toLowerCase().includes('(&(objectclass=user)(homemdb=*))') && line.endsWith('paged 200'),
    );
    // 1286 mailbox users in pages of 200: seven requests for the scan (the footprints share it).
    expect(scans).toHaveLength(7);
  });

  it('caps a page at MaxPageSize, as AD does', async () => {
    const { server } = await serve('ready', 100);
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca.cert] }, timeout: 5000, connectTimeout: 5000 });
    try {
      await client.bind(BIND_DN, PASSWORD);
      const sizes: number[] = [];
      for await (const page of client.searchPaginated(DOMAIN_NC, {
        scope: 'sub',
        filter: '(homeMDB=*)',
        attributes: ['1.1'],
        paged: { pageSize: 500 },
      })) {
        sizes.push(page.searchEntries.length);
      }
      expect(Math.max(...sizes)).toBe(100);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(1286);
    } finally {
      await client.unbind();
    }
  });
});

describe('what a domain controller refuses', () => {
  let server: LdapLabServer;
  beforeAll(async () => {
    ({ server } = await serve('ready'));
  });

  it('a wrong password: the collector reports invalid credentials with AD’s diagnosis', async () => {
    const failure = await collect(server.ldapsUrl, [], { password: 'not-the-password' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ reason: 'invalid-credentials' });
    expect((failure as Error).message).toMatch(/password is wrong/);
    expect((failure as Error).message).not.toContain(PASSWORD);
  });

  it('a simple bind over plain LDAP, without StartTLS', async () => {
    const client = new Client({ url: server.ldapUrl, timeout: 5000, connectTimeout: 5000 });
    try {
      await expect(client.bind(BIND_DN, PASSWORD)).rejects.toBeInstanceOf(StrongAuthRequiredError);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  });

  it('writes: the lab directory is read-only, as the account the tool asks for should be', async () => {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca.cert] }, timeout: 5000, connectTimeout: 5000 });
    try {
      await client.bind(BIND_DN, PASSWORD);
      const change = new Change({ operation: 'replace', modification: new Attribute({ type: 'description', values: ['changed'] }) });
      await expect(client.modify(BIND_DN, change)).rejects.toBeInstanceOf(UnwillingToPerformError);
      // The connection stays usable after a refused write.
      const { searchEntries } = await client.search(BIND_DN, { scope: 'base', filter: '(objectClass=user)', attributes: ['description'] });
      expect(searchEntries).toHaveLength(1);
      expect(searchEntries[0]?.['description'] ?? []).toEqual([]);
    } finally {
      await client.unbind();
    }
  });

  it('searches before a bind, except of the RootDSE', async () => {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca.cert] }, timeout: 5000, connectTimeout: 5000 });
    try {
      const rootDse = await client.search('', {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['defaultNamingContext', 'supportedControl'],
      });
      expect(rootDse.searchEntries[0]).toMatchObject({ defaultNamingContext: DOMAIN_NC, supportedControl: '1.2.840.113556.1.4.319' });
      await expect(client.search(DOMAIN_NC, { scope: 'base', filter: '(objectClass=*)' })).rejects.toBeInstanceOf(OperationsError);
      await expect(client.bind(BIND_DN, 'wrong')).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  });
});

describe('what the collector relies on', () => {
  let server: LdapLabServer;
  let client: Client;
  beforeAll(async () => {
    ({ server } = await serve('ready'));
  });

  it.each([BIND_DN.toUpperCase(), ...ALIASES])('binds as %s (AD accepts DN, UPN and DOMAIN\\user)', async (name) => {
    client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca.cert] }, timeout: 5000, connectTimeout: 5000 });
    try {
      await client.bind(name, PASSWORD);
      const { searchEntries } = await client.search(DOMAIN_NC, { scope: 'base', filter: '(objectClass=domainDNS)', attributes: ['dc'] });
      expect(searchEntries).toHaveLength(1);
    } finally {
      await client.unbind();
    }
  });

  it('binary attributes come back as bytes, case-insensitive filters match, other partitions are referred to, a missing base is noSuchObject', async () => {
    client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca.cert] }, timeout: 5000, connectTimeout: 5000 });
    try {
      await client.bind(BIND_DN, PASSWORD);
      const mailbox = LAB_NAMES.mailboxes[0]!;
      const found = await client.search(DOMAIN_NC, {
        scope: 'sub',
        filter: `(|(mail=${mailbox.toUpperCase()})(proxyAddresses=smtp:${mailbox}))`,
        attributes: ['objectGUID', 'homeMDB'],
        explicitBufferAttributes: ['objectGUID'],
      });
      expect(found.searchEntries).toHaveLength(1);
      const guid = found.searchEntries[0]!['objectGUID'];
      expect(Buffer.isBuffer(guid) && guid.length).toBe(16);
      // A subtree search of the domain does not descend into the Configuration partition: it refers to it.
      expect(found.searchReferences).toEqual([`ldap://${AD_DOMAIN}/CN=Configuration,${DOMAIN_NC}`]);
      const sync = await client.search(DOMAIN_NC, {
        scope: 'sub',
        filter: '(&(objectClass=user)(|(sAMAccountName=msol_*)(description=*CONFIGURED to synchronize*)))',
        attributes: ['sAMAccountName'],
      });
      expect(sync.searchEntries.map((entry) => entry['sAMAccountName'])).toEqual(['MSOL_3f6a1c2b9d4e']);
      await expect(client.search(`CN=Nobody,${DOMAIN_NC}`, { scope: 'base', filter: '(objectClass=*)' })).rejects.toBeInstanceOf(
        NoSuchObjectError,
      );
    } finally {
      await client.unbind();
    }
  });
});

it('the directory refuses entries outside its naming contexts and duplicates', () => {
  const directory = () => new LdapDirectory({ namingContexts: [DOMAIN_NC], referralHost: AD_DOMAIN, rootDse: {}, entries: [] });
  expect(() => directory().add({ dn: 'DC=fabrikam,DC=com', attributes: {} })).toThrow(/no naming context/);
  const one = directory();
  one.add({ dn: `CN=A,${DOMAIN_NC}`, attributes: { cn: 'A' } });
  expect(() => one.add({ dn: `cn=a,${DOMAIN_NC.toLowerCase()}`, attributes: { cn: 'A' } })).toThrow(/already holds/);
});
