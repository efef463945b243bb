// `hybrid-readiness diff OLD.json NEW.json`: what was fixed, what regressed, what is new or gone between two
// saved reports. Exit codes, as a CI gate expects: 0 no regression; 1 a check at or above --fail-on regressed
// (or a newly added check fails); 2 a report could not be read. Warnings (different check catalogues, targets,
// order) go into the output and, unless the output is the terminal table or --quiet is given, to stderr.
import type { Command } from 'commander';
import { blockingChanges, compareReports } from '../diff/compare.js';
import { DIFF_FORMATS, renderDiff } from '../diff/render.js';
import { EXIT_NOT_READY, EXIT_READY } from '../errors.js';
import { readReportFile } from '../report/load.js';
import { neutraliseControlsDeep } from '../reporters/escape.js';
import { colorLevel } from './color.js';
import { commanderExit } from './commander-errors.js';
import { type CommandContext, optionSources } from './context.js';
import { addOptions } from './flags.js';
import { parseGiven } from './sources.js';
import * as values from './values.js';

export function registerDiffCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('diff')
    .description('compare two saved JSON reports: what was fixed, what regressed, what is new or gone')
    .argument('<old>', 'the earlier report (written by assess --output json=FILE)')
    .argument('<new>', 'the later report')
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing at or above --fail-on regressed; 1 a check at or above --fail-on regressed, or a newly added one fails; 2 a report could not be read.',
    );
  addOptions(command, 'diff');
  command.exitOverride(commanderExit(command));
  command.action(async (oldFile: string, newFile: string) => {
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
    const diff = compareReports(
      neutraliseControlsDeep(await readReportFile(oldFile)),
      neutraliseControlsDeep(await readReportFile(newFile)),
    );
    if (format !== 'table' && !channels.settings.quiet)
      for (const warning of diff.warnings) channels.stderr(`hybrid-readiness: warning: ${warning}\n`);
    const { stdout, env } = channels.io;
    const color = command.getOptionValueSource('color') === 'cli' ? flags.color : undefined;
    channels.stdout(
      renderDiff(diff, format, { colorLevel: format === 'table' ? colorLevel(stdout, env, color) : 0, width: stdout.columns ?? 100 }),
    );
    context.setExitCode(blockingChanges(diff, failOn).length > 0 ? EXIT_NOT_READY : EXIT_READY);
  });
  return command;
}
