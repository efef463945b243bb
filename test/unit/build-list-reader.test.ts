// The pieces behind `catalogue update`: the CSV reader, Microsoft's list read as hostile input (product spellings,
// dates, duplicates, builds in the wrong product), and the union with the bundled table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { CsvError, parseCsv } from '../../src/catalogue/csv.js';
import { changesBetween, mergeWithBundled } from '../../src/catalogue/merge.js';
import { readMicrosoftBuildList } from '../../src/catalogue/microsoft-build-list.js';
import { parseReleaseName, splitProduct } from '../../src/catalogue/release-names.js';
import { CatalogueError } from '../../src/errors.js';

const HEADER = 'Product Name,Build Number,Date,KB,Blog';
const list = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF rows, and drops a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"line\nbreak",,x\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['line\nbreak', '', 'x'],
    ]);
  });

  it('gives back what was written, for any fields', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r\n', 'é') });
    const quote = (text: string) => (/[",\r\n]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text);
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        expect(parseCsv(rows.map((row) => row.map(quote).join(',')).join('\r\n'))).toEqual(rows);
      }),
    );
  });

  it('stops at its limits and on a quote left open, saying where', () => {
    expect(() => parseCsv('"open,field\nmore')).toThrow(CsvError);
    expect(() => parseCsv('a,b,c', { maxRows: 10, maxFields: 2, maxFieldLength: 10 })).toThrow(/line 1 has more than 2 fields/);
    expect(() => parseCsv('x\ny\nz', { maxRows: 2, maxFields: 2, maxFieldLength: 10 })).toThrow(/more than 2 rows/);
    expect(() => parseCsv('abcdefghijkl', { maxRows: 2, maxFields: 2, maxFieldLength: 10 })).toThrow(/longer than 10/);
  });
});

describe('release names', () => {
  it.each([
    ['Exchange 2016 CU23 Nov26SU', 'Exchange 2016', 'CU23 Nov26SU'],
    ['Exchange Server 2019 CU15', 'Exchange 2019', 'CU15'],
    ['Exchange SE RTM Aug25SU', 'Exchange Server SE', 'RTM Aug25SU'],
    ['Exchange Server SE RTM', 'Exchange Server SE', 'RTM'],
    ['Exchange Server Subscription Edition RTM', 'Exchange Server SE', 'RTM'],
    ['exchange  2013   SP1', 'Exchange 2013', 'SP1'],
    ['Exchange 2010 SP3 RU32', 'older', 'SP3 RU32'],
  ])('%s is %s, then %s', (text, product, rest) => {
    expect(splitProduct(text)).toEqual({ product, rest });
  });

  it('knows one CU by every spelling: SP1 is 2013 CU4, "(2023H1)" is only the half-year', () => {
    expect(parseReleaseName('Exchange 2013', 'SP1')).toMatchObject({ release: 'CU4', update: null, kind: 'CU' });
    expect(parseReleaseName('Exchange 2013', 'SP1 (CU4) Mar21SU')).toMatchObject({ release: 'CU4', update: 'Mar21SU', kind: 'SU' });
    expect(parseReleaseName('Exchange 2019', 'CU13 (2023H1)')).toMatchObject({ release: 'CU13', update: null });
    expect(parseReleaseName('Exchange 2019', 'CU14 Apr24HU')).toMatchObject({ kind: 'HU', update: 'Apr24HU' });
    expect(parseReleaseName('Exchange 2019', 'CU12 Aug23SUv2')).toMatchObject({ kind: 'SU', update: 'Aug23SUv2' });
    for (const bad of ['CU23 November', 'Latest', 'CU23 Nov26SU extra', 'CU23 (\u0007)', ''])
      expect(parseReleaseName('Exchange 2016', bad), bad).toBeNull();
  });

  it('parses every name of the bundled table', () => {
    for (const entry of bundledBuildCatalogue.entries) expect(parseReleaseName(entry.product, entry.name), entry.name).not.toBeNull();
  });
});

