// The Exchange build table: every 2013, 2016, 2019 and SE cumulative update and the security/hotfix updates
// Microsoft published for them, with where the data comes from and how current it is.
// Release dates are given only where a source states them; null otherwise. The newest date is the table's as-of
// date; builds released since are named from a user catalogue (`hybrid-readiness catalogue update`), see
// checks/lib/build-catalogue.ts.

import type { OnPremisesProduct } from '../../src/exchange/version.js';
import type { Source } from '../api.js';

export type BuildKind = 'Preview' | 'RTM' | 'CU' | 'SU' | 'HU';

export interface BuildEntry {
  /** Short form, e.g. "15.1.2507.66". */
  build: string;
  product: OnPremisesProduct;
  /** "CU23", "CU23 Feb26SU", "SP1 (CU4)", "RTM Aug25SU". */
  name: string;
  kind: BuildKind;
  /** YYYY-MM-DD, or null when no source gives the date. */
  released: string | null;
}

export const buildTableSources: readonly Source[] = [
  {
    title: 'Exchange Server build numbers and release dates (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates',
  },
  {
    title: 'microsoft/Get-ExchangeBuildNumber ExchangeBuildNumbers.csv (commit a2c819b8, builds and dates through Aug26SU)',
    url: 'https://github.com/microsoft/Get-ExchangeBuildNumber/blob/a2c819b81a8f35b910ac65218e9afb4a13a949e4/ExchangeBuildNumbers.csv',
  },
  {
    title: 'microsoft/CSS-Exchange GetExchangeBuildDictionary (commit 01bad118, through Sep26SUv2)',
    url: 'https://github.com/microsoft/CSS-Exchange/blob/01bad118924cbe49c50f6a5233bb04fc6010ddd2/Shared/Get-ExchangeBuildVersionInformation.ps1',
  },
];

type Update = readonly [name: string, revision: number, released: string | null];
interface Release {
  name: string;
  kind: 'Preview' | 'RTM' | 'CU';
  build: string;
  released: string;
  updates?: readonly Update[];
}

// Where the CSV and CSS-Exchange disagree (2016 CU8/CU9 Mar21SU), the CSV's build (with its KB) is used.
// SUs whose build equals their CU build (e.g. 2016 CU12 Feb19SU) are the CU itself and are not repeated.
const mar21 = '2021-03-02';

