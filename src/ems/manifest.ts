// The manifest collect-ems.ps1 writes beside its exports (manifest.xml, an object of type
// HybridReadiness.CollectEms.Manifest): when it ran, who ran it where, and per cmdlet the file, the number of objects
// and the error. It is what tells "ran and found nothing" (an empty Export-Clixml file has no type names to
// recognise) from "not exported", and "failed: access denied" from both.
import { dateTime, integer, isPsObject, list, nonEmptyText, type PsObject, prop, text } from './clixml-values.js';
import { type ExportKindName, kindOfCmdlet } from './export-kinds.js';

export interface ManifestExport {
  /** The cmdlet (or the script's own query) as the manifest names it, e.g. "Get-AuthServer". */
  source: string;
  kind: ExportKindName | null;
  file: string | null;
  count: number | null;
  /** Why the export failed; null when it ran. */
  error: string | null;
}

export interface Manifest {
  file: string;
  tool: string | null;
  toolVersion: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  ranBy: string | null;
  computer: string | null;
  /** How mailboxes were counted per database, in the script's words. */
  mailboxCountMethod: string | null;
  /** The mailbox count read the whole forest through the global catalog. */
  mailboxCountForest: boolean | null;
  requestedMailboxes: string[];
  exports: ManifestExport[];
}

export function readManifest(object: PsObject, file: string): Manifest {
  const scope = nonEmptyText(prop(object, 'MailboxCountScope'))?.toLowerCase();
  return {
    file,
    tool: nonEmptyText(prop(object, 'Tool')),
    toolVersion: nonEmptyText(prop(object, 'ToolVersion')),
    startedAt: dateTime(prop(object, 'StartedAt')),
    finishedAt: dateTime(prop(object, 'FinishedAt')),
    ranBy: nonEmptyText(prop(object, 'RanBy')),
    computer: nonEmptyText(prop(object, 'ComputerName')),
    mailboxCountMethod: nonEmptyText(prop(object, 'MailboxCountMethod')),
    mailboxCountForest: scope === 'forest' ? true : scope === 'domain' ? false : null,
    requestedMailboxes: list(prop(object, 'RequestedMailboxes'))
      .map((value) => nonEmptyText(value))
      .filter((value): value is string => value !== null),
    exports: list(prop(object, 'Exports'))
      .filter(isPsObject)
      .map((entry): ManifestExport => {
        const source = nonEmptyText(prop(entry, 'Source')) ?? text(entry) ?? '';
        return {
          source,
          kind: kindOfCmdlet(source),
          file: nonEmptyText(prop(entry, 'File')),
          count: integer(prop(entry, 'Count')),
          error: nonEmptyText(prop(entry, 'Error')),
        };
      }),
  };
}

/** When the facts were read: the script's start, else its end. */
export function manifestTime(manifest: Manifest): string | null {
  return manifest.startedAt ?? manifest.finishedAt;
}

/** What the manifest says about one cmdlet: ran (with its count), failed (with the reason), or nothing. */
export function manifestSays(manifests: readonly Manifest[], source: string): ManifestExport | null {
  const wanted = source.toLowerCase();
  for (const manifest of manifests) {
    const entry = manifest.exports.find((candidate) => candidate.source.toLowerCase() === wanted);
    if (entry) return entry;
  }
  return null;
}
