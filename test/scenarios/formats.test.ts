// Every output format for every bundled scenario: compared with its golden (fixtures/scenarios/<name>/
// expected-report.<ext>; the JSON one is expected-report.json, see scenarios.test.ts) and validated against the
// format's schema — the report's JSON Schema, the JUnit XSD (xmllint) and the SARIF 2.1.0 schema (ajv).
// The HTML is rendered in Chromium by test/integration/html-chromium.test.ts.
// Regenerate the goldens with: UPDATE_SCENARIOS=1 npx vitest run test/scenarios
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '../../scripts/fixtures/scenarios.js';
import { FORMAT_EXTENSION, REPORT_FORMATS, render } from '../../src/reporters/index.js';
import { VERDICT_LABEL } from '../../src/reporters/presentation.js';
import { goldenOf, repoRoot, scenarioReport, scenariosDir, UPDATE_HINT, UPDATE_SCENARIOS } from '../support/scenario-reports.js';

const run = promisify(execFile);
const STYLE = { colorLevel: 0, width: 100 } as const;
const goldenFormats = REPORT_FORMATS.filter((format) => format !== 'json');
const scratch = mkdtempSync(join(tmpdir(), 'hr-formats-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function ajv2020() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

describe.each(scenarioNames)('scenario %s in every format', (name) => {
  const report = goldenOf(scenarioReport(name));

  it.each(goldenFormats)('%s equals its golden', (format) => {
    const path = join(scenariosDir, name, `expected-report.${FORMAT_EXTENSION[format]}`);
    const text = render(report, format, STYLE);
    if (UPDATE_SCENARIOS) writeFileSync(path, text);
    expect(existsSync(path), `${name}/expected-report.${FORMAT_EXTENSION[format]} is missing; ${UPDATE_HINT}`).toBe(true);
    expect(text, `${name}: the ${format} output changed; ${UPDATE_HINT}`).toBe(readFileSync(path, 'utf8'));
    expect(text).not.toContain(repoRoot);
  });

  it('every format names the verdict and every check', () => {
    for (const format of REPORT_FORMATS) {
      const text = render(report, format, STYLE);
      expect(
        text.includes(`"${report.verdict}"`) || text.includes(`Verdict: ${VERDICT_LABEL[report.verdict]}`),
        `${format} misses the verdict`,
      ).toBe(true);
      for (const result of report.results) expect(text, `${format} misses ${result.id}`).toContain(result.id);
    }
  });
});

describe("validation against the formats' schemas", () => {
  it('every scenario report is valid against schema/report.schema.json', () => {
    const validate = ajv2020().compile(JSON.parse(readFileSync(join(repoRoot, 'schema', 'report.schema.json'), 'utf8')));
    for (const name of scenarioNames) {
      const json = JSON.parse(render(scenarioReport(name), 'json', STYLE));
      expect(validate(json), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('every scenario SARIF log is valid against the SARIF 2.1.0 schema', () => {
    const validate = ajv2020().compile(JSON.parse(readFileSync(join(repoRoot, 'test', 'schemas', 'sarif-2.1.0.json'), 'utf8')));
    for (const name of scenarioNames) {
      const log = JSON.parse(render(scenarioReport(name), 'sarif', STYLE));
      expect(validate(log), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    // The validator does reject a broken log, so the loop above can fail.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('every scenario JUnit file is valid against the JUnit XSD (xmllint, Debian libxml2-utils)', async () => {
    const xsd = join(repoRoot, 'test', 'schemas', 'jenkins-junit.xsd');
    const files = scenarioNames.map((name) => {
      const path = join(scratch, `${name}.junit.xml`);
      writeFileSync(path, render(scenarioReport(name), 'junit', STYLE));
      return path;
    });
    const result = await xmllint(['--noout', '--schema', xsd, ...files]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of files) expect(result.stderr).toContain(`${file} validates`);

    // …and rejects what the schema forbids (an attribute on <skipped>), so the check above can fail.
    const broken = join(scratch, 'broken.junit.xml');
    writeFileSync(
      broken,
      '<testsuites><testsuite name="s" tests="1"><testcase name="c"><skipped message="m"/></testcase></testsuite></testsuites>\n',
    );
    expect((await xmllint(['--noout', '--schema', xsd, broken])).code).not.toBe(0);
  });
});

async function xmllint(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('xmllint', args);
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { code?: number | string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils (bash .ci/run installs it)');
    return { code: typeof failure.code === 'number' ? failure.code : 1, stderr: failure.stderr ?? String(error) };
  }
}
