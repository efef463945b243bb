// The HTML report rendered in a real browser: Debian's headless Chromium driven by playwright-core (no browser
// download). For every bundled scenario: no console error (a CSP violation is one), no request but the file
// itself, the verdict and every check id in the rendered text, the status filter working with script and absent
// without, a print layout that shows everything, and a screenshot (kept in .tmp/html-screenshots/ to look at).
// Chromium missing is a failure, never a skip: bash .ci/run installs it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '../../scripts/fixtures/scenarios.js';
import type { Report } from '../../src/report/report.js';
import { renderHtml } from '../../src/reporters/html.js';
import { displayStatus, VERDICT_LABEL } from '../../src/reporters/presentation.js';
import { hostileReport } from '../support/hostile-report.js';
import { repoRoot, scenarioReport } from '../support/scenario-reports.js';

const CHROMIUM = '/usr/bin/chromium';
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
  mkdirSync(screenshots, { recursive: true });
  withScript = await launch(true);
  withoutScript = await launch(false);
});

afterAll(async () => {
  await withScript?.close();
  await withoutScript?.close();
  rmSync(scratch, { recursive: true, force: true });
});

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
        expect(await page.locator(`article.check:visible:not([data-status="${status}"])`).count()).toBe(0);
      }
      // Print shows every check whatever the filter, and no filter bar.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('table.results tbody tr:visible').count()).toBe(report.results.length);
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
      expect(await page.locator('article.check:visible').count()).toBe(report.results.length);
      expect(await page.locator('body').textContent()).toContain(`Verdict: ${VERDICT_LABEL[report.verdict]}`);
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

  it('prints to PDF', async () => {
    const { page } = await open(withScript, scenarioReport('mixed-2013-front-end'), 'print');
    try {
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      writeFileSync(join(screenshots, 'mixed-2013-front-end.pdf'), pdf);
      expect(readFileSync(join(screenshots, 'mixed-2013-front-end.pdf')).length).toBeGreaterThan(20_000);
    } finally {
      await page.close();
    }
  });
});
