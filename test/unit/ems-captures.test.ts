// import-ems on real Exchange Management Shell captures: microsoft/CSS-Exchange (MIT), commit
// f88378b1e7a252e413cb2e579e88411393737c11, Diagnostics/HealthChecker/Tests/DataCollection/E16/Exchange/ and
// …/E19/Exchange/ (copied unchanged to test/vectors/css-exchange/healthchecker as <lab>-<file>; test/vectors/README.md says what each is). The builds,
// schema rangeUpper and organization objectVersion must come out exactly as those Exchange labs reported them, and
// what the captures do not hold must end `error` in the checks that need it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { catalogue } from '../../checks/index.js';
import { importEmsFolder } from '../../src/ems/import.js';
import { summaryLine } from '../../src/ems/summary.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import type { CheckResult } from '../../src/report/report.js';
import { copyCaptures, writeE19ScriptLayout } from '../support/ems-folders.js';

const E16_FILES = [
  'ExSetup.xml',
  'GetAcceptedDomain.xml',
  'GetAuthConfig.xml',
  'GetExchangeAdSchemaClass_ms-Exch-Schema-Version-Pt.xml',
  'GetExchangeAdSchemaClass_ms-Exch-Storage-Group.xml',
  'GetExchangeServer.xml',
  'GetOrganizationConfig.xml',
  'GetServiceMitigation.xml',
  'GetWebServicesVirtualDirectory.xml',
];
const E19_FILES = [
  'ExSetup.xml',
  'GetAuthConfig.xml',
  'GetExchangeAdSchemaClass_ms-Exch-Schema-Version-Pt.xml',
  'GetExchangeServer.xml',
  'GetHybridConfiguration.xml',
  'GetOrganizationConfig.xml',
  'GetOrganizationConfig1.xml',
  'GetOwaVirtualDirectory.xml',
  'GetPartnerApplication.xml',
  'GetSettingOverride.xml',
  'GetWebServicesVirtualDirectory.xml',
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hr-ems-captures-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const now = () => new Date('2026-12-03T09:00:00Z');

function assess(inventory: Inventory): Record<string, CheckResult> {
  const results = evaluate({ inventory, checks: catalogue, deselected: new Set(), options: DEFAULT_EVALUATION_OPTIONS });
  return Object.fromEntries(results.map((result) => [result.id, result]));
}

function serverFinding(result: CheckResult | undefined, server: string) {
  return result?.findings.find((finding) => finding.subject.name === server);
}

describe('the Exchange 2016 lab, as HealthChecker left its exports', () => {
  let inventory: Inventory;
  let line: string;
  beforeAll(async () => {
    const folder = join(scratch, 'E16');
    await copyCaptures('E16', folder, E16_FILES);
    const result = await importEmsFolder(folder, { now });
    inventory = result.inventory;
    line = summaryLine(result.summary);
  });

  it('reads the build as Exchange reports it: AdminDisplayVersion and ExSetup.exe 15.1.2375.7 (2016 CU22)', () => {
    expect(inventory.artifacts.ExchangeServers?.servers).toEqual([
      expect.objectContaining({
        name: 'SOLO-E16A',
        fqdn: 'solo-e16a.solo.local',
        adminDisplayVersion: 'Version 15.1 (Build 2375.7)',
        exSetupVersion: '15.1.2375.7',
        build: '15.1.2375.7',
      }),
    ]);
    const results = assess(inventory);
    expect(results['exchange-2016-cu3']?.status).toBe('pass');
    expect(serverFinding(results['exchange-2016-cu3'], 'SOLO-E16A')?.evidence).toMatchObject({
      build: '15.1.2375.7 (Exchange 2016 CU22)',
      buildSource: 'ExSetup',
      product: 'Exchange 2016',
    });
    expect(results['exchange-support-lifecycle']?.status).toBe('fail');
  });

  it('reads the schema rangeUpper 15334 and the organization objectVersion 16222', () => {
    expect(inventory.artifacts.ExchangeOrganization).toMatchObject({ name: 'SoloORG', schemaVersion: 15334, objectVersion: 16222 });
    const prepare = assess(inventory)['prepare-ad-cu3'];
    expect(prepare?.status).toBe('pass');
    expect(prepare?.findings[0]?.evidence).toMatchObject({ schemaVersion: 15334, organizationObjectVersion: 16222 });
  });

  it('says error for what the captures do not hold, and sets aside the accepted domains of another forest', () => {
    const results = assess(inventory);
    for (const id of ['mailbox-database-placement', 'hybrid-oauth-configuration', 'load-balancer-2013-free', 'autodiscover-public-dns']) {
      expect(results[id]?.status, id).toBe('error');
    }
    expect(results['mailbox-database-placement']?.reason).toContain('the folder holds no Get-MailboxDatabase export');
    expect(results['hybrid-oauth-configuration']?.reason).toContain(
      'no Get-AuthServer, Get-PartnerApplication, Get-IntraOrganizationConnector',
    );
    expect(line).toContain('set aside 3 objects of another organization (SoloORG (DC=Solo,DC=com))');
    expect(line).toContain('not read: GetExchangeAdSchemaClass_ms-Exch-Storage-Group.xml, GetServiceMitigation.xml');
    expect(inventory.collectedAt).toBe('2026-12-03T09:00:00.000Z');
    expect(inventory.settings.ems?.collectedAtSource).toBe('import');
  });
});

describe('the Exchange 2019 lab, as HealthChecker left its exports', () => {
  let inventory: Inventory;
  let line: string;
  beforeAll(async () => {
    const folder = join(scratch, 'E19');
    await copyCaptures('E19', folder, E19_FILES);
    const result = await importEmsFolder(folder, { now });
    inventory = result.inventory;
    line = summaryLine(result.summary);
  });

  it('reads the build as Exchange reports it: 15.2.986.5 (2019 CU11) in AdminDisplayVersion and ExSetup.exe', () => {
    expect(inventory.artifacts.ExchangeServers?.servers).toEqual([
      expect.objectContaining({ name: 'SOLO-E19A', adminDisplayVersion: 'Version 15.2 (Build 986.5)', exSetupVersion: '15.2.986.5' }),
    ]);
    expect(serverFinding(assess(inventory)['exchange-2016-cu3'], 'SOLO-E19A')?.evidence).toMatchObject({
      build: '15.2.986.5 (Exchange 2019 CU11)',
      product: 'Exchange 2019',
    });
  });

  it('reads the schema rangeUpper 17003 and the organization objectVersion 16759, merging the two organization exports', () => {
    expect(inventory.artifacts.ExchangeOrganization).toMatchObject({ name: 'SoloORG', schemaVersion: 17003, objectVersion: 16759 });
    expect(line).toContain('1 older export of the same object replaced by the newest');
  });

  it("never mixes in the other labs' hybrid objects: HybridConfiguration is an error, not an empty pass", () => {
    expect(inventory.artifacts.HybridConfiguration).toBeUndefined();
    expect(assess(inventory)['hybrid-oauth-configuration']?.status).toBe('error');
    // Five partner applications, one hybrid configuration, one setting override: three other labs.
    expect(line).toContain(
      'set aside 7 objects of another organization (Exchange Labs (DC=contoso,DC=lab), Exchange Labs (DC=365labs,DC=net), First Organization (DC=exlab,DC=dom))',
    );
  });

  it("of HealthChecker's two ExSetup.exe captures of one server, keeps the newer version", async () => {
    const folder = join(scratch, 'E19-two-exsetup');
    await copyCaptures('E19', folder, ['ExSetup.xml', 'ExSetup1.xml', 'GetExchangeServer.xml']);
    const { inventory: merged, summary } = await importEmsFolder(folder, { now });
    expect(merged.artifacts.ExchangeServers?.servers[0]).toMatchObject({
      adminDisplayVersion: 'Version 15.2 (Build 986.5)',
      exSetupVersion: '15.2.1118.25',
    });
    expect(summary.notes).toContain('2 ExSetup.exe versions of SOLO-E19A: kept the newest, 15.2.1118.25');
  });
});

describe('the Exchange 2019 captures arranged as collect-ems.ps1 writes them, with its manifest', () => {
  it('recognises every file, takes collectedAt from the manifest, and reads the same facts', async () => {
    const folder = join(scratch, 'E19-script');
    await writeE19ScriptLayout(folder);
    const { inventory, summary } = await importEmsFolder(folder, { now });
    expect(summary.unrecognised).toEqual([]);
    expect(summary.skipped).toEqual([]);
    expect(summary.recognised.map((file) => file.name).sort()).toEqual(
      [
        'AuthConfig.xml',
        'ExSetup.SOLO-E19A.xml',
        'ExchangeServer.xml',
        'OrganizationConfig.xml',
        'OwaVirtualDirectory.xml',
        'SchemaVersion.xml',
        'WebServicesVirtualDirectory.xml',
        'manifest.xml',
      ].sort(),
    );
    expect(inventory.collectedAt).toBe('2026-11-30T10:15:00.123Z');
    expect(inventory.settings).toMatchObject({ mode: 'ems', collectedFrom: 'SOLO-E19A', ems: { collectedAtSource: 'manifest' } });
    expect(inventory.artifacts.ExchangeServers?.servers[0]).toMatchObject({ exSetupVersion: '15.2.986.5' });
    expect(inventory.artifacts.ExchangeOrganization).toMatchObject({ schemaVersion: 17003, objectVersion: 16759 });
    // The captures hold no Get-MailboxDatabase, mailbox count, Get-AuthServer or Autodiscover directory.
    expect(summary.missing).toEqual(['MailboxDatabases', 'MailboxPlacement', 'VirtualDirectories', 'HybridConfiguration']);
  });
});
