// Which Exchange build list named the builds in a report: its provenance as the report carries it, the one line
// the reporters and `hybrid-readiness catalogue` print for it, and the notice a report carries when the list is
// more than STALE_AFTER_DAYS older than the assessment (docs/catalogue.md).
import { z } from 'zod';
import type { BuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { namesOrNull } from '../inventory/identifying.js';
import type { Notice } from './report.js';

/** Monthly security updates (since May 2026) make a list this old likely to miss a build; see docs/catalogue.md. */
const STALE_AFTER_DAYS = 45;

/** Microsoft's own build list: what `hybrid-readiness catalogue update` fetches by default. */
export const MICROSOFT_BUILD_LIST_URL = 'https://raw.githubusercontent.com/microsoft/Get-ExchangeBuildNumber/main/ExchangeBuildNumbers.csv';

export const BuildListProvenance = z.object({
  /** bundled: the table in this release; user: the catalogue in the config directory; file: --build-catalog. */
  origin: z.enum(['bundled', 'user', 'file']),
  /** The --build-catalog file as given; null otherwise. */
  file: namesOrNull('free-text'),
  /** The list `catalogue update` read (a URL or a file); null for the bundled table. */
  readFrom: namesOrNull('url'),
  fetchedAt: z.string().nullable(),
  sha256: z.string().nullable(),
  /** The newest release date in the list (YYYY-MM-DD). */
  asOf: z.string().nullable(),
  builds: z.number().int(),
});
export type BuildListProvenance = z.infer<typeof BuildListProvenance>;

export function buildListOf(catalogue: BuildCatalogue): BuildListProvenance {
  return { ...catalogue.provenance, asOf: catalogue.asOf, builds: catalogue.entries.length };
}

/** "bundled table", or where a user catalogue came from and when. */
function buildListWhere(list: BuildListProvenance): string {
  if (list.origin === 'bundled') return 'the bundled table';
  const which = list.origin === 'file' ? `--build-catalog ${list.file ?? ''}`.trim() : 'the user catalogue';
  const fetched = list.fetchedAt ? ` fetched ${list.fetchedAt}` : '';
  const digest = list.sha256 ? ` (sha256 ${list.sha256.slice(0, 12)}…)` : '';
  return `${which}, from ${list.readFrom ?? 'an unknown list'}${fetched}${digest}`;
}

/** "the bundled table, as of 2026-08-11 (305 builds)". */
export function buildListText(list: BuildListProvenance): string {
  return `${buildListWhere(list)}, as of ${list.asOf ?? 'an unknown date'} (${list.builds} builds)`;
}

/** Whole days from the list's as-of date to the assessment date; null when the list carries no date. */
function buildListAgeDays(list: Pick<BuildListProvenance, 'asOf'>, collectedAt: string): number | null {
  if (list.asOf === null) return null;
  const asOf = Date.parse(`${list.asOf}T00:00:00Z`);
  const assessed = Date.parse(`${collectedAt.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(asOf) || Number.isNaN(assessed) ? null : Math.round((assessed - asOf) / 86_400_000);
}

/** The notice of a possibly stale list, or null when the list is recent enough for the assessment date. */
export function staleBuildListNotice(list: BuildListProvenance, collectedAt: string): Notice | null {
  const age = buildListAgeDays(list, collectedAt);
  if (age !== null && age <= STALE_AFTER_DAYS) return null;
  const howOld =
    age === null
      ? 'carries no release dates'
      : `is as of ${list.asOf}, ${age} days before the assessment date (${collectedAt.slice(0, 10)})`;
  return {
    id: 'build-list-stale',
    level: 'info',
    title: 'Exchange build names may be out of date',
    text:
      `The Exchange build list that named the builds in this report (${buildListWhere(list)}; ${list.builds} builds) ${howOld}. ` +
      'Microsoft ' +
      'ships security updates monthly, so a server patched since is named as a later or unlisted update of its ' +
      'cumulative update. Verdicts compare build numbers and do not depend on the list. To name newer builds, run ' +
      '`hybrid-readiness catalogue update` before `assess` (or pass the catalogue it writes with --build-catalog).',
    sources: [{ title: 'microsoft/Get-ExchangeBuildNumber: ExchangeBuildNumbers.csv', url: MICROSOFT_BUILD_LIST_URL }],
  };
}
