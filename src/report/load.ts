// Reading a saved JSON report (for `report` and `diff`): parse, check the version, validate against the
// Report schema, and name the exact field that is wrong.
import { ReportInputError } from '../errors.js';
import { parseVersionedJson, readVersionedJson, type VersionedDocument } from '../versioned-json.js';
import { REPORT_SCHEMA_VERSION, Report } from './report.js';

const REPORT: VersionedDocument<typeof Report> = {
  noun: 'report',
  schema: Report,
  versions: [REPORT_SCHEMA_VERSION],
  readHint: 'pass a file written by `hybrid-readiness assess --output json=FILE`',
  writtenBy: 'as written by `hybrid-readiness assess --format json`',
  error: ReportInputError,
};

export function readReportFile(path: string): Promise<Report> {
  return readVersionedJson(path, REPORT);
}

export function parseReport(text: string, label: string): Report {
  return parseVersionedJson(text, label, REPORT);
}
