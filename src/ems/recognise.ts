// From files to recognised objects: every top-level object of every export is sorted into its kind
// (export-kinds.ts), whatever file it came in; several exports of one object are merged by identity, newest first.
import { dnKey } from '../clients/ldap-escape.js';
import { dateTime, distinguishedName, isPsObject, nonEmptyText, type PsObject, prop } from './clixml-values.js';
import { EXPORT_KIND_NAMES, type ExportKindName, kindOf, searchResultDn } from './export-kinds.js';
import type { ExportFolder } from './folder.js';

export interface ExportRecord {
  object: PsObject;
  file: string;
  /** The file's modification time (ms), the last resort for telling two exports of one object apart. */
  modifiedAt: number;
}

export interface RecognisedFile {
  name: string;
  objects: number;
  kinds: ExportKindName[];
}

export interface UnrecognisedFile {
  name: string;
  /** The first object's most derived type, or null for an export with no objects. */
  type: string | null;
}

export interface Recognised {
  byKind: Record<ExportKindName, ExportRecord[]>;
  files: RecognisedFile[];
  unrecognised: UnrecognisedFile[];
}

export function recognise(folder: ExportFolder): Recognised {
  const byKind = Object.fromEntries(EXPORT_KIND_NAMES.map((name) => [name, []])) as unknown as Record<ExportKindName, ExportRecord[]>;
  const files: RecognisedFile[] = [];
  const unrecognised: UnrecognisedFile[] = [];
  for (const file of folder.files) {
    const kinds = new Set<ExportKindName>();
    let objects = 0;
    for (const value of file.values) {
      if (!isPsObject(value)) continue;
      const kind = kindOf(value);
      if (!kind) continue;
      byKind[kind].push({ object: value, file: file.name, modifiedAt: file.modifiedAt });
      kinds.add(kind);
      objects += 1;
    }
    if (kinds.size > 0) files.push({ name: file.name, objects, kinds: [...kinds] });
    else {
      const first = file.values.find(isPsObject);
      unrecognised.push({ name: file.name, type: first?.typeNames[0] ?? null });
    }
  }
  return { byKind, files, unrecognised };
}

/** When an exported object last changed in AD; null for objects that carry no such time. */
function changedAt(object: PsObject): number | null {
  const when = dateTime(prop(object, 'WhenChangedUTC')) ?? dateTime(prop(object, 'WhenChanged')) ?? dateTime(prop(object, 'CollectedAt'));
  return when === null ? null : Date.parse(when);
}

/** The identity of a directory object: its GUID, else its DN, else its Identity. */
export function directoryIdentity(object: PsObject): string | null {
  const guid = nonEmptyText(prop(object, 'Guid'))?.toLowerCase();
  if (guid) return `guid:${guid}`;
  const dn = distinguishedName(prop(object, 'DistinguishedName')) ?? searchResultDn(object);
  if (dn) return `dn:${dnKey(dn)}`;
  const identity = nonEmptyText(prop(object, 'Identity'));
  return identity ? `id:${identity.toLowerCase()}` : null;
}

export interface Merged {
  records: ExportRecord[];
  /** How many exports were dropped because a newer export of the same object was kept. */
  replaced: number;
}

/**
 * One record per identity: the newest by the object's own change time, then by the file's modification time, then by
 * file name (so the outcome never depends on the order a folder lists its files). Records without identity all stay.
 */
export function newestByIdentity(records: readonly ExportRecord[], identity: (record: ExportRecord) => string | null): Merged {
  const ordered = [...records].sort(
    (a, b) =>
      (changedAt(b.object) ?? Number.NEGATIVE_INFINITY) - (changedAt(a.object) ?? Number.NEGATIVE_INFINITY) ||
      b.modifiedAt - a.modifiedAt ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  const seen = new Set<string>();
  const kept: ExportRecord[] = [];
  let replaced = 0;
  for (const record of ordered) {
    const key = identity(record);
    if (key !== null && seen.has(key)) {
      replaced += 1;
      continue;
    }
    if (key !== null) seen.add(key);
    kept.push(record);
  }
  return { records: kept, replaced };
}
