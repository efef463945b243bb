// Random inventories built from the schemas themselves: every marked string (src/inventory/identifying.ts) gets a
// fresh name of its kind — a DN gets a server, an organization and a domain inside it, free text an Entra Connect
// description naming a computer and a tenant, a header record X-FEServer names — and every unmarked string a value
// from a vocabulary that names nothing. The names written are returned, for the property test to search for.
import type { z } from 'zod';
import { artifactNames } from '../../src/inventory/artifacts.js';
import { type IdentifyingMark, markOf, type NameKind } from '../../src/inventory/identifying.js';
import { ArtifactError, INVENTORY_SCHEMA_VERSION, Inventory } from '../../src/inventory/inventory.js';
import { defOf } from './schema-strings.js';

export interface RandomInventory {
  inventory: Inventory;
  /** Every name written into a marked field, as written. */
  names: string[];
}

/** Values of unmarked strings: codes, builds, times, addresses — nothing of the organization's. */
const VOCABULARY = [
  '15.2.1748.10',
  'Version 15.2 (Build 31748.10)',
  '2026-11-20T09:30:00Z',
  '10.0.0.7',
  'TLSv1.3',
  'ECONNREFUSED',
  'Bearer',
];
const TLDS = ['com', 'net', 'org', 'test'];

export function randomInventory(seed: number, words: readonly string[]): RandomInventory {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const names: string[] = [];
  let next = 0;
  /** A fresh word, then the same words again with a suffix, so names stay distinct. */
  const word = () => {
    const base = words[next % words.length] as string;
    const round = Math.floor(next++ / words.length);
    return round === 0 ? base : `${base}${round}`;
  };
  const named = (name: string) => {
    names.push(name);
    return name;
  };
  const organizationalUnits: string[] = [];
  const ou = (name: string) => {
    organizationalUnits.push(name);
    return named(name);
  };
  const domains: string[] = [];
  const domain = () => {
    if (domains.length > 0 && random() < 0.5) return pick(domains);
    const made = named(`${word()}.${pick(TLDS)}`);
    domains.push(made);
    return made;
  };
  const host = () => named(`${word()}.${domain()}`);
  const display = () => named(pick([word(), `${word()} (${word()})`, `Zürich-${word()}`, `${word()} + ${word()}`]));
  const guid = () =>
    [8, 4, 4, 4, 12].map((length) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('')).join('-');

  const nameOf = (kind: NameKind, leaf: NameKind | undefined): string => {
    switch (kind) {
      case 'domain':
        return domain();
      case 'host':
        return pick([host, () => `DNS:${host()}`])();
      case 'mailbox':
        return named(`${word()}@${domain()}`);
      case 'tenant':
        return random() < 0.5 ? named(guid()) : named(`${word()}.onmicrosoft.com`);
      case 'url':
        return `https://${host()}/owa/`;
      case 'display-name':
        return display();
      case 'distinguished-name': {
        if (!leaf && random() < 0.5) return `C=US, O=${named(`${word()} Ltd`)}, CN=${host()}`;
        const [first, second] = [word(), word()];
        names.push(`${first}.${second}`);
        // An OU is replaced only where it stands in a DN (docs/redaction.md): it is not reused in free text below.
        const top = leaf ? `CN=${named(word())},CN=Servers` : `CN=${named(word())},OU=${ou(word())}`;
        return `${top},CN=Administrative Groups,CN=${named(word())},CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=${first},DC=${second}`;
      }
      case 'free-text':
        return pick([
          () => `running on computer ${named(word())} configured to synchronize to tenant ${named(`${word()}.onmicrosoft.com`)}.`,
          () => `connect ECONNREFUSED at ${pick([...names.filter((name) => !organizationalUnits.includes(name)), '10.0.0.7'])}`,
          () => 'no answer within 5000 ms',
        ])();
      default:
        return named(word());
    }
  };

  /** `field`: the value of an object's field (its arrays are never empty, so every field gets a value). */
  const build = (schema: z.ZodType, inherited: IdentifyingMark | undefined, field: boolean): unknown => {
    const mark = markOf(schema) ?? inherited;
    let def = defOf(schema);
    if (def.type === 'optional') {
      if (random() < 0.15) return undefined;
      def = defOf(def.innerType as z.ZodType);
    }
    if (def.type === 'nullable') {
      if (random() < 0.2) return null;
      def = defOf(def.innerType as z.ZodType);
    }
    switch (def.type) {
      case 'string':
        if (def.format === 'datetime') return '2026-11-20T09:30:00Z';
        return mark ? nameOf(mark.names, mark.leaf) : pick(VOCABULARY);
      case 'enum':
        return pick(Object.values(def.entries ?? {}));
      case 'literal':
        return def.values?.[0];
      case 'number':
        return 1 + Math.floor(random() * 100);
      case 'boolean':
        return random() < 0.5;
      case 'array':
        return Array.from({ length: Math.floor(random() * 3) + (field ? 1 : 0) }, () => build(def.element as z.ZodType, mark, false));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(def.shape ?? {})) {
          const value = build(inner, undefined, true);
          if (value !== undefined) out[key] = value;
        }
        return out;
      }
      case 'record': {
        const out: Record<string, unknown> = {};
        for (const key of [...Object.keys(mark?.keys ?? {}), 'server', 'content-type']) {
          const byKey = mark?.keys?.[key];
          if (random() < 0.6) out[key] = build(def.valueType as z.ZodType, byKey ? { names: byKey } : mark, false);
        }
        return out;
      }
      default:
        return null;
    }
  };

  const { shape } = Inventory;
  const artifacts = build(shape.artifacts, undefined, false) as Record<string, unknown>;
  // Mostly facts: an artifact that was collected rarely also carries an error. (Nothing generated is dropped
  // afterwards: free text reuses earlier names, which must still be in the inventory.)
  const artifactErrors = Object.fromEntries(
    artifactNames.filter((name) => !(name in artifacts) || random() < 0.1).map((name) => [name, build(ArtifactError, undefined, false)]),
  );
  const value = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: build(shape.tool, undefined, false),
    collectedAt: '2026-11-20T09:30:00Z',
    target: build(shape.target, undefined, false),
    settings: build(shape.settings, undefined, false),
    artifacts,
    artifactErrors,
  };
  const inventory = Inventory.parse(value) as Inventory;
  return { inventory, names: [...new Set(names)] };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
