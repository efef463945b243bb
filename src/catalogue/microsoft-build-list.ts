// Microsoft's build list (ExchangeBuildNumbers.csv of microsoft/Get-ExchangeBuildNumber: Product Name, Build Number,
// Date, KB, Blog) read as hostile input: every Exchange 2013-or-later row must parse into product, CU and update and
// its build number must belong to the product it names; older products' rows are counted and set aside. The first
// row that breaks a rule stops the read with one line that names it, so a bad download changes nothing.
import type { BuildEntry } from '../../checks/data/exchange-builds.js';
import { CatalogueError } from '../errors.js';
import { compareBuilds, formatShort, type OnPremisesProduct, parseDottedBuild, productOf } from '../exchange/version.js';
import { CsvError, parseCsv } from './csv.js';
import { parseReleaseName, type ReleaseName, splitProduct } from './release-names.js';

interface ListedBuild extends BuildEntry {
  release: ReleaseName;
  /** 1-based line of the row in the list, for messages. */
  line: number;
}

export interface MicrosoftBuildList {
  builds: ListedBuild[];
  /** Rows of Exchange 2010 and older: accepted, not kept. */
  olderRows: number;
  /** Rows that repeat a build already read with the same name. */
  duplicateRows: number;
}

const BUILD_LIST_HEADER = ['Product Name', 'Build Number', 'Date', 'KB', 'Blog'] as const;
const MAX_ROWS = 20_000;

export function readMicrosoftBuildList(text: string): MicrosoftBuildList {
  if (/^\s*</.test(text)) throw new CatalogueError('it is markup (an HTML error page?), not CSV');
  let rows: string[][];
  try {
    rows = parseCsv(text, { maxRows: MAX_ROWS + 1, maxFields: 16, maxFieldLength: 2048 });
  } catch (error) {
    if (error instanceof CsvError) throw new CatalogueError(`it is not readable CSV (${error.message})`);
    throw error;
  }
  const [header, ...body] = rows;
  const columns = (header ?? []).map((name) => name.trim());
  const at = (name: (typeof BUILD_LIST_HEADER)[number]) => columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
  const [productAt, buildAt, dateAt] = [at('Product Name'), at('Build Number'), at('Date')];
  if (productAt < 0 || buildAt < 0 || dateAt < 0) {
    throw new CatalogueError(`its first line is not the header "${BUILD_LIST_HEADER.join(',')}" of Microsoft's build list`);
  }

  const builds: ListedBuild[] = [];
  const byBuild = new Map<string, ListedBuild>();
  let olderRows = 0;
  let duplicateRows = 0;
  body.forEach((fields, index) => {
    const line = index + 2;
    if (fields.every((field) => field.trim() === '')) return;
    const row = readRow(fields[productAt] ?? '', fields[buildAt] ?? '', fields[dateAt] ?? '', line);
    if (row === 'older') {
      olderRows += 1;
      return;
    }
    const seen = byBuild.get(row.build);
    if (seen) {
      if (seen.name !== row.name) {
        throw new CatalogueError(`line ${line} lists ${row.build} as ${row.name}, but line ${seen.line} lists it as ${seen.name}`);
      }
      duplicateRows += 1;
      return;
    }
    byBuild.set(row.build, row);
    builds.push(row);
  });
  if (builds.length === 0) throw new CatalogueError('it lists no Exchange 2013, 2016, 2019 or SE build');
  builds.sort((a, b) => compareBuilds(parseDottedBuild(a.build)!, parseDottedBuild(b.build)!));
  return { builds, olderRows, duplicateRows };
}

function readRow(productName: string, buildText: string, dateText: string, line: number): ListedBuild | 'older' {
  const build = parseDottedBuild(buildText.trim());
  const named = splitProduct(productName);
  const recent = (named !== null && named.product !== 'older') || (build !== null && build.major >= 15);
  if (!recent) {
    if (named === null && build === null)
      throw new CatalogueError(`line ${line} names no Exchange product and no build (${quote(productName)})`);
    return 'older';
  }
  if (named === null || named.product === 'older') {
    throw new CatalogueError(
      `line ${line}: ${quote(productName)} does not name Exchange 2013, 2016, 2019 or SE, but its build is ${buildText.trim()}`,
    );
  }
  if (build === null || build.revision === null) {
    throw new CatalogueError(`line ${line}: ${quote(buildText)} is not a four-part build number such as 15.1.2507.6`);
  }
  const product: OnPremisesProduct = named.product;
  if (productOf(build) !== product) {
    throw new CatalogueError(
      `line ${line}: ${formatShort(build)} is a ${productOf(build)} build, but the row names ${product} (a build number never changes product)`,
    );
  }
  const release = parseReleaseName(product, named.rest);
  if (!release)
    throw new CatalogueError(`line ${line}: ${quote(named.rest)} is not a release name such as "CU23", "RTM" or "CU23 Nov26SU"`);
  return { build: formatShort(build), product, name: release.name, kind: release.kind, released: isoDate(dateText, line), release, line };
}

/** "3/8/2007" or "12/09/2014" (US order, as the list writes them) or "2026-11-10" → "YYYY-MM-DD"; empty → null. */
function isoDate(text: string, line: number): string | null {
  const value = text.trim();
  if (value === '') return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = us ? [us[3], us[1], us[2]] : iso ? [iso[1], iso[2], iso[3]] : [];
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (year === undefined || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new CatalogueError(`line ${line}: ${quote(value)} is not a date such as 11/10/2026`);
  }
  return date;
}

/** JSON quoting keeps control characters and very long values from a download out of the one-line message. */
function quote(text: string): string {
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed);
}
