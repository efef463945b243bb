// Keeps the catalogue, the check files, their tests, the scenarios and the README's check table in agreement.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';

const root = join(import.meta.dirname, '..', '..');

// The check catalogue (README, docs/architecture.md, docs/requirement-sets.md): ids are stable, never renamed.
const graphRestCatalogue: [id: string, severity: string, requirement: string | null][] = [
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
const hybridCatalogue: [id: string, severity: string, requirement: string | null][] = [
  ['hybrid-app-dedicated', 'blocker', 'H1'],
  ['hybrid-app-credentials', 'blocker', 'H2'],
  ['shared-service-principal-clean', 'blocker', 'H3'],
  ['ews-oauth-reachable', 'blocker', 'H4'],
  ['transport-enforcement-baseline', 'warning', 'H5'],
];
const designCatalogue = [...graphRestCatalogue, ...hybridCatalogue];
const setOf = (id: string) => (hybridCatalogue.some(([hybridId]) => hybridId === id) ? 'hybrid' : 'graph-rest');

/** The rows of the README table between <!-- name:start --> and <!-- name:end --> as [id, severity, requirement]. */
function readmeTable(readme: string, name: string): (string | null | undefined)[][] | undefined {
  const section = readme.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0];
  if (section === undefined) return undefined;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => [cells[1]?.replaceAll('`', ''), cells[2], cells[3] === '—' ? null : cells[3]]);
}

describe('check registry', () => {
  it('holds exactly the documented catalogue, in its order, with its severities and requirements', () => {
    expect(catalogue.map((check) => [check.id, check.severity, check.requirement.id])).toEqual(designCatalogue);
  });

  it('puts every check in its requirement set: graph-rest first, then hybrid', () => {
    expect(catalogue.map((check) => [check.id, check.requirementSet])).toEqual(designCatalogue.map(([id]) => [id, setOf(id)]));
  });

  it.each(designCatalogue.map(([id]) => id))('%s has its own file and test file', (id) => {
    expect(existsSync(join(root, 'checks', `${id}.ts`))).toBe(true);
    expect(existsSync(join(root, 'test', 'checks', `${id}.test.ts`))).toBe(true);
  });

  it('has no check file outside the catalogue', () => {
    const files = readdirSync(join(root, 'checks')).filter(
      (name) => name.endsWith('.ts') && !['api.ts', 'index.ts', 'requirement-sets.ts'].includes(name),
    );
    expect(files.map((name) => name.replace(/\.ts$/, '')).sort()).toEqual(designCatalogue.map(([id]) => id).sort());
  });

  it('every scenario states an expected status for every check of the requirement set it is judged under', () => {
    const scenarios = join(root, 'fixtures', 'scenarios');
    const names = readdirSync(scenarios);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(scenarios, name, 'expected.json'), 'utf8')) as {
        statuses: Record<string, string>;
        requirements?: string;
      };
      const requirements = expected.requirements ?? 'graph-rest';
      const ids = designCatalogue.map(([id]) => id).filter((id) => requirements === 'all' || setOf(id) === requirements);
      expect(Object.keys(expected.statuses).sort(), name).toEqual(ids.sort());
    }
  });

  it("matches the README's check tables, one per requirement set", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const graphRest = readmeTable(readme, 'checks');
    expect(graphRest, 'README.md must hold the graph-rest check table between <!-- checks:start --> and <!-- checks:end -->').toBeDefined();
    expect(graphRest).toEqual(graphRestCatalogue);
    const hybrid = readmeTable(readme, 'hybrid-checks');
    expect(
      hybrid,
      'README.md must hold the hybrid check table between <!-- hybrid-checks:start --> and <!-- hybrid-checks:end -->',
    ).toBeDefined();
    expect(hybrid).toEqual(hybridCatalogue);
  });
});
