// import-ems on whole folders in collect-ems.ps1's layout (test/support/ems-folders.ts): what each export becomes,
// what the manifest decides (ran and found nothing, failed), merging by identity, one organization per folder, and the
// checks running unchanged on the result.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { catalogue } from '../../checks/index.js';
import { importEmsFolder } from '../../src/ems/import.js';
import { summaryLine } from '../../src/ems/summary.js';
import { markOf } from '../../src/inventory/identifying.js';
import { EmsProvenance, Inventory } from '../../src/inventory/inventory.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { toClixml } from '../support/clixml-writer.js';
import { exchangeServer, exSetup } from '../support/ems-exports.js';
import { FABRIKAM, writeFabrikamFolder } from '../support/ems-folders.js';

let scratch: string;
let serial = 0;
const folder = () => join(scratch, `folder-${serial++}`);
const at = () => new Date('2026-12-03T08:00:00Z');

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hr-ems-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('a whole organization in collect-ems.ps1 layout', () => {
  let result: Awaited<ReturnType<typeof importEmsFolder>>;
  beforeAll(async () => {
    const dir = folder();
    await writeFabrikamFolder(dir);
    result = await importEmsFolder(dir, { now: at });
  });

  it('is a valid inventory whose time is the manifest time, with provenance saying so', () => {
    const { inventory } = result;
    expect(Inventory.safeParse(inventory).success).toBe(true);
    expect(inventory.collectedAt).toBe('2026-11-30T10:15:00.123Z');
    expect(inventory.settings).toMatchObject({ mode: 'ems', collectedFrom: 'EX16A', globalCatalog: true });
    expect(inventory.settings.ems).toMatchObject({
      collectedAtSource: 'manifest',
      manifest: { tool: 'collect-ems.ps1', toolVersion: '0.1.0', ranBy: 'FABRIKAM\\consultant', computer: 'EX16A' },
    });
    expect(inventory.settings.ems?.manifest?.failures).toEqual([
      { source: 'Get-AuthConfig', error: expect.stringContaining("couldn't be found or access was denied") },
    ]);
    expect(inventory.target).toMatchObject({
      adDomain: 'fabrikam.test',
      mailboxes: ['alex@fabrikam.test', 'remote@fabrikam.test', 'missing@fabrikam.test'],
    });
  });

  it('reads servers with AdminDisplayVersion and the ExSetup.exe version remoting named them by', () => {
    const servers = result.inventory.artifacts.ExchangeServers?.servers ?? [];
    expect(servers.map((server) => [server.name, server.adminDisplayVersion, server.exSetupVersion ?? null, server.build])).toEqual([
      ['EX16A', 'Version 15.1 (Build 2507.6)', '15.1.2507.39', '15.1.2507.39'],
      ['EX19A', 'Version 15.2 (Build 1544.4)', '15.2.1544.4', '15.2.1544.4'],
      ['EX2013', 'Version 15.0 (Build 1497.2)', null, '15.0.1497.2'],
    ]);
    expect(servers[0]).toMatchObject({
      fqdn: 'ex16a.fabrikam.test',
      dn: FABRIKAM.server('EX16A'),
      site: 'Default-First-Site-Name',
      serialNumber: null,
    });
    expect(servers[0]?.roleNames).toEqual(['Mailbox', 'ClientAccess', 'HubTransport', 'FrontendTransport']);
  });

  it('reads every copy of every database, with each host and its activation preference', () => {
    const databases = result.inventory.artifacts.MailboxDatabases?.databases ?? [];
    expect(databases.map((database) => database.name)).toEqual(['DB01', 'DB02', 'RDB1']);
    expect(databases[0]).toMatchObject({
      dn: FABRIKAM.database('DB01'),
      owningServer: 'EX16A',
      masterServerOrDag: 'DAG1',
      isRecovery: false,
      copies: [
        { server: 'EX16A', serverDn: FABRIKAM.server('EX16A'), activationPreference: 1 },
        { server: 'EX2013', serverDn: FABRIKAM.server('EX2013'), activationPreference: 2 },
      ],
    });
    expect(databases[2]?.isRecovery).toBe(true);
  });

  it('counts mailboxes per database by recipient type, system mailboxes apart, and places the named ones', () => {
    const placement = result.inventory.artifacts.MailboxPlacement;
    expect(placement).toMatchObject({ scanned: 20, excludedSystem: 3, globalCatalog: true });
    expect(placement?.byDatabase).toEqual([
      { databaseDn: FABRIKAM.database('DB01'), database: 'DB01', counts: { user: 10, shared: 0, resource: 0, linked: 0, other: 0 } },
      { databaseDn: FABRIKAM.database('DB02'), database: 'DB02', counts: { user: 5, shared: 2, resource: 0, linked: 0, other: 0 } },
    ]);
    expect(placement?.requested).toEqual([
      {
        address: 'alex@fabrikam.test',
        found: true,
        databaseDn: FABRIKAM.database('DB02'),
        database: 'DB02',
        recipientTypeDetails: '1',
        remote: false,
      },
      { address: 'remote@fabrikam.test', found: true, databaseDn: null, database: null, recipientTypeDetails: '2147483648', remote: true },
      { address: 'missing@fabrikam.test', found: false, databaseDn: null, database: null, recipientTypeDetails: null, remote: false },
    ]);
  });

  it('reads the organization, schema and domain versions', () => {
    expect(result.inventory.artifacts.ExchangeOrganization).toEqual({
      name: 'Fabrikam',
      dn: FABRIKAM.organizationDn,
      objectVersion: 16223,
      schemaVersion: 15334,
      domainObjectVersion: 13243,
      namingContexts: {
        configuration: 'CN=Configuration,DC=fabrikam,DC=test',
        schema: 'CN=Schema,CN=Configuration,DC=fabrikam,DC=test',
        defaultDomain: 'DC=fabrikam,DC=test',
      },
    });
  });

  it('reads virtual directories by type, the REST one included', () => {
    const directories = result.inventory.artifacts.VirtualDirectories?.directories ?? [];
    expect(directories.filter((directory) => directory.server === 'EX16A').map((directory) => directory.kind)).toEqual([
      'api',
      'autodiscover',
      'ews',
      'owa',
    ]);
    expect(directories.find((directory) => directory.kind === 'api')).toMatchObject({
      externalUrl: 'https://mail.fabrikam.test/api',
      internalUrl: null,
    });
  });

  it('reads the hybrid OAuth objects and sets aside the auth server of another organization', () => {
    expect(result.inventory.artifacts.HybridConfiguration).toEqual({
      authServers: [
        {
          name: 'ACS - 1c0ffee0',
          type: 'MicrosoftACS',
          enabled: true,
          isDefaultAuthorizationEndpoint: false,
          issuerIdentifier: '00000001-0000-0000-c000-000000000000',
          metadataUrl: 'https://accounts.accesscontrol.windows.net/1c0ffee0-0000-4000-8000-000000000000/metadata/json/1',
          realm: '1c0ffee0-0000-4000-8000-000000000000',
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
          name: 'HybridIOC - 1c0ffee0',
          enabled: true,
          targetAddressDomains: ['fabrikam.mail.onmicrosoft.com'],
          discoveryEndpoint: 'https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc',
        },
      ],
      hybridConfigurationPresent: true,
    });
    expect(result.summary.setAside).toEqual([{ kind: 'AuthServer', file: 'AuthServer.xml', belongsTo: 'Contoso (DC=contoso,DC=test)' }]);
  });

  it('says why every fact an export cannot hold is missing', () => {
    const { artifactErrors } = result.inventory;
    expect(Object.keys(artifactErrors).sort()).toEqual(
      [
        'AutodiscoverProbes',
        'DirectorySyncFootprints',
        'EndpointProbes',
        'FrontEndSamples',
        'GraphOrganization',
        'GraphUsers',
        'PublicDns',
        'RestEndpointProbes',
      ].sort(),
    );
    expect(artifactErrors.PublicDns).toEqual({ code: 'not-in-ems-export', message: expect.stringContaining('public DNS answers') });
    expect(result.summary.missing).toEqual([]);
    expect(summaryLine(result.summary)).toMatch(
      /^read 18 export files from .* \(.*Get-MailboxDatabase.*\); 2 empty exports the manifest accounts for; set aside 1 object of another organization/,
    );
  });

  it('lets every existing check run on it unchanged', () => {
    const results = evaluate({
      inventory: result.inventory,
      checks: catalogue,
      deselected: new Set(),
      options: DEFAULT_EVALUATION_OPTIONS,
    });
    const status = Object.fromEntries(results.map((check) => [check.id, check.status]));
    // EX16A is 2016 CU23, DB01 keeps a copy on Exchange 2013, the schema is at 2016 CU21+, OAuth objects are there,
    // no server is in support on 2026-11-30; the network and Graph facts are not in an export.
    expect(status).toMatchObject({
      'exchange-2016-cu3': 'pass',
      'mailbox-database-placement': 'fail',
      'prepare-ad-cu3': 'pass',
      'hybrid-oauth-configuration': 'pass',
      // mail.fabrikam.test is the OWA URL of EX2013 and of the 2016+ servers alike: not proof, worth a look.
      'load-balancer-2013-free': 'warn',
      'exchange-support-lifecycle': 'fail',
      'autodiscover-public-dns': 'error',
      'directory-sync': 'error',
    });
    const placement = results.find((check) => check.id === 'mailbox-database-placement');
    expect(placement?.findings.find((finding) => finding.status === 'fail')?.subject).toEqual({ kind: 'database', name: 'DB01' });
    const cu3 = results.find((check) => check.id === 'exchange-2016-cu3');
    expect(cu3?.findings.find((finding) => finding.subject.name === 'EX16A')?.evidence).toMatchObject({
      adminDisplayVersion: 'Version 15.1 (Build 2507.6)',
      exSetupVersion: '15.1.2507.39',
      buildSource: 'ExSetup',
    });
  });
});

