// `hybrid-readiness lab start [scenario]`: keep the loopback lab running until interrupted and print the exact
// `assess` command that points at it, for trying the tool by hand in another terminal.
import type { Command } from 'commander';
import { startLab } from '../lab/lab.js';
import { scenarioDefinition } from '../lab/scenarios/catalogue.js';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { describeLab, labProgram, scenarioFrom } from './demo-command.js';
import { addOptions } from './flags.js';
import { defaultShell, renderInvocation, type Shell } from './shell-command.js';
import { parseGiven } from './sources.js';
import * as values from './values.js';

/** Resolves on the first SIGINT (Ctrl-C) or SIGTERM. */
function interrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

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
    const { channels } = context;
    const flags = start.opts<{ shell?: string }>();
    const shell: Shell = flags.shell
      ? parseGiven({ value: flags.shell, origin: { kind: 'flag', flag: '--shell' } }, (text) =>
          values.oneOf(text, ['posix', 'powershell'] as const, 'a shell'),
        )
      : defaultShell();
    const scenario = scenarioFrom(argument);
    const running = await startLab(scenario);
    try {
      const lines = [
        `The loopback lab serves the scenario ${scenario}: ${scenarioDefinition(scenario).summary}`,
        ...describeLab(running).map((line) => `  ${line}`),
        ...running.notes.map((note) => `  note: ${note}`),
        '',
        'In another terminal, run:',
        '',
        renderInvocation({ program: labProgram(shell), args: running.assess.args, env: running.assess.env }, shell).trimEnd(),
        '',
        'Press Ctrl-C to stop the lab.',
        '',
      ];
      channels.stdout(`${lines.join('\n')}\n`);
      const signal = await interrupted();
      channels.progress(`${signal}: stopping the lab`);
    } finally {
      await running.close();
    }
  });
  return lab;
}
