// The terminal reporter: verdict first, then one row per check, then what to do about each check that did
// not pass, then the notices and where the facts came from. Colour only when the CLI asks for it.
import { Chalk, type ChalkInstance } from 'chalk';
import { countOf } from '../plural.js';
import { buildListText } from '../report/build-list.js';
import type { AppliedException, CheckResult, Finding, Notice, Report, Verdict } from '../report/report.js';
import { type GridRow, renderGrid } from './grid.js';
import {
  countsLine,
  type DisplayStatus,
  displayStatus,
  EXCEPTION_STATE_LABEL,
  exceptionTerms,
  needsAttention,
  notableFindings,
  requirementsLine,
  STATUS_LABEL,
  unmatchedExceptions,
  VERDICT_LABEL,
} from './presentation.js';
import { compactEvidence, wrap } from './text.js';

export interface TableStyle {
  /** chalk colour level: 0 = no ANSI codes at all. */
  colorLevel: 0 | 1 | 2 | 3;
  /** Terminal width in columns. */
  width: number;
}

export const DEFAULT_TABLE_STYLE: TableStyle = { colorLevel: 0, width: 100 };

export function renderTable(report: Report, style: TableStyle = DEFAULT_TABLE_STYLE): string {
  const c = new Chalk({ level: style.colorLevel });
  const width = Math.max(60, style.width);
  const out: string[] = [];
  out.push(`${paintVerdict(c, report.verdict)} ${report.verdictReason}`);
  out.push(countsLine(report));
  out.push(requirementsLine(report));
  out.push('');
  out.push(resultsTable(c, report.results, width));
  const attention = report.results.filter(needsAttention);
  for (const result of attention) out.push('', ...resultSection(c, result, width));
  const unmatched = unmatchedExceptions(report);
  if (unmatched.length > 0) {
    out.push('', c.bold('Exceptions that match nothing (update the configuration)'));
    for (const exception of unmatched)
      out.push(
        ...wrap(`${exception.check}${exception.subject ? ` (${exception.subject})` : ''}: ${exception.detail}`, width, '    ', '  - '),
      );
  }
  if (report.notices.length > 0) {
    out.push('', c.bold('Notices'));
    for (const notice of report.notices) out.push(...noticeSection(c, notice, width));
  }
  out.push('', ...wrap(provenanceLine(report), width, '  ', '').map((line) => c.dim(line)));
  return `${out.join('\n')}\n`;
}

function paintVerdict(c: ChalkInstance, verdict: Verdict): string {
  const text = `Verdict: ${VERDICT_LABEL[verdict]} —`;
  if (verdict === 'ready') return c.bold.green(text);
  if (verdict === 'not-ready') return c.bold.red(text);
  return c.bold.yellow(text);
}

function paintStatus(c: ChalkInstance, status: DisplayStatus, text = STATUS_LABEL[status]): string {
  switch (status) {
    case 'pass':
      return c.green(text);
    case 'fail':
      return c.red(text);
    case 'error':
      return c.red.bold(text);
    case 'warn':
      return c.yellow(text);
    case 'accepted':
      return c.magenta(text);
    case 'manual':
      return c.cyan(text);
    case 'not-applicable':
    case 'skipped':
      return c.dim(text);
  }
}

function resultsTable(c: ChalkInstance, results: readonly CheckResult[], width: number): string {
  const idWidth = Math.min(34, Math.max(7, ...results.map((result) => result.id.length)) + 2);
  const fixed = 10 + 10 + idWidth + 5; // status (ACCEPTED fits), severity, id columns and the five vertical borders
  const summaryWidth = Math.max(24, width - fixed);
  const rows: GridRow[] = results.map((result) => [paintStatus(c, displayStatus(result)), result.severity, result.id, result.summary]);
  if (results.length === 0) rows.push({ span: 'no checks were selected' });
  return renderGrid({ head: ['Status', 'Severity', 'Check', 'Summary'], rows, widths: [10, 10, idWidth, summaryWidth] });
}

