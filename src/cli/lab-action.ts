// What `hybrid-readiness lab start [scenario]` does once its flags are parsed: start the lab, print the `assess`
// command that points at it, and keep it running until interrupted.
import type { Command } from 'commander';
import { startLab } from '../lab/lab.js';
import { scenarioDefinition } from '../lab/scenarios/catalogue.js';
import type { CommandContext } from './context.js';
import { describeLab, labProgram, scenarioFrom } from './demo-action.js';
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

export async function runLabStart(argument: string | undefined, start: Command, context: CommandContext): Promise<void> {
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
}
