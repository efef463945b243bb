// Commander's parse errors → one line that names the problem and how to fix it (exit 2). Help and
// --version are not errors (exit 0). Nothing typed on the command line after an unknown option is echoed,
// in case it was a secret.
import type { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { countOf } from '../plural.js';

/** Thrown to end the run with exit 0 after commander printed help or the version. */
export class HelpShown extends Error {}

/** Flags people reach for that would put a secret on argv, and the flag that takes the variable's name instead. */
const secretFlags: Record<string, string> = {
  '--bind-password': '--bind-password-env',
  '--password': '--bind-password-env',
  '--client-secret': '--client-secret-env',
  '--graph-token': '--graph-token-env',
  '--token': '--graph-token-env',
};

export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

/** The exitOverride callback for `command`. */
export function commanderExit(command: Command): (error: CommanderError) => never {
  return (error) => {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') throw new HelpShown();
    throw new UsageError(translate(error, command), { cause: error });
  };
}

function translate(error: CommanderError, command: Command): string {
  const path = commandPath(command);
  const help = `see \`${path} --help\``;
  const message = error.message.replace(/^error: /, '');
  const suggestion = /\(Did you mean (.+?)\?\)/.exec(message)?.[1];
  const didYouMean = suggestion ? ` (did you mean ${suggestion}?)` : '';
  switch (error.code) {
    case 'commander.unknownOption': {
      const typed = /unknown option '([^']*)'/.exec(message)?.[1] ?? '';
      const flag = typed.split('=')[0] ?? typed; // never echo a value typed as --flag=value
      const secretHome = secretFlags[flag];
      if (secretHome) {
        return `unknown option '${flag}': secrets are never accepted on the command line; put the value in an environment variable and pass its name with ${secretHome} VAR`;
      }
      const owners = command.commands.filter((sub) => sub.options.some((option) => option.long === flag));
      const owner = owners.find((sub) => command.args.includes(sub.name())) ?? owners[0];
      if (owner) return `option '${flag}' belongs after the command, e.g. \`${path} ${owner.name()} ${flag}\``;
      return `unknown option '${flag}'${didYouMean}; ${help}`;
    }
    case 'commander.unknownCommand': {
      const name = /unknown command '([^']*)'/.exec(message)?.[1] ?? '';
      return `unknown command '${name}'${didYouMean}; see \`${path} --help\``;
    }
    case 'commander.excessArguments':
      return `\`${command.name()}\` got ${countOf(command.args.length, 'unexpected argument')} (options start with --); ${help}`;
    case 'commander.missingArgument':
      return `${message.split('\n')[0]}; usage: ${path} ${command.usage()}`;
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue':
      return `${(message.split('\n')[0] ?? message).replace(/ argument missing$/, ' needs a value')}; ${help}`;
    case 'commander.help':
      return `no command given; choose one of: ${command.commands.map((sub) => sub.name()).join(', ')}`;
    default:
      return `${message.split('\n')[0]}; ${help}`;
  }
}
