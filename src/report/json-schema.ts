// The JSON Schema (draft 2020-12) of the report, generated from the zod Report so the two cannot drift.
// schema/report.schema.json is this, committed; `npm run schema` rewrites it and a test compares them.
import { z } from 'zod';
import { REPORT_SCHEMA_VERSION, Report } from './report.js';

export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Report, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'hybrid-readiness report',
    description: `A hybrid-readiness assessment report, schemaVersion ${REPORT_SCHEMA_VERSION}: the verdict, one result per check with findings, evidence and remediation, the notices, and where the facts came from.`,
    ...rest,
  };
}

export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
