// `hybrid-readiness catalogue`: the reference data in use (check catalogue version, Exchange build list, lifecycle,
// address registries, transport floor) with sources and where each was loaded from; `catalogue update` refreshes the
// build list from Microsoft's own (docs/catalogue.md). A failed update changes nothing and exits 2.
import type { Command } from 'commander';
import { chooseBuildCatalogue } from '../catalogue/choose.js';
import { CONFIG_DIR_VARIABLE } from '../catalogue/config-dir.js';
import { DEFAULT_UPDATE_TIMEOUT_MS } from '../catalogue/limits.js';
import { referenceData } from '../catalogue/reference-data.js';
import { renderReferenceJson, renderReferenceText, renderUpdateText } from '../catalogue/render.js';
import { MICROSOFT_BUILD_LIST_URL } from '../report/build-list.js';
import { commanderExit } from './commander-errors.js';
import type { CommandContext } from './context.js';
import { addOptions } from './flags.js';
import { readPemFile } from './resolve-collect.js';
import { type Given, parseGiven } from './sources.js';
import * as values from './values.js';

const flag = (name: string, value: string): Given => ({ value, origin: { kind: 'flag', flag: name } });

export function registerCatalogueCommand(program: Command, context: CommandContext): Command {
  const command = program
    .command('catalogue')
    .description('show the reference data the checks use (build list, lifecycle, address registries) and where it came from')
    .addHelpText(
      'after',
      `\nThe user catalogue lives in the configuration folder (${CONFIG_DIR_VARIABLE} overrides it); see docs/catalogue.md.`,
    );
  addOptions(command, 'catalogue');
  command.exitOverride(commanderExit(command));
  command.action(async () => {
    const options = command.opts<{ format?: string; buildCatalog?: string }>();
    const format = options.format
      ? parseGiven(flag('--format', options.format), (text) => values.oneOf(text, ['table', 'json'] as const, 'a format'))
      : 'table';
    const { channels } = context;
    const choice = await chooseBuildCatalogue({ file: options.buildCatalog ?? null, env: channels.io.env, cwd: channels.io.cwd });
    if (choice.note) channels.progress(choice.note);
    const data = referenceData(choice, context.catalogue.length);
    channels.stdout(format === 'json' ? renderReferenceJson(data) : renderReferenceText(data, channels.io.stdout.columns ?? 100));
  });

  const update = command
    .command('update')
    .description("fetch Microsoft's Exchange build list, check it, and write it (with the bundled table) as the user catalogue")
    .addHelpText(
      'after',
      '\nHTTPS_PROXY and NO_PROXY are honoured. Exit codes: 0 written; 2 nothing was changed (the reason is on stderr).',
    );
  addOptions(update, 'catalogue update');
  update.exitOverride(commanderExit(update));
  update.action(async () => {
    const options = update.opts<{ from?: string; output?: string; caFile?: string; timeout?: string }>();
    const { channels } = context;
    const from = options.from?.trim() ? options.from.trim() : null;
    if (from && /^https?:\/\//i.test(from)) parseGiven(flag('--from', from), (text) => values.url(text, ['https:']));
    const timeoutMs = options.timeout ? parseGiven(flag('--timeout', options.timeout), values.timeoutMs) : DEFAULT_UPDATE_TIMEOUT_MS;
    const caPem = options.caFile
      ? await readPemFile(flag('--ca-file', options.caFile), channels.io.cwd, ['CERTIFICATE'], 'certificate authority')
      : null;
    channels.progress(
      `${from && !/^https:\/\//i.test(from) ? 'reading' : 'fetching'} the Exchange build list from ${from ?? MICROSOFT_BUILD_LIST_URL}`,
    );
    // The download client (undici) is loaded only for an update, never for the other commands.
    const { updateCatalogue } = await import('../catalogue/update.js');
    const result = await updateCatalogue({
      from,
      output: options.output ?? null,
      caPem,
      timeoutMs,
      env: channels.io.env,
      cwd: channels.io.cwd,
      now: new Date(),
    });
    channels.stdout(renderUpdateText(result));
  });
  return command;
}
