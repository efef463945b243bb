// From check results to the report: verdict, counts and the notices every report carries.
import type { EvaluationOptions } from '../../checks/api.js';
import type { Inventory } from '../inventory/inventory.js';
import { noticesFor } from '../report/notices.js';
import {
  REPORT_SCHEMA_VERSION,
  type CheckResult,
  type Report,
  type ResultStatus,
  type StatusCounts,
  type Verdict,
} from '../report/report.js';
import { CATALOGUE_VERSION, TOOL_NAME, TOOL_VERSION } from '../version.js';

export type FailOn = 'blocker' | 'warning';

export interface SummarizeInput {
  inventory: Inventory;
  results: CheckResult[];
  options: EvaluationOptions;
  failOn: FailOn;
  source: 'live' | 'inventory';
  inventoryFile: string | null;
}

export function summarize({ inventory, results, options, failOn, source, inventoryFile }: SummarizeInput): Report {
  const { verdict, reason } = verdictOf(results);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, catalogueVersion: CATALOGUE_VERSION },
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
    notices: noticesFor(inventory),
    provenance: {
      collectedAt: inventory.collectedAt,
      source,
      inventoryFile,
      target: structuredClone(inventory.target),
      settings: JSON.parse(JSON.stringify(inventory.settings)) as Record<string, unknown>,
      evaluation: { maxSyncAgeMinutes: options.maxSyncAgeMinutes, failOn },
    },
  };
}

/**
 * ready: no blocker failed or went unevaluated; not-ready: a blocker failed;
 * incomplete: no blocker failed but one could not be evaluated (error or manual).
 * A skipped (deselected) blocker is the user's choice and does not make the verdict incomplete.
 */
export function verdictOf(results: readonly CheckResult[]): { verdict: Verdict; reason: string } {
  const blockers = results.filter((result) => result.severity === 'blocker');
  const failed = blockers.filter((result) => result.status === 'fail').map((result) => result.id);
  if (failed.length > 0) return { verdict: 'not-ready', reason: `blocker check${failed.length > 1 ? 's' : ''} failed: ${failed.join(', ')}` };
  const open = blockers.filter((result) => result.status === 'error' || result.status === 'manual').map((result) => result.id);
  if (open.length > 0) return { verdict: 'incomplete', reason: `blocker check${open.length > 1 ? 's' : ''} could not be evaluated: ${open.join(', ')}` };
  return { verdict: 'ready', reason: 'every blocker check passed or does not apply' };
}

/** Exit code of an assessment: 1 when a check at or above --fail-on failed, 2 when incomplete, else 0. */
export function exitCodeOf(report: Pick<Report, 'verdict' | 'results'>, failOn: FailOn): 0 | 1 | 2 {
  if (report.verdict === 'not-ready') return 1;
  if (report.verdict === 'incomplete') return 2;
  if (failOn === 'warning' && report.results.some((r) => r.severity === 'warning' && r.status === 'fail')) return 1;
  return 0;
}

export function countStatuses(results: readonly { status: ResultStatus }[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, 'not-applicable': 0, manual: 0, error: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}
