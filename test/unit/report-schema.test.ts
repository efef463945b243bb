import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { reportJsonSchemaText } from '../../src/report/json-schema.js';
import { sampleReport } from '../support/sample-report.js';

const committed = readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8');

function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(committed));
}

describe('schema/report.schema.json', () => {
  it('is what `npm run schema` generates from the zod Report (regenerate it when report.ts changes)', () => {
    expect(committed).toBe(reportJsonSchemaText());
  });

  it('accepts a report made by the runner and summarizer', () => {
    const validate = validator();
    const report = JSON.parse(JSON.stringify(sampleReport()));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a report with a wrong verdict or a missing result field', () => {
    const validate = validator();
    const report = JSON.parse(JSON.stringify(sampleReport()));
    expect(validate({ ...report, verdict: 'maybe' })).toBe(false);
    delete report.results[0].remediation;
    expect(validate(report)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/results/0');
  });
});
