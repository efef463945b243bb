// `hybrid-readiness lab start [scenario]`: keep the loopback lab running until interrupted and print the exact
// `assess` command that points at it, for trying the tool by hand in another terminal. The work is in lab-action.ts,
// imported when the command runs.
import type { Command } from 'commander';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';

export function registerLabCommand(program: Command, context: CommandContext): Command {
  const lab = program.command('lab').description('the built-in loopback lab that `demo` runs against').helpCommand(false);
  lab.exitOverride(commanderExit(lab));
  const start = lab
    .command('start')
    .description('serve a scenario on 127.0.0.x until Ctrl-C, and print the `assess` command that points at it')
    .argument('[scenario]', 'the scenario to serve; see `hybrid-readiness demo --list`')
    .addHelpText('after', '\nThe printed command carries lab-only secrets for this run; they stop working when the lab stops.');
  addOptions(start, 'lab start');
  start.exitOverride(commanderExit(start));
  start.action(async (argument: string | undefined) => {
    const { runLabStart } = await import('./lab-action.js');
    await runLabStart(argument, start, context);
  });
  return lab;
}
