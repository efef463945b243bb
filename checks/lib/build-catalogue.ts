// The Exchange build list the checks name builds from: the bundled table (checks/data/exchange-builds.ts) or a
// catalogue `hybrid-readiness catalogue update` wrote from Microsoft's own list, with where it came from and how
// current it is. Naming only: verdicts compare build numbers (src/exchange/version.ts), so a stale list never turns a
// pass into a fail. A build the list lacks is still named truthfully — as a later (or unlisted) update of a known
// CU, or as an unlisted build after the nearest lower listed CU, never silently as the CU it is not.

import {
  compareBuilds,
  type ExchangeBuild,
  type ExchangeProduct,
  formatShort,
  isOnPremisesProduct,
  parseDottedBuild,
  productOf,
  sameCumulativeUpdate,
} from '../../src/exchange/version.js';
import { type BuildEntry, exchangeBuilds } from '../data/exchange-builds.js';

export type BuildMatch =
  /** The build is listed. */
  | 'exact'
  /** Its CU is listed; this revision is not (a newer update, an unlisted one, or no revision known). */
  | 'known-cu'
  /** Neither the build nor its CU is listed; `entry` is the nearest lower listed CU of the same product, if any. */
  | 'unlisted'
  /** Exchange Online, Exchange 2010 or older, or an unrecognised version: not in the on-premises table. */
  | 'not-in-table';

export interface BuildDescription {
  build: ExchangeBuild;
  product: ExchangeProduct;
  match: BuildMatch;
  /** The listed build that names it (exact), its CU (known-cu), or the nearest lower listed CU (unlisted). */
  entry: BuildEntry | null;
  /** e.g. "15.1.2507.6 (Exchange 2016 CU23)", "15.1.2507.99 (Exchange 2016 CU23, later update)". */
  text: string;
}

/** Where a catalogue came from, as the report's provenance and `hybrid-readiness catalogue` say it. */
export interface CatalogueProvenance {
  /** bundled: the table in this release; user: the catalogue in the user's config directory; file: --build-catalog. */
  origin: 'bundled' | 'user' | 'file';
  /** The --build-catalog file as given; null otherwise (the config directory's path stays out of reports). */
  file: string | null;
  /** The list the rows were read from: a URL, or the file `catalogue update --from` read; null when bundled. */
  readFrom: string | null;
  /** When `catalogue update` read that list (ISO 8601); null when bundled. */
  fetchedAt: string | null;
  /** SHA-256 (hex) of the list as read; null when bundled. */
  sha256: string | null;
}

export interface BuildCatalogue {
  /** Every listed build, in numeric build order. */
  readonly entries: readonly BuildEntry[];
  /** The newest release date in the list (YYYY-MM-DD); null when no row carries a date. */
  readonly asOf: string | null;
  readonly provenance: CatalogueProvenance;
  describe(build: ExchangeBuild): BuildDescription;
  /** The listed entry for an exact build string such as "15.1.544.27". */
  find(build: string): BuildEntry | undefined;
}

interface ParsedEntry {
  entry: BuildEntry;
  build: ExchangeBuild;
}

const isCuLevel = (entry: BuildEntry): boolean => entry.kind === 'CU' || entry.kind === 'RTM' || entry.kind === 'Preview';

/** Entries are sorted here; a build that does not parse is a programming error in whoever made the list. */
export function createBuildCatalogue(entries: readonly BuildEntry[], provenance: CatalogueProvenance): BuildCatalogue {
  const table: ParsedEntry[] = entries
    .map((entry) => {
      const build = parseDottedBuild(entry.build);
      if (!build) throw new Error(`build catalogue: unparseable build ${entry.build}`);
      return { entry, build };
    })
    .sort((a, b) => compareBuilds(a.build, b.build));
  const dates = table.map((row) => row.entry.released).filter((date): date is string => date !== null);
  return {
    entries: table.map((row) => row.entry),
    // ISO dates sort as text.
    asOf: dates.sort().at(-1) ?? null,
    provenance,
    describe: (build) => describeIn(table, build),
    find: (build) => table.find((row) => row.entry.build === build)?.entry,
  };
}

function describeIn(table: readonly ParsedEntry[], build: ExchangeBuild): BuildDescription {
  const product = productOf(build);
  const version = formatShort(build);
  if (!isOnPremisesProduct(product)) {
    const label = product === 'unknown' ? 'unrecognised Exchange version' : product;
    return { build, product, match: 'not-in-table', entry: null, text: `${version} (${label})` };
  }

  const exact = build.revision === null ? undefined : table.find((row) => compareBuilds(row.build, build) === 0);
  if (exact) return { build, product, match: 'exact', entry: exact.entry, text: `${version} (${product} ${exact.entry.name})` };

  const sameCu = table.filter((row) => sameCumulativeUpdate(row.build, build));
  // Preview and RTM can share a CU number (2016: 15.1.225); the later one names the CU.
  const cu = sameCu.filter((row) => isCuLevel(row.entry)).at(-1);
  if (cu) {
    const newest = Math.max(...sameCu.map((row) => row.build.revision ?? -1));
    const note = build.revision === null ? 'revision unknown' : build.revision > newest ? 'later update' : 'unlisted revision';
    return { build, product, match: 'known-cu', entry: cu.entry, text: `${version} (${product} ${cu.entry.name}, ${note})` };
  }

  const lower = table.filter((row) => row.entry.product === product && isCuLevel(row.entry) && compareBuilds(row.build, build) < 0).at(-1);
  const text = lower
    ? `${version} (unlisted ${product} build; nearest lower listed: ${lower.entry.name}, ${lower.entry.build})`
    : `${version} (unlisted ${product} build, older than every listed one)`;
  return { build, product, match: 'unlisted', entry: lower?.entry ?? null, text };
}

/** The table bundled with this release; the CLI picks a newer user catalogue over it (src/catalogue/choose.ts). */
export const bundledBuildCatalogue: BuildCatalogue = createBuildCatalogue(exchangeBuilds, {
  origin: 'bundled',
  file: null,
  readFrom: null,
  fetchedAt: null,
  sha256: null,
});
