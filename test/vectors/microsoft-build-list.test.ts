// Microsoft's ExchangeBuildNumbers.csv (test/vectors/microsoft/, see test/vectors/README.md) against the tool: every
// row's build is named by the bundled table as Microsoft names it, belongs to the product the row names, and gets
// from the real exchange-2016-cu3 check the verdict the row's name implies; `catalogue update`'s reader accepts the
// file and the union with the bundled table loses nothing.
import { describe, expect, it } from 'vitest';
import { bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { parseCsv } from '../../src/catalogue/csv.js';
import { mergeWithBundled } from '../../src/catalogue/merge.js';
import { readMicrosoftBuildList } from '../../src/catalogue/microsoft-build-list.js';
import { parseDottedBuild, productOf } from '../../src/exchange/version.js';
import { cu3VerdictsOf, cuNumberOf, expectedCu3Verdict, type Product, readVector } from './build-verdicts.js';

const text = readVector('./microsoft/ExchangeBuildNumbers.csv');
const [header, ...rows] = parseCsv(text);

/** Spellings Microsoft's list and the bundled table write differently for the same build. */
const SPELLINGS: Record<string, string> = {
  'Exchange 2013 SP1': 'SP1 (CU4)', // SP1 is CU4; the bundled table says both
  'Exchange 2013 SP1 Mar21SU': 'SP1 (CU4) Mar21SU',
  'Exchange 2019 CU13 (2023H1)': 'CU13', // the half-year is not part of the name elsewhere
};

interface Row {
  name: string;
  build: string;
  product: Product;
  release: string;
}

const parsed: Row[] = rows.map(([name = '', build = '']) => {
  const match = /^Exchange (2007|2010|2013|2016|2019|SE)(?:v\d)? (.+)$/.exec(name);
  if (!match) throw new Error(`unexpected product name ${name}`);
  const product = ({ '2013': 'Exchange 2013', '2016': 'Exchange 2016', '2019': 'Exchange 2019', SE: 'Exchange Server SE' } as const)[
    match[1] as '2013'
  ];
  return { name, build, product: product ?? 'older', release: match[2] as string };
});
const recent = parsed.filter((row) => row.product !== 'older');
const verdicts = cu3VerdictsOf(parsed.map((row) => normalise(row.build)));

describe("Microsoft's ExchangeBuildNumbers.csv (a2c819b8, 2026-08-19)", () => {
  it('has the header and the rows the vector was taken with', () => {
    expect(header).toEqual(['Product Name', 'Build Number', 'Date', 'KB', 'Blog']);
    expect(rows).toHaveLength(340);
    expect(recent).toHaveLength(225);
  });

  it.each(recent)('$name ($build) is named so, is a $product build, and its CU3 verdict follows from its name', (row) => {
    const build = parseDottedBuild(row.build);
    expect(build).not.toBeNull();
    expect(productOf(build!)).toBe(row.product);
    const described = bundledBuildCatalogue.describe(build!);
    expect(described.match).toBe('exact');
    expect(described.entry?.name).toBe(SPELLINGS[row.name] ?? row.release);
    expect(verdicts.get(normalise(row.build))).toBe(expectedCu3Verdict(row.product, cuNumberOf(row.release)));
  });

  it('judges every Exchange 2007 and 2010 row as not applicable (older than 2016, never CU3 or later)', () => {
    const older = parsed.filter((row) => row.product === 'older');
    expect(older).toHaveLength(115);
    for (const row of older) expect(verdicts.get(normalise(row.build)), row.name).toBe('not-applicable');
  });

  it('is accepted whole by the catalogue reader, and united with the bundled table it changes no bundled name', () => {
    const list = readMicrosoftBuildList(text);
    expect(list).toMatchObject({ olderRows: 115, duplicateRows: 0 });
    expect(list.builds).toHaveLength(225);
    const merged = mergeWithBundled(list, bundledBuildCatalogue.entries);
    expect(merged.entries).toEqual(bundledBuildCatalogue.entries);
    expect(merged.fromList + merged.keptFromBundled.length).toBe(bundledBuildCatalogue.entries.length);
  });
});

/** "15.00.1497.002" → "15.0.1497.2": the list writes a few builds in the long form. */
function normalise(build: string): string {
  return build
    .split('.')
    .map((part) => String(Number(part)))
    .join('.');
}
