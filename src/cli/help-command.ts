// `hybrid-readiness help [command…]`: the same help as `<command> --help`, for people (and docs) that put help first.
// Commander's own help command prints the program's help for an unknown name and exits 0; this one says which
// names exist instead, and knows nested commands (`help lab start`).
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { commanderExit, HelpShown } from './commander-errors.js';

export function registerHelpCommand(program: Command): Command {
  const command = program
    .command('help')
    .description('show the options of a command, e.g. `help assess`')
    .argument('[command...]', 'the command, e.g. assess or lab start');
  command.exitOverride(commanderExit(command));
  command.action((names: string[]) => {
    let target: Command = program;
    for (const name of names) {
      const next = target.commands.find((sub) => sub.name() === name && sub !== command);
      if (!next) {
        const known = target.commands.filter((sub) => sub !== command).map((sub) => sub.name());
        throw new UsageError(
          `there is no command '${[...names.slice(0, names.indexOf(name)), name].join(' ')}'; choose one of: ${known.join(', ')}`,
        );
      }
      target = next;
    }
    target.outputHelp();
    throw new HelpShown();
  });
  return command;
}
