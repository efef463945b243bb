// The HTML reporter: one self-contained page to hand over — readable without script, printable to PDF (print
// stylesheet), filterable by status when scripts run. Inline CSS and script only, pinned by the page's
// Content-Security-Policy, so the file fetches nothing. Every data string goes through escapeHtml; only http(s)
// URLs become links.
import type { AppliedException, CheckResult, Finding, Notice, Report } from '../report/report.js';
import { escapeHtml as h, htmlProse as prose, safeHttpUrl } from './escape.js';
import { HTML_CSP, HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import {
  countsLine,
  DISPLAY_STATUSES,
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

export function renderHtml(report: Report): string {
  const verdict = VERDICT_LABEL[report.verdict];
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${h(HTML_CSP)}">`,
    `<meta name="generator" content="${h(`${report.tool.name} ${report.tool.version}`)}">`,
    `<title>Exchange hybrid readiness: ${h(verdict)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    verdictHeader(report),
    filterBar(report.results),
    '<main>',
    requirementsSection(report.results),
    detailsSection(report.results),
    exceptionsSection(report.exceptions ?? []),
    noticesSection(report.notices),
    provenanceSection(report),
    '</main>',
    `<footer>Written by ${h(report.tool.name)} ${h(report.tool.version)} (check catalogue ${h(report.tool.catalogueVersion)}) from facts collected at ${h(report.provenance.collectedAt)}.</footer>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}

function badge(status: DisplayStatus): string {
  return `<span class="badge s-${status}">${STATUS_LABEL[status]}</span>`;
}

function verdictHeader(report: Report): string {
  const counts = new Map<DisplayStatus, number>();
  for (const result of report.results) counts.set(displayStatus(result), (counts.get(displayStatus(result)) ?? 0) + 1);
  const tally = DISPLAY_STATUSES.filter((status) => counts.has(status))
    .map((status) => `<li><b>${counts.get(status)}</b> ${STATUS_LABEL[status].toLowerCase()}</li>`)
    .join('');
  return [
    `<header class="verdict v-${report.verdict}">`,
    '<p class="kicker">Exchange hybrid readiness · Microsoft Graph REST for on-premises mailboxes</p>',
    `<h1>Verdict: ${h(VERDICT_LABEL[report.verdict])}</h1>`,
    `<p class="reason">${h(report.verdictReason)}</p>`,
    `<ul class="tally" aria-label="${h(countsLine(report))}">${tally}</ul>`,
    '</header>',
  ].join('\n');
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

function statusAttributes(result: CheckResult): string {
  return `data-status="${displayStatus(result)}" data-attention="${needsAttention(result)}"`;
}

function anchorOf(result: CheckResult): string {
  return `check-${result.id}`;
}

function requirementsSection(results: readonly CheckResult[]): string {
  const rows = results.map((result) =>
    [
      `<tr ${statusAttributes(result)}>`,
      `<td>${badge(displayStatus(result))}</td>`,
      `<td><a href="#${h(anchorOf(result))}">${h(result.title)}</a><div class="id"><code>${h(result.id)}</code></div></td>`,
      `<td>${h(result.severity)}</td>`,
      `<td>${result.requirement.id ? h(result.requirement.id) : '—'}</td>`,
      `<td>${h(result.summary)}</td>`,
      '</tr>',
    ].join(''),
  );
  const body = rows.length > 0 ? rows.join('\n') : '<tr><td colspan="5">No checks were selected.</td></tr>';
  return [
    '<section aria-labelledby="h-requirements">',
    '<h2 id="h-requirements">Requirements</h2>',
    '<table class="results">',
    '<thead><tr><th>Status</th><th>Requirement check</th><th>Severity</th><th>Req.</th><th>Summary</th></tr></thead>',
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function detailsSection(results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  return [
    '<section aria-labelledby="h-details">',
    '<h2 id="h-details">Checks in detail</h2>',
    ...results.map(resultArticle),
    '</section>',
  ].join('\n');
}

function resultArticle(result: CheckResult): string {
  const status = displayStatus(result);
  const parts = [
    `<article class="check c-${status}" id="${h(anchorOf(result))}" ${statusAttributes(result)}>`,
    `<h3>${badge(status)} <code>${h(result.id)}</code> ${h(result.title)}</h3>`,
    `<p class="req">${h(result.severity)}${result.requirement.id ? ` · ${h(result.requirement.id)}` : ''} · ${h(result.requirement.text)} ${sourceLinks(result.requirement.sources)}</p>`,
    `<p class="summary">${h(result.summary)}</p>`,
  ];
  if (result.reason && !result.summary.includes(result.reason))
    parts.push(`<div class="reason-box"><strong>Reason:</strong> ${h(result.reason)}</div>`);
  for (const exception of result.exceptions ?? []) parts.push(exceptionBox(exception));
  const notable = notableFindings(result);
  if (notable.length > 0) parts.push(`<ul class="findings">${notable.map(findingItem).join('\n')}</ul>`);
  const others = result.findings.filter((finding) => !notable.includes(finding));
  if (others.length > 0) {
    parts.push(
      `<details class="passing"><summary>${others.length} finding${others.length === 1 ? '' : 's'} passed or did not apply</summary>`,
      `<ul class="findings">${others.map((finding) => findingItem(finding)).join('\n')}</ul>`,
      '</details>',
    );
  }
  if (Object.keys(result.evidence).length > 0)
    parts.push(`<p class="evidence-label">Evidence</p><pre class="evidence">${h(evidenceJson(result.evidence))}</pre>`);
  if (result.remediation) {
    const links = result.remediation.links.map((link) => `<li>${linkHtml(link)}</li>`).join('');
    parts.push(
      `<div class="remediation"><strong>Remediation:</strong> ${prose(result.remediation.summary)}${links ? `<ul>${links}</ul>` : ''}</div>`,
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}

function findingItem(finding: Finding): string {
  const evidence = Object.keys(finding.evidence).length > 0 ? `<pre class="evidence">${h(evidenceJson(finding.evidence))}</pre>` : '';
  const fix = finding.remediation ? `<p class="fix">${prose(finding.remediation)}</p>` : '';
  return `<li>${badge(finding.status)} <span class="subject">${h(finding.subject.kind)} ${h(finding.subject.name)}</span>: ${prose(finding.message)}${fix}${evidence}</li>`;
}

function exceptionBox(exception: AppliedException): string {
  const subject = exception.subject ? ` for ${h(exception.subject)}` : '';
  return `<div class="exception e-${exception.state}"><strong>${EXCEPTION_STATE_LABEL[exception.state]}</strong>${subject}: ${h(exceptionTerms(exception))}. ${h(exception.detail)}</div>`;
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
    '<table>',
    '<thead><tr><th>State</th><th>Check</th><th>Subject</th><th>Reason</th><th>Owner</th><th>Ticket</th><th>Expires</th><th>Outcome</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function noticesSection(notices: readonly Notice[]): string {
  if (notices.length === 0) return '';
  const items = notices.map((notice) =>
    [
      `<div class="notice ${notice.level === 'important' ? 'important' : 'info'}">`,
      `<h3>${h(notice.title)}</h3>`,
      `<p>${h(notice.text)}</p>`,
      notice.sources.length > 0 ? `<ul>${notice.sources.map((source) => `<li>${linkHtml(source)}</li>`).join('')}</ul>` : '',
      '</div>',
    ].join('\n'),
  );
  return ['<section aria-labelledby="h-notices">', '<h2 id="h-notices">Notices</h2>', ...items, '</section>'].join('\n');
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

function sourceLinks(sources: readonly { title: string; url: string }[]): string {
  if (sources.length === 0) return '';
  return `(${sources.map(linkHtml).join('; ')})`;
}

/** A link when the URL is http(s); the title and URL as text otherwise. */
function linkHtml(link: { title: string; url: string }): string {
  const href = safeHttpUrl(link.url);
  return href ? `<a href="${h(href)}" rel="noreferrer">${h(link.title)}</a>` : `${h(link.title)}: ${h(link.url)}`;
}