const exchange2013: readonly Release[] = [
  { name: 'RTM', kind: 'RTM', build: '15.0.516.32', released: '2012-12-03' },
  { name: 'CU1', kind: 'CU', build: '15.0.620.29', released: '2013-04-02' },
  { name: 'CU2', kind: 'CU', build: '15.0.712.24', released: '2013-07-09' },
  { name: 'CU3', kind: 'CU', build: '15.0.775.38', released: '2013-11-25' },
  { name: 'SP1 (CU4)', kind: 'CU', build: '15.0.847.32', released: '2014-02-25', updates: [['Mar21SU', 64, mar21]] },
  { name: 'CU5', kind: 'CU', build: '15.0.913.22', released: '2014-05-27' },
  { name: 'CU6', kind: 'CU', build: '15.0.995.29', released: '2014-08-26' },
  { name: 'CU7', kind: 'CU', build: '15.0.1044.25', released: '2014-12-09' },
  { name: 'CU8', kind: 'CU', build: '15.0.1076.9', released: '2015-03-17' },
  { name: 'CU9', kind: 'CU', build: '15.0.1104.5', released: '2015-06-17' },
  { name: 'CU10', kind: 'CU', build: '15.0.1130.7', released: '2015-09-15' },
  { name: 'CU11', kind: 'CU', build: '15.0.1156.6', released: '2015-12-15' },
  { name: 'CU12', kind: 'CU', build: '15.0.1178.4', released: '2016-03-15' },
  { name: 'CU13', kind: 'CU', build: '15.0.1210.3', released: '2016-06-21' },
  { name: 'CU14', kind: 'CU', build: '15.0.1236.3', released: '2016-09-20' },
  { name: 'CU15', kind: 'CU', build: '15.0.1263.5', released: '2016-12-13' },
  { name: 'CU16', kind: 'CU', build: '15.0.1293.2', released: '2017-03-21' },
  { name: 'CU17', kind: 'CU', build: '15.0.1320.4', released: '2017-06-27' },
  { name: 'CU18', kind: 'CU', build: '15.0.1347.2', released: '2017-09-19', updates: [['Mar18SU', 5, null]] },
  {
    name: 'CU19',
    kind: 'CU',
    build: '15.0.1365.1',
    released: '2017-12-19',
    updates: [
      ['Mar18SU', 3, null],
      ['May18SU', 7, null],
    ],
  },
  {
    name: 'CU20',
    kind: 'CU',
    build: '15.0.1367.3',
    released: '2018-03-20',
    updates: [
      ['May18SU', 6, null],
      ['Aug18SU', 9, null],
    ],
  },
  {
    name: 'CU21',
    kind: 'CU',
    build: '15.0.1395.4',
    released: '2018-06-19',
    updates: [
      ['Aug18SU', 7, null],
      ['Oct18SU', 8, null],
      ['Jan19SU', 10, null],
      ['Mar21SU', 12, mar21],
    ],
  },
  {
    name: 'CU22',
    kind: 'CU',
    build: '15.0.1473.3',
    released: '2019-02-12',
    updates: [
      ['Apr19SU', 4, null],
      ['Jun19SU', 5, null],
      ['Mar21SU', 6, mar21],
    ],
  },
  {
    name: 'CU23',
    kind: 'CU',
    build: '15.0.1497.2',
    released: '2019-06-18',
    updates: [
      ['Jul19SU', 3, null],
      ['Nov19SU', 4, null],
      ['Feb20SU', 6, null],
      ['Oct20SU', 7, null],
      ['Nov20SU', 8, null],
      ['Dec20SU', 10, null],
      ['Mar21SU', 12, mar21],
      ['Apr21SU', 15, '2021-04-13'],
      ['May21SU', 18, '2021-05-11'],
      ['Jul21SU', 23, '2021-07-13'],
      ['Oct21SU', 24, '2021-10-12'],
      ['Nov21SU', 26, '2021-11-09'],
      ['Jan22SU', 28, '2022-01-11'],
      ['Mar22SU', 33, '2022-03-08'],
      ['May22SU', 36, '2022-05-10'],
      ['Aug22SU', 40, '2022-08-09'],
      ['Oct22SU', 42, '2022-10-11'],
      ['Nov22SU', 44, '2022-11-08'],
      ['Jan23SU', 45, '2023-01-10'],
      ['Feb23SU', 47, '2023-02-14'],
      ['Mar23SU', 48, '2023-03-14'],
    ],
  },
];

