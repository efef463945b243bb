// The catalogue `catalogue update` writes: Microsoft's list united with the bundled table. A bundled build the list
// lacks is kept (and counted); a build both list is named as Microsoft names it unless the two spellings denote the
// same release ("SP1" and "SP1 (CU4)"), when the bundled name stays. A cumulative update has one build number per
// product: a list that puts CU22 where the bundled table has CU23 is refused, not merged.
import type { BuildEntry } from '../../checks/data/exchange-builds.js';
import { CatalogueError } from '../errors.js';
import { compareBuilds, parseDottedBuild } from '../exchange/version.js';
import type { MicrosoftBuildList } from './microsoft-build-list.js';
import { parseReleaseName, type ReleaseName, sameRelease } from './release-names.js';

export interface MergedList {
  /** Every build, in numeric build order. */
  entries: BuildEntry[];
  /** How many came from the list (the rest are bundled builds it lacks). */
  fromList: number;
  keptFromBundled: BuildEntry[];
}

export interface CatalogueChanges {
  added: BuildEntry[];
  renamed: { build: string; product: string; from: string; to: string }[];
  /** Builds the previous catalogue had that the new one has not (a list that dropped a build no release bundles). */
  dropped: BuildEntry[];
}

export function mergeWithBundled(list: MicrosoftBuildList, bundled: readonly BuildEntry[]): MergedList {
  const bundledByBuild = new Map(bundled.map((entry) => [entry.build, entry]));
  const listed = new Set(list.builds.map((row) => row.build));
  const entries: BuildEntry[] = list.builds.map((row) => {
    const known = bundledByBuild.get(row.build);
    const knownRelease = known ? releaseOf(known) : null;
    const base =
      knownRelease && sameRelease(knownRelease, row.release)
        ? { name: known!.name, kind: known!.kind }
        : { name: row.name, kind: row.kind };
    return { build: row.build, product: row.product, ...base, released: row.released ?? known?.released ?? null };
  });
  const keptFromBundled = bundled.filter((entry) => !listed.has(entry.build));
  const merged = [...entries, ...keptFromBundled].sort((a, b) => compareBuilds(parseDottedBuild(a.build)!, parseDottedBuild(b.build)!));
  assertOneBuildPerRelease(merged);
  return { entries: merged, fromList: entries.length, keptFromBundled };
}

export function changesBetween(previous: readonly BuildEntry[], next: readonly BuildEntry[]): CatalogueChanges {
  const before = new Map(previous.map((entry) => [entry.build, entry]));
  const after = new Set(next.map((entry) => entry.build));
  const renamed: CatalogueChanges['renamed'] = [];
  const added: BuildEntry[] = [];
  for (const entry of next) {
    const old = before.get(entry.build);
    if (!old) added.push(entry);
    else if (old.name !== entry.name) renamed.push({ build: entry.build, product: entry.product, from: old.name, to: entry.name });
  }
  return { added, renamed, dropped: previous.filter((entry) => !after.has(entry.build)) };
}

function releaseOf(entry: BuildEntry): ReleaseName | null {
  return parseReleaseName(entry.product, entry.name);
}

/** Every build of one product's CU shares major.minor.build (an SU changes only the revision). */
function assertOneBuildPerRelease(entries: readonly BuildEntry[]): void {
  const seen = new Map<string, BuildEntry>();
  for (const entry of entries) {
    const release = releaseOf(entry);
    if (!release) continue;
    const key = `${entry.product} ${release.release}`;
    const cuOf = (build: string) => build.split('.').slice(0, 3).join('.');
    const first = seen.get(key);
    if (!first) seen.set(key, entry);
    else if (cuOf(first.build) !== cuOf(entry.build)) {
      throw new CatalogueError(
        `${entry.build} is named ${entry.product} ${entry.name}, but ${release.release} of ${entry.product} is ${cuOf(first.build)} ` +
          `(${first.build} ${first.name}): a build never changes its cumulative update`,
      );
    }
  }
}
