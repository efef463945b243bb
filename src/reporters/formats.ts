// The output formats: the one list of their names, file extensions and what each is for. Help texts, the option
// reference, config validation and the golden files derive from it; src/reporters/index.ts maps each to its renderer
// (typed against this list, so a format cannot be added in one place and forgotten in the other). Loading this file
// loads no reporter.

export const OUTPUT_FORMATS = {
  table: { extension: 'txt', purpose: 'a terminal table (the default on stdout; coloured on a TTY)' },
  json: { extension: 'json', purpose: 'the whole report as versioned JSON (schema/report.schema.json), for CI and `report`/`diff`' },
  markdown: { extension: 'md', purpose: 'an audit summary for a ticket, a wiki or a CI step summary' },
  html: { extension: 'html', purpose: 'a self-contained audit page to hand over, with a print stylesheet' },
  junit: { extension: 'junit.xml', purpose: 'JUnit XML: one test case per check, for CI test tabs' },
  sarif: { extension: 'sarif', purpose: 'SARIF 2.1.0: one result per failing finding, for SARIF viewers' },
} as const;

export type ReportFormat = keyof typeof OUTPUT_FORMATS;
export const REPORT_FORMATS = Object.keys(OUTPUT_FORMATS) as ReportFormat[];

/** File name extension of each format, for goldens and defaults. */
export const FORMAT_EXTENSION: Record<ReportFormat, string> = Object.fromEntries(
  REPORT_FORMATS.map((format) => [format, OUTPUT_FORMATS[format].extension]),
) as Record<ReportFormat, string>;

/** "table, json, markdown, html, junit or sarif" — for help texts and messages. */
export function formatList(formats: readonly string[] = REPORT_FORMATS): string {
  return formats.length > 1 ? `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}` : (formats[0] ?? '');
}
