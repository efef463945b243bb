// Every string a zod schema can hold, by path (`servers[].fqdn`), with the identifying mark that covers it — its
// own, or its container's (src/inventory/identifying.ts). The completeness test and the random inventories use it.
import type { z } from 'zod';
import { type IdentifyingMark, markOf } from '../../src/inventory/identifying.js';

export interface StringField {
  path: string;
  mark: IdentifyingMark | undefined;
}

/** The parts of a zod schema's definition the test helpers read. */
export interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  format?: string;
}

export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export function stringFields(schema: z.ZodType, path = '', inherited?: IdentifyingMark): StringField[] {
  const mark = markOf(schema) ?? inherited;
  let def = defOf(schema);
  while (def.innerType && ['optional', 'nullable', 'default', 'readonly', 'catch', 'prefault', 'nonoptional'].includes(def.type)) {
    def = defOf(def.innerType);
  }
  switch (def.type) {
    case 'string':
      return [{ path, mark }];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => stringFields(field, path ? `${path}.${key}` : key));
    case 'array':
      return def.element ? stringFields(def.element, `${path}[]`, mark) : [];
    case 'record':
      return def.valueType ? stringFields(def.valueType, `${path}{}`, mark) : [];
    case 'union':
      return (def.options ?? []).flatMap((option) => stringFields(option, path, mark));
    default:
      return [];
  }
}
