// The Markdown reporter: the audit summary for a pull request, a wiki page or a CI step summary
// ($GITHUB_STEP_SUMMARY), in the HTML audit's order: whose audit it is and of what, the verdict, the notices, one
// table row per check (failures first), each check that needs attention with its findings, fixes and an evidence
// summary (the raw JSON behind a <details> disclosure), the checks that passed (one line each), accepted risks and
// provenance. Every data string is escaped (escape.ts); raw JSON goes into fenced blocks that no data can close.
import { countOf } from '../plural.js';
import type { AppliedException, CheckResult, Finding, Notice, Report, Verdict } from '../report/report.js';
import { auditNotices, auditOrder, headerFacts, type LifecycleNotice, organizationName } from './audit.js';
import {
  markdownCode as code,
  markdownCodeBlock,
  markdownUrl,
  escapeMarkdown as md,
  markdownProse as prose,
  safeHttpUrl,
} from './escape.js';
import { type EvidenceNode, evidenceView } from './evidence-view.js';
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
  const organization = organizationName(report);
  const ordered = auditOrder(report.results);
  const blocks: string[] = [
    `# Exchange hybrid readiness audit: ${organization ? md(organization) : 'organization not recorded'}`,
    factsTable(headerFacts(report)),
    `## ${VERDICT_MARK[report.verdict]} Verdict: ${VERDICT_LABEL[report.verdict]}`,
    md(report.verdictReason),
    md(countsLine(report)),
    ...noticeBlocks(report),
    '## Requirements',
    resultsTable(ordered),
  ];
  const attention = ordered.filter(needsAttention);
  if (attention.length > 0) {
    blocks.push(`## What needs attention (${attention.length})`);
    for (const result of attention) blocks.push(...resultSection(result));
  }
  const passed = ordered.filter((result) => !needsAttention(result));
  if (passed.length > 0) blocks.push(`## Passed, not applicable or skipped (${passed.length})`, passed.map(passedLine).join('\n'));
  if ((report.exceptions ?? []).length > 0) blocks.push('## Accepted risks', exceptionsTable(report.exceptions ?? []));
  blocks.push('## Provenance', factsTable(provenanceFacts(report)));
  return `${blocks.join('\n\n')}\n`;
}

function statusCell(status: DisplayStatus): string {
  return `${STATUS_MARK[status]} ${STATUS_LABEL[status]}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function factsTable(facts: readonly { label: string; value: string }[]): string {
  return [row(['', '']), row(['---', '---']), ...facts.map((fact) => row([`**${md(fact.label)}**`, md(fact.value)]))].join('\n');
}

/** The notices, in the audit's order (see auditNotices). */
function noticeBlocks(report: Report): string[] {
  const sections = auditNotices(report).map((item) =>
    item.kind === 'notice' ? noticeSection(item.notice) : lifecycleSection(item.lifecycle),
  );
  return sections.length > 0 ? ['## Notices', ...sections.flat()] : [];
}

function lifecycleSection(lifecycle: LifecycleNotice): string[] {
  return [
    `### ${statusCell(lifecycle.status)} ${md(lifecycle.title)}`,
    `${md(lifecycle.text)} The servers and their dates are under ${code(lifecycle.check)}.`,
  ];
}

function noticeSection(notice: Notice): string[] {
  const blocks = [`### ${notice.level === 'important' ? '❗' : 'ℹ️'} ${md(notice.title)}`, md(notice.text)];
  if (notice.sources.length > 0) blocks.push(notice.sources.map((source) => `- ${linkText(source)}`).join('\n'));
  return blocks;
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

function resultSection(result: CheckResult): string[] {
  const status = displayStatus(result);
  const blocks = [`### ${STATUS_MARK[status]} ${STATUS_LABEL[status]} ${code(result.id)} — ${md(result.title)}`, md(result.summary)];
  if (result.reason && !result.summary.includes(result.reason)) blocks.push(`**Reason:** ${md(result.reason)}`);
  for (const exception of result.exceptions ?? []) blocks.push(exceptionLine(exception));
  const findings = notableFindings(result);
  if (findings.length > 0) blocks.push('**Findings**', ...findings.map(findingBlock));
  const hidden = result.findings.length - findings.length;
  if (hidden > 0) blocks.push(`_${countOf(hidden, 'other finding')} passed or did not apply (see the JSON report)._`);
  // The check's own evidence, unless a finding above already shows the very same facts.
  const shown = new Set(findings.map((finding) => evidenceJson(finding.evidence)));
  if (Object.keys(result.evidence).length > 0 && !shown.has(evidenceJson(result.evidence)))
    blocks.push('**Evidence**', ...evidenceBlocks(result.evidence));
  if (result.remediation) {
    blocks.push(`**Remediation:** ${prose(result.remediation.summary)}`);
    if (result.remediation.links.length > 0) blocks.push(result.remediation.links.map((link) => `- ${linkText(link)}`).join('\n'));
  }
  const requirement = result.requirement.id ? ` · ${md(result.requirement.id)}` : '';
  blocks.push(`_${result.severity}${requirement}_ · ${md(result.requirement.text)}`);
  return blocks;
}

function findingBlock(finding: Finding): string {
  const lines = [
    `- ${STATUS_MARK[finding.status]} **${STATUS_LABEL[finding.status]}** ${md(finding.subject.kind)} **${md(finding.subject.name)}**: ${prose(finding.message)}`,
  ];
  if (finding.remediation) lines.push(`  - Fix: ${prose(finding.remediation)}`);
  if (Object.keys(finding.evidence).length > 0) {
    const [summary, raw] = evidenceBlocks(finding.evidence);
    lines.push(`  - Evidence:\n${indent(summary ?? '', '    ')}`, '', indent(raw ?? '', '  '));
  }
  return lines.join('\n');
}

/** The evidence as a nested list, then the raw JSON in a closed <details> (GitHub renders it as a disclosure). */
function evidenceBlocks(evidence: Record<string, unknown>): [string, string] {
  const raw = ['<details><summary>Raw evidence (JSON)</summary>', '', markdownCodeBlock(evidenceJson(evidence), 'json'), '', '</details>'];
  return [nodeLines(evidenceView(evidence)).join('\n'), raw.join('\n')];
}

function nodeLines(node: EvidenceNode): string[] {
  switch (node.kind) {
    case 'text':
    case 'list':
      return [`- ${inline(node)}`];
    case 'table':
      return [
        ...node.rows.map((cells) => `- ${cells.map((cell, index) => `${md(node.columns[index] ?? '')}: ${md(cell)}`).join(' · ')}`),
        ...(node.more > 0 ? [`- and ${node.more} more`] : []),
      ];
    case 'fields':
      return [
        ...node.fields.flatMap((field) =>
          field.value.kind === 'text' || field.value.kind === 'list'
            ? [`- **${md(field.label)}**: ${inline(field.value)}`]
            : [`- **${md(field.label)}**:`, ...nodeLines(field.value).map((line) => `  ${line}`)],
        ),
        ...(node.more > 0 ? [`- and ${node.more} more`] : []),
      ];
  }
}

function inline(node: EvidenceNode): string {
  if (node.kind === 'text') return md(node.text);
  if (node.kind === 'list') return `${node.items.map(md).join(', ')}${node.more > 0 ? ` and ${node.more} more` : ''}`;
  return '';
}

function passedLine(result: CheckResult): string {
  const reason = result.reason && !result.summary.includes(result.reason) ? ` ${md(result.reason)}` : '';
  return `- ${statusCell(displayStatus(result))} ${code(result.id)} — ${md(result.title)}: ${md(result.summary)}${reason}`;
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