describe('what the manifest decides', () => {
  it('an empty export that the manifest says ran is an empty list; without the manifest it is missing', async () => {
    const empty = (exports: Record<string, unknown[]>) => {
      exports['IntraOrganizationConnector.xml'] = [];
    };
    const withManifest = folder();
    await writeFabrikamFolder(withManifest, empty);
    const ran = await importEmsFolder(withManifest, { now: at });
    expect(ran.inventory.artifacts.HybridConfiguration?.intraOrganizationConnectors).toEqual([]);

    const without = folder();
    await writeFabrikamFolder(without, empty, { manifest: false });
    const unknown = await importEmsFolder(without, { now: at });
    expect(unknown.inventory.artifacts.HybridConfiguration).toBeUndefined();
    expect(unknown.inventory.artifactErrors.HybridConfiguration).toEqual({
      code: 'ems-not-exported',
      message: expect.stringContaining('no Get-IntraOrganizationConnector export'),
    });
    expect(unknown.inventory.collectedAt).toBe('2026-12-03T08:00:00.000Z');
    expect(unknown.inventory.settings.ems).toMatchObject({ collectedAtSource: 'import', manifest: null });
    expect(summaryLine(unknown.summary)).toContain('no manifest, so collectedAt is the time of this import');
  });

  it('an export the manifest says failed is an error with its reason, even when a stale file is there', async () => {
    const dir = folder();
    await writeFabrikamFolder(dir);
    const manifestPath = join(dir, 'manifest.xml');
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(manifestPath, 'utf8');
    await writeFile(
      manifestPath,
      text.replace(
        /(<S N="Source">Get-MailboxDatabase<\/S>\s*<S N="File">MailboxDatabase.xml<\/S>\s*<I32 N="Count">\d+<\/I32>\s*)<Nil N="Error" \/>/,
        '$1<S N="Error">Active Directory operation failed on dc01.fabrikam.test.</S>',
      ),
    );
    const { inventory } = await importEmsFolder(dir, { now: at });
    expect(inventory.artifacts.MailboxDatabases).toBeUndefined();
    expect(inventory.artifactErrors.MailboxDatabases).toEqual({
      code: 'ems-export-failed',
      message: 'Get-MailboxDatabase failed when collect-ems.ps1 ran: Active Directory operation failed on dc01.fabrikam.test.',
    });
  });
});

