// What Exchange /PrepareSchema writes to rangeUpper of CN=ms-Exch-Schema-Version-Pt, per release.
// Sources: Microsoft's "Prepare Active Directory and domains" (Exchange 2016 values, docs/facts/builds.md §4) and the schema values
// CSS-Exchange's HealthChecker assigns per CU (Exchange 2013 and 2019).
import type { Source } from '../api.js';

export const adPrepSources: readonly Source[] = [
  {
    title: 'Prepare Active Directory and domains for Exchange Server',
    url: 'https://learn.microsoft.com/en-us/exchange/plan-and-deploy/prepare-ad-and-domains',
  },
  {
    title: 'microsoft/CSS-Exchange Get-ExchangeBuildVersionInformation.ps1 (AD schema values per CU)',
    url: 'https://github.com/microsoft/CSS-Exchange/blob/01bad118924cbe49c50f6a5233bb04fc6010ddd2/Shared/Get-ExchangeBuildVersionInformation.ps1',
  },
];

/** rangeUpper written by Exchange 2016 CU3's /PrepareSchema: the value R3 requires at least. */
export const CU3_SCHEMA_VERSION = 15326;
/** Organization objectVersion after Exchange 2016 CU3's /PrepareAD; CU2 writes the same value. */
export const CU3_ORGANIZATION_VERSION = 16212;

export const schemaVersions: readonly [rangeUpper: number, releases: string][] = [
  [15254, 'Exchange 2013 CU1'],
  [15281, 'Exchange 2013 CU2'],
  [15283, 'Exchange 2013 CU3'],
  [15292, 'Exchange 2013 SP1 (CU4)'],
  [15300, 'Exchange 2013 CU5'],
  [15303, 'Exchange 2013 CU6'],
  [15312, 'Exchange 2013 CU7 or later'],
  [15317, 'Exchange 2016 RTM'],
  [15323, 'Exchange 2016 CU1'],
  [15325, 'Exchange 2016 CU2'],
  [15326, 'Exchange 2016 CU3–CU5'],
  [15330, 'Exchange 2016 CU6'],
  [15332, 'Exchange 2016 CU7–CU18'],
  [15333, 'Exchange 2016 CU19–CU20'],
  [15334, 'Exchange 2016 CU21 or later'],
  [17000, 'Exchange 2019 RTM–CU1'],
  [17001, 'Exchange 2019 CU2–CU7'],
  [17002, 'Exchange 2019 CU8–CU9'],
  [17003, 'Exchange 2019 CU10 or later, or Exchange Server SE'],
];

/** "Exchange 2016 CU3–CU5", or where an unlisted value falls between listed ones. */
export function describeSchemaVersion(rangeUpper: number): string {
  const exact = schemaVersions.find(([value]) => value === rangeUpper);
  if (exact) return exact[1];
  const lower = schemaVersions.filter(([value]) => value < rangeUpper).at(-1);
  if (!lower) return 'older than every listed Exchange 2013 schema';
  const higher = schemaVersions.find(([value]) => value > rangeUpper);
  return higher ? `an unlisted value between ${lower[1]} and ${higher[1]}` : `an unlisted value above ${lower[1]}`;
}
