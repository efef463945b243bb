// The reporters: pure functions from a report to text. The CLI picks them by format name.
import type { OutputFormat } from '../options.js';
import type { Report } from '../report/report.js';
import { renderJson } from './json.js';
import { renderTable, type TableStyle } from './table.js';

/** Formats this version renders. The others of OutputFormat (markdown, html, junit, sarif) are planned. */
export const AVAILABLE_FORMATS = ['table', 'json'] as const satisfies readonly OutputFormat[];
export type AvailableFormat = (typeof AVAILABLE_FORMATS)[number];
export const PLANNED_FORMATS = ['markdown', 'html', 'junit', 'sarif'] as const satisfies readonly OutputFormat[];

export function render(report: Report, format: AvailableFormat, style: TableStyle): string {
  switch (format) {
    case 'table':
      return renderTable(report, style);
    case 'json':
      return renderJson(report);
  }
}
