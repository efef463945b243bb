// The option registry is the one definition of every option: each command's commander options, help texts and
// config keys come from it. These tests hold the command tree to the registry, so an option added by hand to a
// command (and so missing from the docs and the config schema) fails here.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';
import { CONFIG_KEYS, parseConfig } from '../../src/cli/config-file.js';
import { Channels, SecretScrubber } from '../../src/cli/io.js';
import { COLLECTION_FLAGS, COMMANDS, type CommandName, configEntries, helpText, optionsOf } from '../../src/cli/option-registry.js';
import { buildProgram } from '../../src/cli/program.js';

function commandTree() {
  const io = {
    stdout: { write: () => true, isTTY: false, columns: 100 },
    stderr: { write: () => true, isTTY: false },
    env: {},
    cwd: process.cwd(),
  };
  const channels = new Channels(io as never, new SecretScrubber(), { quiet: true, debug: false });
  return buildProgram({ catalogue, collectors: [], channels, setExitCode: () => undefined });
}

function commandNamed(name: CommandName) {
  let command = commandTree();
  for (const part of name.split(' ')) {
    const next = command.commands.find((sub) => sub.name() === part);
    if (!next) throw new Error(`no command ${name}`);
    command = next;
  }
  return command;
}

describe('option registry', () => {
  it.each(COMMANDS)('%s takes exactly the registry options, with the registry help text', (name) => {
    const command = commandNamed(name);
    const actual = command.options.map((option) => ({ flags: option.flags, help: option.description }));
    const expected = optionsOf(name).map((spec) => ({ flags: spec.flags, help: helpText(spec) }));
    expect(actual).toEqual(expected);
  });

  it('every config key of the registry is accepted by the config file, and only the declarations come on top', () => {
    const optionKeys = configEntries().map((entry) => entry.key);
    expect(CONFIG_KEYS).toEqual([...optionKeys, 'apis', 'pools', 'exceptions']);
    expect(() => parseConfig('timeout: 1000\nformats: [json]\n', 'c.yaml', '/')).not.toThrow();
    expect(() => parseConfig('timeouts: 1000\n', 'c.yaml', '/')).toThrow(/timeouts/);
  });

  it('paths in the config file are those the registry marks, resolved against the file', () => {
    const loaded = parseConfig('caFile: ca.pem\nfromInventory: inv.json\nldapUrl: ldaps://dc\n', 'c.yaml', '/etc/hr');
    expect(loaded.values).toMatchObject({ caFile: '/etc/hr/ca.pem', fromInventory: '/etc/hr/inv.json', ldapUrl: 'ldaps://dc' });
  });

  it('a replay refuses the collection flags, and nothing else', () => {
    expect(COLLECTION_FLAGS).toContain('ldapUrl');
    expect(COLLECTION_FLAGS).toContain('saveInventory');
    expect(COLLECTION_FLAGS).not.toContain('format');
    expect(COLLECTION_FLAGS).not.toContain('only');
  });

  it('a default is written once: in help as the registry says it', () => {
    const timeout = optionsOf('assess').find((spec) => spec.key === 'timeout');
    expect(timeout && helpText(timeout)).toMatch(/\(default: 5000\)$/);
  });
});
