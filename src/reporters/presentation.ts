// What every human-facing reporter says the same way: status and verdict labels, which results need a section,
// how an accepted risk reads, and the provenance facts. Plain text here; each reporter escapes for its format.

import { type RequirementSelection, selectionTitle } from '../../checks/requirement-sets.js';
import { isAcceptedFailure } from '../pipeline/summarize.js';
import { countOf } from '../plural.js';
import { buildListText } from '../report/build-list.js';
import type { AppliedException, CheckResult, Finding, Report, ResultStatus, Verdict } from '../report/report.js';

/** A result's status as shown to people: a failure covered by an exception in force shows as `accepted`. */
export type DisplayStatus = ResultStatus | 'accepted';

export const DISPLAY_STATUSES: readonly DisplayStatus[] = [
  'fail',
  'error',
  'accepted',
  'warn',
  'manual',
  'pass',
  'not-applicable',
  'skipped',
];

export const STATUS_LABEL: Record<DisplayStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  'not-applicable': 'N/A',
  manual: 'MANUAL',
  error: 'ERROR',
  skipped: 'SKIPPED',
  accepted: 'ACCEPTED',
};

export const VERDICT_LABEL: Record<Verdict, string> = { ready: 'READY', 'not-ready': 'NOT READY', incomplete: 'INCOMPLETE' };

export function displayStatus(result: CheckResult): DisplayStatus {
  return isAcceptedFailure(result) ? 'accepted' : result.status;
}

/** Results worth a detailed section: something to fix, verify, re-run, or a risk someone accepted. */
export function needsAttention(result: CheckResult): boolean {
  return result.status === 'fail' || result.status === 'warn' || result.status === 'manual' || result.status === 'error';
}

/** Findings shown in a result's section: the ones that did not pass or apply. */
export function notableFindings(result: CheckResult): Finding[] {
  return result.findings.filter((finding) => finding.status !== 'pass' && finding.status !== 'not-applicable');
}

/** "12 checks: 9 pass, 2 fail, 1 accepted" — display statuses, so an accepted failure is not counted as failing. */
export function countsLine(report: Report): string {
  const counts = new Map<DisplayStatus, number>();
  for (const result of report.results) counts.set(displayStatus(result), (counts.get(displayStatus(result)) ?? 0) + 1);
  const parts = (Object.keys(STATUS_LABEL) as DisplayStatus[])
    .filter((status) => (counts.get(status) ?? 0) > 0)
    .map((status) => `${counts.get(status)} ${STATUS_LABEL[status].toLowerCase()}`);
  const total = report.results.length;
  return `${countOf(total, 'check')}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** What the report judged; a report older than the requirement sets judged graph-rest. */
export function requirementsOf(report: Pick<Report, 'requirementSet'>): RequirementSelection {
  return report.requirementSet ?? 'graph-rest';
}

/** "Requirement set: hybrid (Exchange hybrid as it stands in late 2026)": every reporter's header says it. */
export function requirementsLine(report: Pick<Report, 'requirementSet'>): string {
  const requirements = requirementsOf(report);
  return `Requirement set: ${requirements} (${selectionTitle(requirements)})`;
}

/** "reason — owner jane, ticket CHG-1, through 2026-12-31" */
export function exceptionTerms(exception: AppliedException): string {
  const terms = [`owner ${exception.owner}`, ...(exception.ticket ? [`ticket ${exception.ticket}`] : []), `expires ${exception.expires}`];
  return `${exception.reason} (${terms.join(', ')})`;
}

export const EXCEPTION_STATE_LABEL: Record<AppliedException['state'], string> = {
  accepted: 'Accepted risk',
  expired: 'Expired exception',
  unmatched: 'Unmatched exception',
};

/** The exceptions that matched nothing: the configuration is out of date, say so. */
export function unmatchedExceptions(report: Report): AppliedException[] {
  return (report.exceptions ?? []).filter((exception) => exception.state === 'unmatched');
}

export interface ProvenanceFact {
  label: string;
  value: string;
}

/** Where the facts came from and what judged them: tool, catalogue, when, from where, about what, which build list. */
export function provenanceFacts(report: Report): ProvenanceFact[] {
  const { provenance, tool } = report;
  const { target } = provenance;
  const facts: ProvenanceFact[] = [
    { label: 'Requirement set', value: `${requirementsOf(report)} (${selectionTitle(requirementsOf(report))})` },
    { label: 'Tool', value: `${tool.name} ${tool.version}` },
    { label: 'Check catalogue', value: tool.catalogueVersion },
    { label: 'Facts collected at', value: provenance.collectedAt },
    {
      label: 'Facts',
      value: provenance.source === 'inventory' ? `replayed from ${provenance.inventoryFile ?? 'a saved inventory'}` : 'collected live',
    },
  ];
  const host = provenance.settings['collectedFrom'];
  if (typeof host === 'string' && host !== '') facts.push({ label: 'Collected from host', value: host });
  if (provenance.settings['mode'] === 'fixture') facts.push({ label: 'Collected from host', value: 'none: a bundled example inventory' });
  facts.push({ label: 'Target', value: targetText(target) });
  facts.push({
    label: 'Judged with',
    value: `fail-on ${provenance.evaluation.failOn}, max sync age ${provenance.evaluation.maxSyncAgeMinutes} min`,
  });
  if (provenance.buildList) facts.push({ label: 'Exchange build list', value: buildListText(provenance.buildList) });
  return facts;
}

/** "domains contoso.com; namespaces mail.contoso.com; tenant …" — what the run was pointed at. */
export function targetText(target: Report['provenance']['target']): string {
  const parts = [
    ...(target.domains.length ? [`domains ${target.domains.join(', ')}`] : []),
    ...(target.namespaces.length ? [`namespaces ${target.namespaces.join(', ')}`] : []),
    ...(target.mailboxes.length ? [`mailboxes ${target.mailboxes.join(', ')}`] : []),
    ...(target.adDomain ? [`AD domain ${target.adDomain}`] : []),
    ...(target.ldapUrl ? [`LDAP ${target.ldapUrl}`] : []),
    ...(target.tenantId ? [`tenant ${target.tenantId}`] : []),
  ];
  return parts.length ? parts.join('; ') : 'not recorded';
}

/** JSON of an evidence value, two-space indented: what the reporters show verbatim. */
export function evidenceJson(evidence: Record<string, unknown>): string {
  return JSON.stringify(evidence, null, 2);
}
