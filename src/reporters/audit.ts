// What the two hand-over formats (HTML and Markdown) say the same way, in the same order: the audit's header (whose
// organization, which target, when, from what source, judged by which tool, catalogue and requirement set), the
// notices a reader must see before any requirement (the retired preview, the support lifecycle), and the order of
// the checks (failures first, then what could not be judged, then the rest). Plain text; each reporter escapes.
import { selectionTitle } from '../../checks/requirement-sets.js';
import type { CheckResult, Notice, Report } from '../report/report.js';
import { DISPLAY_STATUSES, type DisplayStatus, displayStatus, type ProvenanceFact, requirementsOf, targetText } from './presentation.js';

/** The organization the audit is about: the Exchange organization's name, else the tenant's; never invented. */
export function organizationName(report: Report): string | null {
  const { exchange, tenant } = report.provenance.organization ?? { exchange: null, tenant: null };
  if (exchange && tenant && exchange.toLowerCase() !== tenant.toLowerCase()) return `${exchange} (tenant ${tenant})`;
  return exchange ?? tenant ?? null;
}

/** "2026-11-20" — the assessment date is the date the facts were collected (checks judge them as of then). */
export function assessmentDate(report: Report): string {
  return assessedAt(report).slice(0, 10);
}

/** "2026-11-20 09:30 UTC"; the recorded text itself when it is not a readable time. */
function assessedAt(report: Report): string {
  const time = new Date(report.provenance.collectedAt);
  if (Number.isNaN(time.getTime())) return report.provenance.collectedAt;
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Where the facts came from: collected live, replayed from a saved inventory, or imported from Exchange Management
 * Shell exports (an inventory whose collection mode is `ems`, as `import-ems` writes it).
 */
export function sourceText(report: Report): string {
  const { provenance } = report;
  const mode = provenance.settings['mode'];
  const host = provenance.settings['collectedFrom'];
  const how =
    mode === 'ems'
      ? 'imported from Exchange Management Shell exports'
      : mode === 'fixture'
        ? 'a bundled example, not a real organization'
        : `collected live${typeof host === 'string' && host !== '' ? ` from ${host}` : ''}`;
  if (provenance.source !== 'inventory') return how;
  return `saved inventory ${provenance.inventoryFile ?? '(file not recorded)'}, ${how}`;
}

/** The requirement set judged, as the registry names it (checks/requirement-sets.ts). */
function requirementSetText(report: Report): string {
  const requirements = requirementsOf(report);
  return `${requirements}: ${selectionTitle(requirements)}`;
}

/** The header's facts, in the order they are shown. */
export function headerFacts(report: Report): ProvenanceFact[] {
  const { tool } = report;
  return [
    { label: 'Target', value: targetText(report.provenance.target) },
    { label: 'Assessed', value: assessedAt(report) },
    { label: 'Source', value: sourceText(report) },
    { label: 'Requirement set', value: requirementSetText(report) },
    { label: 'Tool', value: `${tool.name} ${tool.version}, check catalogue ${tool.catalogueVersion}` },
  ];
}

/** The check whose result is the support-lifecycle notice (DESIGN: a truth every report carries, per server). */
const LIFECYCLE_CHECK = 'exchange-support-lifecycle';

export interface LifecycleNotice {
  status: DisplayStatus;
  title: string;
  text: string;
  /** The id of the check, whose section holds the servers and dates. */
  check: string;
}

const LIFECYCLE_TITLE: Partial<Record<DisplayStatus, string>> = {
  fail: 'Exchange servers out of support',
  accepted: 'Exchange servers out of support (accepted risk)',
  warn: 'Exchange servers leave support soon',
  pass: 'Exchange servers in support',
  'not-applicable': 'Support lifecycle: no Exchange server to judge',
};

/** The support-lifecycle result as a notice; null when the check was not run (deselected or not in the catalogue). */
export function lifecycleNotice(report: Report): LifecycleNotice | null {
  const result = report.results.find((entry) => entry.id === LIFECYCLE_CHECK);
  if (!result || result.status === 'skipped') return null;
  const status = displayStatus(result);
  const reason = result.reason && !result.summary.includes(result.reason) ? ` ${result.reason}` : '';
  return {
    status,
    title: LIFECYCLE_TITLE[status] ?? 'Support lifecycle could not be judged',
    text: `${result.summary}${reason}`,
    check: result.id,
  };
}

export type AuditNotice = { kind: 'notice'; notice: Notice } | { kind: 'lifecycle'; lifecycle: LifecycleNotice };

/** The notices in the order the audit shows them: the important ones (the retired preview), the lifecycle, the rest. */
export function auditNotices(report: Report): AuditNotice[] {
  const notices = report.notices.map((notice): AuditNotice => ({ kind: 'notice', notice }));
  const lifecycle = lifecycleNotice(report);
  if (lifecycle)
    notices.splice(report.notices.filter((notice) => notice.level === 'important').length, 0, { kind: 'lifecycle', lifecycle });
  return notices;
}

const SEVERITY_RANK: Record<CheckResult['severity'], number> = { blocker: 0, warning: 1, advice: 2 };

/** The checks as the audit lists them: failures first, then errors, accepted risks, caveats, manual checks, the rest. */
export function auditOrder(results: readonly CheckResult[]): CheckResult[] {
  const rank = (result: CheckResult) => DISPLAY_STATUSES.indexOf(displayStatus(result));
  return results
    .map((result, index) => ({ result, index }))
    .sort(
      (a, b) => rank(a.result) - rank(b.result) || SEVERITY_RANK[a.result.severity] - SEVERITY_RANK[b.result.severity] || a.index - b.index,
    )
    .map(({ result }) => result);
}
