import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownCodeBlock, markdownProse, proseParts } from '../../src/reporters/escape.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { hostileReport } from '../support/hostile-report.js';
import { mixedReport } from '../support/mixed-report.js';

// GitHub renders Markdown with raw HTML allowed (then sanitized); markdown-it with html: true is the stricter test.
const markdown = new MarkdownIt({ html: true, linkify: false });

/** How markdown-it writes plain text: the four characters it escapes, NUL as U+FFFD. */
function asText(text: string): string {
  return text
    .replace(/\u0000/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** What escapeMarkdown promises to keep: the text on one line, without surrounding whitespace. */
function oneLine(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').trim();
}

const markdownHeavy = fc.string({
  unit: fc.constantFrom(...'\\`*_{}[]()<>#+-=!|~&"\':.1 \n\r\tabc'.split(''), '&amp;', '<script>', '](javascript:x)', '```', '1. ', '    '),
  maxLength: 40,
});
const anyText = fc.oneof(markdownHeavy, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }));

describe('escapeMarkdown', () => {
  it('any string renders as exactly that text, in a paragraph and in a table cell', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeMarkdown(text);
        const expected = asText(oneLine(text));
        expect(markdown.render(escaped)).toBe(expected === '' ? '' : `<p>${expected}</p>\n`);
        const table = markdown.render(`| a | b |\n| --- | --- |\n| ${escaped} | z |\n`);
        expect(table).toContain(`<tr>\n<td>${expected}</td>\n<td>z</td>\n</tr>`);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps ordinary text readable', () => {
    expect(escapeMarkdown('EX01 runs 15.1.466.34 (CU2), see https://learn.microsoft.com/x')).toBe(
      'EX01 runs 15.1.466.34 (CU2), see https://learn.microsoft.com/x',
    );
    expect(escapeMarkdown('a|b *c* <d>\nsecond line')).toBe('a\\|b \\*c\\* \\<d\\> second line');
  });
});

