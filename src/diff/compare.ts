// `diff`: what changed between two saved reports of the same organization, check by check.
//   fixed             failing before (fail, error), not failing now (and not merely accepted or deselected)
//   regressed         not failing before (or accepted, or deselected), failing now
//   new / gone        the check exists only in the new / the old report (a catalogue change)
//   unchanged-failing failing in both; the subjects that started or stopped failing are listed
//   changed           any other status change (pass → warn, fail → accepted, … → skipped)
// Statuses are compared as people see them (presentation.ts): a failure covered by an exception in force is
// `accepted`, not failing. Pure: two reports in, a plain document out; the CLI renders it and sets the exit code.
import type { CheckResult, Report, Severity, Verdict } from '../report/report.js';
import { type DisplayStatus, displayStatus, requirementsOf } from '../reporters/presentation.js';

export const DIFF_CATEGORIES = ['regressed', 'fixed', 'new', 'gone', 'unchanged-failing', 'changed', 'unchanged'] as const;
export type DiffCategory = (typeof DIFF_CATEGORIES)[number];

export interface CheckChange {
  id: string;
  title: string;
  /** From the new report when the check is in it, else from the old. */
  severity: Severity;
  requirement: string | null;
  category: DiffCategory;
  old: DisplayStatus | null;
  new: DisplayStatus | null;
  /** The new summary, or the old one for a check that is gone. */
  summary: string;
  /** Failing finding subjects ("server EX01") that appeared or disappeared, for checks in both reports. */
  newlyFailing: string[];
  noLongerFailing: string[];
}

export interface ReportSide {
  /** The requirement sets the report judged (graph-rest for reports older than the sets). */
  requirementSet: string;
  verdict: Verdict;
  collectedAt: string;
  toolVersion: string;
  catalogueVersion: string;
}

export interface ReportDiff {
  schemaVersion: 1;
  old: ReportSide;
  new: ReportSide;
  warnings: string[];
  counts: Record<DiffCategory, number>;
  /** In the new report's order, then the checks that are gone. */
  checks: CheckChange[];
}

const FAILING: ReadonlySet<DisplayStatus> = new Set(['fail', 'error']);

export function compareReports(before: Report, after: Report): ReportDiff {
  const oldById = new Map(before.results.map((result) => [result.id, result]));
  const newIds = new Set(after.results.map((result) => result.id));
  const checks = [
    ...after.results.map((result) => change(oldById.get(result.id), result)),
    ...before.results.filter((result) => !newIds.has(result.id)).map((result) => change(result, undefined)),
  ];
  const counts = Object.fromEntries(
    DIFF_CATEGORIES.map((category) => [category, checks.filter((entry) => entry.category === category).length]),
  ) as Record<DiffCategory, number>;
  return { schemaVersion: 1, old: sideOf(before), new: sideOf(after), warnings: warningsFor(before, after), counts, checks };
}

/** Regressions (and new checks that fail) at or above the level: what makes `diff` exit 1. */
export function blockingChanges(diff: ReportDiff, failOn: 'blocker' | 'warning'): CheckChange[] {
  const levels: readonly Severity[] = failOn === 'blocker' ? ['blocker'] : ['blocker', 'warning'];
  return diff.checks.filter(
    (entry) =>
      levels.includes(entry.severity) &&
      (entry.category === 'regressed' || (entry.category === 'new' && entry.new !== null && FAILING.has(entry.new))),
  );
}

function change(before: CheckResult | undefined, after: CheckResult | undefined): CheckChange {
  const base = (after ?? before) as CheckResult;
  const old = before ? displayStatus(before) : null;
  const now = after ? displayStatus(after) : null;
  const oldFailing = failingSubjects(before);
  const newFailing = failingSubjects(after);
  return {
    id: base.id,
    title: base.title,
    severity: base.severity,
    requirement: base.requirement.id,
    category: categoryOf(old, now),
    old,
    new: now,
    summary: base.summary,
    newlyFailing: before && after ? newFailing.filter((subject) => !oldFailing.includes(subject)) : [],
    noLongerFailing: before && after ? oldFailing.filter((subject) => !newFailing.includes(subject)) : [],
  };
}

function categoryOf(old: DisplayStatus | null, now: DisplayStatus | null): DiffCategory {
  if (old === null) return 'new';
  if (now === null) return 'gone';
  const wasFailing = FAILING.has(old);
  const isFailing = FAILING.has(now);
  if (wasFailing && isFailing) return 'unchanged-failing';
  if (isFailing) return 'regressed';
  // Not failing any more; accepted or deselected is not the same as fixed.
  if (wasFailing && now !== 'accepted' && now !== 'skipped') return 'fixed';
  return old === now ? 'unchanged' : 'changed';
}

function failingSubjects(result: CheckResult | undefined): string[] {
  if (!result) return [];
  return [
    ...new Set(
      result.findings.filter((finding) => finding.status === 'fail').map((finding) => `${finding.subject.kind} ${finding.subject.name}`),
    ),
  ];
}

function sideOf(report: Report): ReportSide {
  return {
    requirementSet: requirementsOf(report),
    verdict: report.verdict,
    collectedAt: report.provenance.collectedAt,
    toolVersion: report.tool.version,
    catalogueVersion: report.tool.catalogueVersion,
  };
}

function warningsFor(before: Report, after: Report): string[] {
  const warnings: string[] = [];
  if (requirementsOf(before) !== requirementsOf(after)) {
    warnings.push(
      `the reports judge different requirement sets (old ${requirementsOf(before)}, new ${requirementsOf(after)}): checks of a set only one of them judged show as new or gone because of the set, not because of the organization`,
    );
  }
  if (before.tool.catalogueVersion !== after.tool.catalogueVersion) {
    warnings.push(
      `the reports come from different check catalogues (old ${before.tool.catalogueVersion}, new ${after.tool.catalogueVersion}): a check may have changed what it judges, so a change may come from the tool rather than the organization`,
    );
  }
  const targetOf = (report: Report) =>
    JSON.stringify([
      [...report.provenance.target.domains].sort(),
      [...report.provenance.target.namespaces].sort(),
      report.provenance.target.adDomain,
    ]);
  if (targetOf(before) !== targetOf(after)) warnings.push('the reports assess different targets (domains, namespaces or AD domain differ)');
  const redacted = (report: Report) => report.notices.some((notice) => notice.id === 'redacted');
  if (redacted(before) !== redacted(after)) warnings.push('only one of the reports is redacted: subjects will not match between them');
  if (Date.parse(after.provenance.collectedAt) < Date.parse(before.provenance.collectedAt)) {
    warnings.push(
      `the new report's facts (${after.provenance.collectedAt}) are older than the old report's (${before.provenance.collectedAt}); pass OLD first, then NEW`,
    );
  }
  return warnings;
}
