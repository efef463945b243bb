// `hybrid-readiness checks`: list the catalogue — id, severity, requirement and its source, title.
import type { Command } from 'commander';
import { renderCatalogueJson, renderCatalogueTable } from '../reporters/catalogue.js';
import { colorLevel } from './color.js';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';
import { parseGiven } from './sources.js';
import * as values from './values.js';

export function registerChecksCommand(program: Command, context: CommandContext): Command {
  const command = program.command('checks').description('list the checks: id, severity, requirement and source, title');
  addOptions(command, 'checks');
  command.exitOverride(commanderExit(command));
  command.action(() => {
    const { channels } = context;
    const flags = command.opts<{ format?: string; color?: boolean }>();
    const format = flags.format
      ? parseGiven({ value: flags.format, origin: { kind: 'flag', flag: '--format' } }, (text) =>
          values.oneOf(text, ['table', 'json'] as const, 'a format'),
        )
      : 'table';
    if (format === 'json') {
      channels.stdout(renderCatalogueJson(context.catalogue));
      return;
    }
    const { stdout, env } = channels.io;
    const color = command.getOptionValueSource('color') === 'cli' ? flags.color : undefined;
    channels.stdout(renderCatalogueTable(context.catalogue, { colorLevel: colorLevel(stdout, env, color), width: stdout.columns ?? 100 }));
  });
  return command;
}
