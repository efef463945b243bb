// collect (live) or replay (--from-inventory) → evaluate → summarize. No output here: the CLI renders.
import type { EvaluationOptions } from '../../checks/api.js';
import type { BuildCatalogue } from '../../checks/lib/build-catalogue.js';
import type { Collector } from '../collectors/collector.js';
import type { Inventory } from '../inventory/inventory.js';
import { readInventoryFile } from '../inventory/load.js';
import type { CollectOptions } from '../options.js';
import type { Report } from '../report/report.js';
import { collectInventory } from './collect.js';
import { evaluate } from './evaluate.js';
import type { DeclaredException } from './exceptions.js';
import { neededArtifacts, type Selection } from './select.js';
import { exitCodeOf, type FailOn, summarize } from './summarize.js';

export type FactSource =
  | { kind: 'live'; options: CollectOptions; collectors: readonly Collector[] }
  /** Replay: read the facts from a saved inventory; nothing touches the network. */
  | { kind: 'inventory'; file: string };

export interface AssessInput {
  selection: Selection;
  source: FactSource;
  evaluation: EvaluationOptions;
  failOn: FailOn;
  /** Accepted risks from the configuration (`exceptions:`). */
  exceptions?: readonly DeclaredException[];
  /** The Exchange build list to name builds from (src/catalogue/choose.ts picks it); the bundled table by default. */
  builds?: BuildCatalogue;
  progress: (message: string) => void;
  debug: (message: string) => void;
}

export interface Assessment {
  inventory: Inventory;
  report: Report;
  exitCode: 0 | 1 | 2;
}

export async function assess(input: AssessInput): Promise<Assessment> {
  const inventory = await gatherFacts(input.source, input.selection, input);
  const results = evaluate({
    inventory,
    checks: input.selection.checks,
    deselected: input.selection.deselected,
    options: input.evaluation,
    ...(input.builds ? { builds: input.builds } : {}),
  });
  const report = summarize({
    inventory,
    results,
    options: input.evaluation,
    failOn: input.failOn,
    source: input.source.kind,
    inventoryFile: input.source.kind === 'inventory' ? input.source.file : null,
    exceptions: input.exceptions ?? [],
    ...(input.builds ? { builds: input.builds } : {}),
    requirements: input.selection.requirements,
  });
  return { inventory, report, exitCode: exitCodeOf(report, input.failOn) };
}

/** The inventory the selected checks will judge: collected now, or read from a file. */
export async function gatherFacts(
  source: FactSource,
  selection: Selection,
  log: Pick<AssessInput, 'progress' | 'debug'>,
): Promise<Inventory> {
  if (source.kind === 'inventory') return readInventoryFile(source.file);
  return collectInventory({
    options: source.options,
    wanted: neededArtifacts(selection.selected),
    collectors: source.collectors,
    progress: log.progress,
    debug: log.debug,
  });
}
