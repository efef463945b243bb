import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/reporters/sarif.js';
import { hostileReport } from '../support/hostile-report.js';
import { mixedReport } from '../support/mixed-report.js';
import { repoRoot, scenarioReport } from '../support/scenario-reports.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  kind: string;
  message: { text: string };
  locations?: { logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string; properties: Record<string, unknown> }[];
  properties: Record<string, unknown>;
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string }; helpUri?: string }[] } };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string }; associatedRule: { id: string; index: number } }[];
    }[];
    results: SarifResult[];
    properties: { verdict: string };
  }[];
}

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'test', 'schemas', 'sarif-2.1.0.json'), 'utf8')));
}

describe('sarif reporter', () => {
  const report = mixedReport();
  const log = JSON.parse(renderSarif(report)) as SarifLog;
  const run = log.runs[0]!;

  it('is SARIF 2.1.0, valid against the schema, hostile data included', () => {
    const validate = validator();
    expect(log.version).toBe('2.1.0');
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate(JSON.parse(renderSarif(hostileReport(report)))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('has one rule per check, levels by severity, with the requirement source as help', () => {
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(report.results.map((result) => result.id));
    const rule = (id: string) => run.tool.driver.rules.find((entry) => entry.id === id);
    expect(rule('mailbox-database-placement')?.defaultConfiguration.level).toBe('error');
    expect(rule('hybrid-oauth-configuration')?.defaultConfiguration.level).toBe('warning');
    expect(rule('exchange-support-lifecycle')?.defaultConfiguration.level).toBe('note');
    expect(rule('mailbox-database-placement')?.helpUri).toBe('https://learn.microsoft.com/en-us/graph/hybrid-rest-support');
  });

  it('has one result per failing finding, at the logical location of its subject', () => {
    const failing = report.results.flatMap((result) =>
      result.status === 'fail'
        ? result.findings.filter((finding) => finding.status === 'fail').map((finding) => [result.id, finding.subject.name])
        : [],
    );
    expect(run.results.map((result) => [result.ruleId, result.locations?.[0]?.logicalLocations[0]?.name])).toEqual(failing);
    const db02 = run.results.find((result) => result.ruleId === 'mailbox-database-placement');
    expect(db02?.locations?.[0]?.logicalLocations[0]).toEqual({ name: 'DB02', fullyQualifiedName: 'database/DB02', kind: 'resource' });
    expect(db02?.message.text).toMatch(/^DB02 \(621 in-scope mailboxes.* Fix: Move the in-scope mailboxes of DB02/);
    expect(db02?.properties['evidence']).toMatchObject({ masterServerOrDag: 'DAG01' });
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('an accepted risk is a suppression; an expired one is not, but is named', () => {
    const db02 = run.results.find((result) => result.ruleId === 'mailbox-database-placement');
    expect(db02?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'DB02 moves to the new DAG in Q1',
        properties: { owner: 'messaging team', ticket: 'CHG-1042', expires: '2026-12-31' },
      },
    ]);
    const lifecycle = run.results.filter((result) => result.ruleId === 'exchange-support-lifecycle');
    expect(lifecycle).toHaveLength(3);
    for (const result of lifecycle) {
      expect(result.suppressions).toBeUndefined();
      expect(result.properties['expiredExceptions']).toEqual([expect.objectContaining({ state: 'expired', owner: 'it-ops' })]);
    }
  });

  it('a check that could not be evaluated is a tool notification, not a result', () => {
    expect(run.invocations[0]?.executionSuccessful).toBe(true);
    expect(run.invocations[0]?.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', associatedRule: { id: 'exchange-2016-cu3', index: 0 } }),
    ]);
    expect(run.results.some((result) => result.ruleId === 'exchange-2016-cu3')).toBe(false);
    expect(run.properties.verdict).toBe('incomplete');
  });

  it('fingerprints follow the check and subject, so the same problem matches across runs', () => {
    const again = JSON.parse(renderSarif(scenarioReport('dag-copy-on-2013'))) as SarifLog;
    const fingerprintOf = (entry: SarifLog, ruleId: string, name: string) =>
      entry.runs[0]?.results.find((result) => result.ruleId === ruleId && result.locations?.[0]?.logicalLocations[0]?.name === name)
        ?.partialFingerprints['checkSubject'];
    expect(fingerprintOf(again, 'mailbox-database-placement', 'DB02')).toBe(fingerprintOf(log, 'mailbox-database-placement', 'DB02'));
    const all = run.results.map((result) => result.partialFingerprints['checkSubject']);
    expect(new Set(all).size).toBe(all.length);
  });
});