const exchange2016: readonly Release[] = [
  { name: 'Preview', kind: 'Preview', build: '15.1.225.16', released: '2015-07-22' },
  { name: 'RTM', kind: 'RTM', build: '15.1.225.42', released: '2015-10-01' },
  { name: 'CU1', kind: 'CU', build: '15.1.396.30', released: '2016-03-15' },
  { name: 'CU2', kind: 'CU', build: '15.1.466.34', released: '2016-06-21' },
  { name: 'CU3', kind: 'CU', build: '15.1.544.27', released: '2016-09-20' },
  { name: 'CU4', kind: 'CU', build: '15.1.669.32', released: '2016-12-13' },
  { name: 'CU5', kind: 'CU', build: '15.1.845.34', released: '2017-03-21' },
  { name: 'CU6', kind: 'CU', build: '15.1.1034.26', released: '2017-06-27' },
  { name: 'CU7', kind: 'CU', build: '15.1.1261.35', released: '2017-09-19', updates: [['Mar18SU', 39, null]] },
  {
    name: 'CU8',
    kind: 'CU',
    build: '15.1.1415.2',
    released: '2017-12-19',
    updates: [
      ['Mar18SU', 4, null],
      ['May18SU', 7, null],
      ['Mar21SU', 10, mar21],
    ],
  },
  {
    name: 'CU9',
    kind: 'CU',
    build: '15.1.1466.3',
    released: '2018-03-20',
    updates: [
      ['May18SU', 8, null],
      ['Aug18SU', 9, null],
      ['Mar21SU', 16, mar21],
    ],
  },
  {
    name: 'CU10',
    kind: 'CU',
    build: '15.1.1531.3',
    released: '2018-06-19',
    updates: [
      ['Aug18SU', 6, null],
      ['Oct18SU', 8, null],
      ['Jan19SU', 10, null],
      ['Mar21SU', 12, mar21],
    ],
  },
  {
    name: 'CU11',
    kind: 'CU',
    build: '15.1.1591.10',
    released: '2018-10-16',
    updates: [
      ['Dec18SU', 11, null],
      ['Jan19SU', 13, null],
      ['Apr19SU', 16, null],
      ['Jun19SU', 17, null],
      ['Mar21SU', 18, mar21],
    ],
  },
  {
    name: 'CU12',
    kind: 'CU',
    build: '15.1.1713.5',
    released: '2019-02-12',
    updates: [
      ['Apr19SU', 6, null],
      ['Jun19SU', 7, null],
      ['Jul19SU', 8, null],
      ['Sep19SU', 9, null],
      ['Mar21SU', 10, mar21],
    ],
  },
  {
    name: 'CU13',
    kind: 'CU',
    build: '15.1.1779.2',
    released: '2019-06-18',
    updates: [
      ['Jul19SU', 4, null],
      ['Sep19SU', 5, null],
      ['Nov19SU', 7, null],
      ['Mar21SU', 8, mar21],
    ],
  },
  {
    name: 'CU14',
    kind: 'CU',
    build: '15.1.1847.3',
    released: '2019-09-17',
    updates: [
      ['Nov19SU', 5, null],
      ['Feb20SU', 7, null],
      ['Mar20SU', 10, null],
      ['Mar21SU', 12, mar21],
    ],
  },
  {
    name: 'CU15',
    kind: 'CU',
    build: '15.1.1913.5',
    released: '2019-12-17',
    updates: [
      ['Feb20SU', 7, null],
      ['Mar20SU', 10, null],
      ['Mar21SU', 12, mar21],
    ],
  },
  {
    name: 'CU16',
    kind: 'CU',
    build: '15.1.1979.3',
    released: '2020-03-17',
    updates: [
      ['Sep20SU', 6, null],
      ['Mar21SU', 8, mar21],
    ],
  },
  {
    name: 'CU17',
    kind: 'CU',
    build: '15.1.2044.4',
    released: '2020-06-16',
    updates: [
      ['Sep20SU', 6, null],
      ['Oct20SU', 7, null],
      ['Nov20SU', 8, null],
      ['Dec20SU', 12, null],
      ['Mar21SU', 13, mar21],
    ],
  },
  {
    name: 'CU18',
    kind: 'CU',
    build: '15.1.2106.2',
    released: '2020-09-15',
    updates: [
      ['Oct20SU', 3, null],
      ['Nov20SU', 4, null],
      ['Dec20SU', 6, null],
      ['Feb21SU', 8, null],
      ['Mar21SU', 13, mar21],
    ],
  },
  {
    name: 'CU19',
    kind: 'CU',
    build: '15.1.2176.2',
    released: '2020-12-15',
    updates: [
      ['Feb21SU', 4, null],
      ['Mar21SU', 9, mar21],
      ['Apr21SU', 12, '2021-04-13'],
      ['May21SU', 14, '2021-05-11'],
    ],
  },
  {
    name: 'CU20',
    kind: 'CU',
    build: '15.1.2242.4',
    released: '2021-03-16',
    updates: [
      ['Apr21SU', 8, '2021-04-13'],
      ['May21SU', 10, '2021-05-11'],
      ['Jul21SU', 12, '2021-07-13'],
    ],
  },
  {
    name: 'CU21',
    kind: 'CU',
    build: '15.1.2308.8',
    released: '2021-06-29',
    updates: [
      ['Jul21SU', 14, '2021-07-13'],
      ['Oct21SU', 15, '2021-10-12'],
      ['Nov21SU', 20, '2021-11-09'],
      ['Jan22SU', 21, '2022-01-11'],
      ['Mar22SU', 27, '2022-03-08'],
    ],
  },
  {
    name: 'CU22',
    kind: 'CU',
    build: '15.1.2375.7',
    released: '2021-09-28',
    updates: [
      ['Oct21SU', 12, '2021-10-12'],
      ['Nov21SU', 17, '2021-11-09'],
      ['Jan22SU', 18, '2022-01-11'],
      ['Mar22SU', 24, '2022-03-08'],
      ['May22SU', 28, '2022-05-10'],
      ['Aug22SU', 31, '2022-08-09'],
      ['Oct22SU', 32, '2022-10-11'],
      ['Nov22SU', 37, '2022-11-08'],
    ],
  },
  {
    name: 'CU23',
    kind: 'CU',
    build: '15.1.2507.6',
    released: '2022-04-20',
    updates: [
      ['May22SU', 9, '2022-05-10'],
      ['Aug22SU', 12, '2022-08-09'],
      ['Oct22SU', 13, '2022-10-11'],
      ['Nov22SU', 16, '2022-11-08'],
      ['Jan23SU', 17, '2023-01-10'],
      ['Feb23SU', 21, '2023-02-14'],
      ['Mar23SU', 23, '2023-03-14'],
      ['Jun23SU', 27, '2023-06-13'],
      ['Aug23SU', 31, '2023-08-08'],
      ['Aug23SUv2', 32, '2023-08-15'],
      ['Oct23SU', 34, '2023-10-10'],
      ['Nov23SU', 35, '2023-11-14'],
      ['Mar24SU', 37, '2024-03-12'],
      ['Apr24HU', 39, '2024-04-23'],
      ['Nov24SU', 43, '2024-11-12'],
      ['Nov24SUv2', 44, '2024-11-27'],
      ['Apr25HU', 55, '2025-04-18'],
      ['May25HU', 57, '2025-05-29'],
      ['Aug25SU', 58, '2025-08-12'],
      ['Sep25HU', 59, '2025-09-08'],
      ['Oct25SU', 61, '2025-10-14'],
      // From here on ESU-only builds, delivered privately to Extended Security Update customers.
      ['Dec25SU', 63, '2025-12-09'],
      ['Feb26SU', 66, '2026-02-10'],
      ['Jun26SU', 69, '2026-06-09'],
      ['Jul26SU', 71, '2026-07-14'],
      ['Aug26SU', 72, '2026-08-11'],
      ['Sep26SU', 73, null],
      ['Sep26SUv2', 75, null],
    ],
  },
];

