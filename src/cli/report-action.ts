// What `hybrid-readiness report FILE` does once its flags are parsed: validate the saved report and render it to
// its destinations (redacted when asked).
import type { Command } from 'commander';
import { EXIT_CANNOT_ASSESS } from '../errors.js';
import { readReportFile } from '../report/load.js';
import { redactionFor, redactReport } from '../report/redact.js';
import { type CommandContext, optionSources } from './context.js';
import { checkDestinations } from './destinations.js';
import { resolveRedaction, writeRedactionMap } from './redaction.js';
import { resolveFormats, resolveOutputs } from './resolve-assess.js';
import { keepGoing, outputDestinations, reportWriteFailures, writeReport } from './write-report.js';

export async function runReport(file: string, command: Command, context: CommandContext): Promise<void> {
  const { channels } = context;
  const sources = await optionSources(command, context);
  const destinations = {
    formats: resolveFormats(sources),
    outputs: resolveOutputs(sources, channels.io.cwd),
    color: sources.boolean('color', 'color'),
  };
  const redaction = resolveRedaction(sources);
  await checkDestinations(
    [
      ...outputDestinations(destinations.outputs),
      ...(redaction.redact && redaction.mapFile ? [{ path: redaction.mapFile, what: '--redact-map' }] : []),
    ],
    channels.io.cwd,
  );
  const report = await readReportFile(file);
  // The report alone: its `names` and marked fields say what to replace.
  const pseudonyms = redaction.redact ? redactionFor({ report }) : null;
  const failures = await writeReport(pseudonyms ? redactReport(report, pseudonyms) : report, destinations, channels);
  const mapFile = redaction.mapFile;
  if (pseudonyms && mapFile) await keepGoing(failures, () => writeRedactionMap(mapFile, pseudonyms, channels));
  if (reportWriteFailures(failures, channels)) context.setExitCode(EXIT_CANNOT_ASSESS);
}
