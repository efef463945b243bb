// CSS-Exchange's build dictionary (HealthChecker's GetExchangeBuildDictionary at 01bad118, extracted to
// test/vectors/css-exchange/build-dictionary.csv, see test/vectors/README.md) and the builds in HealthChecker's own
// test captures, against the tool: names, products and CU3 verdicts, with the few known differences listed and why.
import { describe, expect, it } from 'vitest';
import { bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { parseCsv } from '../../src/catalogue/csv.js';
import { parseAdminDisplayVersion, parseDottedBuild, productOf } from '../../src/exchange/version.js';
import { cu3VerdictsOf, cuNumberOf, expectedCu3Verdict, type Product, readVector } from './build-verdicts.js';

const PRODUCTS: Record<string, Product> = {
  Exchange2013: 'Exchange 2013',
  Exchange2016: 'Exchange 2016',
  Exchange2019: 'Exchange 2019',
  ExchangeSE: 'Exchange Server SE',
};

/**
 * Where CSS-Exchange and the tool name a build differently — every difference, each with its reason.
 * - 2013 CU4 is Service Pack 1; the bundled table names it "SP1 (CU4)", as Microsoft's own list says "SP1".
 * - An "SU" whose build is its CU's own build (Feb19SU for 2013 CU22, 2016 CU12, 2019 CU1) is the CU itself: the
 *   bundled table lists the build once, by its CU.
 * - 2016 CU8 and CU9 Mar21SU: CSS-Exchange has 15.1.1415.8 and 15.1.1466.13, Microsoft's list (with the KB,
 *   KB5000871) 15.1.1415.10 and 15.1.1466.16; the bundled table follows Microsoft, so CSS-Exchange's builds are
 *   named as unlisted revisions of their CU.
 */
const KNOWN_DIFFERENCES: Record<string, { match: string; name: string }> = {
  '15.0.847.32': { match: 'exact', name: 'SP1 (CU4)' },
  '15.0.1473.3': { match: 'exact', name: 'CU22' },
  '15.1.1713.5': { match: 'exact', name: 'CU12' },
  '15.2.330.5': { match: 'exact', name: 'CU1' },
  '15.1.1415.8': { match: 'known-cu', name: 'CU8' },
  '15.1.1466.13': { match: 'known-cu', name: 'CU9' },
};

const [header, ...rows] = parseCsv(readVector('./css-exchange/build-dictionary.csv'));
const entries = rows.map(([version = '', cu = '', su = '', build = '']) => ({
  version,
  cu,
  su,
  build,
  product: PRODUCTS[version] as Product,
}));
const verdicts = cu3VerdictsOf(entries.map((entry) => entry.build));

describe("CSS-Exchange's build dictionary (01bad118, through Sep26SUv2)", () => {
  it('holds the entries the vector was taken with', () => {
    expect(header).toEqual(['version', 'cu', 'su', 'build']);
    expect(entries).toHaveLength(301);
    expect(new Set(entries.map((entry) => entry.build)).size).toBe(298);
    expect(entries.every((entry) => entry.product !== undefined)).toBe(true);
  });

  it.each(entries)('$version $cu $su ($build): product, name and CU3 verdict', (entry) => {
    const build = parseDottedBuild(entry.build);
    expect(build).not.toBeNull();
    expect(productOf(build!)).toBe(entry.product);
    const described = bundledBuildCatalogue.describe(build!);
    const expected = KNOWN_DIFFERENCES[entry.build] ?? { match: 'exact', name: entry.su ? `${entry.cu} ${entry.su}` : entry.cu };
    expect({ match: described.match, name: described.entry?.name }).toEqual(expected);
    expect(verdicts.get(entry.build)).toBe(expectedCu3Verdict(entry.product, cuNumberOf(entry.cu)));
  });

  it('lists every known difference against an entry that exists (a stale exception would hide a real change)', () => {
    for (const build of Object.keys(KNOWN_DIFFERENCES))
      expect(
        entries.some((entry) => entry.build === build),
        build,
      ).toBe(true);
  });
});

/** What HealthChecker's tests say each capture is (HealthChecker.E16/E19.Main.Tests.ps1 at f88378b1). */
const captures = [
  { file: 'E16-ExSetup.xml', fileVersion: '15.01.2375.007', named: '15.1.2375.7 (Exchange 2016 CU22)', verdict: 'pass' },
  { file: 'E19-ExSetup.xml', fileVersion: '15.02.0986.005', named: '15.2.986.5 (Exchange 2019 CU11)', verdict: 'pass' },
  { file: 'E19-ExSetup1.xml', fileVersion: '15.02.1118.025', named: '15.2.1118.25 (Exchange 2019 CU12 Feb23SU)', verdict: 'pass' },
] as const;

const servers = [
  { file: 'E16-GetExchangeServer.xml', name: 'SOLO-E16A', admin: 'Version 15.1 (Build 2375.7)', named: '15.1.2375.7 (Exchange 2016 CU22)' },
  { file: 'E19-GetExchangeServer.xml', name: 'SOLO-E19A', admin: 'Version 15.2 (Build 986.5)', named: '15.2.986.5 (Exchange 2019 CU11)' },
] as const;

describe("the builds in HealthChecker's test captures (Diagnostics/HealthChecker/Tests/DataCollection, f88378b1)", () => {
  it.each(captures)('$file: ExSetup.exe $fileVersion is $named', ({ file, fileVersion, named, verdict }) => {
    const xml = readVector(`./css-exchange/healthchecker/${file}`);
    const version = /<S N="FileVersion">([^<]+)<\/S>/.exec(xml)?.[1];
    const raw = /<Version N="FileVersionRaw">([^<]+)<\/Version>/.exec(xml)?.[1];
    expect(version).toBe(fileVersion);
    const build = parseDottedBuild(version);
    expect(build).toEqual(parseDottedBuild(raw));
    expect(bundledBuildCatalogue.describe(build!).text).toBe(named);
    expect(cu3VerdictsOf([raw as string]).get(raw as string)).toBe(verdict);
  });

  it.each(servers)('$file: Get-ExchangeServer $name AdminDisplayVersion "$admin" is $named', ({ file, name, admin, named }) => {
    const xml = readVector(`./css-exchange/healthchecker/${file}`);
    expect(xml).toContain(`<S N="Name">${name}</S>`);
    const shown = /<T>Microsoft\.Exchange\.Data\.ServerVersion<\/T>[\s\S]*?<ToString>([^<]+)<\/ToString>/.exec(xml)?.[1];
    expect(shown).toBe(admin);
    expect(bundledBuildCatalogue.describe(parseAdminDisplayVersion(shown)!).text).toBe(named);
  });
});
