// Keeps the catalogue, the check files, their tests, the scenarios and the README's check table in agreement.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';

const root = join(import.meta.dirname, '..', '..');

// The check catalogue (README and docs/architecture.md): ids are stable, never renamed.
const designCatalogue: [id: string, severity: string, requirement: string | null][] = [
  ['exchange-2016-cu3', 'blocker', 'R2'],
  ['mailbox-database-placement', 'blocker', 'R1'],
  ['prepare-ad-cu3', 'blocker', 'R3'],
  ['directory-sync', 'blocker', 'R4'],
  ['load-balancer-2013-free', 'blocker', 'R5'],
  ['autodiscover-public-dns', 'blocker', 'R6'],
  ['client-namespace-public-dns', 'blocker', 'R7'],
  ['endpoint-tls-reachability', 'blocker', 'R8'],
  ['autodiscover-rest-discovery', 'blocker', 'R8'],
  ['rest-endpoint-oauth', 'blocker', 'R8'],
  ['graph-api-scope', 'blocker', 'R9'],
  ['hybrid-oauth-configuration', 'warning', null],
  ['exchange-support-lifecycle', 'advice', null],
];

describe('check registry', () => {
  it('holds exactly the documented catalogue, in its order, with its severities and requirements', () => {
    expect(catalogue.map((check) => [check.id, check.severity, check.requirement.id])).toEqual(designCatalogue);
  });

  it.each(designCatalogue.map(([id]) => id))('%s has its own file and test file', (id) => {
    expect(existsSync(join(root, 'checks', `${id}.ts`))).toBe(true);
    expect(existsSync(join(root, 'test', 'checks', `${id}.test.ts`))).toBe(true);
  });

  it('has no check file outside the catalogue', () => {
    const files = readdirSync(join(root, 'checks')).filter((name) => name.endsWith('.ts') && !['api.ts', 'index.ts'].includes(name));
    expect(files.map((name) => name.replace(/\.ts$/, '')).sort()).toEqual(designCatalogue.map(([id]) => id).sort());
  });

  it('every scenario states an expected status for every check', () => {
    const scenarios = join(root, 'fixtures', 'scenarios');
    const names = readdirSync(scenarios);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(scenarios, name, 'expected.json'), 'utf8')) as { statuses: Record<string, string> };
      expect(Object.keys(expected.statuses).sort(), name).toEqual(designCatalogue.map(([id]) => id).sort());
    }
  });

  it("matches the README's check table", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.split('<!-- checks:start -->')[1]?.split('<!-- checks:end -->')[0];
    expect(section, 'README.md must hold the check table between <!-- checks:start --> and <!-- checks:end -->').toBeDefined();
    const rows = (section ?? '')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((cells) => [cells[1]?.replaceAll('`', ''), cells[2], cells[3] === '—' ? null : cells[3]])).toEqual(designCatalogue);
  });
});
