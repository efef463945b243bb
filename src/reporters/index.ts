// The reporters: pure functions from a report to text. The CLI picks them by format name (the names live in
// ./formats.ts; the switch below is exhaustive over them).

import type { Report } from '../report/report.js';
import { neutraliseControlsDeep } from './escape.js';
import type { ReportFormat } from './formats.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable, type TableStyle } from './table.js';

export { FORMAT_EXTENSION, REPORT_FORMATS, type ReportFormat } from './formats.js';

/** Every format renders the report with its control characters made visible (see neutraliseControls). */
export function render(unsafe: Report, format: ReportFormat, style: TableStyle): string {
  const report = neutraliseControlsDeep(unsafe);
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
