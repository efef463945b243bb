// What `hybrid-readiness demo [scenario]` does once its flags are parsed: list the scenarios, or start the lab, run
// the live `assess` against it and stop it. Also what `lab start` shares with it: the scenario argument, the lab's
// description and the program the printed command runs.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { type RunningLab, startLab } from '../lab/lab.js';
import { DEFAULT_DEMO_SCENARIO, isScenarioName, type ScenarioName, scenarioDefinition, scenarioNames } from '../lab/scenarios/catalogue.js';
import { isSingleExecutable } from '../package-assets.js';
import type { CommandContext } from './context.js';
import type { RunCommand } from './demo-command.js';
import { defaultShell, renderInvocation, type Shell, toolProgram } from './shell-command.js';

/** The program the printed command runs: this executable when it is one, else the npm package. */
export function labProgram(shell: Shell): string {
  return toolProgram(shell, isSingleExecutable() ? process.execPath : null);
}

export function scenarioFrom(argument: string | undefined): ScenarioName {
  const name = argument ?? DEFAULT_DEMO_SCENARIO;
  if (isScenarioName(name)) return name;
  throw new UsageError(
    `there is no scenario "${name}"; choose one of: ${scenarioNames.join(', ')} (\`hybrid-readiness demo --list\` describes them)`,
  );
}

export function renderScenarioList(): string {
  const width = Math.max(...scenarioNames.map((name) => name.length)) + 2;
  const lines = scenarioNames.map((name) => {
    const label = name === DEFAULT_DEMO_SCENARIO ? `${name} *` : name;
    return `  ${label.padEnd(width)}${scenarioDefinition(name).summary}`;
  });
  return [
    'Scenarios of the loopback lab (* = the default of `demo`):',
    ...lines,
    '',
    'Run one with `hybrid-readiness demo <scenario>`, or keep it running with `hybrid-readiness lab start <scenario>`.',
    '',
  ].join('\n');
}

/** What the lab is, in a few lines for stderr. */
export function describeLab(lab: RunningLab): string[] {
  const lines = [
    `directory   ${lab.directory.ldapsUrl} (LDAPS) and ${lab.directory.ldapUrl} (StartTLS)`,
    `public DNS  ${lab.dns.resolver}, zone ${lab.setup.names.smtpDomain}`,
  ];
  const { names } = lab.setup;
  if (lab.balancer) {
    const addresses = lab.balancer.addresses.map((address) => `${address}:${lab.balancer!.port}`).join(', ');
    lines.push(`front ends  ${addresses}: the load balancer behind ${names.namespace} and ${names.autodiscoverHost}`);
  }
  if (lab.graph) lines.push(`Graph       ${lab.graph.url} (Graph and sign-in)`);
  lines.push(`CA          ${lab.caFile}`);
  return lines;
}

export async function runDemo(argument: string | undefined, command: Command, context: CommandContext, run: RunCommand): Promise<void> {
  const { channels } = context;
  const flags = command.opts<{
    list?: boolean;
    format?: string[];
    output?: string[];
    saveInventory?: string;
    requirements?: string;
    color?: boolean;
    quiet?: boolean;
    debug?: boolean;
  }>();
  if (flags.list) {
    channels.stdout(renderScenarioList());
    return;
  }
  const scenario = scenarioFrom(argument);
  channels.progress(`starting the loopback lab for the scenario ${scenario}: ${scenarioDefinition(scenario).summary}`);
  const lab = await startLab(scenario);
  try {
    for (const value of Object.values(lab.assess.env)) channels.scrubber.add(value);
    for (const line of describeLab(lab)) channels.progress(line);
    for (const note of lab.notes) channels.progress(note);
    const secrets = Object.fromEntries(Object.keys(lab.assess.env).map((name) => [name, null]));
    const shown = renderInvocation({ program: labProgram(defaultShell()), args: lab.assess.args, env: secrets }, defaultShell());
    channels.progress(
      `the demo runs this live assessment (${Object.keys(lab.assess.env).join(' and ')} set by the demo):\n${shown.trimEnd()}`,
    );
    const passthrough: string[] = [];
    for (const format of flags.format ?? []) passthrough.push('--format', format);
    for (const output of flags.output ?? []) passthrough.push('--output', output);
    if (flags.saveInventory) passthrough.push('--save-inventory', flags.saveInventory);
    if (flags.requirements) passthrough.push('--requirements', flags.requirements);
    if (command.getOptionValueSource('color') === 'cli' && flags.color === false) passthrough.push('--no-color');
    if (flags.quiet) passthrough.push('--quiet');
    if (flags.debug) passthrough.push('--debug');
    await run([...lab.assess.args, ...passthrough], lab.assess.env);
  } finally {
    await lab.close();
  }
}
