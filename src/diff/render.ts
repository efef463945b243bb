// Rendering a report diff as terminal text, Markdown (a pull request or CI step summary) or JSON.
// Regressions first: they are what a reader came for. Unchanged checks are counted, not listed.
import { Chalk, type ChalkInstance } from 'chalk';
import { countOf } from '../plural.js';
import { markdownCode as code, escapeMarkdown as md } from '../reporters/escape.js';
import { type DisplayStatus, STATUS_LABEL, VERDICT_LABEL } from '../reporters/presentation.js';
import type { TableStyle } from '../reporters/table.js';
import { wrap } from '../reporters/text.js';
import type { CheckChange, DiffCategory, ReportDiff } from './compare.js';

export const DIFF_FORMATS = ['table', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const HEADING: Record<Exclude<DiffCategory, 'unchanged'>, string> = {
  regressed: 'Regressed',
  fixed: 'Fixed',
  new: 'New checks',
  gone: 'Checks no longer in the report',
  'unchanged-failing': 'Still failing',
  changed: 'Other changes',
};
const LISTED = Object.keys(HEADING) as Exclude<DiffCategory, 'unchanged'>[];

export function renderDiff(diff: ReportDiff, format: DiffFormat, style: TableStyle): string {
  switch (format) {
    case 'table':
      return renderDiffText(diff, style);
    case 'markdown':
      return renderDiffMarkdown(diff);
    case 'json':
      return `${JSON.stringify(diff, null, 2)}\n`;
  }
}

function label(status: DisplayStatus | null): string {
  return status === null ? '—' : STATUS_LABEL[status];
}

function transition(change: CheckChange): string {
  if (change.old === null) return `new, ${label(change.new)}`;
  if (change.new === null) return `was ${label(change.old)}`;
  return change.old === change.new ? label(change.new) : `${label(change.old)} → ${label(change.new)}`;
}

function subjectsNote(change: CheckChange): string {
  const parts = [
    ...(change.newlyFailing.length ? [`now failing: ${change.newlyFailing.join(', ')}`] : []),
    ...(change.noLongerFailing.length ? [`no longer failing: ${change.noLongerFailing.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

function renderDiffText(diff: ReportDiff, style: TableStyle): string {
  const c = new Chalk({ level: style.colorLevel });
  const width = Math.max(60, style.width);
  const out = [
    headline(c, diff),
    `Facts of ${diff.old.collectedAt} (catalogue ${diff.old.catalogueVersion}) → ${diff.new.collectedAt} (catalogue ${diff.new.catalogueVersion})`,
  ];
  for (const warning of diff.warnings) out.push(...wrap(`warning: ${warning}`, width, '  ').map((line) => c.yellow(line)));
  for (const category of LISTED) {
    const entries = diff.checks.filter((entry) => entry.category === category);
    if (entries.length === 0) continue;
    out.push('', paintHeading(c, category, `${HEADING[category]} (${entries.length})`));
    for (const entry of entries) {
      out.push(
        ...wrap(
          `${entry.id} (${entry.severity}${entry.requirement ? `, ${entry.requirement}` : ''}): ${transition(entry)} — ${entry.summary}`,
          width,
          '    ',
          '  ',
        ),
      );
      const note = subjectsNote(entry);
      if (note) out.push(...wrap(note, width, '      ', '    '));
    }
  }
  out.push('', `Unchanged: ${countOf(diff.counts.unchanged, 'check')}`);
  return `${out.join('\n')}\n`;
}

function headline(c: ChalkInstance, diff: ReportDiff): string {
  const verdicts =
    diff.old.verdict === diff.new.verdict
      ? `still ${VERDICT_LABEL[diff.new.verdict]}`
      : `${VERDICT_LABEL[diff.old.verdict]} → ${VERDICT_LABEL[diff.new.verdict]}`;
  const { regressed, fixed } = diff.counts;
  return c.bold(`Verdict: ${verdicts} — ${regressed} regressed, ${fixed} fixed, ${diff.counts['unchanged-failing']} still failing`);
}

function paintHeading(c: ChalkInstance, category: DiffCategory, text: string): string {
  if (category === 'regressed') return c.bold.red(text);
  if (category === 'fixed') return c.bold.green(text);
  return c.bold(text);
}

function renderDiffMarkdown(diff: ReportDiff): string {
  const verdicts =
    diff.old.verdict === diff.new.verdict
      ? `still **${VERDICT_LABEL[diff.new.verdict]}**`
      : `**${VERDICT_LABEL[diff.old.verdict]}** → **${VERDICT_LABEL[diff.new.verdict]}**`;
  const blocks = [
    '# Exchange hybrid readiness: what changed',
    `Verdict: ${verdicts} — ${diff.counts.regressed} regressed, ${diff.counts.fixed} fixed, ${diff.counts['unchanged-failing']} still failing.`,
    `Facts of ${md(diff.old.collectedAt)} (catalogue ${md(diff.old.catalogueVersion)}) → ${md(diff.new.collectedAt)} (catalogue ${md(diff.new.catalogueVersion)}).`,
  ];
  for (const warning of diff.warnings) blocks.push(`> ⚠️ **Warning:** ${md(warning)}`);
  for (const category of LISTED) {
    const entries = diff.checks.filter((entry) => entry.category === category);
    if (entries.length === 0) continue;
    const rows = entries.map(
      (entry) =>
        `| ${code(entry.id)} | ${entry.severity} | ${md(transition(entry))} | ${md([entry.summary, subjectsNote(entry)].filter(Boolean).join(' — '))} |`,
    );
    blocks.push(
      `## ${HEADING[category]} (${entries.length})`,
      ['| Check | Severity | Status | Summary |', '| --- | --- | --- | --- |', ...rows].join('\n'),
    );
  }
  blocks.push(`_Unchanged: ${countOf(diff.counts.unchanged, 'check')}._`);
  return `${blocks.join('\n\n')}\n`;
}
