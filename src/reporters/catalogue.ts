// `hybrid-readiness checks`: the catalogue as a table or JSON — what each check judges, in which requirement set
// (checks/requirement-sets.ts), and on whose authority.
import { Chalk } from 'chalk';
import type { AnyCheck } from '../../checks/api.js';
import { DEFAULT_REQUIREMENT_SELECTION, requirementSets } from '../../checks/requirement-sets.js';
import { metadataOf } from '../pipeline/evaluate.js';
import { renderGrid } from './grid.js';
import type { TableStyle } from './table.js';

export interface CatalogueEntry {
  id: string;
  title: string;
  severity: AnyCheck['severity'];
  requirementSet: AnyCheck['requirementSet'];
  requirement: { id: string | null; text: string; sources: { title: string; url: string }[] };
  requiredArtifacts: string[];
  optionalArtifacts: string[];
}

export function catalogueEntries(checks: readonly AnyCheck[]): CatalogueEntry[] {
  return checks.map((check) => ({
    ...metadataOf(check),
    requiredArtifacts: [...check.requiredArtifacts],
    optionalArtifacts: [...check.optionalArtifacts],
  }));
}

export function renderCatalogueJson(checks: readonly AnyCheck[]): string {
  return `${JSON.stringify(catalogueEntries(checks), null, 2)}\n`;
}

export function renderCatalogueTable(checks: readonly AnyCheck[], style: TableStyle): string {
  const c = new Chalk({ level: style.colorLevel });
  if (checks.length === 0) return 'No checks are registered in this build.\n';
  const idWidth = Math.max(...checks.map((check) => check.id.length)) + 2;
  const setWidth = Math.max(...checks.map((check) => check.requirementSet.length)) + 2;
  const titleWidth = Math.max(24, Math.max(60, style.width) - idWidth - setWidth - 10 - 6 - 6);
  const rows = checks.map((check) => [c.bold(check.id), check.requirementSet, check.severity, check.requirement.id ?? '-', check.title]);
  const table = renderGrid({ head: ['Check', 'Set', 'Severity', 'Req.', 'Title'], rows, widths: [idWidth, setWidth, 10, 6, titleWidth] });
  const sources = new Map<string, string>();
  for (const check of checks) {
    for (const source of check.requirement.sources) sources.set(source.url, source.title);
  }
  const lines = [table, '', c.bold('Requirement sets (assess --requirements graph-rest|hybrid|all)')];
  for (const set of requirementSets) {
    lines.push(`  - ${set.id}${set.id === DEFAULT_REQUIREMENT_SELECTION ? ' (default)' : ''}: ${set.title}. ${set.description}`);
  }
  lines.push('', c.bold('Sources'));
  for (const [url, title] of sources) lines.push(`  - ${title}: ${url}`);
  return `${lines.join('\n')}\n`;
}