describe('several exports of one object', () => {
  it('keeps the newest by WhenChangedUTC, and the highest ExSetup.exe version of a server', async () => {
    const dir = folder();
    await writeFabrikamFolder(dir);
    const older = exchangeServer({
      name: 'EX16A',
      fqdn: 'ex16a.fabrikam.test',
      dn: FABRIKAM.server('EX16A'),
      version: [15, 1, 2507, 2],
      guid: '1a000000-0000-4000-8000-000000002016',
      whenChangedUtc: '2025-01-01T00:00:00Z',
    });
    await writeFile(join(dir, 'old-ExchangeServer.xml'), toClixml([older]));
    await writeFile(join(dir, 'ExSetup.EX16A.before-update.xml'), toClixml([exSetup([15, 1, 2507, 35], 'ex16a.fabrikam.test')]));
    const { inventory, summary } = await importEmsFolder(dir, { now: at });
    const ex16a = inventory.artifacts.ExchangeServers?.servers.find((server) => server.name === 'EX16A');
    expect(ex16a).toMatchObject({ adminDisplayVersion: 'Version 15.1 (Build 2507.6)', exSetupVersion: '15.1.2507.39' });
    expect(inventory.artifacts.ExchangeServers?.servers).toHaveLength(3);
    expect(summary.replaced).toBe(1);
    expect(summary.notes).toContain('2 ExSetup.exe versions of EX16A: kept the newest, 15.1.2507.39');
  });
});

