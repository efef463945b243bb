// Walk a value together with the zod schema that describes it, and map every string in it. Each string comes
// with its identifying mark (src/inventory/identifying.ts) — its own, or the one of the record or container it
// sits in — so --redact can both harvest names by kind and replace them without a per-artifact list. Strings where
// the schema says nothing (evidence, unknown keys of a loose object) are free text; enum and literal values are
// the tool's own vocabulary and are neither harvested nor replaced, so a redacted document still validates.
import type { z } from 'zod';
import { type IdentifyingMark, markOf } from '../inventory/identifying.js';

export interface StringSite {
  /** What the string names; undefined for a string the schema types but does not mark (a code, a time…). */
  mark: IdentifyingMark | undefined;
  /** True for an object key (of a record or of free JSON): keys are replaced, never harvested. */
  key: boolean;
}

export type StringMapper = (text: string, site: StringSite) => string;

const FREE_TEXT: IdentifyingMark = { names: 'free-text' };
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A copy of `value` with every string mapped; `schema` null = free JSON. */
export function mapStrings(value: unknown, schema: z.ZodType | null, map: StringMapper): unknown {
  return walk(value, schema, undefined, { map, copy: true }, 0);
}

/** Every string of `value` with its site, in order, without copying anything. */
export function visitStrings(value: unknown, schema: z.ZodType | null, visit: (text: string, site: StringSite) => void): void {
  const map: StringMapper = (text, site) => {
    visit(text, site);
    return text;
  };
  walk(value, schema, undefined, { map, copy: false }, 0);
}

interface Mapping {
  map: StringMapper;
  /** False when only visiting: containers are walked but not rebuilt. */
  copy: boolean;
}

function walk(value: unknown, schema: z.ZodType | null, inherited: IdentifyingMark | undefined, map: Mapping, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (schema === null || depth > 64) return free(value, inherited ?? FREE_TEXT, map);
  const mark = markOf(schema) ?? inherited;
  let def = defOf(schema);
  for (let unwrapped = 0; WRAPPERS.has(def.type) && def.innerType && unwrapped < 8; unwrapped++) def = defOf(def.innerType);
  switch (def.type) {
    case 'string':
      return typeof value === 'string' ? map.map(value, { mark, key: false }) : value;
    case 'enum':
    case 'literal':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'null':
    case 'date':
      return value;
    case 'array':
      return Array.isArray(value) && def.element
        ? array(value, (item) => walk(item, def.element as z.ZodType, mark, map, depth + 1), map)
        : value;
    case 'object':
      return isPlainObject(value) ? object(value, def, mark, map, depth) : value;
    case 'record':
      return isPlainObject(value) ? record(value, def, mark, map, depth) : value;
    case 'union': {
      const option = def.options?.find((candidate) => candidate.safeParse(value).success);
      return option ? walk(value, option, mark, map, depth + 1) : free(value, mark ?? FREE_TEXT, map);
    }
    case 'pipe':
      return walk(value, def.out && defOf(def.out).type !== 'transform' ? def.out : (def.in ?? null), mark, map, depth + 1);
    default:
      // lazy (z.json()), unknown, any: the schema does not say what the strings are.
      return free(value, mark ?? FREE_TEXT, map);
  }
}

function object(value: Record<string, unknown>, def: Def, mark: IdentifyingMark | undefined, map: Mapping, depth: number): unknown {
  const shape = def.shape ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    out[key] = field ? walk(item, field, undefined, map, depth + 1) : free(item, mark ?? FREE_TEXT, map);
  }
  return map.copy ? out : value;
}

function record(value: Record<string, unknown>, def: Def, mark: IdentifyingMark | undefined, map: Mapping, depth: number): unknown {
  const out: Record<string, unknown> = {};
  // Keys from a fixed vocabulary (z.enum) are the tool's, like enum values.
  const keyType = def.keyType ? defOf(def.keyType).type : 'string';
  const fixedKeys = keyType === 'enum' || keyType === 'literal';
  for (const [key, item] of Object.entries(value)) {
    const byKey = mark?.keys?.[key.toLowerCase()];
    const itemMark = byKey ? { names: byKey } : mark;
    out[fixedKeys ? key : map.map(key, { mark: undefined, key: true })] = walk(item, def.valueType ?? null, itemMark, map, depth + 1);
  }
  return map.copy ? out : value;
}

/** JSON the schema does not describe: every string is free text (or of the container's mark). */
function free(value: unknown, mark: IdentifyingMark, map: Mapping): unknown {
  if (typeof value === 'string') return map.map(value, { mark, key: false });
  if (Array.isArray(value)) return array(value, (item) => free(item, mark, map), map);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[map.map(key, { mark: undefined, key: true })] = free(item, mark, map);
    return map.copy ? out : value;
  }
  return value;
}

function array(value: unknown[], each: (item: unknown) => unknown, map: Mapping): unknown {
  if (map.copy) return value.map(each);
  for (const item of value) each(item);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