describe("reading Microsoft's list", () => {
  it('keeps 2013-or-later rows in short build form with ISO dates, and sets older products aside', () => {
    const read = readMicrosoftBuildList(
      list(
        'Exchange 2010 SP3 RU32,14.3.513.0,3/2/2021,,',
        'Exchange 2016 CU13,15.01.1779.002,6/18/2019,KB4488406,https://x',
        'Exchange Server SE RTM Nov26SU,15.2.2562.61,2026-11-10,,',
        '',
      ),
    );
    expect(read).toMatchObject({ olderRows: 1, duplicateRows: 0 });
    expect(read.builds.map(({ build, product, name, kind, released }) => ({ build, product, name, kind, released }))).toEqual([
      { build: '15.1.1779.2', product: 'Exchange 2016', name: 'CU13', kind: 'CU', released: '2019-06-18' },
      { build: '15.2.2562.61', product: 'Exchange Server SE', name: 'RTM Nov26SU', kind: 'SU', released: '2026-11-10' },
    ]);
  });

  it('counts a repeated row, and refuses one build under two names', () => {
    const row = 'Exchange 2016 CU23,15.1.2507.6,4/20/2022,,';
    expect(readMicrosoftBuildList(list(row, row)).duplicateRows).toBe(1);
    expect(() => readMicrosoftBuildList(list(row, 'Exchange 2016 CU23 May22SU,15.1.2507.6,5/10/2022,,'))).toThrow(
      /line 3 lists 15\.1\.2507\.6 as CU23 May22SU, but line 2 lists it as CU23/,
    );
  });

  it.each([
    ['<html><body>Sign in</body></html>', /markup/],
    ['Name,Version\r\nExchange 2016 CU23,15.1.2507.6', /first line is not the header/],
    [list(), /lists no Exchange 2013, 2016, 2019 or SE build/],
    [
      list('Exchange 2016 CU23,15.2.2507.6,4/20/2022,,'),
      /line 2: 15\.2\.2507\.6 is a Exchange 2019 build, but the row names Exchange 2016/,
    ],
    [
      list('Exchange 2010 SP3 RU40,15.1.2507.6,4/20/2022,,'),
      /line 2: "Exchange 2010 SP3 RU40" does not name Exchange 2013, 2016, 2019 or SE, but its build is 15\.1\.2507\.6/,
    ],
    [list('Exchange 2016 CU23,15.1.2507,4/20/2022,,'), /is not a four-part build number/],
    [list('Exchange 2016 Latest,15.1.2507.6,4/20/2022,,'), /"Latest" is not a release name/],
    [list('Exchange 2016 CU23,15.1.2507.6,2/30/2022,,'), /"2\/30\/2022" is not a date/],
    [list('Exchange 2016 CU23,15.1.2507.6,yesterday,,'), /"yesterday" is not a date/],
    [list('Exchange 2016 CU23 Nov26SU\u001b[31m,15.1.2507.6,4/20/2022,,'), /\\u001b/],
    [list('Garbage row,nothing,,,'), /names no Exchange product and no build/],
  ])('refuses %j in one line', (text, reason) => {
    let error: unknown;
    try {
      readMicrosoftBuildList(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('the union with the bundled table', () => {
  const bundled = bundledBuildCatalogue.entries;

  it('keeps bundled builds the list lacks, counts them, and keeps bundled spellings of the same release', () => {
    const read = readMicrosoftBuildList(
      list('Exchange 2013 SP1,15.0.847.32,2/25/2014,,', 'Exchange SE RTM Nov26SU,15.2.2562.61,11/10/2026,,'),
    );
    const merged = mergeWithBundled(read, bundled);
    expect(merged.fromList).toBe(2);
    expect(merged.keptFromBundled).toHaveLength(bundled.length - 1);
    expect(merged.entries.find((entry) => entry.build === '15.0.847.32')?.name).toBe('SP1 (CU4)');
    expect(changesBetween(bundled, merged.entries)).toEqual({
      added: [{ build: '15.2.2562.61', product: 'Exchange Server SE', name: 'RTM Nov26SU', kind: 'SU', released: '2026-11-10' }],
      renamed: [],
      dropped: [],
    });
  });

  it("takes Microsoft's name for a build it names differently, and refuses a build moved to another CU", () => {
    const renamed = mergeWithBundled(readMicrosoftBuildList(list('Exchange 2016 CU23 Sep26SU,15.1.2507.72,8/11/2026,,')), bundled);
    expect(changesBetween(bundled, renamed.entries).renamed).toEqual([
      { build: '15.1.2507.72', product: 'Exchange 2016', from: 'CU23 Aug26SU', to: 'CU23 Sep26SU' },
    ]);
    expect(() => mergeWithBundled(readMicrosoftBuildList(list('Exchange 2016 CU22 Nov26SU,15.1.2507.80,11/10/2026,,')), bundled)).toThrow(
      /15\.1\.2507\.80 is named Exchange 2016 CU22 Nov26SU, but CU22 of Exchange 2016 is 15\.1\.2375/,
    );
  });
});