const exchange2019: readonly Release[] = [
  { name: 'Preview', kind: 'Preview', build: '15.2.196.0', released: '2018-07-24' },
  { name: 'RTM', kind: 'RTM', build: '15.2.221.12', released: '2018-10-22', updates: [['Mar21SU', 18, mar21]] },
  {
    name: 'CU1',
    kind: 'CU',
    build: '15.2.330.5',
    released: '2019-02-12',
    updates: [
      ['Apr19SU', 7, null],
      ['Jun19SU', 8, null],
      ['Jul19SU', 9, null],
      ['Sep19SU', 10, null],
      ['Mar21SU', 11, mar21],
    ],
  },
  {
    name: 'CU2',
    kind: 'CU',
    build: '15.2.397.3',
    released: '2019-06-18',
    updates: [
      ['Jul19SU', 5, null],
      ['Sep19SU', 6, null],
      ['Nov19SU', 9, null],
      ['Mar21SU', 11, mar21],
    ],
  },
  {
    name: 'CU3',
    kind: 'CU',
    build: '15.2.464.5',
    released: '2019-09-17',
    updates: [
      ['Nov19SU', 7, null],
      ['Feb20SU', 11, null],
      ['Mar20SU', 14, null],
      ['Mar21SU', 15, mar21],
    ],
  },
  {
    name: 'CU4',
    kind: 'CU',
    build: '15.2.529.5',
    released: '2019-12-17',
    updates: [
      ['Feb20SU', 8, null],
      ['Mar20SU', 11, null],
      ['Mar21SU', 13, mar21],
    ],
  },
  {
    name: 'CU5',
    kind: 'CU',
    build: '15.2.595.3',
    released: '2020-03-17',
    updates: [
      ['Sep20SU', 6, null],
      ['Mar21SU', 8, mar21],
    ],
  },
  {
    name: 'CU6',
    kind: 'CU',
    build: '15.2.659.4',
    released: '2020-06-16',
    updates: [
      ['Sep20SU', 6, null],
      ['Oct20SU', 7, null],
      ['Nov20SU', 8, null],
      ['Dec20SU', 11, null],
      ['Mar21SU', 12, mar21],
    ],
  },
  {
    name: 'CU7',
    kind: 'CU',
    build: '15.2.721.2',
    released: '2020-09-15',
    updates: [
      ['Oct20SU', 3, null],
      ['Nov20SU', 4, null],
      ['Dec20SU', 6, null],
      ['Feb21SU', 8, null],
      ['Mar21SU', 13, mar21],
    ],
  },
  {
    name: 'CU8',
    kind: 'CU',
    build: '15.2.792.3',
    released: '2020-12-15',
    updates: [
      ['Feb21SU', 5, null],
      ['Mar21SU', 10, mar21],
      ['Apr21SU', 13, '2021-04-13'],
      ['May21SU', 15, '2021-05-11'],
    ],
  },
  {
    name: 'CU9',
    kind: 'CU',
    build: '15.2.858.5',
    released: '2021-03-16',
    updates: [
      ['Apr21SU', 10, '2021-04-13'],
      ['May21SU', 12, '2021-05-11'],
      ['Jul21SU', 15, '2021-07-13'],
    ],
  },
  {
    name: 'CU10',
    kind: 'CU',
    build: '15.2.922.7',
    released: '2021-06-29',
    updates: [
      ['Jul21SU', 13, '2021-07-13'],
      ['Oct21SU', 14, '2021-10-12'],
      ['Nov21SU', 19, '2021-11-09'],
      ['Jan22SU', 20, '2022-01-11'],
      ['Mar22SU', 27, '2022-03-08'],
    ],
  },
  {
    name: 'CU11',
    kind: 'CU',
    build: '15.2.986.5',
    released: '2021-09-28',
    updates: [
      ['Oct21SU', 9, '2021-10-12'],
      ['Nov21SU', 14, '2021-11-09'],
      ['Jan22SU', 15, '2022-01-11'],
      ['Mar22SU', 22, '2022-03-08'],
      ['May22SU', 26, '2022-05-10'],
      ['Aug22SU', 29, '2022-08-09'],
      ['Oct22SU', 30, '2022-10-11'],
      ['Nov22SU', 36, '2022-11-08'],
      ['Jan23SU', 37, '2023-01-10'],
      ['Feb23SU', 41, '2023-02-14'],
      ['Mar23SU', 42, '2023-03-14'],
    ],
  },
  {
    name: 'CU12',
    kind: 'CU',
    build: '15.2.1118.7',
    released: '2022-04-20',
    updates: [
      ['May22SU', 9, '2022-05-10'],
      ['Aug22SU', 12, '2022-08-09'],
      ['Oct22SU', 15, '2022-10-11'],
      ['Nov22SU', 20, '2022-11-08'],
      ['Jan23SU', 21, '2023-01-10'],
      ['Feb23SU', 25, '2023-02-14'],
      ['Mar23SU', 26, '2023-03-14'],
      ['Jun23SU', 30, '2023-06-13'],
      ['Aug23SU', 36, '2023-08-08'],
      ['Aug23SUv2', 37, '2023-08-15'],
      ['Oct23SU', 39, '2023-10-10'],
      ['Nov23SU', 40, '2023-11-14'],
    ],
  },
  {
    name: 'CU13',
    kind: 'CU',
    build: '15.2.1258.12',
    released: '2023-05-03',
    updates: [
      ['Jun23SU', 16, '2023-06-13'],
      ['Aug23SU', 23, '2023-08-08'],
      ['Aug23SUv2', 25, '2023-08-15'],
      ['Oct23SU', 27, '2023-10-10'],
      ['Nov23SU', 28, '2023-11-14'],
      ['Mar24SU', 32, '2024-03-12'],
      ['Apr24HU', 34, '2024-04-23'],
      ['Nov24SU', 38, '2024-11-12'],
      ['Nov24SUv2', 39, '2024-11-27'],
    ],
  },
  {
    name: 'CU14',
    kind: 'CU',
    build: '15.2.1544.4',
    released: '2024-02-13',
    updates: [
      ['Mar24SU', 9, '2024-03-12'],
      ['Apr24HU', 11, '2024-04-23'],
      ['Nov24SU', 13, '2024-11-12'],
      ['Nov24SUv2', 14, '2024-11-27'],
      ['Apr25HU', 25, '2025-04-18'],
      ['May25HU', 27, '2025-05-29'],
      ['Aug25SU', 33, '2025-08-12'],
      ['Sep25HU', 34, '2025-09-08'],
      ['Oct25SU', 36, '2025-10-14'],
      ['Dec25SU', 37, '2025-12-09'],
      ['Feb26SU', 39, '2026-02-10'],
      ['Jun26SU', 41, '2026-06-09'],
      ['Jul26SU', 43, '2026-07-14'],
      ['Aug26SU', 44, '2026-08-11'],
      ['Sep26SU', 46, null],
      ['Sep26SUv2', 48, null],
    ],
  },
  {
    name: 'CU15',
    kind: 'CU',
    build: '15.2.1748.10',
    released: '2025-02-10',
    updates: [
      ['Apr25HU', 24, '2025-04-18'],
      ['May25HU', 26, '2025-05-29'],
      ['Aug25SU', 36, '2025-08-12'],
      ['Sep25HU', 37, '2025-09-08'],
      ['Oct25SU', 39, '2025-10-14'],
      ['Dec25SU', 42, '2025-12-09'],
      ['Feb26SU', 43, '2026-02-10'],
      ['Jun26SU', 46, '2026-06-09'],
      ['Jul26SU', 48, '2026-07-14'],
      ['Aug26SU', 49, '2026-08-11'],
      ['Sep26SU', 51, null],
      ['Sep26SUv2', 53, null],
    ],
  },
];

