// Reading the folder collect-ems.ps1 (or a person, or HealthChecker) wrote: every regular file in it, not its
// subfolders. A file is an export when its content is CliXml (<Objs> after an optional BOM and XML declaration);
// anything else is skipped by name in the summary, however large. Exports are bounded (see docs/consultant.md):
// an export over the size limit, or one that is not well-formed CliXml, stops the import with one sentence, since a
// half-read folder would be a guess.
import { constants, type Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InventoryError } from '../errors.js';
import { MAX_INPUT_BYTES, unreadableBecause } from '../read-text-file.js';
import { ClixmlError, parseClixml } from './clixml.js';
import type { PsValue } from './clixml-values.js';
import { printable } from './printable.js';

/** One export: the limit of every input file (it holds Get-MailboxDatabase -Status of hundreds of databases in UTF-16). */
export const MAX_EXPORT_FILE_BYTES = MAX_INPUT_BYTES;
/** All exports of one folder together. */
const MAX_EXPORT_FOLDER_BYTES = 4 * MAX_INPUT_BYTES;
/** Entries in the folder: the script writes about twenty, HealthChecker's test folders about a hundred. */
const MAX_FOLDER_ENTRIES = 2000;
const SNIFF_BYTES = 512;

interface ExportFile {
  /** The file's name inside the folder. */
  name: string;
  /** Modification time, the tie-breaker between two exports of one object that carry no time of their own. */
  modifiedAt: number;
  values: PsValue[];
}

export interface SkippedEntry {
  name: string;
  why: 'not CliXml' | 'a folder' | 'not a regular file';
}

export interface ExportFolder {
  files: ExportFile[];
  skipped: SkippedEntry[];
}

export async function readExportFolder(folder: string): Promise<ExportFolder> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new InventoryError(`cannot read the folder ${printable(folder)}: ${unreadable(error)}`, { cause: error });
  }
  if (entries.length > MAX_FOLDER_ENTRIES) {
    throw new InventoryError(
      `the folder ${printable(folder)} holds ${entries.length} entries, more than the ${MAX_FOLDER_ENTRIES} an export folder may hold; ` +
        'pass the folder collect-ems.ps1 wrote',
    );
  }
  const files: ExportFile[] = [];
  const skipped: SkippedEntry[] = [];
  let total = 0;
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory()) {
      skipped.push({ name: entry.name, why: 'a folder' });
      continue;
    }
    if (!entry.isFile()) {
      skipped.push({ name: entry.name, why: 'not a regular file' });
      continue;
    }
    const read = await readExport(folder, entry.name, MAX_EXPORT_FOLDER_BYTES - total);
    if (read === null) {
      skipped.push({ name: entry.name, why: 'not CliXml' });
      continue;
    }
    total += read.bytes;
    files.push({ name: entry.name, modifiedAt: read.modifiedAt, values: read.values });
  }
  return { files, skipped };
}

/** The parsed export, or null when the file is not CliXml. */
async function readExport(folder: string, name: string, budget: number) {
  const path = join(folder, name);
  const where = `${printable(name)} in ${printable(folder)}`;
  // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO since the listing is neither followed nor waited on.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, flags);
  } catch (error) {
    throw new InventoryError(`cannot read ${where}: ${unreadable(error)}`, { cause: error });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return null;
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
    await handle.read(head, 0, head.length, 0);
    if (!looksLikeClixml(head)) return null;
    const limit = Math.min(MAX_EXPORT_FILE_BYTES, budget);
    if (stat.size > limit) {
      throw new InventoryError(
        stat.size > MAX_EXPORT_FILE_BYTES
          ? `cannot read ${where}: it is ${megabytes(stat.size)}, over the ${megabytes(MAX_EXPORT_FILE_BYTES, 0)} limit for input files`
          : `the exports in ${printable(folder)} add up to more than ${megabytes(MAX_EXPORT_FOLDER_BYTES, 0)}, the limit for one folder`,
      );
    }
    // Read at most limit + 1 bytes: a file that grew after stat() is caught here, not by running out of memory.
    const bytes = Buffer.alloc(Math.min(stat.size + 1, limit + 1));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    if (bytesRead > limit) throw new InventoryError(`${where} grew while it was read; copy the folder and import the copy`);
    const text = decode(bytes.subarray(0, bytesRead), where);
    try {
      return { bytes: bytesRead, modifiedAt: stat.mtimeMs, values: parseClixml(text) };
    } catch (error) {
      if (error instanceof ClixmlError) throw new InventoryError(`${where} is not a usable Export-Clixml file: ${error.message}`);
      throw error;
    }
  } finally {
    await handle.close();
  }
}

function looksLikeClixml(head: Buffer): boolean {
  let text: string;
  try {
    text = decode(head, '', true);
  } catch {
    return false;
  }
  const start = text.replace(/^\s*(<\?xml[^>]*\?>)?\s*/, '');
  // A DOCTYPE before <Objs> is read (and refused by the parser) rather than skipped: it is an attack, not a stray file.
  return /^(<Objs[\s>]|<!DOCTYPE\s+Objs\b)/.test(start);
}

/** Export-Clixml writes UTF-16 LE in Windows PowerShell 5.1 by default, UTF-8 with -Encoding UTF8; both carry a BOM. */
function decode(bytes: Buffer, where: string, partial = false): string {
  const [a, b, c] = bytes;
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let offset = 0;
  if (a === 0xef && b === 0xbb && c === 0xbf) offset = 3;
  else if (a === 0xff && b === 0xfe) [encoding, offset] = ['utf-16le', 2];
  else if (a === 0xfe && b === 0xff) [encoding, offset] = ['utf-16be', 2];
  else if (a === 0x3c && b === 0x00) encoding = 'utf-16le';
  let body = bytes.subarray(offset);
  if (partial && encoding !== 'utf-8' && body.length % 2 === 1) body = body.subarray(0, body.length - 1);
  try {
    if (encoding === 'utf-16be') return new TextDecoder('utf-16le', { fatal: !partial }).decode(Buffer.from(body).swap16());
    return new TextDecoder(encoding, { fatal: !partial }).decode(body);
  } catch (error) {
    throw new InventoryError(`${where} is not valid ${encoding.toUpperCase()} text`, { cause: error });
  }
}

/** As the other input limits say it: "64.0 MB", "64 MB". */
function megabytes(bytes: number, digits = 1): string {
  return `${(bytes / (1024 * 1024)).toFixed(digits)} MB`;
}

function unreadable(error: unknown): string {
  return printable(unreadableBecause(error).replace('directory', 'folder'));
}
