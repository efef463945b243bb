// The command tree. Commander prints help and the version; every error becomes a typed error that
// src/cli.ts turns into one line on stderr (commander's own error output is silenced).
import { Command } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { registerAssessCommand } from './assess-command.js';
import { registerCatalogueCommand } from './catalogue-command.js';
import { registerChecksCommand } from './checks-command.js';
import { registerCollectCommand } from './collect-command.js';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDiffCommand } from './diff-command.js';
import { registerHelpCommand } from './help-command.js';
import { registerImportEmsCommand } from './import-ems-command.js';
import { Channels } from './io.js';
import { registerLabCommand } from './lab-command.js';
import { registerReportCommand } from './report-command.js';

export function buildProgram(context: CommandContext): Command {
  const { channels } = context;
  const program = new Command('hybrid-readiness')
    .description(
      "Checks whether an Exchange hybrid deployment meets Microsoft's requirements for reaching on-premises mailboxes through the Microsoft Graph REST APIs.",
    )
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => channels.stdout(text),
      writeErr: (text) => channels.stderr(text),
      outputError: () => undefined,
    })
    .addHelpText('after', '\nRun `hybrid-readiness <command> --help` for the options of a command.');
  program.exitOverride(commanderExit(program));
  registerAssessCommand(program, context);
  registerCollectCommand(program, context);
  registerImportEmsCommand(program, context);
  registerChecksCommand(program, context);
  registerCatalogueCommand(program, context);
  registerReportCommand(program, context);
  registerDiffCommand(program, context);
  // `demo` runs `assess` itself, through a fresh program whose environment carries the lab's secrets.
  registerDemoCommand(program, context, async (args, env) => {
    const { io, scrubber, settings } = context.channels;
    const channels = new Channels({ ...io, env: { ...io.env, ...env } }, scrubber, settings);
    await buildProgram({ ...context, channels }).parseAsync([...args], { from: 'user' });
  });
  registerLabCommand(program, context);
  registerHelpCommand(program);
  return program;
}
