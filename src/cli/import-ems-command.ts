// `hybrid-readiness import-ems DIR`: read a folder of Exchange Management Shell exports (collect-ems.ps1's, or any
// Export-Clixml of the same cmdlets) into an inventory, to assess with `assess --from-inventory`. One summary line on
// stderr says what was read and what was not; the inventory's artifactErrors say why each missing fact is missing.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT_READY } from '../errors.js';
import { commanderExit } from './commander-errors.js';
import { type CommandContext, optionSources } from './context.js';
import { addOptions } from './flags.js';

export function registerImportEmsCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('import-ems')
    .description('build an inventory from Exchange Management Shell exports (the folder scripts/collect-ems.ps1 writes)')
    .argument('<folder>', 'the folder of Export-Clixml files')
    .addHelpText(
      'after',
      '\nThen: hybrid-readiness assess --from-inventory FILE --output html=audit.html' +
        '\nExit codes: 0 at least one export was read (what the folder lacks is listed in artifactErrors); 2 the folder ' +
        'cannot be read, holds no export, or holds a file that is not well-formed or too large.',
    );
  addOptions(command, 'import-ems');
  command.exitOverride(commanderExit(command));
  command.action(async (folder: string) => {
    const { channels } = context;
    await optionSources(command, context);
    // Loaded on use: the CliXml reader and its XML parser cost every other command's start-up nothing.
    const [{ importEmsFolder }, { summaryLine }, { printable }] = await Promise.all([
      import('../ems/import.js'),
      import('../ems/summary.js'),
      import('../ems/printable.js'),
    ]);
    const { inventory, summary } = await importEmsFolder(resolve(channels.io.cwd, folder));
    const text = `${JSON.stringify(inventory, null, 2)}\n`;
    const file = command.opts<{ output?: string }>().output;
    if (file) await channels.writeFile(file, text, 'the inventory');
    else channels.stdout(text);
    channels.stderr(
      `hybrid-readiness: ${summaryLine({ ...summary, folder })}${file ? `; wrote the inventory to ${printable(file)}` : ''}\n`,
    );
    context.setExitCode(EXIT_READY);
  });
  return command;
}
