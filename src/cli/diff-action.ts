// What `hybrid-readiness diff OLD NEW` does once its flags are parsed: read both reports, compare them, print the
// changes and set the exit code from the regressions at or above --fail-on.
import type { Command } from 'commander';
import { blockingChanges, compareReports } from '../diff/compare.js';
import { DIFF_FORMATS, renderDiff } from '../diff/render.js';
import { EXIT_NOT_READY, EXIT_READY } from '../errors.js';
import { readReportFile } from '../report/load.js';
import { neutraliseControlsDeep } from '../reporters/escape.js';
import { colorLevel } from './color.js';
import { type CommandContext, optionSources } from './context.js';
import { parseGiven } from './sources.js';
import * as values from './values.js';

export async function runDiff(oldFile: string, newFile: string, command: Command, context: CommandContext): Promise<void> {
  const { channels } = context;
  await optionSources(command, context);
  const flags = command.opts<{ format?: string; failOn?: string; color?: boolean }>();
  const format = flags.format
    ? parseGiven({ value: flags.format, origin: { kind: 'flag', flag: '--format' } }, (text) =>
        values.oneOf(text, DIFF_FORMATS, 'a format'),
      )
    : 'table';
  const failOn = flags.failOn
    ? parseGiven({ value: flags.failOn, origin: { kind: 'flag', flag: '--fail-on' } }, (text) =>
        values.oneOf(text, ['blocker', 'warning'] as const, 'one of the levels'),
      )
    : 'blocker';
  const diff = compareReports(neutraliseControlsDeep(await readReportFile(oldFile)), neutraliseControlsDeep(await readReportFile(newFile)));
  if (format !== 'table' && !channels.settings.quiet)
    for (const warning of diff.warnings) channels.stderr(`hybrid-readiness: warning: ${warning}\n`);
  const { stdout, env } = channels.io;
  const color = command.getOptionValueSource('color') === 'cli' ? flags.color : undefined;
  channels.stdout(
    renderDiff(diff, format, { colorLevel: format === 'table' ? colorLevel(stdout, env, color) : 0, width: stdout.columns ?? 100 }),
  );
  context.setExitCode(blockingChanges(diff, failOn).length > 0 ? EXIT_NOT_READY : EXIT_READY);
}
