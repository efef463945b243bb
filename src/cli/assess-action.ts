// What `hybrid-readiness assess` does once its flags are parsed: resolve the options, collect (live) or load (replay)
// the inventory, evaluate, write the report and the inventory, and set the exit code from the verdict.
import type { Command } from 'commander';
import { chooseBuildCatalogue } from '../catalogue/choose.js';
import { EXIT_CANNOT_ASSESS } from '../errors.js';
import { assess, type FactSource } from '../pipeline/assess.js';
import { selectChecks } from '../pipeline/select.js';
import { redactInventory, redactionFor, redactReport } from '../report/redact.js';
import { documentText } from '../versioned-json.js';
import { type CommandContext, optionSources } from './context.js';
import { checkDestinations } from './destinations.js';
import { resolveRedaction, writeRedactionMap } from './redaction.js';
import {
  resolveEvaluation,
  resolveExceptions,
  resolveFactPlan,
  resolveFormats,
  resolveOutputs,
  resolveSelection,
} from './resolve-assess.js';
import { refuseEmptyTarget, resolveCollectOptions } from './resolve-collect.js';
import { keepGoing, outputDestinations, reportWriteFailures, writeReport } from './write-report.js';

export async function runAssess(command: Command, context: CommandContext): Promise<void> {
  const { channels } = context;
  const sources = await optionSources(command, context);
  const selection = selectChecks(context.catalogue, resolveSelection(sources));
  const facts = resolveFactPlan(sources);
  const { evaluation, failOn } = resolveEvaluation(sources);
  const destinations = {
    formats: resolveFormats(sources),
    outputs: resolveOutputs(sources, channels.io.cwd),
    color: sources.boolean('color', 'color'),
  };
  const exceptions = resolveExceptions(sources, context.catalogue);
  const redaction = resolveRedaction(sources);
  const buildCatalog = sources.scalar('buildCatalog', 'buildCatalog');
  const builds = await chooseBuildCatalogue({ file: buildCatalog?.value ?? null, env: channels.io.env, cwd: channels.io.cwd });
  for (const note of [...facts.notes, ...(builds.note ? [builds.note] : [])]) channels.progress(note);
  await checkDestinations(
    [
      ...outputDestinations(destinations.outputs),
      ...(facts.saveInventory ? [{ path: facts.saveInventory, what: '--save-inventory' }] : []),
      ...(redaction.redact && redaction.mapFile ? [{ path: redaction.mapFile, what: '--redact-map' }] : []),
    ],
    channels.io.cwd,
  );

  let source: FactSource;
  if (facts.fromInventory) {
    source = { kind: 'inventory', file: facts.fromInventory };
  } else {
    refuseEmptyTarget(sources, 'assess');
    const options = await resolveCollectOptions(sources, channels.io.env, channels.io.cwd, channels.io.stdin);
    for (const secret of Object.values(options.secrets)) channels.scrubber.add(secret);
    source = { kind: 'live', options, collectors: context.collectors };
  }

  const assessment = await assess({
    selection,
    source,
    evaluation,
    failOn,
    exceptions,
    builds: builds.catalogue,
    progress: channels.progress,
    debug: channels.debug,
  });
  // One set of pseudonyms for the report and the inventory of this run.
  const pseudonyms = redaction.redact ? redactionFor(assessment) : null;
  const failures: string[] = [];
  const saveInventory = facts.saveInventory;
  if (saveInventory) {
    await keepGoing(failures, async () => {
      const inventory = pseudonyms ? redactInventory(assessment.inventory, pseudonyms) : assessment.inventory;
      await channels.writeFile(saveInventory, documentText(inventory), 'the inventory');
      channels.progress(`saved the ${pseudonyms ? 'redacted ' : ''}inventory to ${saveInventory}`);
    });
  }
  failures.push(
    ...(await writeReport(pseudonyms ? redactReport(assessment.report, pseudonyms) : assessment.report, destinations, channels)),
  );
  const mapFile = redaction.mapFile;
  if (pseudonyms && mapFile) await keepGoing(failures, () => writeRedactionMap(mapFile, pseudonyms, channels));
  context.setExitCode(reportWriteFailures(failures, channels) ? EXIT_CANNOT_ASSESS : assessment.exitCode);
}
