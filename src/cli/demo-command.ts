// `hybrid-readiness demo [scenario]`: start the loopback lab, run the real live `assess` against it (the same code,
// flags and collectors a user's run goes through), print the report, stop the lab. The exit code is assess's.
// The work is in demo-action.ts, imported when the command runs, so that no other command loads the lab.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

/** Runs `hybrid-readiness <args>` in this process with extra environment variables (see program.ts). */
export type RunCommand = (args: readonly string[], env: Readonly<Record<string, string>>) => Promise<void>;

export function registerDemoCommand(program: Command, context: CommandContext, run: RunCommand): Command {
  const command = program
    .command('demo')
    .description('run a live assessment against the built-in loopback lab (--list shows the scenarios and the default)')
    .argument('[scenario]', 'the scenario to serve; see --list')
    .addHelpText('after', '\nExit codes: those of `assess` — 0 ready, 1 not ready, 2 could not assess.');
  addOptions(command, 'demo');
  command.exitOverride(commanderExit(command));
  command.action(async (argument: string | undefined) => {
    const { runDemo } = await import('./demo-action.js');
    await runDemo(argument, command, context, run);
  });
  return command;
}
