// The names an inventory holds, read straight from its marked fields (src/inventory/identifying.ts) — the canary the
// redaction tests search redacted output for. Written apart from src/report/name-shapes.ts on purpose: it takes each
// marked value as it is (a URL's host, a DN's RDN values) and knows no shapes, so a harvesting bug cannot hide here.
// Only what is not the organization's is left out, by the same reviewed lists --redact keeps.
import type { z } from 'zod';
import { Inventory } from '../../src/inventory/inventory.js';
import { visitStrings } from '../../src/report/schema-walk.js';
import { isFixedName, isPublicCertificateAuthority, isWellKnownHost, isWellKnownId } from '../../src/report/well-known-names.js';

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]*:[0-9a-f:.]*\]?)(?::\d+)?$/i;

function keep(name: string): boolean {
  return name.length >= 2 && /\p{L}/u.test(name) && !IP.test(name) && !isFixedName(name) && !isWellKnownId(name);
}

function fromValue(text: string, kind: string, out: Set<string>): void {
  const value = text.trim();
  if (kind === 'free-text') return;
  if (kind === 'url') {
    for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\]+/gi)) {
      try {
        const host = new URL(match[0]).hostname;
        if (host && !isWellKnownHost(host)) out.add(host);
      } catch {
        // not a URL
      }
    }
    return;
  }
  if (kind === 'distinguished-name') {
    const rdns = value.split(/,(?=\s*[A-Za-z]+=)/).map((part) => part.trim().split('='));
    if (rdns.some(([type, rdn]) => type?.toUpperCase() === 'O' && isPublicCertificateAuthority(rdn ?? ''))) return;
    const labels = rdns.filter(([type]) => type?.toUpperCase() === 'DC').map(([, label]) => label ?? '');
    if (labels.length > 1) out.add(labels.join('.'));
    for (const [type = '', rdn = ''] of rdns) if (['CN', 'OU', 'O'].includes(type.toUpperCase()) && keep(rdn)) out.add(rdn);
    return;
  }
  const name = value
    .replace(/^dns:/i, '')
    .replace(/^\*\./, '')
    .replace(/^smtp:/i, '');
  if (/^ip address:/i.test(name)) return;
  if ((kind === 'host' || kind === 'domain') && isWellKnownHost(name)) return;
  if (keep(name)) out.add(name);
}

/** Every organization name in the marked fields of `value` (an inventory unless another schema is given). */
export function markedNames(value: unknown, schema: z.ZodType = Inventory): string[] {
  const out = new Set<string>();
  visitStrings(value, schema, (text, site) => {
    if (site.mark && !site.key) fromValue(text, site.mark.names, out);
  });
  return [...out];
}

/** The names of `names` that `text` still contains as whole words (case-insensitive), markup escapes undone. */
export function leakedNames(text: string, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const plain = text
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(?:amp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .toLowerCase();
  const sources = [...new Set(names.map((name) => name.toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // One pass; a name found inside a longer one is still found, since every start position is tried.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?=(${sources.join('|')})(?![\\p{L}\\p{N}_-]))`, 'gu');
  const found = new Set<string>();
  for (const match of plain.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return names.filter((name) => found.has(name.toLowerCase()));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&#39;': "'" };
