// The JSON documents this tool writes and reads back (inventories, JSON reports): parse, check the schemaVersion,
// validate against the zod schema, and name the exact field that is wrong, in one line.
import type { z } from 'zod';
import type { HybridReadinessError } from './errors.js';
import { readTextFile } from './read-text-file.js';
import { formatFirstIssue } from './validation.js';

export interface VersionedDocument<S extends z.ZodType> {
  /** The word messages start with: "inventory", "report". */
  noun: string;
  schema: S;
  versions: readonly number[];
  /** Said after a file that cannot be read: how to get a good one. */
  readHint: string;
  /** Completes "must be a JSON object …": which command writes one. */
  writtenBy: string;
  error: new (message: string, options?: { cause?: unknown }) => HybridReadinessError;
}

export async function readVersionedJson<S extends z.ZodType>(path: string, document: VersionedDocument<S>): Promise<z.output<S>> {
  const text = await readTextFile(
    path,
    (why, cause) => new document.error(`cannot read ${document.noun} ${path}: ${why}; ${document.readHint}`, { cause }),
  );
  return parseVersionedJson(text, path, document);
}

export function parseVersionedJson<S extends z.ZodType>(text: string, label: string, document: VersionedDocument<S>): z.output<S> {
  const { noun, versions } = document;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new document.error(`${noun} ${label} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new document.error(`${noun} ${label} must be a JSON object ${document.writtenBy}`);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (!versions.includes(version as number)) {
    throw new document.error(
      `${noun} ${label} has schemaVersion ${JSON.stringify(version ?? null)}; this version of hybrid-readiness reads schemaVersion ${versions.join(', ')}`,
    );
  }
  // jitless: a document is validated once per run, and zod's compiled fast path costs more to generate than it
  // saves on one pass (docs/performance.md).
  const parsed = document.schema.safeParse(value, { jitless: true });
  if (!parsed.success) throw new document.error(`${noun} ${label} is invalid at ${formatFirstIssue(parsed.error, value)}`);
  return parsed.data;
}

/**
 * A document as JSON text, indented. JSON.stringify escapes C0 controls but leaves DEL and the C1 controls (CSI,
 * OSC…) raw; they are written as \u escapes here, so printing a saved inventory cannot drive a terminal and
 * reading it back gives the same strings.
 */
export function documentText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /[\u007F-\u009F]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}
