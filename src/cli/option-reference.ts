// The option reference (docs/options.md), rendered from the option registry so that it always says what the
// commands accept. A test compares the file with this rendering; `UPDATE_DOCS=1 npx vitest run test/unit/option-docs`
// rewrites it.
import { COMMANDS, type CommandName, helpText, OPTION_REGISTRY, type OptionSpec, optionsOf } from './option-registry.js';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
const code = (text: string): string => `\`${text}\``;

export function renderOptionReference(): string {
  const lines = [
    '# Option reference',
    '',
    '<!-- Generated from src/cli/option-registry.ts by src/cli/option-reference.ts; do not edit by hand. -->',
    '',
    'Every option of every command. A `--config FILE` (YAML or JSON) may carry any option that has a config key; flags',
    'win over the file, and paths in the file are relative to its own folder. Secrets are never option values: they come',
    'from the file an option names (only its owner may read it; `-` = stdin), the environment variable it names, or a',
    'prompt without echo on a terminal.',
    '',
  ];
  for (const command of COMMANDS) lines.push(...commandSection(command));
  lines.push(...configKeySection());
  return `${lines.join('\n').trimEnd()}\n`;
}

function commandSection(command: CommandName): string[] {
  const specs = optionsOf(command);
  const lines = [`## \`${command}\``, '', '| option | config key | meaning |', '|---|---|---|'];
  for (const spec of specs) {
    lines.push(`| ${code(spec.flags)} | ${spec.config ? code(`${spec.config.key}:`) : ''} | ${escapeCell(helpText(spec))} |`);
  }
  lines.push('');
  return lines;
}

function configKeySection(): string[] {
  const keys = new Map<string, OptionSpec>();
  for (const spec of OPTION_REGISTRY as readonly OptionSpec[])
    if (spec.config && !keys.has(spec.config.key)) keys.set(spec.config.key, spec);
  return [
    '## Config-file keys',
    '',
    'Besides the option keys below, a config file may hold `apis:` (the Graph calls your application makes),',
    '`pools:` (declared load-balancer pools) and `exceptions:` (accepted risks); see the README.',
    '',
    '| key | flag | path relative to the file |',
    '|---|---|---|',
    ...[...keys.entries()].map(
      ([key, spec]) => `| ${code(`${key}:`)} | ${code(spec.flags.split(' ')[0] as string)} | ${spec.config?.path ? 'yes' : ''} |`,
    ),
    '',
  ];
}
