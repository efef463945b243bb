// `hybrid-readiness checks`: list the catalogue — id, severity, requirement and its source, title.
// The work is in checks-action.ts, imported when the command runs.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

export function registerChecksCommand(program: Command, context: CommandContext): Command {
  const command = program.command('checks').description('list the checks: id, severity, requirement and source, title');
  addOptions(command, 'checks');
  command.exitOverride(commanderExit(command));
  command.action(async () => {
    const { runChecks } = await import('./checks-action.js');
    await runChecks(command, context);
  });
  return command;
}
