// The reporters: pure functions from a report to text. The CLI picks them by format name.
import type { OutputFormat } from '../options.js';
import type { Report } from '../report/report.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable, type TableStyle } from './table.js';

export const REPORT_FORMATS = ['table', 'json', 'markdown', 'html', 'junit', 'sarif'] as const satisfies readonly OutputFormat[];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** File name extension of each format, for goldens and defaults. */
export const FORMAT_EXTENSION: Record<ReportFormat, string> = {
  table: 'txt',
  json: 'json',
  markdown: 'md',
  html: 'html',
  junit: 'junit.xml',
  sarif: 'sarif',
};

export function render(report: Report, format: ReportFormat, style: TableStyle): string {
  switch (format) {
    case 'table':
      return renderTable(report, style);
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'junit':
      return renderJunit(report);
    case 'sarif':
      return renderSarif(report);
  }
}
