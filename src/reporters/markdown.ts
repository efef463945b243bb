// The Markdown reporter: an audit summary that fits a pull request, a wiki page or a CI step summary
// ($GITHUB_STEP_SUMMARY). Verdict first, then one table row per requirement check, then each check that needs
// attention with its findings, evidence and remediation, the accepted risks, the notices, and the provenance.
// Every data string is escaped (escape.ts); evidence goes into fenced code blocks that no data can close.
import type { AppliedException, CheckResult, Finding, Notice, Report, Verdict } from '../report/report.js';
import {
  markdownCode as code,
  markdownCodeBlock,
  markdownUrl,
  escapeMarkdown as md,
  markdownProse as prose,
  safeHttpUrl,
} from './escape.js';
import {
  countsLine,
  type DisplayStatus,
  displayStatus,
  EXCEPTION_STATE_LABEL,
  evidenceJson,
  exceptionTerms,
  needsAttention,
  notableFindings,
  provenanceFacts,
  STATUS_LABEL,
  VERDICT_LABEL,
} from './presentation.js';

const STATUS_MARK: Record<DisplayStatus, string> = {
  pass: '✅',
  fail: '❌',
  error: '⛔',
  accepted: '☑️',
  warn: '⚠️',
  manual: '🔍',
  'not-applicable': '➖',
  skipped: '⏭️',
};

const VERDICT_MARK: Record<Verdict, string> = { ready: '✅', 'not-ready': '❌', incomplete: '⚠️' };

export function renderMarkdown(report: Report): string {
  const blocks: string[] = [
    `# ${VERDICT_MARK[report.verdict]} Exchange hybrid readiness: ${VERDICT_LABEL[report.verdict]}`,
    `**Verdict: ${VERDICT_LABEL[report.verdict]}** — ${md(report.verdictReason)}`,
    md(countsLine(report)),
    '## Requirements',
    resultsTable(report.results),
  ];
  const attention = report.results.filter(needsAttention);
  if (attention.length > 0) {
    blocks.push('## What needs attention');
    for (const result of attention) blocks.push(...resultSection(result));
  }
  if ((report.exceptions ?? []).length > 0) blocks.push('## Accepted risks', exceptionsTable(report.exceptions ?? []));
  if (report.notices.length > 0) {
    blocks.push('## Notices');
    for (const notice of report.notices) blocks.push(...noticeSection(notice));
  }
  blocks.push('## Provenance', provenanceTable(report));
  return `${blocks.join('\n\n')}\n`;
}

function statusCell(status: DisplayStatus): string {
  return `${STATUS_MARK[status]} ${STATUS_LABEL[status]}`;
}

function resultsTable(results: readonly CheckResult[]): string {
  if (results.length === 0) return '_No checks were selected._';
  const rows = results.map((result) =>
    row([
      statusCell(displayStatus(result)),
      code(result.id),
      result.severity,
      result.requirement.id ? md(result.requirement.id) : '—',
      md(result.title),
      md(result.summary),
    ]),
  );
  return [
    row(['Status', 'Check', 'Severity', 'Req.', 'Requirement', 'Summary']),
    row(['---', '---', '---', '---', '---', '---']),
    ...rows,
  ].join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function resultSection(result: CheckResult): string[] {
  const status = displayStatus(result);
  const requirement = result.requirement.id ? ` · ${md(result.requirement.id)}` : '';
  const blocks = [
    `### ${STATUS_MARK[status]} ${STATUS_LABEL[status]} ${code(result.id)} — ${md(result.title)}`,
    `_${result.severity}${requirement}_ · ${md(result.requirement.text)}`,
    md(result.summary),
  ];
  if (result.reason && !result.summary.includes(result.reason)) blocks.push(`**Reason:** ${md(result.reason)}`);
  for (const exception of result.exceptions ?? []) blocks.push(exceptionLine(exception));
  const findings = notableFindings(result);
  if (findings.length > 0) blocks.push('**Findings**', ...findings.map(findingBlock));
  const hidden = result.findings.length - findings.length;
  if (hidden > 0) blocks.push(`_${hidden} other finding${hidden === 1 ? '' : 's'} passed or did not apply (see the JSON report)._`);
  if (Object.keys(result.evidence).length > 0) blocks.push('**Evidence**', markdownCodeBlock(evidenceJson(result.evidence), 'json'));
  if (result.remediation) {
    blocks.push(`**Remediation:** ${prose(result.remediation.summary)}`);
    if (result.remediation.links.length > 0) blocks.push(result.remediation.links.map((link) => `- ${linkText(link)}`).join('\n'));
  }
  return blocks;
}

function findingBlock(finding: Finding): string {
  const lines = [
    `- ${STATUS_MARK[finding.status]} **${STATUS_LABEL[finding.status]}** ${md(finding.subject.kind)} **${md(finding.subject.name)}**: ${prose(finding.message)}`,
  ];
  if (finding.remediation) lines.push(`  - Fix: ${prose(finding.remediation)}`);
  if (Object.keys(finding.evidence).length > 0) lines.push('', indent(markdownCodeBlock(evidenceJson(finding.evidence), 'json'), '  '));
  return lines.join('\n');
}

function exceptionLine(exception: AppliedException): string {
  const subject = exception.subject ? ` for ${md(exception.subject)}` : '';
  return `> **${EXCEPTION_STATE_LABEL[exception.state]}**${subject}: ${md(exceptionTerms(exception))}. ${md(exception.detail)}`;
}

function exceptionsTable(exceptions: readonly AppliedException[]): string {
  const rows = exceptions.map((exception) =>
    row([
      EXCEPTION_STATE_LABEL[exception.state],
      code(exception.check),
      exception.subject ? md(exception.subject) : 'all',
      md(exception.reason),
      md(exception.owner),
      exception.ticket ? md(exception.ticket) : '—',
      md(exception.expires),
      md(exception.detail),
    ]),
  );
  return [row(['State', 'Check', 'Subject', 'Reason', 'Owner', 'Ticket', 'Expires', 'Outcome']), row(Array(8).fill('---')), ...rows].join(
    '\n',
  );
}

function noticeSection(notice: Notice): string[] {
  const blocks = [`### ${notice.level === 'important' ? '❗' : 'ℹ️'} ${md(notice.title)}`, md(notice.text)];
  if (notice.sources.length > 0) blocks.push(notice.sources.map((source) => `- ${linkText(source)}`).join('\n'));
  return blocks;
}

function provenanceTable(report: Report): string {
  return [
    row(['', '']),
    row(['---', '---']),
    ...provenanceFacts(report).map((fact) => row([`**${md(fact.label)}**`, md(fact.value)])),
  ].join('\n');
}

function linkText(link: { title: string; url: string }): string {
  const href = safeHttpUrl(link.url);
  return href ? `[${md(link.title)}](${markdownUrl(href)})` : `${md(link.title)}: ${md(link.url)}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `${prefix}${line}` : line))
    .join('\n');
}
