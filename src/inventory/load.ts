// Reading an inventory from disk: parse, check the version, validate, and say exactly what is wrong.
import { InventoryError } from '../errors.js';
import { parseVersionedJson, readVersionedJson, type VersionedDocument } from '../versioned-json.js';
import { Inventory, type Inventory as InventoryDocument, SUPPORTED_INVENTORY_VERSIONS } from './inventory.js';

const INVENTORY: VersionedDocument<typeof Inventory> = {
  noun: 'inventory',
  schema: Inventory,
  versions: SUPPORTED_INVENTORY_VERSIONS,
  readHint: 'pass the file written by `hybrid-readiness collect`',
  writtenBy: 'as written by `hybrid-readiness collect`',
  error: InventoryError,
};

export async function readInventoryFile(path: string): Promise<InventoryDocument> {
  return (await readVersionedJson(path, INVENTORY)) as InventoryDocument;
}

export function parseInventory(text: string, label: string): InventoryDocument {
  return parseVersionedJson(text, label, INVENTORY) as InventoryDocument;
}
