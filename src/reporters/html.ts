// The HTML reporter: the audit a consultant hands over — one self-contained page, readable without script, printable
// (print stylesheet: a few pages, each headed with the organization and date), filterable by status when scripts run.
// Order: whose audit it is and of what (header), the verdict, the notices a reader must see first, the requirements
// table, what needs attention (failures first), the checks that passed (one line each), accepted risks, provenance.
// Inline CSS and script only, pinned by the page's Content-Security-Policy, so the file fetches nothing. Every data
// string goes through escape.ts; only http(s) URLs become links.
import type { AppliedException, CheckResult, Notice, Report } from '../report/report.js';
import { assessmentDate, auditNotices, auditOrder, headerFacts, type LifecycleNotice, organizationName } from './audit.js';
import { cssString, escapeHtml as h } from './escape.js';
import { HTML_SCRIPT, HTML_STYLE, htmlCsp } from './html-assets.js';
import { anchorOf, attentionArticle, badge, collapsedCheck, linkHtml, statusAttributes } from './html-check.js';
import {
  countsLine,
  DISPLAY_STATUSES,
  type DisplayStatus,
  displayStatus,
  EXCEPTION_STATE_LABEL,
  needsAttention,
  provenanceFacts,
  STATUS_LABEL,
  VERDICT_LABEL,
} from './presentation.js';