describe('markdownProse', () => {
  /** One paragraph (or nothing) whose inline tokens, adjacent text merged, are what a reader sees as text and as code. */
  function inlineParts(rendered: string): { code: boolean; text: string }[] {
    const blocks = markdown.parse(rendered, {});
    if (blocks.length > 0) expect(blocks.map((token) => token.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
    const paragraph = blocks[1]?.children ?? [];
    const parts: { code: boolean; text: string }[] = [];
    for (const token of paragraph) {
      expect(['text', 'code_inline']).toContain(token.type);
      const code = token.type === 'code_inline';
      const last = parts.at(-1);
      if (last && !last.code && !code) last.text += token.content;
      else parts.push({ code, text: token.content });
    }
    return parts;
  }

  it("shows the catalogue's `commands` as code and everything else as text", () => {
    const rendered = markdownProse('Run `Get-ExchangeServer EX01 | Format-List Name,AdminDisplayVersion` on *EX01* <now>.');
    expect(markdown.renderInline(rendered)).toBe(
      'Run <code>Get-ExchangeServer EX01 | Format-List Name,AdminDisplayVersion</code> on *EX01* &lt;now&gt;.',
    );
  });

  it('any string renders as its text and code parts, nothing else (no link, no HTML, no emphasis)', () => {
    const normalise = (text: string) => text.replace(/\u0000/g, '\uFFFD');
    // markdown-it drops one space from each end of a code span of three or more characters that has both (CommonMark
    // would keep an all-space span whole; no catalogue text has one).
    const codeShown = (text: string) => text.replace(/^ (.+) $/, '$1');
    fc.assert(
      fc.property(anyText, (text) => {
        // Adjacent parts of one kind read as one (adjacent code spans are written as one).
        const expected = proseParts(oneLine(text))
          .reduce<{ code: boolean; text: string }[]>((parts, part) => {
            const last = parts.at(-1);
            if (last && last.code === part.code) last.text += part.text;
            else parts.push({ ...part });
            return parts;
          }, [])
          .map((part) => ({ code: part.code, text: normalise(part.code ? codeShown(part.text) : part.text) }));
        expect(inlineParts(markdownProse(text))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('pairs backticks left to right; one left over stays a backtick', () => {
    expect(proseParts('a `b` c `d')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'b' },
      { code: false, text: ' c `d' },
    ]);
    expect(markdown.renderInline(markdownProse('a `b` c `d'))).toBe('a <code>b</code> c `d');
  });
});

describe('markdownCodeBlock', () => {
  it('no content can close the fence early', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', '~', '\n', 'a', ' '), maxLength: 40 }), (text) => {
        const tokens = markdown.parse(markdownCodeBlock(text, 'json'), {});
        expect(tokens.map((token) => token.type)).toEqual(['fence']);
        expect(tokens[0]?.content).toBe(`${text}\n`);
      }),
    );
  });
});

describe('markdown reporter', () => {
  const report = mixedReport();
  const text = renderMarkdown(report);
  const html = markdown.render(text);

  it('starts with whose audit it is, the verdict and the notices, then the requirements table, failures first', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('# Exchange hybrid readiness audit: Contoso');
    expect(text).toContain('| **Assessed** | 2026-11-20 09:30 UTC |');
    expect(text).toContain('| **Source** | saved inventory fixtures/scenarios/dag-copy-on-2013/inventory.json, a bundled example');
    expect(text).toContain(`## ⚠️ Verdict: INCOMPLETE\n\n${escapeMarkdown(report.verdictReason)}`);
    expect(text).toContain('13 checks: 6 pass, 1 fail, 1 warn, 1 n/a, 1 manual, 1 error, 1 skipped, 1 accepted');
    // header facts, requirements, accepted risks and provenance tables; each with its head row
    expect(html.match(/<tr>/g)).toHaveLength(1 + 5 + 1 + report.results.length + 1 + (report.exceptions?.length ?? 0) + 1 + 9);
    expect(text).toContain('| ☑️ ACCEPTED | `mailbox-database-placement` | blocker | R1 |');
    expect(text).toContain('| ⏭️ SKIPPED | `load-balancer-2013-free` |');
    const statuses = [...text.matchAll(/^\| \S+ ([A-Z/]+) \| `/gm)].map((match) => match[1]);
    expect(statuses).toEqual([
      'FAIL',
      'ERROR',
      'ACCEPTED',
      'WARN',
      'MANUAL',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'N/A',
      'SKIPPED',
    ]);
  });

  it('details each check that needs attention with findings, an evidence summary, the raw JSON and remediation', () => {
    const order = [
      '# Exchange hybrid readiness audit: Contoso',
      '## ⚠️ Verdict: INCOMPLETE',
      '## Notices',
      '### ❗ Microsoft retired Graph REST access to on-premises mailboxes',
      '## Requirements',
      '## What needs attention (5)',
      '### ⛔ ERROR `exchange-2016-cu3`',
      '### ☑️ ACCEPTED `mailbox-database-placement`',
      '## Passed, not applicable or skipped (8)',
      '## Accepted risks',
      '## Provenance',
    ];
    const positions = order.map((marker) => text.indexOf(marker));
    expect(
      positions.every((position) => position >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('- ❌ **FAIL** database **DB02**: DB02 (621 in-scope mailboxes');
    expect(text).toMatch(/ {2}- Fix: Move the in-scope mailboxes of DB02/);
    expect(text).toContain('    - **Master server or DAG**: DAG01');
    expect(text).toContain(
      '      - Host: EX13-01 · Build: 15\\.0.1497.48 (Exchange 2013 CU23 Mar23SU) · Product: Exchange 2013 · CU3 or later: no',
    );
    expect(text).toContain('  <details><summary>Raw evidence (JSON)</summary>');
    expect(text).toContain('    "masterServerOrDag": "DAG01"');
    expect(html).toContain('<details><summary>Raw evidence (JSON)</summary>');
    expect(text).toContain('**Remediation:** Keep in-scope mailboxes only on databases');
    expect(text).not.toContain('### ✅'); // passing checks have one line each
    expect(text).toMatch(/^- ✅ PASS `prepare-ad-cu3` — /m);
  });

  it('shows accepted, expired and unmatched exceptions with reason, owner, ticket and expiry', () => {
    expect(text).toContain(
      '> **Accepted risk** for DB02: DB02 moves to the new DAG in Q1 (owner messaging team, ticket CHG-1042, expires 2026-12-31).',
    );
    expect(text).toContain(
      '> **Expired exception**: Upgrade to SE is budgeted for 2027 (owner it-ops, expires 2026-06-30). Expired on 2026-06-30',
    );
    expect(text).toContain(
      '| Unmatched exception | `prepare-ad-cu3` | all | Schema update pending | ad-team | — | 2027-01-31 | Matches no failure: prepare-ad-cu3 did not fail (pass). |',
    );
  });

  it('ends with the provenance: tool, catalogue, when, how, target', () => {
    const provenance = text.slice(text.indexOf('## Provenance'));
    for (const label of ['Tool', 'Check catalogue', 'Facts collected at', 'Facts', 'Collected from host', 'Target', 'Judged with'])
      expect(provenance).toContain(`| **${label}** |`);
    expect(provenance).toContain('2026-11-20T09:30:00Z');
  });

  it('hostile data stays text: no HTML element, no link, no heading from data', () => {
    const hostile = markdown.render(renderMarkdown(hostileReport(mixedReport())));
    expect(hostile).not.toMatch(/<(script|img)\b/i);
    expect(hostile).not.toMatch(/href="javascript:/i);
    // Data adds no heading (the hostile report has fewer: its lifecycle check's id is no longer one the audit knows).
    const headings = hostile.match(/<h[1-6]>/g) ?? [];
    expect(headings.length).toBeLessThanOrEqual(html.match(/<h[1-6]>/g)?.length ?? 0);
    expect(headings.length).toBeGreaterThan(10);
  });
});
