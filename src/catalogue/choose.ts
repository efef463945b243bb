// Which build list names the builds of an assessment: the newer (by as-of date) of the bundled table and the user
// catalogue — or the --build-catalog file (config `buildCatalog:`) when one is given. A tie goes to the catalogue,
// which `catalogue update` made as a superset of a bundled table. Verdicts never depend on the choice.
import { resolve } from 'node:path';
import { type BuildCatalogue, bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { CatalogueError } from '../errors.js';
import { readCatalogueFile } from './catalogue-file.js';
import { userCataloguePath } from './config-dir.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CatalogueChoice {
  catalogue: BuildCatalogue;
  /** The file that was read (or looked for): null when a --build-catalog file was named. */
  userCatalogue: {
    path: string;
    state: 'used' | 'older-than-bundled' | 'absent' | 'unreadable';
    asOf: string | null;
    problem: string | null;
  } | null;
  /** One sentence for stderr when a catalogue was passed over, else null. */
  note: string | null;
}

export async function chooseBuildCatalogue(input: { file: string | null; env: Env; cwd: string }): Promise<CatalogueChoice> {
  if (input.file) {
    // Named by the user: a file that cannot be read is an error, never silently the bundled table.
    const named = await readCatalogueFile(resolve(input.cwd, input.file), 'file', input.file);
    if (newerOrEqual(named, bundledBuildCatalogue)) return { catalogue: named, userCatalogue: null, note: null };
    return { catalogue: bundledBuildCatalogue, userCatalogue: null, note: olderNote(`--build-catalog ${input.file}`, named) };
  }
  const path = resolve(input.cwd, userCataloguePath(input.env));
  let found: BuildCatalogue;
  try {
    found = await readCatalogueFile(path, 'user', null);
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    if ((error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      return { catalogue: bundledBuildCatalogue, userCatalogue: { path, state: 'absent', asOf: null, problem: null }, note: null };
    }
    // Not named on this command line: a broken cache must not stop an assessment, but it is said.
    return {
      catalogue: bundledBuildCatalogue,
      userCatalogue: { path, state: 'unreadable', asOf: null, problem: error.message },
      note: `${error.message}; the bundled build table names the builds (run \`hybrid-readiness catalogue update\` to rewrite it)`,
    };
  }
  if (newerOrEqual(found, bundledBuildCatalogue)) {
    return { catalogue: found, userCatalogue: { path, state: 'used', asOf: found.asOf, problem: null }, note: null };
  }
  return {
    catalogue: bundledBuildCatalogue,
    userCatalogue: { path, state: 'older-than-bundled', asOf: found.asOf, problem: null },
    note: olderNote(`the user catalogue ${path}`, found),
  };
}

function newerOrEqual(candidate: BuildCatalogue, bundled: BuildCatalogue): boolean {
  return (candidate.asOf ?? '') >= (bundled.asOf ?? '');
}

function olderNote(what: string, catalogue: BuildCatalogue): string {
  return `${what} is as of ${catalogue.asOf ?? 'an unknown date'}, older than the bundled build table (${bundledBuildCatalogue.asOf}): the bundled table names the builds`;
}
