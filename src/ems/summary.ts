// The one line import-ems prints on stderr: what was read, what was not, and what the inventory therefore lacks; and
// the error when a folder holds nothing to read. Every name in it passes through printable(): file names are input.

import { InventoryError } from '../errors.js';
import type { ArtifactName } from '../inventory/artifacts.js';
import { EXPORT_KINDS, type ExportKindName } from './export-kinds.js';
import type { ExportFolder, SkippedEntry } from './folder.js';
import type { SetAside } from './organization-scope.js';
import { printable } from './printable.js';
import type { Recognised, RecognisedFile, UnrecognisedFile } from './recognise.js';

export interface ImportSummary {
  folder: string;
  recognised: RecognisedFile[];
  unrecognised: UnrecognisedFile[];
  /** Files without objects that the manifest accounts for (a cmdlet that found nothing, or failed). */
  emptyExports: number;
  skipped: SkippedEntry[];
  setAside: SetAside[];
  /** Older exports of an object replaced by a newer one. */
  replaced: number;
  notes: string[];
  manifest: boolean;
  /** The artifacts an export could have given but this folder did not. */
  missing: ArtifactName[];
}

const LISTED = 4;

export function summaryLine(summary: ImportSummary): string {
  const counts = new Map<ExportKindName, number>();
  for (const file of summary.recognised) for (const kind of file.kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const kinds = [...counts].map(([kind, files]) => `${EXPORT_KINDS[kind].label}${files > 1 ? ` ×${files}` : ''}`);
  const parts = [
    `read ${plural(summary.recognised.length, 'export file')} from ${printable(summary.folder)} (${kinds.join(', ')})` +
      (summary.manifest ? '' : '; no manifest, so collectedAt is the time of this import'),
  ];
  if (summary.emptyExports > 0) parts.push(`${plural(summary.emptyExports, 'empty export')} the manifest accounts for`);
  if (summary.replaced > 0) parts.push(`${plural(summary.replaced, 'older export')} of the same object replaced by the newest`);
  const notRead = [...summary.unrecognised.map((file) => file.name), ...summary.skipped.map((entry) => entry.name)];
  if (notRead.length > 0) parts.push(`not read: ${listOf(notRead)}`);
  if (summary.setAside.length > 0) {
    const owners = [...new Set(summary.setAside.map((entry) => entry.belongsTo))];
    parts.push(`set aside ${plural(summary.setAside.length, 'object')} of another organization (${listOf(owners)})`);
  }
  parts.push(...summary.notes.map((note) => printable(note, 240)));
  parts.push(
    summary.missing.length > 0 ? `missing: ${summary.missing.join(', ')} (see artifactErrors)` : 'nothing missing that an export can hold',
  );
  return parts.join('; ');
}

/** A folder with no export this tool reads: say what was there instead. */
export function noExportsError(folder: string, read: ExportFolder, recognised: Recognised): InventoryError {
  const seen = [
    ...recognised.unrecognised.map((file) => (file.type ? `${file.name} (${file.type})` : `${file.name} (no objects)`)),
    ...read.skipped.map((entry) => `${entry.name} (${entry.why})`),
  ];
  return new InventoryError(
    `no Exchange Management Shell export this tool reads was found in ${printable(folder)}` +
      (seen.length > 0 ? `: ${listOf(seen)}` : ': the folder is empty') +
      '; pass the folder collect-ems.ps1 wrote (see docs/consultant.md)',
  );
}

function listOf(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).map((item) => printable(item, 80));
  return items.length > LISTED ? `${shown.join(', ')} and ${items.length - LISTED} more` : shown.join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
