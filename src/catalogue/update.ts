// `catalogue update`: fetch (or read) Microsoft's build list, check every row, unite it with the bundled table and
// write the catalogue — or, when anything is wrong, change nothing and say why in one line. What changed is
// measured against the catalogue the destination held before (or the bundled table when it held none).
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { BuildEntry } from '../../checks/data/exchange-builds.js';
import { bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { DownloadFailure, downloadFile } from '../clients/download.js';
import { CatalogueError } from '../errors.js';
import { MICROSOFT_BUILD_LIST_URL } from '../report/build-list.js';
import { TOOL_VERSION } from '../version.js';
import { readBoundedFile } from './bounded-file.js';
import { CATALOGUE_FORMAT, type CatalogueFile, readCatalogueFile, writeCatalogueFile } from './catalogue-file.js';
import { userCataloguePath } from './config-dir.js';
import { MAX_LIST_BYTES } from './limits.js';
import { type CatalogueChanges, changesBetween, type MergedList, mergeWithBundled } from './merge.js';
import { type MicrosoftBuildList, readMicrosoftBuildList } from './microsoft-build-list.js';

export interface UpdateInput {
  /** --from: an https:// URL or a file; null = Microsoft's list. */
  from: string | null;
  /** -o: where to write; null = the user catalogue in the config directory. */
  output: string | null;
  caPem: string | null;
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now: Date;
}

export interface UpdateResult {
  path: string;
  file: CatalogueFile;
  list: MicrosoftBuildList;
  merged: MergedList;
  changes: CatalogueChanges;
  /** What the changes are measured against. */
  comparedWith: 'previous catalogue' | 'bundled table';
}

export async function updateCatalogue(input: UpdateInput): Promise<UpdateResult> {
  const readFrom = input.from ?? MICROSOFT_BUILD_LIST_URL;
  const refuse = (reason: string, cause?: unknown): never => {
    throw new CatalogueError(`cannot update the build catalogue from ${readFrom}: ${reason}; nothing was changed`, { cause });
  };
  let bytes: Buffer;
  try {
    bytes = /^[a-z][a-z0-9+.-]*:\/\//i.test(readFrom)
      ? await downloadFile(readFrom, { caPem: input.caPem, timeoutMs: input.timeoutMs, maxBytes: MAX_LIST_BYTES, env: input.env })
      : await readBoundedFile(resolve(input.cwd, readFrom), MAX_LIST_BYTES, 'the build list');
  } catch (error) {
    if (error instanceof DownloadFailure || error instanceof CatalogueError) return refuse(error.message, error);
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return refuse('it is not UTF-8 text', error);
  }
  let list: MicrosoftBuildList;
  let merged: MergedList;
  try {
    list = readMicrosoftBuildList(text);
    merged = mergeWithBundled(list, bundledBuildCatalogue.entries);
  } catch (error) {
    if (error instanceof CatalogueError) return refuse(error.message, error);
    throw error;
  }

  const path = resolve(input.cwd, input.output ?? userCataloguePath(input.env));
  const previous = await previousEntries(path);
  const file: CatalogueFile = {
    format: CATALOGUE_FORMAT,
    formatVersion: 1,
    writtenBy: `hybrid-readiness ${TOOL_VERSION}`,
    source: {
      readFrom,
      fetchedAt: input.now.toISOString(),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    },
    counts: { fromList: merged.fromList, keptFromBundled: merged.keptFromBundled.length },
    rows: merged.entries.map(({ build, product, name, kind, released }) => ({ build, product, name, kind, released })),
  };
  // The config directory may not exist yet; an -o folder must (a typo there should not create folders).
  if (!input.output) await mkdir(dirname(path), { recursive: true }).catch(() => undefined);
  await writeCatalogueFile(path, file);
  return {
    path,
    file,
    list,
    merged,
    changes: changesBetween(previous?.entries ?? bundledBuildCatalogue.entries, merged.entries),
    comparedWith: previous ? 'previous catalogue' : 'bundled table',
  };
}

async function previousEntries(path: string): Promise<{ entries: readonly BuildEntry[] } | null> {
  try {
    return await readCatalogueFile(path, 'user', null);
  } catch {
    return null; // none there, or one we are about to replace
  }
}
