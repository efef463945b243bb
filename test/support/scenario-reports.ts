// The bundled scenarios as reports, the way the golden tests make them: each fixtures/scenarios/<name>/inventory.json
// evaluated by the checks of the scenario's requirement set (expected.json `requirements`, default graph-rest) and
// summarized, replayed from its relative path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { catalogue } from '../../checks/index.js';
import type { RequirementSelection } from '../../checks/requirement-sets.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { parseInventory } from '../../src/inventory/load.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import type { DeclaredException } from '../../src/pipeline/exceptions.js';
import { selectChecks } from '../../src/pipeline/select.js';
import { summarize } from '../../src/pipeline/summarize.js';
import type { Report } from '../../src/report/report.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const scenariosDir = join(repoRoot, 'fixtures', 'scenarios');

/** Goldens do not change with every release: the package version is replaced by this marker. */
export const GOLDEN_TOOL_VERSION = '<package.json version>';

export const UPDATE_SCENARIOS = process.env['UPDATE_SCENARIOS'] === '1';
export const UPDATE_HINT = 'regenerate with UPDATE_SCENARIOS=1 npx vitest run test/scenarios and review the diff';

export function inventoryFileOf(name: string): string {
  return `fixtures/scenarios/${name}/inventory.json`;
}

export function scenarioInventoryFile(name: string): Inventory {
  const file = inventoryFileOf(name);
  return parseInventory(readFileSync(join(repoRoot, file), 'utf8'), file);
}

/** The checks of a requirement set, in catalogue order: what `assess --requirements <set>` judges. */
export function checksOf(requirements: RequirementSelection = 'graph-rest') {
  return selectChecks(catalogue, { only: null, skip: null, requirements }).checks;
}

/** The requirement set a scenario is judged under: `requirements` of its hand-written expected.json, else graph-rest. */
export function scenarioRequirements(name: string): RequirementSelection {
  const expected = JSON.parse(readFileSync(join(scenariosDir, name, 'expected.json'), 'utf8')) as { requirements?: RequirementSelection };
  return expected.requirements ?? 'graph-rest';
}

export function scenarioReport(name: string, exceptions: readonly DeclaredException[] = []): Report {
  return reportOfInventory(scenarioInventoryFile(name), inventoryFileOf(name), exceptions, scenarioRequirements(name));
}

/** Any inventory replayed by the checks of a requirement set, as `assess --from-inventory FILE --requirements SET` reports it. */
export function reportOfInventory(
  inventory: Inventory,
  inventoryFile: string,
  exceptions: readonly DeclaredException[] = [],
  requirements: RequirementSelection = 'graph-rest',
): Report {
  const options = DEFAULT_EVALUATION_OPTIONS;
  const results = evaluate({ inventory, checks: checksOf(requirements), deselected: new Set(), options });
  return summarize({ inventory, results, options, failOn: 'blocker', source: 'inventory', inventoryFile, exceptions, requirements });
}

export function goldenOf(report: Report): Report {
  return { ...report, tool: { ...report.tool, version: GOLDEN_TOOL_VERSION } };
}
