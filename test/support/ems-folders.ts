// Folders of Exchange Management Shell exports for the import-ems tests:
// - writeE19ScriptLayout: the real CSS-Exchange captures of one lab (test/vectors/css-exchange/healthchecker), renamed
//   and arranged as collect-ems.ps1 writes them, with the committed manifest (test/fixtures/collect-ems/);
// - copyCaptures: a lab's captures under the names HealthChecker's tests keep them by;
// - writeFabrikamFolder: a whole organization in collect-ems.ps1's layout, for the cmdlets no capture holds.
import { copyFile, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ClixmlObject, toClixml } from './clixml-writer.js';
import {
  b,
  configurationObject,
  deserialized,
  exchangeServer,
  exSetup,
  mailboxCount,
  mailboxDatabase,
  manifest,
  organizationConfig,
  recipient,
  s,
  searchResult,
  virtualDirectory,
} from './ems-exports.js';
import { repoRoot } from './scenario-reports.js';

/** The captures, named `<E16|E19>-<original name>` (test/vectors/README.md). */
const capturesRoot = join(repoRoot, 'test', 'vectors', 'css-exchange', 'healthchecker');

export function capturePath(lab: 'E16' | 'E19', name: string): string {
  return join(capturesRoot, `${lab}-${name}`);
}
const collectEmsFixtures = join(repoRoot, 'test', 'fixtures', 'collect-ems');

/** collect-ems.ps1's file name → the E19 capture it stands for (the captures of SoloORG only; see test/vectors/README.md). */
export const E19_AS_THE_SCRIPT_WRITES: Readonly<Record<string, string>> = {
  'ExchangeServer.xml': 'GetExchangeServer.xml',
  'ExSetup.SOLO-E19A.xml': 'ExSetup.xml',
  'OrganizationConfig.xml': 'GetOrganizationConfig.xml',
  'SchemaVersion.xml': 'GetExchangeAdSchemaClass_ms-Exch-Schema-Version-Pt.xml',
  'OwaVirtualDirectory.xml': 'GetOwaVirtualDirectory.xml',
  'WebServicesVirtualDirectory.xml': 'GetWebServicesVirtualDirectory.xml',
  'AuthConfig.xml': 'GetAuthConfig.xml',
};

/** The E19 captures in collect-ems.ps1's layout, plus test/fixtures/collect-ems/manifest-e19.xml as manifest.xml. */
export async function writeE19ScriptLayout(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, capture] of Object.entries(E19_AS_THE_SCRIPT_WRITES)) await copyFile(capturePath('E19', capture), join(folder, name));
  await copyFile(join(collectEmsFixtures, 'manifest-e19.xml'), join(folder, 'manifest.xml'));
}

/** A lab's captures as HealthChecker's tests keep them, with fixed modification times so merges do not depend on checkout. */
export async function copyCaptures(lab: 'E16' | 'E19', folder: string, names: readonly string[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [index, name] of names.entries()) {
    await copyFile(capturePath(lab, name), join(folder, name));
    const time = new Date(Date.UTC(2026, 10, 1, 0, index));
    await utimes(join(folder, name), time, time);
  }
}

const ORG = 'CN=Fabrikam,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=fabrikam,DC=test';
const GROUP = `CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${ORG}`;
export const FABRIKAM = {
  organizationDn: ORG,
  server: (name: string) => `CN=${name},CN=Servers,${GROUP}`,
  database: (name: string) => `CN=${name},CN=Databases,${GROUP}`,
};

/**
 * Fabrikam in the middle of leaving Exchange 2013: EX2013 (2013 CU23) still holds a copy of DB01; EX16A (2016 CU23,
 * ExSetup at the April 2024 HU) and EX19A (2019 CU14, exported through remoting) hold the rest.
 */
