// `hybrid-readiness report FILE`: re-render a saved JSON report in other formats, after validating it.
import type { Command } from 'commander';
import { readReportFile } from '../report/load.js';
import { redactionFor, redactReport } from '../report/redact.js';
import { commanderExit } from './commander-errors.js';
import { type CommandContext, optionSources } from './context.js';
import { addOptions } from './flags.js';
import { resolveRedaction, writeRedactionMap } from './redaction.js';
import { resolveFormats, resolveOutputs } from './resolve-assess.js';
import { writeReport } from './write-report.js';

export function registerReportCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('report')
    .description('re-render a saved JSON report (written by assess --output json=FILE)')
    .argument('<file>', 'the saved JSON report')
    .addHelpText(
      'after',
      '\nExit codes: 0 the report was rendered (whatever its verdict); 2 the file could not be read or is not a valid report.',
    );
  addOptions(command, 'report');
  command.exitOverride(commanderExit(command));
  command.action(async (file: string) => {
    const { channels } = context;
    const sources = await optionSources(command, context);
    const destinations = {
      formats: resolveFormats(sources),
      outputs: resolveOutputs(sources, channels.io.cwd),
      color: sources.boolean('color', 'color'),
    };
    const redaction = resolveRedaction(sources);
    const report = await readReportFile(file);
    // The report alone: its `names` and marked fields say what to replace.
    const pseudonyms = redaction.redact ? redactionFor({ report }) : null;
    await writeReport(pseudonyms ? redactReport(report, pseudonyms) : report, destinations, channels);
    if (pseudonyms && redaction.mapFile) await writeRedactionMap(redaction.mapFile, pseudonyms, channels);
  });
  return command;
}
