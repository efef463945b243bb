import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { auditOrder, headerFacts, lifecycleNotice, organizationName, sourceText } from '../../src/reporters/audit.js';
import { evidenceView, labelOf } from '../../src/reporters/evidence-view.js';
import { displayStatus } from '../../src/reporters/presentation.js';
import { mixedReport } from '../support/mixed-report.js';
import { scenarioReport } from '../support/scenario-reports.js';

function withProvenance(report: Report, change: Partial<Report['provenance']>): Report {
  return { ...report, provenance: { ...report.provenance, ...change } };
}

describe('the audit header', () => {
  const report = scenarioReport('mid-migration');

  it('names the organization from what was collected, and never invents one', () => {
    expect(organizationName(report)).toBe('Contoso');
    expect(organizationName(withProvenance(report, { organization: { exchange: 'Contoso', tenant: 'Contoso Ltd' } }))).toBe(
      'Contoso (tenant Contoso Ltd)',
    );
    expect(organizationName(withProvenance(report, { organization: { exchange: null, tenant: 'Fabrikam' } }))).toBe('Fabrikam');
    expect(organizationName(withProvenance(report, { organization: { exchange: null, tenant: null } }))).toBeNull();
    // Reports written before the field existed.
    const { organization: _, ...older } = report.provenance;
    expect(organizationName({ ...report, provenance: older })).toBeNull();
    // An inventory without AD facts: the tenant's name from Graph.
    expect(organizationName(scenarioReport('ldap-bind-refused'))).toBe('Contoso');
    expect(scenarioReport('ldap-bind-refused').provenance.organization).toEqual({ exchange: null, tenant: 'Contoso' });
  });

  it('says where the facts came from: live, a saved inventory, an Exchange Management Shell import', () => {
    const settings = report.provenance.settings;
    expect(sourceText(report)).toBe(
      'saved inventory fixtures/scenarios/mid-migration/inventory.json, a bundled example, not a real organization',
    );
    const live = withProvenance(report, {
      source: 'live',
      inventoryFile: null,
      settings: { ...settings, mode: 'live', collectedFrom: 'jump01' },
    });
    expect(sourceText(live)).toBe('collected live from jump01');
    const ems = withProvenance(report, { inventoryFile: 'contoso.json', settings: { ...settings, mode: 'ems' } });
    expect(sourceText(ems)).toBe('saved inventory contoso.json, imported from Exchange Management Shell exports');
  });

  it('lists target, date, source, requirement set and tool in that order', () => {
    expect(headerFacts(report).map((fact) => fact.label)).toEqual(['Target', 'Assessed', 'Source', 'Requirement set', 'Tool']);
    expect(headerFacts(report)[1]?.value).toBe('2026-11-20 09:30 UTC');
  });

  it('turns the support-lifecycle result into a notice, and none when the check did not run', () => {
    expect(lifecycleNotice(report)).toEqual({
      status: 'fail',
      title: 'Exchange servers out of support',
      text: '3 of 3 Exchange servers are out of support on 2026-11-20: EX16-01, EX16-02, EX13-01.',
      check: 'exchange-support-lifecycle',
    });
    expect(lifecycleNotice(scenarioReport('ready-se-only'))?.title).toBe('Exchange servers in support');
    const without = { ...report, results: report.results.filter((result) => result.id !== 'exchange-support-lifecycle') };
    expect(lifecycleNotice(without)).toBeNull();
  });

  it('orders checks failures first, then by severity, then as the catalogue does', () => {
    const ordered = auditOrder(mixedReport().results).map((result) => displayStatus(result));
    expect(ordered).toEqual([
      'fail',
      'error',
      'accepted',
      'warn',
      'manual',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'not-applicable',
      'skipped',
    ]);
    const failures = auditOrder(report.results).filter((result) => result.status === 'fail');
    expect(failures.map((result) => result.severity)).toEqual(['blocker', 'blocker', 'blocker', 'warning', 'advice']);
  });
});

describe('evidence view', () => {
  it('labels keys for people and keeps keys that are data as written', () => {
    expect(labelOf('inScopeMailboxes')).toBe('In scope mailboxes');
    expect(labelOf('databaseDn')).toBe('Database DN');
    expect(labelOf('cu3OrLater')).toBe('CU3 or later');
    expect(labelOf('exchange2016OrLaterServers')).toBe('Exchange 2016 or later servers');
    expect(labelOf('X-FEServer')).toBe('X-FEServer');
    expect(labelOf('mail.contoso.com')).toBe('mail.contoso.com');
  });

  it('shows scalars as text, scalar arrays as lists, object arrays as tables and objects as fields', () => {
    const view = evidenceView({
      enabled: false,
      missing: null,
      roles: ['Mailbox', 'Edge'],
      copies: [{ host: 'EX1', ok: true }, { host: 'EX2' }],
      nested: { a: 1 },
      empty: [],
    });
    expect(view).toEqual({
      kind: 'fields',
      more: 0,
      fields: [
        { label: 'Enabled', value: { kind: 'text', text: 'no' }, wide: false },
        { label: 'Missing', value: { kind: 'text', text: '—' }, wide: false },
        { label: 'Roles', value: { kind: 'list', items: ['Mailbox', 'Edge'], more: 0 }, wide: false },
        {
          label: 'Copies',
          value: {
            kind: 'table',
            columns: ['Host', 'Ok'],
            rows: [
              ['EX1', 'yes'],
              ['EX2', '—'],
            ],
            more: 0,
          },
          wide: true,
        },
        {
          label: 'Nested',
          value: { kind: 'fields', fields: [{ label: 'A', value: { kind: 'text', text: '1' }, wide: false }], more: 0 },
          wide: true,
        },
        { label: 'Empty', value: { kind: 'text', text: 'none' }, wide: false },
      ],
    });
  });

  it('is bounded: long lists, long texts and deep nesting are cut, and what was cut is counted', () => {
    const many = Array.from({ length: 40 }, (_, index) => `item-${index}`);
    const deep = { a: { b: { c: { d: 1 } } } };
    const view = evidenceView({ many, long: 'x'.repeat(5000), deep, wide: Object.fromEntries(many.map((key) => [key, 1])) });
    if (view.kind !== 'fields') throw new Error('not fields');
    expect(view.fields[0]?.value).toMatchObject({ kind: 'list', more: 28 });
    expect(view.fields[1]?.value).toEqual({ kind: 'text', text: `${'x'.repeat(319)}…` });
    expect(JSON.stringify(view.fields[2]?.value)).toContain('{\\"d\\":1}');
    expect(view.fields[3]?.value).toMatchObject({ kind: 'fields', more: 16 });
  });
});
