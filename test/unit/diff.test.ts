import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { blockingChanges, compareReports, type DiffCategory, type ReportDiff } from '../../src/diff/compare.js';
import { renderDiff } from '../../src/diff/render.js';
import type { Report } from '../../src/report/report.js';
import { scenarioReport } from '../support/scenario-reports.js';

function byCategory(diff: ReportDiff): Partial<Record<DiffCategory, string[]>> {
  const out: Partial<Record<DiffCategory, string[]>> = {};
  for (const entry of diff.checks) {
    out[entry.category] ??= [];
    out[entry.category]!.push(entry.id);
  }
  return out;
}

const STYLE = { colorLevel: 0, width: 100 } as const;

describe('compareReports on bundled scenarios', () => {
  it('exchange-2016-cu2 → ready: the upgrade fixed five blockers; lifecycle still fails, for other servers', () => {
    const diff = compareReports(scenarioReport('exchange-2016-cu2'), scenarioReport('ready'));
    expect(byCategory(diff)).toEqual({
      fixed: ['exchange-2016-cu3', 'mailbox-database-placement', 'prepare-ad-cu3', 'autodiscover-rest-discovery', 'rest-endpoint-oauth'],
      'unchanged-failing': ['exchange-support-lifecycle'],
      unchanged: [
        'directory-sync',
        'load-balancer-2013-free',
        'autodiscover-public-dns',
        'client-namespace-public-dns',
        'endpoint-tls-reachability',
        'graph-api-scope',
        'hybrid-oauth-configuration',
      ],
    });
    const lifecycle = diff.checks.find((entry) => entry.id === 'exchange-support-lifecycle');
    expect(lifecycle).toMatchObject({ newlyFailing: ['server EX19-01'], noLongerFailing: ['server EX16-01', 'server EX16-02'] });
    expect(diff.warnings).toEqual([]);
    expect(blockingChanges(diff, 'warning')).toEqual([]);
  });

  it('ready → mid-migration: placement, sync and the load balancer regressed (blockers), hybrid OAuth too (warning)', () => {
    const diff = compareReports(scenarioReport('ready'), scenarioReport('mid-migration'));
    expect(byCategory(diff).regressed).toEqual([
      'mailbox-database-placement',
      'directory-sync',
      'load-balancer-2013-free',
      'hybrid-oauth-configuration',
    ]);
    expect(blockingChanges(diff, 'blocker').map((entry) => entry.id)).toEqual([
      'mailbox-database-placement',
      'directory-sync',
      'load-balancer-2013-free',
    ]);
    expect(blockingChanges(diff, 'warning').map((entry) => entry.id)).toContain('hybrid-oauth-configuration');
    expect(diff.old.verdict).toBe('ready');
    expect(diff.new.verdict).toBe('not-ready');
  });

  it('an accepted failure is not fixed; an exception that expires makes it regress', () => {
    const exception = { check: 'mailbox-database-placement', reason: 'move planned', owner: 'it', expires: '2026-12-31' };
    const failing = scenarioReport('dag-copy-on-2013');
    const accepted = scenarioReport('dag-copy-on-2013', [exception]);
    const expired = scenarioReport('dag-copy-on-2013', [{ ...exception, expires: '2026-01-01' }]);
    const status = (diff: ReportDiff) => diff.checks.find((entry) => entry.id === 'mailbox-database-placement');
    expect(status(compareReports(failing, accepted))).toMatchObject({ category: 'changed', old: 'fail', new: 'accepted' });
    expect(status(compareReports(accepted, expired))).toMatchObject({ category: 'regressed', old: 'accepted', new: 'fail' });
  });

  it('new and gone checks, deselection, and the warnings: other catalogue, other target, swapped order', () => {
    const before = scenarioReport('ready');
    const after: Report = structuredClone(scenarioReport('ready'));
    after.tool.catalogueVersion = '2027.01.1';
    after.provenance.collectedAt = '2026-11-01T00:00:00Z';
    after.provenance.target.domains = ['fabrikam.com'];
    const removed = after.results.splice(
      after.results.findIndex((result) => result.id === 'graph-api-scope'),
      1,
    )[0]!;
    after.results.push({ ...removed, id: 'graph-api-scope-v2', status: 'fail' });
    const skipped = after.results.find((result) => result.id === 'exchange-support-lifecycle')!;
    skipped.status = 'skipped';
    const diff = compareReports(before, after);
    expect(byCategory(diff)).toMatchObject({
      new: ['graph-api-scope-v2'],
      gone: ['graph-api-scope'],
      changed: ['exchange-support-lifecycle'],
    });
    expect(diff.warnings).toHaveLength(3);
    expect(diff.warnings[0]).toMatch(/different check catalogues \(old 2026\.12\.1, new 2027\.01\.1\)/);
    expect(diff.warnings[1]).toMatch(/different targets/);
    expect(diff.warnings[2]).toMatch(/pass OLD first, then NEW/);
    expect(blockingChanges(diff, 'blocker').map((entry) => entry.id)).toEqual(['graph-api-scope-v2']);
  });

  it('across requirement sets: each side names its set, the checks of the other set are new or gone, and a warning says why', () => {
    const diff = compareReports(scenarioReport('ready'), scenarioReport('hybrid-dedicated-app'));
    expect([diff.old.requirementSet, diff.new.requirementSet]).toEqual(['graph-rest', 'hybrid']);
    expect(byCategory(diff).new).toEqual([
      'hybrid-app-dedicated',
      'hybrid-app-credentials',
      'shared-service-principal-clean',
      'ews-oauth-reachable',
      'transport-enforcement-baseline',
    ]);
    expect(byCategory(diff).gone).toHaveLength(13);
    expect(diff.warnings[0]).toBe(
      'the reports judge different requirement sets (old graph-rest, new hybrid): checks of a set only one of them judged show as new or gone because of the set, not because of the organization',
    );
  });
});

describe('renderDiff', () => {
  const diff = compareReports(scenarioReport('ready'), scenarioReport('mid-migration'));

  it('table: verdicts, regressions first with the subjects that started failing', () => {
    const text = renderDiff(diff, 'table', STYLE);
    expect(text.split('\n')[0]).toBe('Verdict: READY → NOT READY — 4 regressed, 0 fixed, 1 still failing');
    expect(text.indexOf('Regressed (4)')).toBeLessThan(text.indexOf('Still failing (1)'));
    expect(text).toContain('  mailbox-database-placement (blocker, R1): PASS → FAIL —');
    expect(text).toContain('now failing: database DB13');
    expect(text).toMatch(/Unchanged: 8 checks\n$/);
  });

  it('markdown: one table per category, valid Markdown', () => {
    const text = renderDiff(diff, 'markdown', STYLE);
    const html = new MarkdownIt().render(text);
    expect(html).toContain('<h2>Regressed (4)</h2>');
    expect(html).toContain('<td><code>directory-sync</code></td>');
    expect(html.match(/<table>/g)).toHaveLength(2);
  });

  it('json: the diff document itself', () => {
    expect(JSON.parse(renderDiff(diff, 'json', STYLE))).toEqual(diff);
  });
});
