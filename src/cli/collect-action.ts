// What `hybrid-readiness collect` does once its flags are parsed: collect the artifacts the selected checks need
// and write the inventory (redacted when asked); the exit code says whether every artifact could be collected.
import type { Command } from 'commander';
import { EXIT_CANNOT_ASSESS, EXIT_READY } from '../errors.js';
import type { ArtifactName } from '../inventory/artifacts.js';
import { collectInventory } from '../pipeline/collect.js';
import { neededArtifacts, selectChecks } from '../pipeline/select.js';
import { redactInventory, redactionFor } from '../report/redact.js';
import { documentText } from '../versioned-json.js';
import { type CommandContext, optionSources } from './context.js';
import { checkDestinations } from './destinations.js';
import { resolveRedaction, writeRedactionMap } from './redaction.js';
import { resolveExceptions, resolveSelection } from './resolve-assess.js';
import { refuseEmptyTarget, resolveCollectOptions } from './resolve-collect.js';
import { keepGoing, reportWriteFailures } from './write-report.js';

export async function runCollect(command: Command, context: CommandContext): Promise<void> {
  const { channels } = context;
  const sources = await optionSources(command, context);
  const selection = selectChecks(context.catalogue, resolveSelection(sources));
  resolveExceptions(sources, context.catalogue);
  const redaction = resolveRedaction(sources);
  refuseEmptyTarget(sources, 'collect');
  const file = command.opts<{ output?: string }>().output;
  await checkDestinations(
    [
      ...(file ? [{ path: file, what: '--output' }] : []),
      ...(redaction.redact && redaction.mapFile ? [{ path: redaction.mapFile, what: '--redact-map' }] : []),
    ],
    channels.io.cwd,
  );
  const options = await resolveCollectOptions(sources, channels.io.env, channels.io.cwd, channels.io.stdin);
  for (const secret of Object.values(options.secrets)) channels.scrubber.add(secret);

  const collected = await collectInventory({
    options,
    wanted: neededArtifacts(selection.selected),
    collectors: context.collectors,
    progress: channels.progress,
    debug: channels.debug,
  });
  const pseudonyms = redaction.redact ? redactionFor({ inventory: collected }) : null;
  const inventory = pseudonyms ? redactInventory(collected, pseudonyms) : collected;
  const text = documentText(inventory);
  const failures: string[] = [];
  if (file) {
    await keepGoing(failures, async () => {
      await channels.writeFile(file, text, 'the inventory');
      channels.progress(`wrote the inventory to ${file}`);
    });
  } else {
    channels.stdout(text);
  }
  const mapFile = redaction.mapFile;
  if (pseudonyms && mapFile) await keepGoing(failures, () => writeRedactionMap(mapFile, pseudonyms, channels));
  const failed = Object.entries(inventory.artifactErrors) as [ArtifactName, { message: string }][];
  for (const [name, failure] of failed) channels.stderr(`hybrid-readiness: ${name} could not be collected: ${failure.message}\n`);
  const writeFailed = reportWriteFailures(failures, channels);
  context.setExitCode(failed.length > 0 || writeFailed ? EXIT_CANNOT_ASSESS : EXIT_READY);
}
