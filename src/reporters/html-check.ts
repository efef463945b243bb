// One check in the HTML audit: a full section for a check that needs attention (its findings that did not pass, each
// with its fix and an evidence summary; the raw JSON behind a disclosure), or a single collapsed line for one that
// passed, did not apply or was skipped. Every data string goes through escape.ts.

import { countOf } from '../plural.js';
import type { AppliedException, CheckResult, Finding } from '../report/report.js';
import { escapeHtml as h, htmlProse as prose, safeHttpUrl } from './escape.js';
import { type EvidenceNode, evidenceView } from './evidence-view.js';
import {
  type DisplayStatus,
  displayStatus,
  EXCEPTION_STATE_LABEL,
  evidenceJson,
  exceptionTerms,
  needsAttention,
  notableFindings,
  STATUS_LABEL,
} from './presentation.js';

export function badge(status: DisplayStatus): string {
  return `<span class="badge s-${status}">${STATUS_LABEL[status]}</span>`;
}

export function statusAttributes(result: CheckResult): string {
  return `data-status="${displayStatus(result)}" data-attention="${needsAttention(result)}"`;
}

export function anchorOf(result: CheckResult): string {
  return `check-${result.id}`;
}

/** A link when the URL is http(s); the title and URL as text otherwise. */
export function linkHtml(link: { title: string; url: string }): string {
  const href = safeHttpUrl(link.url);
  return href ? `<a href="${h(href)}" rel="noreferrer">${h(link.title)}</a>` : `${h(link.title)}: ${h(link.url)}`;
}

function requirementLine(result: CheckResult): string {
  const sources = result.requirement.sources.length > 0 ? ` (${result.requirement.sources.map(linkHtml).join('; ')})` : '';
  const id = result.requirement.id ? ` · ${h(result.requirement.id)}` : '';
  return `<p class="req">${h(result.severity)}${id} · ${h(result.requirement.text)}${sources}</p>`;
}

/** The full section of a check that failed, errored, warned, needs a manual check, or was accepted as a risk. */
export function attentionArticle(result: CheckResult): string {
  const status = displayStatus(result);
  const parts = [
    `<article class="check c-${status}" id="${h(anchorOf(result))}" ${statusAttributes(result)}>`,
    `<h3>${badge(status)} ${h(result.title)} <code class="id">${h(result.id)}</code></h3>`,
    `<p class="summary">${h(result.summary)}</p>`,
  ];
  if (result.reason && !result.summary.includes(result.reason))
    parts.push(`<div class="reason-box"><strong>Reason:</strong> ${h(result.reason)}</div>`);
  for (const exception of result.exceptions ?? []) parts.push(exceptionBox(exception));
  const notable = notableFindings(result);
  if (notable.length > 0) parts.push(`<ul class="findings">${notable.map((finding) => findingItem(finding)).join('\n')}</ul>`);
  const others = result.findings.filter((finding) => !notable.includes(finding));
  if (others.length > 0) {
    parts.push(
      `<details class="passing"><summary>${countOf(others.length, 'other finding')} passed or did not apply</summary>`,
      `<ul class="findings">${others.map((finding) => findingItem(finding)).join('\n')}</ul>`,
      '</details>',
    );
  }
  // The check's own evidence, unless a finding above already shows the very same facts.
  const shown = new Set(notable.map((finding) => evidenceJson(finding.evidence)));
  if (Object.keys(result.evidence).length > 0 && !shown.has(evidenceJson(result.evidence)))
    parts.push(`<div class="check-evidence"><p class="label">Evidence</p>${evidenceBlock(result.evidence)}</div>`);
  if (result.remediation) {
    const links = result.remediation.links.map((link) => `<li>${linkHtml(link)}</li>`).join('');
    parts.push(
      `<div class="remediation"><strong>Remediation:</strong> ${prose(result.remediation.summary)}${links ? `<ul>${links}</ul>` : ''}</div>`,
    );
  }
  parts.push(requirementLine(result), '</article>');
  return parts.join('\n');
}

