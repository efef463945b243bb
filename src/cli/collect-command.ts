// `hybrid-readiness collect`: gather the facts the selected checks need and write the inventory, to
// assess later (possibly elsewhere) with `assess --from-inventory FILE`.
// The work is in collect-action.ts, imported when the command runs.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

export function registerCollectCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('collect')
    .description('collect the facts only and write the inventory (to assess later with assess --from-inventory)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every needed artifact was collected; 2 some could not be (the inventory is still written and says why).',
    );
  addOptions(command, 'collect');
  command.exitOverride(commanderExit(command));
  command.action(async () => {
    const { runCollect } = await import('./collect-action.js');
    await runCollect(command, context);
  });
  return command;
}
