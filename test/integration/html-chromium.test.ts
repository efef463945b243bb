// The HTML report rendered in a real browser: Debian's headless Chromium driven by playwright-core (no browser
// download). For every bundled scenario: no console error (a CSP violation is one), no request but the file
// itself, the verdict and every check id in the rendered text, the status filter working with script and absent
// without, a print layout that shows every check, nothing wider than a 420 px phone, and a screenshot (kept in
// .tmp/html-screenshots/ to look at). The mid-migration audit is printed to PDF on A4 and US Letter and read back
// with pdftotext (poppler-utils): its order, its page count, the running head on every page, every failure's
// finding and fix. Chromium or pdftotext missing is a failure, never a skip: bash .ci/run installs them.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '../../scripts/fixtures/scenarios.js';
import type { Report } from '../../src/report/report.js';
import { renderHtml } from '../../src/reporters/html.js';
import { displayStatus, needsAttention, VERDICT_LABEL } from '../../src/reporters/presentation.js';
import { hostileReport } from '../support/hostile-report.js';
import { repoRoot, scenarioReport } from '../support/scenario-reports.js';

const CHROMIUM = '/usr/bin/chromium';
const PDFTOTEXT = '/usr/bin/pdftotext';
const run = promisify(execFile);
const screenshots = join(repoRoot, '.tmp', 'html-screenshots');
const scratch = mkdtempSync(join(tmpdir(), 'hr-html-'));

let withScript: BrowserContext;
let withoutScript: BrowserContext;
/** Every URL any page asked for that is not the report file itself. */
const foreignRequests: string[] = [];

async function launch(javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(scratch, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled,
    viewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  return context;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (bash .ci/run installs it)`);
  if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: apt-get install poppler-utils (bash .ci/run installs it)`);
  mkdirSync(screenshots, { recursive: true });
  withScript = await launch(true);
  withoutScript = await launch(false);
});