/** A check with nothing to act on: one line (status, title, summary) that opens to its findings and evidence. */
export function collapsedCheck(result: CheckResult): string {
  const status = displayStatus(result);
  const body = [
    result.reason && !result.summary.includes(result.reason) ? `<p><strong>Reason:</strong> ${h(result.reason)}</p>` : '',
    result.findings.length > 0 ? `<ul class="findings">${result.findings.map((finding) => findingItem(finding)).join('\n')}</ul>` : '',
    Object.keys(result.evidence).length > 0
      ? `<div class="check-evidence"><p class="label">Evidence</p>${evidenceBlock(result.evidence)}</div>`
      : '',
    requirementLine(result),
  ].filter((part) => part !== '');
  return [
    `<details class="check line c-${status}" id="${h(anchorOf(result))}" ${statusAttributes(result)}>`,
    `<summary>${badge(status)} <span class="title">${h(result.title)}</span> <code class="id">${h(result.id)}</code> <span class="summary">${h(result.summary)}</span></summary>`,
    ...body,
    '</details>',
  ].join('\n');
}

function findingItem(finding: Finding): string {
  const fix = finding.remediation ? `<p class="fix">${prose(finding.remediation)}</p>` : '';
  const evidence = Object.keys(finding.evidence).length > 0 ? evidenceBlock(finding.evidence) : '';
  return `<li class="finding f-${finding.status}"><p>${badge(finding.status)} <span class="subject">${h(finding.subject.kind)} ${h(finding.subject.name)}</span>: ${prose(finding.message)}</p>${fix}${evidence}</li>`;
}

/** The evidence summary, then the raw JSON behind a disclosure (closed, and left out of print). */
function evidenceBlock(evidence: Record<string, unknown>): string {
  return `<div class="evidence">${nodeHtml(evidenceView(evidence))}</div><details class="raw"><summary>Raw evidence (JSON)</summary><pre>${h(evidenceJson(evidence))}</pre></details>`;
}

function nodeHtml(node: EvidenceNode): string {
  switch (node.kind) {
    case 'text':
      return h(node.text);
    case 'list':
      return `<ul class="items">${node.items.map((item) => `<li>${h(item)}</li>`).join('')}${more(node.more, 'li')}</ul>`;
    case 'table': {
      const head = node.columns.map((column) => `<th scope="col">${h(column)}</th>`).join('');
      const rows = node.rows.map(
        (row) =>
          `<tr>${row.map((cell, index) => `<td data-label="${h(node.columns[index] ?? '')}"${longClass(cell)}>${h(cell)}</td>`).join('')}</tr>`,
      );
      const extra = node.more > 0 ? `<tr><td colspan="${node.columns.length}">and ${node.more} more</td></tr>` : '';
      return `<table class="ev"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}${extra}</tbody></table>`;
    }
    case 'fields': {
      const fields = node.fields
        .map((field) => `<div class="${field.wide ? 'wide' : 'narrow'}"><dt>${h(field.label)}</dt><dd>${nodeHtml(field.value)}</dd></div>`)
        .join('');
      return `<dl class="kv">${fields}${more(node.more, 'div')}</dl>`;
    }
  }
}

/**
 * Text with a run too long for a column (a URL, a DN, a GUID) may break anywhere; other cells keep their words whole,
 * so a narrow column shows "Enabled", not "Ena/ble/d". Both ways carry a class, so data never changes the markup's shape.
 */
function longClass(text: string): string {
  return /\S{25,}/.test(text) ? ' class="long"' : ' class="short"';
}

function more(count: number, tag: 'li' | 'div'): string {
  if (count === 0) return '';
  return tag === 'li' ? `<li class="more">and ${count} more</li>` : `<div class="more"><dt>…</dt><dd>and ${count} more</dd></div>`;
}

function exceptionBox(exception: AppliedException): string {
  const subject = exception.subject ? ` for ${h(exception.subject)}` : '';
  return `<div class="exception e-${exception.state}"><strong>${EXCEPTION_STATE_LABEL[exception.state]}</strong>${subject}: ${h(exceptionTerms(exception))}. ${h(exception.detail)}</div>`;
}
