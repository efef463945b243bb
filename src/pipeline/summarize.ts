// From check results to the report: verdict, counts and the notices every report carries.
import type { EvaluationOptions } from '../../checks/api.js';
import { type BuildCatalogue, bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { DEFAULT_REQUIREMENT_SELECTION, type RequirementSelection } from '../../checks/requirement-sets.js';
import type { Inventory } from '../inventory/inventory.js';
import { plural } from '../plural.js';
import { buildListOf } from '../report/build-list.js';
import { noticesFor } from '../report/notices.js';
import { namesMentioned } from '../report/redact.js';
import {
  type CheckResult,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ResultStatus,
  type StatusCounts,
  type Verdict,
} from '../report/report.js';
import { CATALOGUE_VERSION, TOOL_NAME, TOOL_VERSION } from '../version.js';
import { applyExceptions, type DeclaredException } from './exceptions.js';

export type FailOn = 'blocker' | 'warning';

export interface SummarizeInput {
  inventory: Inventory;
  results: CheckResult[];
  options: EvaluationOptions;
  failOn: FailOn;
  source: 'live' | 'inventory';
  inventoryFile: string | null;
  /** Accepted risks from the configuration; see exceptions.ts. */
  exceptions?: readonly DeclaredException[];
  /** The build list the checks named builds from (the same one evaluate got); the bundled table by default. */
  builds?: BuildCatalogue;
  /** The requirement sets judged (the results are those of their checks); graph-rest when absent. */
  requirements?: RequirementSelection;
}

export function summarize({
  inventory,
  results: evaluated,
  options,
  failOn,
  source,
  inventoryFile,
  exceptions: declared = [],
  builds = bundledBuildCatalogue,
  requirements = DEFAULT_REQUIREMENT_SELECTION,
}: SummarizeInput): Report {
  const { results, exceptions } = applyExceptions(evaluated, declared, inventory.collectedAt, requirements);
  const buildList = buildListOf(builds);
  const { verdict, reason } = verdictOf(results);
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, catalogueVersion: CATALOGUE_VERSION },
    requirementSet: requirements,
    verdict,
    verdictReason: reason,
    counts: {
      byStatus: countStatuses(results),
      bySeverity: {
        blocker: countStatuses(results.filter((r) => r.severity === 'blocker')),
        warning: countStatuses(results.filter((r) => r.severity === 'warning')),
        advice: countStatuses(results.filter((r) => r.severity === 'advice')),
      },
    },
    results,
    exceptions,
    notices: noticesFor(inventory, requirements, buildList),
    provenance: {
      collectedAt: inventory.collectedAt,
      source,
      inventoryFile,
      target: structuredClone(inventory.target),
      organization: {
        exchange: inventory.artifacts.ExchangeOrganization?.name ?? null,
        tenant: inventory.artifacts.GraphOrganization?.displayName ?? null,
      },
      settings: JSON.parse(JSON.stringify(inventory.settings)) as Record<string, unknown>,
      evaluation: { maxSyncAgeMinutes: options.maxSyncAgeMinutes, failOn },
      buildList,
    },
  };
  // The names it mentions, so that `report FILE --redact` can replace them without the inventory.
  const { provenance, ...rest } = report;
  return { ...rest, names: namesMentioned(inventory, report), provenance };
}

/**
 * ready: no blocker failed or went unevaluated; not-ready: a blocker failed; incomplete: no blocker failed but one
 * could not be evaluated (error or manual). A skipped (deselected) blocker is the user's choice and does not make
 * the verdict incomplete. A failure covered by an exception in force (`accepted`) keeps its status `fail` but does
 * not count; the reason names it, so an accepted risk is never silent.
 */
export function verdictOf(results: readonly CheckResult[]): { verdict: Verdict; reason: string } {
  const blockers = results.filter((result) => result.severity === 'blocker');
  const accepted = blockers.filter(isAcceptedFailure).map((result) => result.id);
  const acceptedNote = accepted.length > 0 ? `; ${plural(accepted.length, 'failure')} accepted as a risk: ${accepted.join(', ')}` : '';
  const failed = blockers.filter(countsAsFailed).map((result) => result.id);
  if (failed.length > 0)
    return { verdict: 'not-ready', reason: `blocker ${plural(failed.length, 'check')} failed: ${failed.join(', ')}${acceptedNote}` };
  const open = blockers.filter((result) => result.status === 'error' || result.status === 'manual').map((result) => result.id);
  if (open.length > 0)
    return {
      verdict: 'incomplete',
      reason: `blocker ${plural(open.length, 'check')} could not be evaluated: ${open.join(', ')}${acceptedNote}`,
    };
  if (accepted.length > 0) return { verdict: 'ready', reason: `every other blocker check passed or does not apply${acceptedNote}` };
  return { verdict: 'ready', reason: 'every blocker check passed or does not apply' };
}

/** A failure that counts: status fail and not covered by an exception in force. */
export function countsAsFailed(result: Pick<CheckResult, 'status' | 'accepted'>): boolean {
  return result.status === 'fail' && result.accepted !== true;
}

export function isAcceptedFailure(result: Pick<CheckResult, 'status' | 'accepted'>): boolean {
  return result.status === 'fail' && result.accepted === true;
}

/** Exit code of an assessment: 1 when a check at or above --fail-on failed (and was not accepted), 2 when incomplete, else 0. */
export function exitCodeOf(report: Pick<Report, 'verdict' | 'results'>, failOn: FailOn): 0 | 1 | 2 {
  if (report.verdict === 'not-ready') return 1;
  if (report.verdict === 'incomplete') return 2;
  if (failOn === 'warning' && report.results.some((r) => r.severity === 'warning' && countsAsFailed(r))) return 1;
  return 0;
}

export function countStatuses(results: readonly { status: ResultStatus }[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, 'not-applicable': 0, manual: 0, error: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}
