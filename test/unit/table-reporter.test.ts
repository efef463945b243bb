import { describe, expect, it } from 'vitest';
import { Report } from '../../src/report/report.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderTable } from '../../src/reporters/table.js';
import { mixedReport } from '../support/mixed-report.js';
import { sampleReport } from '../support/sample-report.js';

const ANSI = /\u001b\[/;

describe('table reporter', () => {
  const report = sampleReport();
  const text = renderTable(report, { colorLevel: 0, width: 100 });

  it('writes no ANSI codes when colour is off', () => {
    expect(text).not.toMatch(ANSI);
  });

  it('puts the verdict first, then the table, then details, notices and provenance', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('Verdict: NOT READY — blocker check failed: server-build');
    expect(lines[1]).toBe('3 checks: 1 fail, 1 error, 1 skipped');
    const order = ['│ Status', 'FAIL server-build —', 'ERROR dns-present —', 'Notices', 'Facts replayed from inventory.json'].map(
      (marker) => text.indexOf(marker),
    );
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('details a failure with its finding, evidence and remediation, and hides passing findings', () => {
    expect(text).toContain('FAIL server EX02: EX02 runs 15.1.466.34, too old.');
    expect(text).toContain('evidence: build: 15.1.466.34; serialNumber: Version 15.1 (Build 30466.34)');
    expect(text).toContain('fix: Update EX02.');
    expect(text).toContain('Remediation: Install the latest cumulative update.');
    expect(text).toContain('- Test requirement source: https://example.test/requirement');
    expect(text).toContain('(1 other finding passed or did not apply; see --format json)');
    expect(text).not.toContain('EX01 runs');
  });

  it('says why a check could not be evaluated', () => {
    expect(text).toContain('PublicDns could not be collected: no resolver answered within 5000 ms');
  });

  it('carries the retirement notice with its source', () => {
    expect(text).toContain('! Microsoft retired Graph REST access to on-premises mailboxes');
    expect(text).toContain('https://learn.microsoft.com/en-us/graph/hybrid-rest-support');
  });

  it('keeps every line within the width', () => {
    const widest = Math.max(
      ...text
        .split('\n')
        .filter((line) => !/^ *https:\/\/\S+$/.test(line))
        .map((line) => line.length),
    );
    expect(widest).toBeLessThanOrEqual(100);
  });

  it('colours when asked', () => {
    const coloured = renderTable(report, { colorLevel: 1, width: 100 });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(text);
  });
});

describe('table reporter and accepted risks', () => {
  const text = renderTable(mixedReport(), { colorLevel: 0, width: 100 });

  it('shows an accepted failure as ACCEPTED with reason, owner, ticket and expiry; an expired one as FAIL saying so', () => {
    expect(text).toMatch(/│ ACCEPTED │ blocker +│ mailbox-database-placement/);
    expect(text).toContain('Accepted risk for DB02: DB02 moves to the new DAG in Q1 (owner messaging team, ticket CHG-1042,');
    expect(text).toMatch(/│ FAIL +│ advice +│ exchange-support-lifecycle/);
    expect(text).toContain('Expired exception: Upgrade to SE is budgeted for 2027 (owner it-ops, expires 2026-06-30). Expired');
  });

  it('lists the exceptions that match nothing', () => {
    expect(text).toContain(
      'Exceptions that match nothing (update the configuration)\n  - prepare-ad-cu3: Matches no failure: prepare-ad-cu3 did not fail (pass).',
    );
  });
});

describe('json reporter', () => {
  it('writes the report itself, which the Report schema accepts', () => {
    const report = sampleReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Report.parse(JSON.parse(text))).toEqual(report);
  });
});
