// Reading a saved JSON report (for `report` and `diff`): parse, check the version, validate against the
// Report schema, and name the exact field that is wrong.
import { readFile } from 'node:fs/promises';
import { ReportInputError } from '../errors.js';
import { formatFirstIssue } from '../validation.js';
import { Report, REPORT_SCHEMA_VERSION } from './report.js';

export async function readReportFile(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ReportInputError(`cannot read report ${path}: ${why}; pass a file written by \`hybrid-readiness assess --output json=FILE\``, { cause: error });
  }
  return parseReport(text, path);
}

export function parseReport(text: string, label: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`report ${label} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReportInputError(`report ${label} must be a JSON object as written by \`hybrid-readiness assess --format json\``);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== REPORT_SCHEMA_VERSION) {
    throw new ReportInputError(
      `report ${label} has schemaVersion ${JSON.stringify(version ?? null)}; this version of hybrid-readiness reads schemaVersion ${REPORT_SCHEMA_VERSION}`,
    );
  }
  const parsed = Report.safeParse(value);
  if (!parsed.success) throw new ReportInputError(`report ${label} is invalid at ${formatFirstIssue(parsed.error, value)}`);
  return parsed.data;
}
