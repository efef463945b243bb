import { describe, expect, it } from 'vitest';
import { buildTableSources, exchangeBuilds } from '../../checks/data/exchange-builds.js';
import { exchangeLifecycle, supportEndsAt } from '../../checks/data/exchange-lifecycle.js';
import { bundledBuildCatalogue, createBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { compareBuilds, type ExchangeBuild, parseDottedBuild, productOf } from '../../src/exchange/version.js';

const describeBuild = (build: ExchangeBuild) => bundledBuildCatalogue.describe(build);
const findBuildEntry = (build: string) => bundledBuildCatalogue.find(build);

const parse = (text: string): ExchangeBuild => {
  const build = parseDottedBuild(text);
  if (!build) throw new Error(`unparseable ${text}`);
  return build;
};

// docs/facts/builds.md §2: every CU (and RTM/Preview) with its build.
const factsCus: [product: string, name: string, build: string][] = [
  ['Exchange 2016', 'Preview', '15.1.225.16'],
  ['Exchange 2016', 'RTM', '15.1.225.42'],
  ...(
    [
      ['CU1', '396.30'],
      ['CU2', '466.34'],
      ['CU3', '544.27'],
      ['CU4', '669.32'],
      ['CU5', '845.34'],
      ['CU6', '1034.26'],
      ['CU7', '1261.35'],
      ['CU8', '1415.2'],
      ['CU9', '1466.3'],
      ['CU10', '1531.3'],
      ['CU11', '1591.10'],
      ['CU12', '1713.5'],
      ['CU13', '1779.2'],
      ['CU14', '1847.3'],
      ['CU15', '1913.5'],
      ['CU16', '1979.3'],
      ['CU17', '2044.4'],
      ['CU18', '2106.2'],
      ['CU19', '2176.2'],
      ['CU20', '2242.4'],
      ['CU21', '2308.8'],
      ['CU22', '2375.7'],
      ['CU23', '2507.6'],
    ] as const
  ).map(([name, build]): [string, string, string] => ['Exchange 2016', name, `15.1.${build}`]),
  ['Exchange 2013', 'RTM', '15.0.516.32'],
  ...(
    [
      ['CU1', '620.29'],
      ['CU2', '712.24'],
      ['CU3', '775.38'],
      ['SP1 (CU4)', '847.32'],
      ['CU5', '913.22'],
      ['CU6', '995.29'],
      ['CU7', '1044.25'],
      ['CU8', '1076.9'],
      ['CU9', '1104.5'],
      ['CU10', '1130.7'],
      ['CU11', '1156.6'],
      ['CU12', '1178.4'],
      ['CU13', '1210.3'],
      ['CU14', '1236.3'],
      ['CU15', '1263.5'],
      ['CU16', '1293.2'],
      ['CU17', '1320.4'],
      ['CU18', '1347.2'],
      ['CU19', '1365.1'],
      ['CU20', '1367.3'],
      ['CU21', '1395.4'],
      ['CU22', '1473.3'],
      ['CU23', '1497.2'],
      ['CU23 Mar23SU', '1497.48'],
    ] as const
  ).map(([name, build]): [string, string, string] => ['Exchange 2013', name, `15.0.${build}`]),
  ['Exchange 2019', 'Preview', '15.2.196.0'],
  ['Exchange 2019', 'RTM', '15.2.221.12'],
  ...(
    [
      ['CU1', '330.5'],
      ['CU2', '397.3'],
      ['CU3', '464.5'],
      ['CU4', '529.5'],
      ['CU5', '595.3'],
      ['CU6', '659.4'],
      ['CU7', '721.2'],
      ['CU8', '792.3'],
      ['CU9', '858.5'],
      ['CU10', '922.7'],
      ['CU11', '986.5'],
      ['CU12', '1118.7'],
      ['CU13', '1258.12'],
      ['CU14', '1544.4'],
      ['CU15', '1748.10'],
    ] as const
  ).map(([name, build]): [string, string, string] => ['Exchange 2019', name, `15.2.${build}`]),
  ['Exchange Server SE', 'RTM', '15.2.2562.17'],
];

// docs/facts/builds.md §2: the SUs/HUs of the last CUs, by revision.
const factsUpdates: [prefix: string, cu: string, updates: string][] = [
  [
    '15.1.2507',
    'CU23',
    'May22SU 9, Aug22SU 12, Oct22SU 13, Nov22SU 16, Jan23SU 17, Feb23SU 21, Mar23SU 23, Jun23SU 27, Aug23SU 31, Aug23SUv2 32, Oct23SU 34, Nov23SU 35, Mar24SU 37, Apr24HU 39, Nov24SU 43, Nov24SUv2 44, Apr25HU 55, May25HU 57, Aug25SU 58, Sep25HU 59, Oct25SU 61, Dec25SU 63, Feb26SU 66, Jun26SU 69, Jul26SU 71, Aug26SU 72, Sep26SU 73, Sep26SUv2 75',
  ],
  ['15.2.1544', 'CU14', 'Mar24SU 9, Oct25SU 36, Dec25SU 37, Feb26SU 39, Jun26SU 41, Jul26SU 43, Aug26SU 44, Sep26SU 46, Sep26SUv2 48'],
  [
    '15.2.1748',
    'CU15',
    'Apr25HU 24, May25HU 26, Aug25SU 36, Sep25HU 37, Oct25SU 39, Dec25SU 42, Feb26SU 43, Jun26SU 46, Jul26SU 48, Aug26SU 49, Sep26SU 51, Sep26SUv2 53',
  ],
  [
    '15.2.2562',
    'RTM',
    'Aug25SU 20, Sep25HU 27, Oct25SU 29, Dec25SU 35, Feb26SU 37, May26HU 41, Jun26SU 43, Jul26SU 45, Aug26SU 46, Sep26SU 49, Sep26SUv2 53',
  ],
  ['15.1.2375', 'CU22', 'Nov22SU 37'],
];

describe('the build table', () => {
  it('carries its sources, and its as-of date is its newest release date', () => {
    expect(buildTableSources.length).toBeGreaterThanOrEqual(3);
    for (const source of buildTableSources) expect(source.url).toMatch(/^https:\/\//);
    expect(bundledBuildCatalogue.asOf).toBe('2026-08-11');
    expect(bundledBuildCatalogue.provenance).toMatchObject({ origin: 'bundled', file: null, readFrom: null });
  });

  it('is in strictly increasing numeric build order (so no build is listed twice)', () => {
    for (let i = 1; i < exchangeBuilds.length; i++) {
      const [previous, current] = [exchangeBuilds[i - 1], exchangeBuilds[i]];
      expect(
        compareBuilds(parse(previous?.build ?? ''), parse(current?.build ?? '')),
        `${previous?.build} < ${current?.build}`,
      ).toBeLessThan(0);
    }
    expect(new Set(exchangeBuilds.map((entry) => entry.build)).size).toBe(exchangeBuilds.length);
  });

  it('classifies every entry as the product it is listed under, with a well-formed date', () => {
    for (const entry of exchangeBuilds) {
      expect(productOf(parse(entry.build)), entry.build).toBe(entry.product);
      if (entry.released !== null) expect(entry.released, entry.build).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(
        entry.kind === 'SU' || entry.kind === 'HU' ? entry.name.endsWith(entry.kind) || entry.name.endsWith(`${entry.kind}v2`) : true,
        entry.name,
      ).toBe(true);
    }
  });

  it.each(factsCus)('lists %s %s as %s', (product, name, build) => {
    expect(findBuildEntry(build)).toMatchObject({ product, name });
  });

  it.each(factsUpdates)('lists the FACTS updates of %s (%s)', (prefix, cu, updates) => {
    for (const update of updates.split(', ')) {
      const [name, revision] = update.split(' ');
      expect(findBuildEntry(`${prefix}.${revision}`), update).toMatchObject({ name: `${cu} ${name}` });
    }
  });

  it('keeps release dates FACTS gives', () => {
    expect(findBuildEntry('15.1.544.27')?.released).toBe('2016-09-20');
    expect(findBuildEntry('15.1.2507.66')?.released).toBe('2026-02-10');
    expect(findBuildEntry('15.2.2562.17')?.released).toBe('2025-07-01');
    expect(findBuildEntry('15.2.2562.41')?.released).toBe('2026-05-07');
    expect(findBuildEntry('15.1.2507.73')?.released).toBeNull();
  });
});

describe('naming a build', () => {
  it.each([
    ['15.1.2507.6', 'exact', '15.1.2507.6 (Exchange 2016 CU23)'],
    ['15.1.544.27', 'exact', '15.1.544.27 (Exchange 2016 CU3)'],
    ['15.1.2507.66', 'exact', '15.1.2507.66 (Exchange 2016 CU23 Feb26SU)'],
    ['15.2.2562.17', 'exact', '15.2.2562.17 (Exchange Server SE RTM)'],
    ['15.0.847.32', 'exact', '15.0.847.32 (Exchange 2013 SP1 (CU4))'],
    ['15.1.2507.99', 'known-cu', '15.1.2507.99 (Exchange 2016 CU23, later update)'],
    ['15.1.2507.50', 'known-cu', '15.1.2507.50 (Exchange 2016 CU23, unlisted revision)'],
    ['15.1.544', 'known-cu', '15.1.544 (Exchange 2016 CU3, revision unknown)'],
    ['15.1.225.30', 'known-cu', '15.1.225.30 (Exchange 2016 RTM, unlisted revision)'],
    ['15.1.600.1', 'unlisted', '15.1.600.1 (unlisted Exchange 2016 build; nearest lower listed: CU3, 15.1.544.27)'],
    ['15.1.3000.1', 'unlisted', '15.1.3000.1 (unlisted Exchange 2016 build; nearest lower listed: CU23, 15.1.2507.6)'],
    ['15.1.100.1', 'unlisted', '15.1.100.1 (unlisted Exchange 2016 build, older than every listed one)'],
    ['15.2.2600.5', 'unlisted', '15.2.2600.5 (unlisted Exchange Server SE build; nearest lower listed: RTM, 15.2.2562.17)'],
    ['15.2.2561.1', 'unlisted', '15.2.2561.1 (unlisted Exchange 2019 build; nearest lower listed: CU15, 15.2.1748.10)'],
    ['15.20.485.0', 'not-in-table', '15.20.485.0 (Exchange Online)'],
    ['14.3.513.0', 'not-in-table', '14.3.513.0 (Exchange 2010 or older)'],
    ['15.7.1.1', 'not-in-table', '15.7.1.1 (unrecognised Exchange version)'],
  ])('%s is %s: %s', (text, match, description) => {
    const described = describeBuild(parse(text));
    expect(described.match).toBe(match);
    expect(described.text).toBe(description);
  });

  it('names from the catalogue it is asked: a build only a newer list knows is exact there, a later update here', () => {
    const newer = createBuildCatalogue(
      [
        ...exchangeBuilds,
        { build: '15.2.2562.61', product: 'Exchange Server SE', name: 'RTM Nov26SU', kind: 'SU', released: '2026-11-10' },
      ],
      { origin: 'user', file: null, readFrom: 'https://example.test/list.csv', fetchedAt: '2026-11-12T00:00:00Z', sha256: 'ab' },
    );
    expect(newer.describe(parse('15.2.2562.61')).text).toBe('15.2.2562.61 (Exchange Server SE RTM Nov26SU)');
    expect(describeBuild(parse('15.2.2562.61')).text).toBe('15.2.2562.61 (Exchange Server SE RTM, later update)');
    expect(newer.asOf).toBe('2026-11-10');
  });

  it('names every listed build exactly', () => {
    for (const entry of exchangeBuilds) {
      const described = describeBuild(parse(entry.build));
      expect(described.match, entry.build).toBe('exact');
      expect(described.entry).toBe(entry);
    }
  });
});

describe('lifecycle data', () => {
  it('gives the FACTS end-of-support dates and the secondary-sourced ESU window', () => {
    expect(exchangeLifecycle['Exchange 2013'].endOfSupport).toBe('2023-04-11');
    expect(exchangeLifecycle['Exchange 2016'].endOfSupport).toBe('2025-10-14');
    expect(exchangeLifecycle['Exchange 2019'].endOfSupport).toBe('2025-10-14');
    expect(exchangeLifecycle['Exchange Server SE']).toMatchObject({ policy: 'modern', endOfSupport: null });
    expect(exchangeLifecycle['Exchange 2016'].extendedSecurityUpdates).toMatchObject({ until: '2026-10', secondarySourced: true });
    expect(exchangeLifecycle['Exchange 2019'].extendedSecurityUpdates?.eligibleCus.map((cu) => cu.name)).toEqual([
      'Exchange 2016 CU23',
      'Exchange 2019 CU14',
      'Exchange 2019 CU15',
    ]);
    expect(supportEndsAt(exchangeLifecycle['Exchange 2016'])?.toISOString()).toBe('2025-10-15T00:00:00.000Z');
    expect(supportEndsAt(exchangeLifecycle['Exchange Server SE'])).toBeNull();
    for (const lifecycle of Object.values(exchangeLifecycle)) expect(lifecycle.sources.length).toBeGreaterThan(0);
  });
});
