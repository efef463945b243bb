// `hybrid-readiness assess`: collect (or replay) → evaluate → report; the exit code is the verdict.
// The work is in assess-action.ts, imported when the command runs, so that --help and the other commands load none of it.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

export function registerAssessCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('assess')
    .description('collect the facts (or replay a saved inventory), judge every requirement, and report')
    .addHelpText(
      'after',
      '\nExit codes: 0 ready; 1 not ready (a check at or above --fail-on failed); 2 could not assess (incomplete, bad input or configuration).',
    );
  addOptions(command, 'assess');
  command.exitOverride(commanderExit(command));
  command.action(async () => {
    const { runAssess } = await import('./assess-action.js');
    await runAssess(command, context);
  });
  return command;
}
