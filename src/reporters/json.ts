// The JSON reporter: the report itself, pretty-printed. schema/report.schema.json describes it.
import type { Report } from '../report/report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