afterAll(async () => {
  await withScript?.close();
  await withoutScript?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Run in the page (a string: the test program has no DOM types): opens every disclosure, then lists each block that
 * reaches past the viewport or is wider than its box without being a scroll container.
 */
const WIDER_THAN_THE_VIEWPORT = `(() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width) wide.push('the page is ' + document.documentElement.scrollWidth + 'px wide');
  for (const element of document.querySelectorAll('header, section, article, details, nav, footer, table, dl, ul, pre, p')) {
    const box = element.getBoundingClientRect();
    const scrolls = getComputedStyle(element).overflowX === 'auto';
    if (box.right > width + 0.5 || (!scrolls && element.scrollWidth > element.clientWidth + 1))
      wide.push(element.tagName.toLowerCase() + '.' + element.className + ' (' + Math.round(box.right) + 'px, scroll ' + element.scrollWidth + ')');
  }
  return wide;
})()`;

interface Opened {
  page: Page;
  problems: string[];
}

async function open(context: BrowserContext, report: Report, name: string): Promise<Opened> {
  const file = join(scratch, `${name}.html`);
  writeFileSync(file, renderHtml(report));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

describe.each(scenarioNames)('the HTML report of %s in Chromium', (name) => {
  const report = scenarioReport(name);

  it('renders without console errors or fetches, shows the verdict and every check, and filters by status', async () => {
    const before = foreignRequests.length;
    const { page, problems } = await open(withScript, report, name);
    try {
      const text = await page.locator('body').textContent();
      expect(text).toContain(`Verdict: ${VERDICT_LABEL[report.verdict]}`);
      expect(text).toContain(report.verdictReason);
      for (const result of report.results) expect(text, `${result.id} is not in the rendered text`).toContain(result.id);

      expect(await page.locator('#filters').isVisible()).toBe(true);
      const rows = page.locator('table.results tbody tr');
      expect(await rows.count()).toBe(report.results.length);
      const statuses = [...new Set(report.results.map(displayStatus))];
      for (const status of statuses) {
        await page.click(`#filters button[data-filter="${status}"]`);
        const visible = await page.locator('table.results tbody tr:visible').count();
        expect(visible, `filter ${status}`).toBe(report.results.filter((result) => displayStatus(result) === status).length);
        expect(await page.locator(`.check:visible:not([data-status="${status}"])`).count()).toBe(0);
      }
      // Print shows every check whatever the filter, and no filter bar.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('table.results tbody tr:visible').count()).toBe(report.results.length);
      expect(await page.locator('.check:visible').count()).toBe(report.results.length);
      expect(await page.locator('#filters').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
      await page.click('#filters button[data-filter="all"]');
      expect(await page.locator('table.results tbody tr:visible').count()).toBe(report.results.length);

      const png = await page.screenshot({ path: join(screenshots, `${name}.png`) });
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
      expect(problems).toEqual([]);
      expect(foreignRequests.slice(before)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('is complete without script: no filter bar, every check visible', async () => {
    const { page, problems } = await open(withoutScript, report, `${name}-noscript`);
    try {
      expect(await page.locator('#filters').isVisible()).toBe(false);
      expect(await page.locator('table.results tbody tr:visible').count()).toBe(report.results.length);
      expect(await page.locator('.check:visible').count()).toBe(report.results.length);
      expect(await page.locator('article.check').count()).toBe(report.results.filter(needsAttention).length);
      expect(await page.locator('body').textContent()).toContain(`Verdict: ${VERDICT_LABEL[report.verdict]}`);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
  it('fits a 420 px phone: no section, table or list is wider than the viewport, even with every disclosure open', async () => {
    const { page, problems } = await open(withoutScript, report, `${name}-narrow`);
    try {
      await page.setViewportSize({ width: 420, height: 900 });
      const overflowing = await page.evaluate<string[]>(WIDER_THAN_THE_VIEWPORT);
      expect(overflowing).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the HTML report in Chromium, beyond the scenarios', () => {
  it('shows hostile data as text: no script runs, no element is injected, no javascript: link', async () => {
    const report = hostileReport(scenarioReport('dag-copy-on-2013'));
    const before = foreignRequests.length;
    const { page, problems } = await open(withScript, report, 'hostile');
    try {
      expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await page.locator('body').textContent()).toContain('<script>window.__pwned=1</script>');
      expect(problems).toEqual([]);
      expect(foreignRequests.slice(before)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('prints the mid-migration audit on at most 8 pages, A4 and US Letter: header first, every failure with its fix', async () => {
    const report = scenarioReport('mid-migration');
    const { page, problems } = await open(withScript, report, 'mid-migration-print');
    try {
      // On screen: whose audit and when, the verdict and the retired-preview notice come before the requirements table.
      const tops = ['header.masthead h1', 'dl.facts', '#h-verdict', '.notice.important', 'table.results', '#h-attention', '#h-passed'];
      const order = await Promise.all(tops.map(async (selector) => (await page.locator(selector).first().boundingBox())?.y ?? -1));
      expect(
        order.every((top) => top >= 0),
        JSON.stringify(order),
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(await page.locator('header.masthead h1').textContent()).toBe('Contoso');
      expect(await page.locator('dl.facts').textContent()).toContain('2026-11-20 09:30 UTC');
      expect(await page.locator('.notice.important h3').first().textContent()).toMatch(/retired/i);

      await page.emulateMedia({ media: 'print' });
      const failures = report.results
        .filter((result) => result.status === 'fail')
        .flatMap((result) => result.findings.filter((finding) => finding.status === 'fail'));
      expect(failures.length).toBeGreaterThan(4);
      for (const format of ['A4', 'Letter'] as const) {
        const file = join(screenshots, `mid-migration-${format}.pdf`);
        writeFileSync(file, await page.pdf({ format }));
        const { stdout } = await run(PDFTOTEXT, ['-enc', 'UTF-8', file, '-']);
        const pages = stdout.split('\f').filter((text) => text.trim() !== '');
        expect(pages.length, `${format}: ${pages.length} pages`).toBeLessThanOrEqual(8);
        pages.forEach((text, index) => {
          expect(text.trimStart().split('\n')[0], `${format} page ${index + 1} head`).toBe('Contoso · 2026-11-20 · NOT READY');
          expect(text, `${format} page ${index + 1} foot`).toContain(`Page ${index + 1} of ${pages.length}`);
        });
        const printed = stdout.replace(/\s+/g, ' ');
        const position = (text: string) => printed.indexOf(text.replace(/\s+/g, ' '));
        expect(position('Contoso')).toBeLessThan(position('Verdict: NOT READY'));
        expect(position('Verdict: NOT READY')).toBeLessThan(position('Microsoft retired Graph REST'));
        expect(position('Microsoft retired Graph REST')).toBeLessThan(position('Requirement check'));
        for (const finding of failures) {
          // The finding, its fix and its evidence summary are on paper (text as pdftotext lays it out).
          expect(position(`${finding.subject.kind} ${finding.subject.name}`), `${format}: ${finding.subject.name}`).toBeGreaterThan(0);
          expect(position(finding.message.slice(-40)), `${format}: message of ${finding.subject.name}`).toBeGreaterThan(0);
          expect(
            position((finding.remediation ?? '').replace(/`/g, '').slice(0, 40)),
            `${format}: fix of ${finding.subject.name}`,
          ).toBeGreaterThan(0);
        }
        expect(printed).not.toContain('Raw evidence (JSON)');
      }
      // Every failing finding shows its evidence summary in print; the raw JSON stays out.
      expect(await page.locator('.finding.f-fail .evidence:visible').count()).toBe(failures.length);
      expect(await page.locator('details.raw:visible').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
