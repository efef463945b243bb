import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { cssString, escapeHtml, htmlProse, safeHttpUrl } from '../../src/reporters/escape.js';
import { renderHtml } from '../../src/reporters/html.js';
import { DISPLAY_STATUSES, needsAttention } from '../../src/reporters/presentation.js';
import { mixedReport } from '../support/mixed-report.js';

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The page's markup: every tag with its name and attribute names, in order (text and attribute values left out). */
function skeleton(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (match) =>
      `${match[0].startsWith('</') ? '/' : ''}${match[1]}${[...(match[2] ?? '').matchAll(/\s([a-zA-Z-]+)/g)].map((attribute) => ` ${attribute[1]}`).join('')}`,
  );
}

const anyText = fc.oneof(
  fc.string({
    unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', '<script>', '<a href="x">', ' ', '\n', '<!--', ']]>', '&amp;'),
    minLength: 1,
    maxLength: 30,
  }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
);

describe('escapeHtml', () => {
  it('leaves no character that opens markup or ends an attribute, and decodes back to the text', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        expect(decodeHtml(escaped)).toBe(text);
      }),
    );
  });

  it("shows the catalogue's `commands` in <code>, and no other element, whatever the text", () => {
    expect(htmlProse('Run `Get-Recipient <mailbox> | Format-List` on "EX01".')).toBe(
      'Run <code>Get-Recipient &lt;mailbox&gt; | Format-List</code> on &quot;EX01&quot;.',
    );
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: fc.constantFrom('`', 'a', '<b>', ' '), maxLength: 30 })), (text) => {
        const html = htmlProse(text);
        expect(skeleton(html).every((tag) => tag === 'code' || tag === '/code')).toBe(true);
        expect(decodeHtml(html.replace(/<\/?code>/g, ''))).toBe(text.replace(/`([^`\r\n]+)`/g, '$1'));
      }),
    );
  });

  it('only http(s) URLs become links', () => {
    expect(safeHttpUrl('https://learn.microsoft.com/a b')).toBe('https://learn.microsoft.com/a%20b');
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url'])
      expect(safeHttpUrl(url)).toBeNull();
  });
});

describe('cssString', () => {
  it('is one CSS string that holds the text: nothing but safe characters and hex escapes, decoding back to the text', () => {
    expect(cssString('Contoso · 2026-11-20')).toBe('"Contoso \\b7  2026-11-20"');
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'grapheme', maxLength: 30 })), (text) => {
        const css = cssString(text);
        expect(css).toMatch(/^"(?:[A-Za-z0-9 .,:;@()_+-]|\\[0-9a-f]{1,6} )*"$/);
        const decoded = css.slice(1, -1).replace(/\\([0-9a-f]{1,6}) /g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
        expect(decoded).toBe(text);
      }),
    );
  });
});

describe('html reporter', () => {
  const report = mixedReport();
  const html = renderHtml(report);

  it('is one self-contained document: inline style and script pinned by the CSP, nothing to fetch', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/\s(src|srcset)=/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const csp = decodeHtml(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`default-src 'none'`);
    expect(styles).toHaveLength(2);
    expect(csp).toContain(`style-src ${styles.map(hash).join(' ')};`);
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(styles[0]).toContain('@media print');
    // The printed pages' running head: whose audit, its date and verdict, as a CSS string that data cannot end.
    expect(styles[1]).toBe('@page { @top-left { content: "Contoso \\b7  2026-11-20 \\b7  INCOMPLETE"; } }');
  });

  it('shows the verdict, a row and a section per check with its status, and hides the filters until the script runs', () => {
    expect(html).toContain('<h1>Contoso</h1>');
    expect(html).toContain('<h2 id="h-verdict">Verdict: INCOMPLETE</h2>');
    expect(html.match(/<tr data-status=/g)).toHaveLength(report.results.length);
    const attention = report.results.filter(needsAttention).length;
    expect(html.match(/<article class="check/g)).toHaveLength(attention);
    expect(html.match(/<details class="check line/g)).toHaveLength(report.results.length - attention);
    expect(html).toContain('<nav class="filters" id="filters" hidden');
    expect(html).toContain('<tr data-status="accepted" data-attention="true">');
    expect(html).toContain('<button type="button" data-filter="accepted" aria-pressed="false">ACCEPTED (1)</button>');
    expect(html).toContain(
      '<strong>Accepted risk</strong> for DB02: DB02 moves to the new DAG in Q1 (owner messaging team, ticket CHG-1042, expires 2026-12-31).',
    );
    expect(html).toContain('<strong>Expired exception</strong>: Upgrade to SE is budgeted for 2027');
    expect(html).toContain('<td>Unmatched exception</td><td><code>prepare-ad-cu3</code></td>');
  });

  it('says whose audit it is, when and the verdict and notices before the requirements table; failures come first', () => {
    const order = [
      '<h1>Contoso</h1>',
      '<dt>Target</dt><dd>domains contoso.com',
      '<dt>Assessed</dt><dd>2026-11-20 09:30 UTC</dd>',
      '<dt>Source</dt><dd>saved inventory fixtures/scenarios/dag-copy-on-2013/inventory.json',
      '<dt>Requirement set</dt>',
      '<dt>Tool</dt><dd>hybrid-readiness',
      'Verdict: INCOMPLETE',
      '<h3>Microsoft retired Graph REST access to on-premises mailboxes</h3>',
      '<h2 id="h-requirements">',
      '<h2 id="h-attention">',
      '<h2 id="h-passed">',
      '<h2 id="h-exceptions">',
      '<h2 id="h-provenance">',
    ];
    const positions = order.map((marker) => html.indexOf(marker));
    expect(
      positions.every((position) => position >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const rank = (status: string | undefined) => DISPLAY_STATUSES.indexOf(status as (typeof DISPLAY_STATUSES)[number]);
    for (const pattern of [/<tr data-status="([a-z-]+)"/g, /<article class="check c-([a-z-]+)"/g]) {
      const ranks = [...html.matchAll(pattern)].map((match) => rank(match[1]));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(html.indexOf('<article class="check c-error"')).toBeLessThan(html.indexOf('<article class="check c-accepted"'));
  });

  it('shows evidence as labelled fields and tables, with the raw JSON behind a disclosure', () => {
    expect(html).toContain('<div class="narrow"><dt>Master server or DAG</dt><dd>DAG01</dd></div>');
    expect(html).toContain('<th scope="col">CU3 or later</th>');
    expect(html).toContain('<td data-label="Host" class="short">EX13-01</td>');
    expect(html).toContain('<details class="raw"><summary>Raw evidence (JSON)</summary><pre>{\n  &quot;databaseDn&quot;');
  });

  it('any data string is shown as text and never changes the markup', () => {
    const plain = renderHtml(withText(report, ['x', 'x', 'x', 'x', 'x', 'x', 'x']));
    const baseline = skeleton(plain);
    /** Data never adds a character that could open or close markup or a quoted attribute: their counts stay. */
    const markupCharacters = (page: string) => ['<', '>', '"', "'"].map((char) => page.split(char).length);
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 7, maxLength: 7 }), (texts) => {
        const page = renderHtml(withText(report, texts));
        expect(markupCharacters(page)).toEqual(markupCharacters(plain));
        expect(skeleton(page)).toEqual(baseline);
        const text = decodeHtml(page);
        for (const value of texts.slice(0, 6)) expect(text).toContain(value);
        expect(text).toContain(JSON.stringify(texts[6]).slice(1, -1)); // evidence is shown as JSON
      }),
      { numRuns: 150 },
    );
  });
});

/** The report with seven free-text fields replaced: title, summary, subject, message, exception reason, notice, evidence. */
function withText(report: Report, texts: string[]): Report {
  const copy = structuredClone(report);
  const placement = copy.results.find((result) => result.id === 'mailbox-database-placement');
  const finding = placement?.findings.find((entry) => entry.status === 'fail');
  if (!placement || !finding || !placement.exceptions?.[0] || !copy.notices[0]) throw new Error('the mixed report changed shape');
  placement.title = texts[0] as string;
  placement.summary = texts[1] as string;
  finding.subject.name = texts[2] as string;
  finding.message = texts[3] as string;
  placement.exceptions[0].reason = texts[4] as string;
  copy.notices[0].text = texts[5] as string;
  finding.evidence = { value: texts[6] as string };
  return copy;
}