export function fabrikamExports(): Record<string, ClixmlObject[]> {
  const servers = {
    EX2013: exchangeServer({
      name: 'EX2013',
      fqdn: 'ex2013.fabrikam.test',
      dn: FABRIKAM.server('EX2013'),
      version: [15, 0, 1497, 2],
      guid: '1a000000-0000-4000-8000-000000002013',
    }),
    EX16A: exchangeServer({
      name: 'EX16A',
      fqdn: 'ex16a.fabrikam.test',
      dn: FABRIKAM.server('EX16A'),
      version: [15, 1, 2507, 6],
      guid: '1a000000-0000-4000-8000-000000002016',
    }),
    EX19A: exchangeServer({
      name: 'EX19A',
      fqdn: 'ex19a.fabrikam.test',
      dn: FABRIKAM.server('EX19A'),
      version: [15, 2, 1544, 4],
      guid: '1a000000-0000-4000-8000-000000002019',
    }),
  };
  const copy = (server: keyof typeof servers) => ({ server, serverDn: FABRIKAM.server(server) });
  const auth = (name: string) => `CN=${name},CN=Auth Servers,CN=Auth Configuration,${ORG}`;
  return {
    'ExchangeServer.xml': [servers.EX2013, servers.EX16A, deserialized(servers.EX19A)],
    'ExSetup.EX16A.xml': [deserialized(exSetup([15, 1, 2507, 39], 'ex16a.fabrikam.test'))],
    'ExSetup.EX19A.xml': [deserialized(exSetup([15, 2, 1544, 4], 'ex19a.fabrikam.test'))],
    'MailboxDatabase.xml': [
      mailboxDatabase({
        name: 'DB01',
        dn: FABRIKAM.database('DB01'),
        guid: 'db000000-0000-4000-8000-000000000001',
        copies: [copy('EX16A'), copy('EX2013')],
        owner: 'EX16A',
      }),
      mailboxDatabase({
        name: 'DB02',
        dn: FABRIKAM.database('DB02'),
        guid: 'db000000-0000-4000-8000-000000000002',
        copies: [copy('EX19A'), copy('EX16A')],
        owner: 'EX19A',
      }),
      mailboxDatabase({
        name: 'RDB1',
        dn: FABRIKAM.database('RDB1'),
        guid: 'db000000-0000-4000-8000-000000000003',
        copies: [copy('EX16A')],
        owner: 'EX16A',
        recovery: true,
      }),
    ],
    'MailboxCount.xml': [
      mailboxCount(FABRIKAM.database('DB01'), '1', 10),
      mailboxCount(FABRIKAM.database('DB02'), '1', 5),
      mailboxCount(FABRIKAM.database('DB02'), '4', 2),
      mailboxCount(FABRIKAM.database('DB02'), '8388608', 3),
    ],
    'Recipient.xml': [
      recipient('alex@fabrikam.test', 'UserMailbox', 1, FABRIKAM.database('DB02')),
      recipient('remote@fabrikam.test', 'RemoteUserMailbox', 2147483648, null),
    ],
    'OrganizationConfig.xml': [organizationConfig('Fabrikam', ORG, 16223, '2026-06-01T09:00:00Z')],
    'SchemaVersion.xml': [
      searchResult('CN=ms-Exch-Schema-Version-Pt,CN=Schema,CN=Configuration,DC=fabrikam,DC=test', { rangeupper: [{ I32: 15334 }] }),
    ],
    'DomainObjectVersion.xml': [
      searchResult('CN=Microsoft Exchange System Objects,DC=fabrikam,DC=test', { objectversion: [{ I32: 13243 }] }),
    ],
    'AuthServer.xml': [
      configurationObject('AuthServer', auth('ACS - 1c0ffee0'), 'a0000000-0000-4000-8000-000000000001', {
        Type: {
          types: ['Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServerType', 'System.Enum'],
          shown: 'MicrosoftACS',
          value: { I32: 1 },
        },
        Enabled: b(true),
        IsDefaultAuthorizationEndpoint: b(false),
        IssuerIdentifier: s('00000001-0000-0000-c000-000000000000'),
        AuthMetadataUrl: s('https://accounts.accesscontrol.windows.net/1c0ffee0-0000-4000-8000-000000000000/metadata/json/1'),
        Realm: s('1c0ffee0-0000-4000-8000-000000000000'),
      }),
      // An auth server of another organization, exported into the same folder by mistake: set aside.
      configurationObject(
        'AuthServer',
        'CN=EvoSts,CN=Auth Servers,CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test',
        'a0000000-0000-4000-8000-000000000099',
        { Enabled: b(true) },
      ),
    ],
    'PartnerApplication.xml': [
      configurationObject(
        'PartnerApplication',
        `CN=Exchange Online,CN=Partner Applications,CN=Auth Configuration,${ORG}`,
        'b0000000-0000-4000-8000-000000000001',
        {
          Enabled: b(true),
          ApplicationIdentifier: s('00000002-0000-0ff1-ce00-000000000000'),
          Realm: s(''),
          UseAuthServer: b(true),
        },
      ),
    ],
    'IntraOrganizationConnector.xml': [
      configurationObject(
        'IntraOrganizationConnector',
        `CN=HybridIOC - 1c0ffee0,CN=Intra Organization Connectors,${ORG}`,
        'c0000000-0000-4000-8000-000000000001',
        {
          Enabled: b(true),
          TargetAddressDomains: {
            types: ['Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmtpDomain]]', 'System.Object'],
            list: [s('Fabrikam.mail.onmicrosoft.com')],
          },
          DiscoveryEndpoint: { URI: 'https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc' },
        },
      ),
    ],
    'HybridConfiguration.xml': [
      configurationObject(
        'HybridConfiguration',
        `CN=Hybrid Configuration,CN=Hybrid Configuration,${ORG}`,
        'd0000000-0000-4000-8000-000000000001',
        {},
      ),
    ],
    'OwaVirtualDirectory.xml': ['EX16A', 'EX19A', 'EX2013'].map((server) =>
      virtualDirectory(
        'ADOwaVirtualDirectory',
        'owa (Default Web Site)',
        FABRIKAM.server(server),
        `https://${server.toLowerCase()}.fabrikam.test/owa`,
        'https://mail.fabrikam.test/owa',
      ),
    ),
    'WebServicesVirtualDirectory.xml': ['EX16A', 'EX19A'].map((server) =>
      virtualDirectory(
        'ADWebServicesVirtualDirectory',
        'EWS (Default Web Site)',
        FABRIKAM.server(server),
        null,
        'https://mail.fabrikam.test/EWS/Exchange.asmx',
      ),
    ),
    'AutodiscoverVirtualDirectory.xml': [
      virtualDirectory('ADAutodiscoverVirtualDirectory', 'Autodiscover (Default Web Site)', FABRIKAM.server('EX16A'), null, null),
    ],
    'RestVirtualDirectory.xml': [
      virtualDirectory(
        'ADRestVirtualDirectory',
        'API (Default Web Site)',
        FABRIKAM.server('EX16A'),
        null,
        'https://mail.fabrikam.test/api',
      ),
    ],
    'SettingOverride.xml': [],
    'AuthConfig.xml': [],
  };
}

