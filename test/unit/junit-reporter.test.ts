import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlText } from '../../src/reporters/escape.js';
import { renderJunit } from '../../src/reporters/junit.js';
import { hostileReport } from '../support/hostile-report.js';
import { mixedReport } from '../support/mixed-report.js';
import { repoRoot } from '../support/scenario-reports.js';

const run = promisify(execFile);
const xsd = join(repoRoot, 'test', 'schemas', 'jenkins-junit.xsd');
const scratch = mkdtempSync(join(tmpdir(), 'hr-junit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function decodeXml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What XML can carry of a string: forbidden characters and lone surrogates become U+FFFD. */
function representable(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('<', '>', '&', '"', "'", '\t', '\n', '\r', '\u0000', '\u0001', '\uD800', '\uDC00', ']]>', 'a'),
    maxLength: 40,
  }),
);

describe('XML escaping', () => {
  it('attribute values keep every representable character, tabs and line breaks included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"'\t\n\r]/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#9|#10|#13);)/);
        expect(decodeXml(escaped)).toBe(representable(text));
      }),
    );
  });

  it('element text keeps line breaks readable (CRLF as LF)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeXmlText(text);
        expect(escaped).not.toMatch(/[<>]|\r/);
        expect(decodeXml(escaped)).toBe(representable(text).replace(/\r\n?/g, '\n'));
      }),
    );
  });
});

describe('junit reporter', () => {
  const report = mixedReport();
  const xml = renderJunit(report);
  const testcase = (id: string) => new RegExp(`<testcase name="${id}"[^>]*>([\\s\\S]*?)</testcase>`).exec(xml)?.[1] ?? '';

  it('has one test case per check, classname by severity, and suite totals that match the cases', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(report.results.length);
    expect(xml).toContain('<testcase name="exchange-support-lifecycle" classname="hybrid-readiness.advice" time="0">');
    const failures = (xml.match(/<failure /g) ?? []).length;
    const errors = (xml.match(/<error /g) ?? []).length;
    const skipped = (xml.match(/<skipped>/g) ?? []).length;
    expect([failures, errors, skipped]).toEqual([1, 1, 4]);
    expect(xml).toContain(`<testsuites name="hybrid-readiness" tests="13" failures="1" errors="1" time="0">`);
    expect(xml).toMatch(
      /<testsuite name="[^"]+" tests="13" failures="1" errors="1" skipped="4" time="0" timestamp="2026-11-20T09:30:00" hostname="localhost">/,
    );
  });

  it('maps statuses the way CI expects', () => {
    expect(testcase('exchange-support-lifecycle')).toMatch(
      /^\s*<failure message="3 of 3 Exchange servers are out of support[^"]*" type="advice">FAIL exchange-support-lifecycle/,
    );
    expect(testcase('exchange-2016-cu3')).toMatch(/<error message="ExchangeServers could not be collected: [^"]+" type="error">/);
    expect(testcase('mailbox-database-placement')).toMatch(
      /<skipped>Failed, accepted as a risk: DB02 moves to the new DAG in Q1 \(owner messaging team, ticket CHG-1042, expires 2026-12-31\)\./,
    );
    expect(testcase('rest-endpoint-oauth')).toMatch(/<skipped>Verify by hand: /);
    expect(testcase('graph-api-scope')).toMatch(/<skipped>Not applicable: /);
    expect(testcase('load-balancer-2013-free')).toMatch(/<skipped>Not run: deselected by --only\/--skip<\/skipped>/);
    for (const passed of ['prepare-ad-cu3', 'directory-sync']) expect(testcase(passed)).not.toMatch(/<(failure|error|skipped)/);
    expect(testcase('directory-sync')).toMatch(/<system-out>WARN directory-sync/);
  });

  it('a failure carries its findings, evidence, remediation and the expired exception', () => {
    const lifecycle = testcase('exchange-support-lifecycle');
    expect(lifecycle).toContain('FAIL server EX13-01:');
    expect(lifecycle).toContain('Expired exception: Upgrade to SE is budgeted for 2027 (owner it-ops, expires 2026-06-30).');
    expect(lifecycle).toContain('Remediation: ');
    expect(lifecycle).toMatch(/Evidence: \{\n {4}"server": "EX13-01"/);
  });

  it('the suite says the verdict and the unmatched exceptions', () => {
    expect(xml).toContain('<property name="verdict" value="incomplete"/>');
    expect(xml).toContain('Unmatched exception for prepare-ad-cu3: Matches no failure: prepare-ad-cu3 did not fail (pass).');
  });

  it('is valid against the JUnit XSD, hostile and random data included (xmllint parses what a CI server would)', async () => {
    const reports = [
      report,
      hostileReport(report),
      ...fc.sample(fc.array(anyText, { minLength: 3, maxLength: 3 }), 25).map((texts) => withText(report, texts)),
    ];
    const files = reports.map((entry, index) => {
      const path = join(scratch, `report-${index}.xml`);
      writeFileSync(path, renderJunit(entry));
      return path;
    });
    try {
      await run('xmllint', ['--noout', '--schema', xsd, ...files]);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string };
      if (failure.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils (bash .ci/run installs it)');
      throw new Error(failure.stderr ?? String(error));
    }
  });
});

function withText(report: ReturnType<typeof mixedReport>, texts: string[]) {
  const copy = structuredClone(report);
  const lifecycle = copy.results.find((result) => result.id === 'exchange-support-lifecycle');
  if (!lifecycle?.findings[0]) throw new Error('the mixed report changed shape');
  lifecycle.summary = texts[0] as string;
  lifecycle.findings[0].subject.name = texts[1] as string;
  lifecycle.findings[0].evidence = { value: texts[2] as string };
  copy.verdictReason = texts[0] as string;
  return copy;
}
