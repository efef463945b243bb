// The catalogue file `catalogue update` writes and `assess` reads (JSON, docs/catalogue.md): where the list came from
// (URL or file, when, its SHA-256), how many builds came from it and how many were kept from the bundled table, and
// the rows. Read as hostile input — bounded in size, every row checked (a build belongs to the product it names, a
// name is short printable text) — because a hand-edited or planted file is as likely as one we wrote.
import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { BuildEntry } from '../../checks/data/exchange-builds.js';
import { type BuildCatalogue, type CatalogueProvenance, createBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { CatalogueError } from '../errors.js';
import { parseDottedBuild, productOf } from '../exchange/version.js';
import { formatFirstIssue } from '../validation.js';
import { readBoundedFile } from './bounded-file.js';

export const CATALOGUE_FORMAT = 'hybrid-readiness/exchange-build-catalogue';
/** Far above Microsoft's list (~60 KB, 340 rows); a bigger file is not one we wrote. */
export const MAX_CATALOGUE_BYTES = 4 * 1024 * 1024;

const Row = z
  .strictObject({
    build: z.string().regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9}$/, 'expected a four-part build such as 15.1.2507.6'),
    product: z.enum(['Exchange 2013', 'Exchange 2016', 'Exchange 2019', 'Exchange Server SE']),
    name: z.string().regex(/^[\x20-\x7e]{1,64}$/, 'expected a short printable name such as "CU23 Nov26SU"'),
    kind: z.enum(['Preview', 'RTM', 'CU', 'SU', 'HU']),
    released: z.iso.date().nullable(),
  })
  .refine((row) => productOf(parseDottedBuild(row.build)!) === row.product, { message: 'the build does not belong to that product' });

export const CatalogueFile = z.strictObject({
  format: z.literal(CATALOGUE_FORMAT),
  formatVersion: z.literal(1),
  /** The tool version that wrote it. */
  writtenBy: z.string().max(64),
  source: z.strictObject({
    /** The URL the list was fetched from, or the file it was read from. */
    readFrom: z.string().min(1).max(2048),
    fetchedAt: z.iso.datetime(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
  }),
  counts: z.strictObject({ fromList: z.number().int().nonnegative(), keptFromBundled: z.number().int().nonnegative() }),
  rows: z.array(Row).min(1).max(50_000),
});
export type CatalogueFile = z.infer<typeof CatalogueFile>;

/** Reads and checks a catalogue file; `origin` and `file` say how it was chosen, for the report's provenance. */
export async function readCatalogueFile(path: string, origin: 'user' | 'file', fileAsGiven: string | null): Promise<BuildCatalogue> {
  let text: string;
  try {
    text = (await readBoundedFile(path, MAX_CATALOGUE_BYTES, 'a catalogue')).toString('utf8');
  } catch (error) {
    throw new CatalogueError(`cannot read the catalogue ${path}: ${(error as Error).message}`, { cause: (error as Error).cause ?? error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogueError(`the catalogue ${path} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = CatalogueFile.safeParse(value);
  if (!parsed.success) throw new CatalogueError(`the catalogue ${path} is not a build catalogue: ${formatFirstIssue(parsed.error, value)}`);
  const builds = new Set<string>();
  for (const row of parsed.data.rows) {
    if (builds.has(row.build)) throw new CatalogueError(`the catalogue ${path} lists ${row.build} twice`);
    builds.add(row.build);
  }
  const provenance: CatalogueProvenance = {
    origin,
    file: fileAsGiven,
    readFrom: parsed.data.source.readFrom,
    fetchedAt: parsed.data.source.fetchedAt,
    sha256: parsed.data.source.sha256,
  };
  return createBuildCatalogue(parsed.data.rows as BuildEntry[], provenance);
}

/** Written next to the target and renamed over it, so a reader never sees half a catalogue. */
export async function writeCatalogueFile(path: string, file: CatalogueFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CatalogueError(`cannot write the catalogue to ${path}: ${why}`, { cause: error });
  }
}
