// Reading an inventory from disk: parse, check the version, validate, and say exactly what is wrong.
import { readFile } from 'node:fs/promises';
import { InventoryError } from '../errors.js';
import { formatFirstIssue } from '../validation.js';
import { Inventory, SUPPORTED_INVENTORY_VERSIONS, type Inventory as InventoryDocument } from './inventory.js';

export async function readInventoryFile(path: string): Promise<InventoryDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new InventoryError(`cannot read inventory ${path}: ${why}; pass the file written by \`hybrid-readiness collect\``, { cause: error });
  }
  return parseInventory(text, path);
}

export function parseInventory(text: string, label: string): InventoryDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InventoryError(`inventory ${label} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InventoryError(`inventory ${label} must be a JSON object as written by \`hybrid-readiness collect\``);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (!SUPPORTED_INVENTORY_VERSIONS.includes(version as number)) {
    throw new InventoryError(
      `inventory ${label} has schemaVersion ${JSON.stringify(version ?? null)}; this version of hybrid-readiness reads schemaVersion ${SUPPORTED_INVENTORY_VERSIONS.join(', ')}`,
    );
  }
  const parsed = Inventory.safeParse(value);
  if (!parsed.success) {
    throw new InventoryError(`inventory ${label} is invalid at ${formatFirstIssue(parsed.error, value)}`);
  }
  return parsed.data as InventoryDocument;
}