/** What the manifest of the Fabrikam run says about each export (AuthConfig was denied). */
function fabrikamManifest(exports: Record<string, ClixmlObject[]>, mailboxes: string[]): ClixmlObject {
  const sources: Record<string, string> = {
    'ExchangeServer.xml': 'Get-ExchangeServer',
    'ExSetup.EX16A.xml': 'ExSetup.exe',
    'ExSetup.EX19A.xml': 'ExSetup.exe',
    'MailboxDatabase.xml': 'Get-MailboxDatabase',
    'MailboxCount.xml': 'MailboxCount',
    'Recipient.xml': 'Get-Recipient',
    'OrganizationConfig.xml': 'Get-OrganizationConfig',
    'SchemaVersion.xml': 'ms-Exch-Schema-Version-Pt',
    'DomainObjectVersion.xml': 'Microsoft Exchange System Objects',
    'AuthServer.xml': 'Get-AuthServer',
    'PartnerApplication.xml': 'Get-PartnerApplication',
    'IntraOrganizationConnector.xml': 'Get-IntraOrganizationConnector',
    'HybridConfiguration.xml': 'Get-HybridConfiguration',
    'OwaVirtualDirectory.xml': 'Get-OwaVirtualDirectory',
    'WebServicesVirtualDirectory.xml': 'Get-WebServicesVirtualDirectory',
    'AutodiscoverVirtualDirectory.xml': 'Get-AutodiscoverVirtualDirectory',
    'RestVirtualDirectory.xml': 'Get-RestVirtualDirectory',
    'SettingOverride.xml': 'Get-SettingOverride',
    'AuthConfig.xml': 'Get-AuthConfig',
  };
  return manifest({
    startedAt: '2026-11-30T10:15:00.1234567Z',
    finishedAt: '2026-11-30T10:16:41.7654321Z',
    mailboxes,
    exports: Object.entries(exports).map(([file, objects]) => ({
      source: sources[file] ?? file,
      file,
      count: objects.length,
      ...(file === 'AuthConfig.xml'
        ? { error: "The operation couldn't be performed because object 'Auth Configuration' couldn't be found or access was denied." }
        : {}),
    })),
  });
}

/** Writes the Fabrikam folder; `change` may drop or replace files before they are written. */
export async function writeFabrikamFolder(
  folder: string,
  change: (exports: Record<string, ClixmlObject[]>) => void = () => undefined,
  options: { manifest?: boolean; mailboxes?: string[] } = {},
): Promise<void> {
  const exports = fabrikamExports();
  change(exports);
  await mkdir(folder, { recursive: true });
  for (const [file, objects] of Object.entries(exports)) await writeFile(join(folder, file), toClixml(objects));
  if (options.manifest !== false) {
    const mailboxes = options.mailboxes ?? ['alex@fabrikam.test', 'remote@fabrikam.test', 'missing@fabrikam.test'];
    await writeFile(join(folder, 'manifest.xml'), toClixml([fabrikamManifest(exports, mailboxes)]));
  }
}
