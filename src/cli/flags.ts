// The options of each command as commander sees them, built from the option registry (./option-registry.ts):
// raw strings, validated later together with the config file (./resolve-*.ts), so that a value is judged the same
// way wherever it came from. No flag ever takes a secret value: secrets come from environment variables or files.
import { type Command, Option } from 'commander';
import { type CommandName, helpText, optionsOf } from './option-registry.js';

export type { RawFlags } from './option-registry.js';

const repeat = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Adds every option the registry gives `name`, in registry order, grouped in the help as the registry says. */
export function addOptions(command: Command, name: CommandName): Command {
  for (const spec of optionsOf(name)) {
    const option = new Option(spec.flags, helpText(spec)).helpGroup(`${spec.group}:`);
    if (spec.repeatable) option.argParser(repeat);
    command.addOption(option);
  }
  return command;
}
