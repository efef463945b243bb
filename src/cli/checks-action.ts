// What `hybrid-readiness checks` does once its flags are parsed: render the catalogue as a table or as JSON.
import type { Command } from 'commander';
import { renderCatalogueJson, renderCatalogueTable } from '../reporters/catalogue.js';
import { colorLevel } from './color.js';
import type { CommandContext } from './context.js';
import { parseGiven } from './sources.js';
import * as values from './values.js';

export async function runChecks(command: Command, context: CommandContext): Promise<void> {
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
}
