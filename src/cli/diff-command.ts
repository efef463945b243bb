// `hybrid-readiness diff OLD.json NEW.json`: what was fixed, what regressed, what is new or gone between two
// saved reports. Exit codes, as a CI gate expects: 0 no regression; 1 a check at or above --fail-on regressed
// (or a newly added check fails); 2 a report could not be read. Warnings (different check catalogues, targets,
// order) go into the output and, unless the output is the terminal table or --quiet is given, to stderr.
// The work is in diff-action.ts, imported when the command runs.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

export function registerDiffCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('diff')
    .description('compare two saved JSON reports: what was fixed, what regressed, what is new or gone')
    .argument('<old>', 'the earlier report (written by assess --output json=FILE)')
    .argument('<new>', 'the later report')
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing at or above --fail-on regressed; 1 a check at or above --fail-on regressed, or a newly added one fails; 2 a report could not be read.',
    );
  addOptions(command, 'diff');
  command.exitOverride(commanderExit(command));
  command.action(async (oldFile: string, newFile: string) => {
    const { runDiff } = await import('./diff-action.js');
    await runDiff(oldFile, newFile, command, context);
  });
  return command;
}
