// What every command gets: the catalogue and collectors to use, the output channels, and how to end.
import type { Command } from 'commander';
import type { AnyCheck } from '../../checks/api.js';
import type { Collector } from '../collectors/collector.js';
import type { RawFlags } from './flags.js';
import type { Channels } from './io.js';
import { OptionSources } from './sources.js';

export interface CommandContext {
  catalogue: readonly AnyCheck[];
  collectors: readonly Collector[];
  channels: Channels;
  setExitCode(code: number): void;
}

/** The command's flags merged with its --config file; --quiet/--debug from either take effect at once. */
export async function optionSources(command: Command, context: CommandContext): Promise<OptionSources> {
  const flags: RawFlags = { ...command.opts<RawFlags>() };
  // `--no-color` makes commander default `color` to true; only a typed flag may override the config.
  if (command.getOptionValueSource('color') !== 'cli') delete flags.color;
  // The config reader (yaml, zod) is loaded only when there is a file to read.
  const config = flags.config ? await (await import('./config-file.js')).readConfigFile(flags.config, context.channels.io.cwd) : null;
  const sources = new OptionSources(flags, config);
  const { settings } = context.channels;
  settings.quiet = settings.quiet || (sources.boolean('quiet', 'quiet') ?? false);
  settings.debug = settings.debug || (sources.boolean('debug', 'debug') ?? false);
  if (config) context.channels.debug(`read config ${config.file}`);
  return sources;
}