describe('one organization per folder', () => {
  it('without Get-OrganizationConfig, objects of two organizations make every organization fact an error', async () => {
    const dir = folder();
    await writeFabrikamFolder(
      dir,
      (exports) => {
        delete exports['OrganizationConfig.xml'];
      },
      { manifest: false },
    );
    const { inventory } = await importEmsFolder(dir, { now: at });
    expect(inventory.artifacts.ExchangeServers).toBeUndefined();
    expect(inventory.artifactErrors.ExchangeServers).toEqual({
      code: 'ems-mixed-organizations',
      message: expect.stringMatching(/exports of 2 organizations \(Fabrikam \(DC=fabrikam,DC=test\), Contoso \(DC=contoso,DC=test\)\)/),
    });
    expect(inventory.artifactErrors.ExchangeOrganization?.code).toBe('ems-mixed-organizations');
  });
});

describe('files', () => {
  it('reads UTF-16 exports (Windows PowerShell 5.1 writes them by default) like UTF-8 ones', async () => {
    const dir = folder();
    await writeFabrikamFolder(dir);
    const { readFile } = await import('node:fs/promises');
    const utf8 = (await readFile(join(dir, 'ExchangeServer.xml'), 'utf8')).replace(/^\uFEFF/, '');
    await writeFile(join(dir, 'ExchangeServer.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]));
    const { inventory } = await importEmsFolder(dir, { now: at });
    expect(inventory.artifacts.ExchangeServers?.servers.map((server) => server.name)).toEqual(['EX16A', 'EX19A', 'EX2013']);
  });

  it('skips files that are not CliXml, subfolders and links, and names them', async () => {
    const dir = folder();
    await writeFabrikamFolder(dir);
    const { mkdir, symlink } = await import('node:fs/promises');
    await writeFile(join(dir, 'web.config'), '<configuration/>');
    await writeFile(join(dir, 'notes\u001b[31m.txt'), 'hello');
    await writeFile(join(dir, 'invoice\u202Egpj.xml'), 'hello');
    await mkdir(join(dir, 'IIS'));
    await symlink('/etc/passwd', join(dir, 'link.xml'));
    const { summary } = await importEmsFolder(dir, { now: at });
    expect(summary.skipped).toEqual([
      { name: 'IIS', why: 'a folder' },
      { name: 'invoice\u202Egpj.xml', why: 'not CliXml' },
      { name: 'link.xml', why: 'not a regular file' },
      { name: 'notes\u001b[31m.txt', why: 'not CliXml' },
      { name: 'web.config', why: 'not CliXml' },
    ]);
    const line = summaryLine(summary);
    expect(line).not.toMatch(/\u001b/);
    expect(line).toContain('invoice\\u202egpj.xml');
    expect(line).toContain('notes\u241b[31m.txt');
    expect(line).not.toMatch(/\u202e/);
  });
});

describe('redaction marks', () => {
  it('marks every name the import adds to the inventory: who ran the script, where, file names, failure texts', () => {
    const manifest = EmsProvenance.shape.manifest.unwrap();
    expect(markOf(manifest.shape.ranBy)).toEqual({ names: 'account' });
    expect(markOf(manifest.shape.computer)).toEqual({ names: 'computer' });
    expect(markOf(manifest.shape.failures.element.shape.error)).toEqual({ names: 'free-text' });
    expect(markOf(EmsProvenance.shape.files.element.shape.file)).toEqual({ names: 'free-text' });
    expect(markOf(EmsProvenance.shape.notRead.element)).toEqual({ names: 'free-text' });
  });
});