function resultSection(c: ChalkInstance, result: CheckResult, width: number): string[] {
  const requirement = result.requirement.id ? `, ${result.requirement.id}` : '';
  const lines = [`${paintStatus(c, displayStatus(result))} ${c.bold(result.id)} — ${result.title} (${result.severity}${requirement})`];
  lines.push(...wrap(result.summary, width, '  '));
  if (result.reason && !result.summary.includes(result.reason)) lines.push(...wrap(`Reason: ${result.reason}`, width, '  '));
  for (const exception of result.exceptions ?? []) lines.push(...exceptionLines(c, exception, width));
  const shown = notableFindings(result);
  for (const finding of shown) lines.push(...findingLines(c, finding, width));
  const hidden = result.findings.length - shown.length;
  if (hidden > 0) lines.push(c.dim(`  (${countOf(hidden, 'other finding')} passed or did not apply; see --format json)`));
  if (Object.keys(result.evidence).length > 0) lines.push(...wrap(`Evidence: ${compactEvidence(result.evidence)}`, width, '    ', '  '));
  if (result.remediation) {
    lines.push(...wrap(`Remediation: ${result.remediation.summary}`, width, '    ', '  '));
    for (const link of result.remediation.links) lines.push(...linkLines(link, width, '    '));
  }
  return lines;
}

function findingLines(c: ChalkInstance, finding: Finding, width: number): string[] {
  const head = wrap(`${finding.subject.kind} ${finding.subject.name}: ${finding.message}`, width, '      ', '  ');
  head[0] = `  ${paintStatus(c, finding.status)} ${(head[0] ?? '').trimStart()}`;
  const lines = [...head];
  if (Object.keys(finding.evidence).length > 0)
    lines.push(...wrap(`evidence: ${compactEvidence(finding.evidence)}`, width, '        ', '      ').map((line) => c.dim(line)));
  if (finding.remediation) lines.push(...wrap(`fix: ${finding.remediation}`, width, '        ', '      '));
  return lines;
}

function exceptionLines(c: ChalkInstance, exception: AppliedException, width: number): string[] {
  const label = `${EXCEPTION_STATE_LABEL[exception.state]}${exception.subject ? ` for ${exception.subject}` : ''}:`;
  const lines = wrap(`${label} ${exceptionTerms(exception)}. ${exception.detail}`, width, '    ', '  ');
  return exception.state === 'accepted' ? lines.map((line) => c.magenta(line)) : lines.map((line) => c.yellow(line));
}

function noticeSection(c: ChalkInstance, notice: Notice, width: number): string[] {
  const marker = notice.level === 'important' ? c.yellow('!') : c.dim('i');
  const lines = [`  ${marker} ${c.bold(notice.title)}`];
  lines.push(...wrap(notice.text, width, '    '));
  for (const source of notice.sources) lines.push(...linkLines(source, width, '    '));
  return lines;
}

/** "- title: url" on one line when it fits; otherwise the URL (never broken) on its own line. */
function linkLines(link: { title: string; url: string }, width: number, indent: string): string[] {
  const line = `${indent}- ${link.title}: ${link.url}`;
  if (line.length <= width) return [line];
  return [...wrap(`- ${link.title}:`, width, `${indent}  `, indent), `${indent}  ${link.url}`];
}

function provenanceLine(report: Report): string {
  const { provenance, tool } = report;
  const from = provenance.source === 'inventory' ? `replayed from ${provenance.inventoryFile ?? 'an inventory'}` : 'collected live';
  return [
    `Facts ${from} at ${provenance.collectedAt}`,
    `${tool.name} ${tool.version}, catalogue ${tool.catalogueVersion}`,
    `fail-on ${provenance.evaluation.failOn}, max sync age ${provenance.evaluation.maxSyncAgeMinutes} min`,
    ...(provenance.buildList ? [`builds named from ${buildListText(provenance.buildList)}`] : []),
  ].join(' · ');
}
