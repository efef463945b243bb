// Golden tests of the bundled scenarios. For each fixtures/scenarios/<name>/:
// - inventory.json is what scripts/fixtures/ generates, and it parses as an inventory;
// - the report evaluated from it equals expected-report.json (the golden, regenerated on purpose);
// - the verdict, exit code and every check's status equal expected.json — written by hand from the scenario's
//   intent and the requirements, never from the program's output. That file is the independent truth.
// Regenerate inventory.json and expected-report.json with: UPDATE_SCENARIOS=1 npx vitest run test/scenarios
// (expected.json is never written by a tool).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { inventoryText, scenarioInventory, scenarioNames } from '../../scripts/fixtures/scenarios.js';
import { parseInventory } from '../../src/inventory/load.js';
import { exitCodeOf } from '../../src/pipeline/summarize.js';
import { Report } from '../../src/report/report.js';
import { TOOL_VERSION } from '../../src/version.js';
import {
  goldenOf,
  inventoryFileOf,
  scenarioReport as reportOf,
  repoRoot as root,
  scenariosDir,
  UPDATE_HINT,
  UPDATE_SCENARIOS as update,
} from '../support/scenario-reports.js';

const requiredScenarios = [
  'ready',
  'exchange-2016-cu2',
  'dag-copy-on-2013',
  'mixed-2013-front-end',
  'no-public-autodiscover',
  'private-address',
  'preauth-gateway',
  'directory-sync-stale',
  'directory-sync-never',
  'no-graph-access',
  'ldap-bind-refused',
  // The hybrid requirement set (expected.json `requirements: hybrid`).
  'hybrid-dedicated-app',
  'hybrid-shared-app',
  'hybrid-credential-expiring',
  'hybrid-no-rich-coexistence',
  'hybrid-ews-preauth',
  'hybrid-transport-below-baseline',
];

interface Expected {
  verdict: string;
  exitCode: number;
  statuses: Record<string, string>;
  /** The requirement set the scenario is judged under; graph-rest when absent. */
  requirements?: string;
}

function readText(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

describe('the bundled scenarios', () => {
  it('are exactly the generated ones, including every required scenario', () => {
    const directories = readdirSync(scenariosDir).filter((name) => statSync(join(scenariosDir, name)).isDirectory());
    expect(directories.sort()).toEqual([...scenarioNames]);
    expect(scenarioNames).toEqual(expect.arrayContaining(requiredScenarios));
  });

  it.each(scenarioNames)('%s has a README paragraph and a hand-written expected.json', (name) => {
    const readme = readText(`fixtures/scenarios/${name}/README.md`);
    const paragraphs = readme.split(/\n\s*\n/).filter((part) => part.trim() && !part.trim().startsWith('#'));
    expect(paragraphs, `${name}/README.md: one paragraph on the organization, what is wrong and what an admin should see`).toHaveLength(1);
    expect(paragraphs[0]?.length).toBeGreaterThan(200);
    const expected = JSON.parse(readText(`fixtures/scenarios/${name}/expected.json`)) as Expected;
    const keys = Object.keys(expected).filter((key) => key !== 'requirements');
    expect(keys.sort()).toEqual(['exitCode', 'statuses', 'verdict']);
    expect([undefined, 'graph-rest', 'hybrid', 'all']).toContain(expected.requirements);
  });
});

describe.each(scenarioNames)('scenario %s', (name) => {
  const dir = join(scenariosDir, name);

  it('inventory.json is the output of scripts/fixtures and parses as a fixture inventory', () => {
    const generated = inventoryText(scenarioInventory(name));
    const path = join(dir, 'inventory.json');
    if (update) writeFileSync(path, generated);
    expect(existsSync(path), `${name}/inventory.json is missing; ${UPDATE_HINT}`).toBe(true);
    expect(readFileSync(path, 'utf8'), `${name}/inventory.json is not the generator's output; ${UPDATE_HINT}`).toBe(generated);
    const inventory = parseInventory(generated, inventoryFileOf(name));
    expect(inventory.settings.mode).toBe('fixture');
  });

  it('evaluates to expected-report.json', () => {
    const report = reportOf(name);
    expect(report.tool.version).toBe(TOOL_VERSION);
    const golden = goldenOf(report);
    expect(Report.safeParse(golden).success).toBe(true);
    const path = join(dir, 'expected-report.json');
    if (update) writeFileSync(path, jsonText(golden));
    expect(existsSync(path), `${name}/expected-report.json is missing; ${UPDATE_HINT}`).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')), `${name}: the report changed; ${UPDATE_HINT}`).toEqual(golden);
  });

  it('the golden holds no absolute path, and the report does not depend on when or where it is made', () => {
    const golden = readFileSync(join(dir, 'expected-report.json'), 'utf8');
    expect(golden).not.toContain(root);
    expect(golden).not.toMatch(/"(?:[A-Za-z]:\\\\|\/(?:home|tmp|Users|work|root)\/)/);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
      const later = reportOf(name);
      vi.setSystemTime(new Date('2024-06-30T12:00:00Z'));
      expect(reportOf(name)).toEqual(later);
    } finally {
      vi.useRealTimers();
    }
  });

  it('has the verdict, exit code and check statuses of expected.json', () => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const report = reportOf(name);
    const statuses = Object.fromEntries(report.results.map((result) => [result.id, result.status]));
    expect(statuses, `${name}: check statuses differ from the hand-written expectation`).toEqual(expected.statuses);
    expect(report.verdict, report.verdictReason).toBe(expected.verdict);
    expect(exitCodeOf(report, 'blocker')).toBe(expected.exitCode);
  });
});
