// `hybrid-readiness report FILE`: re-render a saved JSON report in other formats, after validating it.
// The work is in report-action.ts, imported when the command runs.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

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
    const { runReport } = await import('./report-action.js');
    await runReport(file, command, context);
  });
  return command;
}
