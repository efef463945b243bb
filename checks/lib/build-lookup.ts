// Names a build from the build table: "15.1.2507.6 (Exchange 2016 CU23)". A build the table does not list is
// still named truthfully: as a later (or unlisted) update of a known CU, or as an unlisted build after the
// nearest lower listed CU — never silently as the CU it is not.

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

interface ParsedEntry {
  entry: BuildEntry;
  build: ExchangeBuild;
}

const table: readonly ParsedEntry[] = exchangeBuilds.map((entry) => {
  const build = parseDottedBuild(entry.build);
  if (!build) throw new Error(`exchange-builds: unparseable build ${entry.build}`);
  return { entry, build };
});

const isCuLevel = (entry: BuildEntry): boolean => entry.kind === 'CU' || entry.kind === 'RTM' || entry.kind === 'Preview';

export function describeBuild(build: ExchangeBuild): BuildDescription {
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

/** The listed entry for an exact build string such as "15.1.544.27". */
export function findBuildEntry(build: string): BuildEntry | undefined {
  return exchangeBuilds.find((entry) => entry.build === build);
}