export function renderHtml(report: Report): string {
  const verdict = VERDICT_LABEL[report.verdict];
  const organization = organizationName(report);
  const pageStyle = runningHeadStyle(report);
  const ordered = auditOrder(report.results);
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${h(htmlCsp([HTML_STYLE, pageStyle]))}">`,
    `<meta name="generator" content="${h(`${report.tool.name} ${report.tool.version}`)}">`,
    `<title>${h(`${organization ?? 'Exchange hybrid readiness'} · ${assessmentDate(report)} · ${verdict}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    '<body>',
    masthead(report, organization),
    verdictSection(report),
    noticesSection(report),
    filterBar(report.results),
    '<main>',
    requirementsSection(ordered),
    attentionSection(ordered.filter(needsAttention)),
    passedSection(ordered.filter((result) => !needsAttention(result))),
    exceptionsSection(report.exceptions ?? []),
    provenanceSection(report),
    '</main>',
    `<footer>Written by ${h(report.tool.name)} ${h(report.tool.version)} (check catalogue ${h(report.tool.catalogueVersion)}) from facts collected at ${h(report.provenance.collectedAt)}.</footer>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}

/** Printed pages carry whose audit it is and its date; CSS strings cannot hold markup, and cssString escapes the rest. */
function runningHeadStyle(report: Report): string {
  const head = `${organizationName(report) ?? 'Exchange hybrid readiness'} · ${assessmentDate(report)} · ${VERDICT_LABEL[report.verdict]}`;
  return `@page { @top-left { content: ${cssString(head)}; } }`;
}

function masthead(report: Report, organization: string | null): string {
  const facts = headerFacts(report).map((fact) => `<div><dt>${h(fact.label)}</dt><dd>${h(fact.value)}</dd></div>`);
  return [
    '<header class="masthead">',
    '<p class="kicker">Exchange hybrid readiness audit</p>',
    `<h1>${organization ? h(organization) : '<span class="unknown">Organization not recorded</span>'}</h1>`,
    `<dl class="facts">${facts.join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function verdictSection(report: Report): string {
  const counts = new Map<DisplayStatus, number>();
  for (const result of report.results) counts.set(displayStatus(result), (counts.get(displayStatus(result)) ?? 0) + 1);
  const tally = DISPLAY_STATUSES.filter((status) => counts.has(status))
    .map((status) => `<li><b>${counts.get(status)}</b> ${STATUS_LABEL[status].toLowerCase()}</li>`)
    .join('');
  return [
    `<section class="verdict v-${report.verdict}" aria-labelledby="h-verdict">`,
    `<h2 id="h-verdict">Verdict: ${h(VERDICT_LABEL[report.verdict])}</h2>`,
    `<p class="reason">${h(report.verdictReason)}</p>`,
    `<ul class="tally" aria-label="${h(countsLine(report))}">${tally}</ul>`,
    '</section>',
  ].join('\n');
}

/** The notices, in the audit's order (see auditNotices). */
function noticesSection(report: Report): string {
  const items = auditNotices(report).map((item) => (item.kind === 'notice' ? noticeBlock(item.notice) : lifecycleBlock(item.lifecycle)));
  if (items.length === 0) return '';
  return ['<section class="notices" aria-labelledby="h-notices">', '<h2 id="h-notices">Notices</h2>', ...items, '</section>'].join('\n');
}

function lifecycleBlock(lifecycle: LifecycleNotice): string {
  return [
    `<div class="notice lifecycle l-${lifecycle.status}">`,
    `<h3>${badge(lifecycle.status)} ${h(lifecycle.title)}</h3>`,
    `<p>${h(lifecycle.text)} <a href="#check-${h(lifecycle.check)}">Servers and dates</a></p>`,
    '</div>',
  ].join('\n');
}

function noticeBlock(notice: Notice): string {
  const sources = notice.sources.length > 0 ? `<p class="sources">${notice.sources.map(linkHtml).join(' · ')}</p>` : '';
  return [
    `<div class="notice ${notice.level === 'important' ? 'important' : 'info'}">`,
    `<h3>${h(notice.title)}</h3>`,
    `<p>${h(notice.text)}</p>`,
    sources,
    '</div>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Hidden without script (the script reveals it): a page read without script shows everything. */
function filterBar(results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  const present = DISPLAY_STATUSES.filter((status) => results.some((result) => displayStatus(result) === status));
  const attention = results.filter(needsAttention).length;
  const button = (filter: string, label: string, count: number, pressed = false) =>
    `<button type="button" data-filter="${filter}" aria-pressed="${pressed}">${label} (${count})</button>`;
  return [
    '<nav class="filters" id="filters" hidden aria-label="Show checks by status">',
    '<span class="label">Show:</span>',
    button('all', 'All', results.length, true),
    ...(attention > 0 ? [button('attention', 'Needs attention', attention)] : []),
    ...present.map((status) => button(status, STATUS_LABEL[status], results.filter((result) => displayStatus(result) === status).length)),
    '</nav>',
  ].join('\n');
}

function requirementsSection(results: readonly CheckResult[]): string {
  const rows = results.map((result) =>
    [
      `<tr ${statusAttributes(result)}>`,
      `<td>${badge(displayStatus(result))}</td>`,
      `<td><a href="#${h(anchorOf(result))}">${h(result.title)}</a><div class="id"><code>${h(result.id)}</code></div></td>`,
      `<td class="sev">${h(result.severity)}${result.requirement.id ? ` · ${h(result.requirement.id)}` : ''}</td>`,
      `<td>${h(result.summary)}</td>`,
      '</tr>',
    ].join(''),
  );
  const body = rows.length > 0 ? rows.join('\n') : '<tr><td colspan="4">No checks were selected.</td></tr>';
  return [
    '<section aria-labelledby="h-requirements">',
    '<h2 id="h-requirements">Requirements</h2>',
    '<table class="results">',
    '<thead><tr><th>Status</th><th>Requirement check</th><th>Severity</th><th>Summary</th></tr></thead>',
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function attentionSection(results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  return [
    '<section class="attention" aria-labelledby="h-attention">',
    `<h2 id="h-attention">What needs attention <span class="count">(${results.length})</span></h2>`,
    ...results.map(attentionArticle),
    '</section>',
  ].join('\n');
}

function passedSection(results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  return [
    '<section class="passed" aria-labelledby="h-passed">',
    `<h2 id="h-passed">Passed, not applicable or skipped <span class="count">(${results.length})</span></h2>`,
    ...results.map(collapsedCheck),
    '</section>',
  ].join('\n');
}

function exceptionsSection(exceptions: readonly AppliedException[]): string {
  if (exceptions.length === 0) return '';
  const rows = exceptions.map((exception) =>
    [
      '<tr>',
      `<td>${EXCEPTION_STATE_LABEL[exception.state]}</td>`,
      `<td><code>${h(exception.check)}</code></td>`,
      `<td>${exception.subject ? h(exception.subject) : 'all'}</td>`,
      `<td>${h(exception.reason)}</td>`,
      `<td>${h(exception.owner)}</td>`,
      `<td>${exception.ticket ? h(exception.ticket) : '—'}</td>`,
      `<td>${h(exception.expires)}</td>`,
      `<td>${h(exception.detail)}</td>`,
      '</tr>',
    ].join(''),
  );
  return [
    '<section aria-labelledby="h-exceptions">',
    '<h2 id="h-exceptions">Accepted risks</h2>',
    '<table class="exceptions">',
    '<thead><tr><th>State</th><th>Check</th><th>Subject</th><th>Reason</th><th>Owner</th><th>Ticket</th><th>Expires</th><th>Outcome</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function provenanceSection(report: Report): string {
  const facts = provenanceFacts(report).map((fact) => `<dt>${h(fact.label)}</dt><dd>${h(fact.value)}</dd>`);
  return [
    '<section aria-labelledby="h-provenance">',
    '<h2 id="h-provenance">Provenance</h2>',
    `<dl class="provenance">${facts.join('\n')}</dl>`,
    '</section>',
  ].join('\n');
}