// No SE CU1 appears in any source through Sep 2026 (unconfirmed that none exists): an SE build above RTM's
// is named as an unlisted build after the nearest lower one.
const exchangeSe: readonly Release[] = [
  {
    name: 'RTM',
    kind: 'RTM',
    build: '15.2.2562.17',
    released: '2025-07-01',
    updates: [
      ['Aug25SU', 20, '2025-08-12'],
      ['Sep25HU', 27, '2025-09-08'],
      ['Oct25SU', 29, '2025-10-14'],
      ['Dec25SU', 35, '2025-12-09'],
      ['Feb26SU', 37, '2026-02-10'],
      ['May26HU', 41, '2026-05-07'],
      ['Jun26SU', 43, '2026-06-09'],
      ['Jul26SU', 45, '2026-07-14'],
      ['Aug26SU', 46, '2026-08-11'],
      ['Sep26SU', 49, null],
      ['Sep26SUv2', 53, null],
    ],
  },
];

function entriesOf(product: OnPremisesProduct, releases: readonly Release[]): BuildEntry[] {
  return releases.flatMap((release) => {
    const cuPrefix = release.build.split('.').slice(0, 3).join('.');
    const updates = (release.updates ?? []).map(
      ([name, revision, released]): BuildEntry => ({
        build: `${cuPrefix}.${revision}`,
        product,
        name: `${release.name} ${name}`,
        kind: name.endsWith('HU') ? 'HU' : 'SU',
        released,
      }),
    );
    return [{ build: release.build, product, name: release.name, kind: release.kind, released: release.released }, ...updates];
  });
}

/** Every listed build, in numeric build order. */
export const exchangeBuilds: readonly BuildEntry[] = [
  ...entriesOf('Exchange 2013', exchange2013),
  ...entriesOf('Exchange 2016', exchange2016),
  ...entriesOf('Exchange 2019', exchange2019),
  ...entriesOf('Exchange Server SE', exchangeSe),
];
