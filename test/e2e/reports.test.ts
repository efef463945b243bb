// End-to-end: the report formats, accepted risks, `diff` and `--redact` through the built binary.
// Replays touch no network; the live runs only talk to a closed port on 127.0.0.1.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inventory } from '../../src/inventory/inventory.js';
import { Report } from '../../src/report/report.js';
import { leakedNames, markedNames } from '../support/marked-names.js';
import { assertBuilt, oneLine, runCli as run, scenarioInventoryPath as scenario } from '../support/run-cli.js';
import { repoRoot } from '../support/scenario-reports.js';

const execFileAsync = promisify(execFile);
let scratch: string;

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-e2e-reports-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('formats', () => {
  it('--format prints each format to stdout', async () => {
    const expectations: [string, RegExp][] = [
      ['markdown', /^# Exchange hybrid readiness audit: Contoso\n[\s\S]*\n## ❌ Verdict: NOT READY\n/],
      ['html', /^<!DOCTYPE html>\n[\s\S]*<h1>Contoso<\/h1>[\s\S]*<h2 id="h-verdict">Verdict: NOT READY<\/h2>[\s\S]*<\/html>\n$/],
      ['junit', /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="hybrid-readiness" tests="13" failures="2" errors="0"/],
      [
        'sarif',
        /^\{\n {2}"\$schema": "https:\/\/docs\.oasis-open\.org\/sarif\/sarif\/v2\.1\.0\/errata01\/os\/schemas\/sarif-schema-2\.1\.0\.json",\n {2}"version": "2\.1\.0"/,
      ],
    ];
    for (const [format, pattern] of expectations) {
      const result = await run(['assess', '--from-inventory', scenario('dag-copy-on-2013'), '--format', format, '--quiet']);
      expect(result.code, format).toBe(1);
      expect(result.stdout, format).toMatch(pattern);
      expect(result.stderr, format).toBe('');
    }
  });

  it('--output writes every format to its file in one run; the files are what the schemas accept', async () => {
    const formats = {
      table: 'report.txt',
      json: 'report.json',
      markdown: 'report.md',
      html: 'report.html',
      junit: 'report.junit.xml',
      sarif: 'report.sarif',
    };
    const outputs = Object.entries(formats).flatMap(([format, file]) => ['--output', `${format}=${join(scratch, file)}`]);
    const result = await run(['assess', '--from-inventory', scenario('mixed-2013-front-end'), '--format', 'json', ...outputs, '--quiet']);
    expect(result.code).toBe(1);
    const report = Report.parse(JSON.parse(result.stdout));
    expect(JSON.parse(await readFile(join(scratch, formats.json), 'utf8'))).toEqual(report);
    expect(await readFile(join(scratch, formats.table), 'utf8')).toMatch(/^Verdict: NOT READY — /);
    expect(await readFile(join(scratch, formats.markdown), 'utf8')).toContain('| ❌ FAIL | `load-balancer-2013-free` |');
    expect(await readFile(join(scratch, formats.html), 'utf8')).toContain('<tr data-status="fail" data-attention="true">');
    const sarif = JSON.parse(await readFile(join(scratch, formats.sarif), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]?.results.map((entry) => entry.ruleId)).toContain('load-balancer-2013-free');
    const xsd = join(repoRoot, 'test', 'schemas', 'jenkins-junit.xsd');
    const { stderr } = await execFileAsync('xmllint', ['--noout', '--schema', xsd, join(scratch, formats.junit)]);
    expect(stderr).toContain('validates');
  });

  it('report FILE re-renders a saved report in any format', async () => {
    const saved = join(scratch, 'saved.json');
    await run(['assess', '--from-inventory', scenario('preauth-gateway'), '--output', `json=${saved}`, '--quiet']);
    const markdown = await run(['report', saved, '--format', 'markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Exchange hybrid readiness audit: Contoso\n[\s\S]*\n## ❌ Verdict: NOT READY\n/);
    const html = join(scratch, 'rerendered.html');
    const written = await run(['report', saved, '--output', `html=${html}`, '--format', 'junit']);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^<\?xml /);
    expect(await readFile(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('accepted risks (config exceptions)', () => {
  // dag-copy-on-2013 was collected on 2026-11-20; its blocker failure is mailbox-database-placement (DB02).
  async function assessWith(expires: string, extra: string[] = []) {
    const config = join(scratch, `exceptions-${expires}.yaml`);
    await writeFile(
      config,
      [
        'exceptions:',
        '  - check: mailbox-database-placement',
        '    subject: DB02',
        '    reason: DB02 moves to the new DAG in Q1',
        '    owner: Messaging team',
        '    ticket: CHG-1042',
        `    expires: ${expires}`,
        '  - check: prepare-ad-cu3',
        '    reason: Schema update pending',
        '    owner: AD team',
        '    expires: 2027-01-31',
      ].join('\n'),
    );
    const result = await run([
      'assess',
      '--config',
      config,
      '--from-inventory',
      scenario('dag-copy-on-2013'),
      '--format',
      'json',
      '--format',
      'table',
      '--quiet',
      ...extra,
    ]);
    const json = result.stdout.slice(0, result.stdout.indexOf('\n}\n') + 3);
    return { ...result, report: Report.parse(JSON.parse(json)), table: result.stdout.slice(json.length) };
  }

  it('before its expiry: the failure shows as accepted with reason and owner, and the exit code is 0', async () => {
    const { code, report, table } = await assessWith('2026-12-31');
    expect(code).toBe(0);
    expect(report.verdict).toBe('ready');
    const placement = report.results.find((result) => result.id === 'mailbox-database-placement');
    expect(placement).toMatchObject({ status: 'fail', accepted: true });
    expect(placement?.exceptions?.[0]).toMatchObject({
      state: 'accepted',
      reason: 'DB02 moves to the new DAG in Q1',
      owner: 'Messaging team',
      ticket: 'CHG-1042',
    });
    expect(table).toMatch(/│ ACCEPTED │ blocker +│ mailbox-database-placement/);
    expect(table).toContain('Accepted risk for DB02: DB02 moves to the new DAG in Q1 (owner Messaging team, ticket CHG-1042,');
  });

  it('on the day after its expiry: the failure counts again (exit 1) and the report says the exception expired', async () => {
    const { code, report, table } = await assessWith('2026-11-19');
    expect(code).toBe(1);
    expect(report.verdict).toBe('not-ready');
    expect(report.results.find((result) => result.id === 'mailbox-database-placement')).toMatchObject({ status: 'fail', accepted: false });
    expect(table).toMatch(/│ FAIL +│ blocker +│ mailbox-database-placement/);
    expect(table).toContain('Expired exception for DB02: DB02 moves to the new DAG in Q1');
    expect(table.replace(/\s+/g, ' ')).toContain(
      'Expired on 2026-11-19 (assessed on 2026-11-20): the failure of mailbox-database-placement for DB02 counts again.',
    );
  });

  it('an exception that matches nothing is reported', async () => {
    const { report, table } = await assessWith('2026-12-31');
    expect(report.exceptions?.find((exception) => exception.check === 'prepare-ad-cu3')).toMatchObject({ state: 'unmatched' });
    expect(table).toContain(
      'Exceptions that match nothing (update the configuration)\n  - prepare-ad-cu3: Matches no failure: prepare-ad-cu3 did not fail (pass).',
    );
  });

  it('the HTML and JUnit outputs carry the accepted risk too', async () => {
    const html = join(scratch, 'accepted.html');
    const junit = join(scratch, 'accepted.junit.xml');
    await assessWith('2026-12-31', ['--output', `html=${html}`, '--output', `junit=${junit}`]);
    expect(await readFile(html, 'utf8')).toContain(
      '<strong>Accepted risk</strong> for DB02: DB02 moves to the new DAG in Q1 (owner Messaging team, ticket CHG-1042, expires 2026-12-31).',
    );
    expect(await readFile(junit, 'utf8')).toMatch(
      /<testcase name="mailbox-database-placement"[^>]*>\n\s*<skipped>Failed, accepted as a risk: DB02 moves/,
    );
  });
});

describe('diff', () => {
  async function saveReport(name: string): Promise<string> {
    const path = join(scratch, `${name}.json`);
    const result = await run(['assess', '--from-inventory', scenario(name), '--output', `json=${path}`, '--quiet']);
    expect(result.code).not.toBeNull();
    return path;
  }

  it('lists what the upgrade fixed (exchange-2016-cu2 → ready): exit 0', async () => {
    const result = await run(['diff', await saveReport('exchange-2016-cu2'), await saveReport('ready'), '--format', 'json']);
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as { checks: { id: string; category: string }[] };
    const ids = (category: string) => diff.checks.filter((entry) => entry.category === category).map((entry) => entry.id);
    expect(ids('fixed')).toEqual([
      'exchange-2016-cu3',
      'mailbox-database-placement',
      'prepare-ad-cu3',
      'autodiscover-rest-discovery',
      'rest-endpoint-oauth',
    ]);
    expect(ids('regressed')).toEqual([]);
    expect(ids('unchanged-failing')).toEqual(['exchange-support-lifecycle']);
  });

  it('lists what regressed (ready → mid-migration): exit 1, table by default', async () => {
    const result = await run(['diff', await saveReport('ready'), await saveReport('mid-migration')]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('Verdict: READY → NOT READY — 4 regressed, 0 fixed, 1 still failing');
    for (const id of ['mailbox-database-placement', 'directory-sync', 'load-balancer-2013-free', 'hybrid-oauth-configuration']) {
      expect(result.stdout).toMatch(new RegExp(`\\n  ${id} \\([a-z]+(, R\\d)?\\): PASS → FAIL`));
    }
  });

  it('markdown, and a warning when the check catalogues differ', async () => {
    const old = await saveReport('directory-sync-stale');
    const newer = JSON.parse(await readFile(await saveReport('ready'), 'utf8')) as Report;
    newer.tool.catalogueVersion = '2099.1.1';
    const changed = join(scratch, 'other-catalogue.json');
    await writeFile(changed, JSON.stringify(newer));
    const result = await run(['diff', old, changed, '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Exchange hybrid readiness: what changed\n/);
    expect(result.stdout).toContain('## Fixed (1)\n\n| Check | Severity | Status | Summary |');
    expect(result.stdout).toContain('> ⚠️ **Warning:** the reports come from different check catalogues');
    expect(oneLine(result.stderr)).toMatch(
      /^hybrid-readiness: warning: the reports come from different check catalogues \(old 2026\.12\.1, new 2099\.1\.1\)/,
    );
  });

  it('--fail-on warning also fails on a regressed warning check; a bad file is exit 2', async () => {
    const before = await saveReport('ready');
    const after = await saveReport('intra-org-connector-disabled');
    expect((await run(['diff', before, after])).code).toBe(0);
    expect((await run(['diff', before, after, '--fail-on', 'warning'])).code).toBe(1);
    const missing = await run(['diff', before, join(scratch, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toMatch(/cannot read report .*nope\.json: no such file/);
  });
});

describe('--redact', () => {
  const REAL = /contoso|ex16-0|ex13-01|DB0[12]|adele|megan|5de110f8/i;

  it('assess --redact: no real name in any output; --redact-map writes the mapping (private) only when asked', async () => {
    const outputs = ['html', 'markdown', 'junit', 'sarif', 'json'].flatMap((format) => [
      '--output',
      `${format}=${join(scratch, `redacted.${format}`)}`,
    ]);
    const map = join(scratch, 'redaction-map.json');
    const result = await run([
      'assess',
      '--from-inventory',
      scenario('dag-copy-on-2013'),
      '--redact',
      '--redact-map',
      map,
      ...outputs,
      '--quiet',
    ]);
    expect(result.code).toBe(1);
    for (const text of [
      result.stdout,
      ...(await Promise.all(
        ['html', 'markdown', 'junit', 'sarif', 'json'].map((format) => readFile(join(scratch, `redacted.${format}`), 'utf8')),
      )),
    ]) {
      expect(text).not.toMatch(REAL);
      expect(text).toMatch(/server-\d|database-\d/);
    }
    const mapping = JSON.parse(await readFile(map, 'utf8')) as { pseudonyms: Record<string, string> };
    expect(mapping.pseudonyms['domain-1.example']).toBe('contoso.com');
    expect(Object.values(mapping.pseudonyms)).toEqual(expect.arrayContaining(['DB02', 'EX13-01', 'adele.vance@contoso.com']));
    expect((await stat(map)).mode & 0o777).toBe(0o600);

    const without = await run([
      'assess',
      '--from-inventory',
      scenario('dag-copy-on-2013'),
      '--redact-map',
      join(scratch, 'unused-map.json'),
    ]);
    expect(without.code).toBe(2);
    expect(oneLine(without.stderr)).toBe(
      'hybrid-readiness: --redact-map: needs --redact: without it nothing is replaced, so there is nothing to map',
    );
  });

  // The leaks the redaction rebuild closed: the Entra Connect server and account, the tenant id when --tenant-id was
  // not given, Exchange servers known only from HTTP headers when LDAP failed. Saved unredacted, then redacted alone.
  it.each(['ldap-bind-refused', 'no-graph-access'])('report FILE --redact on %s: no name of the inventory in any format', async (name) => {
    const saved = join(scratch, `${name}.json`);
    expect([0, 1, 2]).toContain((await run(['assess', '--from-inventory', scenario(name), '--output', `json=${saved}`, '--quiet'])).code);
    expect(await readFile(saved, 'utf8')).toMatch(/EX19-01|AADC01/);
    const outputs = ['html', 'markdown', 'junit', 'sarif', 'json'].flatMap((format) => [
      '--output',
      `${format}=${join(scratch, `${name}-r.${format}`)}`,
    ]);
    const result = await run(['report', saved, '--redact', ...outputs, '--format', 'table', '--quiet']);
    expect(result.code).toBe(0);
    const real = markedNames(Inventory.parse(JSON.parse(await readFile(scenario(name), 'utf8'))));
    expect(real).toEqual(expect.arrayContaining(['EX19-01']));
    for (const text of [
      result.stdout,
      ...(await Promise.all(
        ['html', 'markdown', 'junit', 'sarif', 'json'].map((format) => readFile(join(scratch, `${name}-r.${format}`), 'utf8')),
      )),
    ]) {
      expect(leakedNames(text, real)).toEqual([]);
      expect(text).not.toMatch(/contoso|AADC01|MSOL_|5de110f8|EX19-01/i);
    }
  });

  describe('inventories', () => {
    const SECRET = 'hr-e2e-Redact-Secret-31f0';
    // Only loopback: a closed LDAP port on 127.0.0.1, and only an AD-backed check selected (no DNS, HTTPS or Graph).
    const live = [
      '--only',
      'exchange-2016-cu3',
      '--ldap-url',
      'ldaps://127.0.0.1:1',
      '--bind-dn',
      'CN=svc-audit,OU=Service,DC=corp,DC=contoso,DC=com',
      '--bind-password-env',
      'HR_E2E_BIND',
      '--domain',
      'contoso.com',
      '--namespace',
      'mail.contoso.com',
      '--mailbox',
      'adele.vance@contoso.com',
      '--ad-domain',
      'corp.contoso.com',
      '--timeout',
      '2000',
    ];
    const machine = hostname().toLowerCase();

    it("collect --redact writes an inventory without the names (this machine's included) that still replays", async () => {
      const path = join(scratch, 'collected-redacted.json');
      const map = join(scratch, 'collect-map.json');
      const result = await run(['collect', ...live, '--redact', '--redact-map', map, '-o', path, '--quiet'], { HR_E2E_BIND: SECRET });
      expect(result.code).toBe(2); // nothing listens on 127.0.0.1:1
      const text = await readFile(path, 'utf8');
      expect(text).not.toMatch(REAL);
      if (machine.length >= 2) expect(text.toLowerCase()).not.toContain(`"${machine}"`);
      expect(text).not.toContain(SECRET);
      const inventory = Inventory.parse(JSON.parse(text));
      expect(inventory.target).toMatchObject({
        domains: ['domain-1.example'],
        namespaces: [expect.stringMatching(/^host-\d+\.domain-1\.example$/)],
        mailboxes: ['mailbox-1@domain-1.example'],
      });
      expect(inventory.settings['redacted']).toBe(true);
      expect(JSON.parse(await readFile(map, 'utf8')).pseudonyms['domain-1.example']).toBe('contoso.com');

      const replay = await run(['assess', '--from-inventory', path, '--format', 'json']);
      expect(Report.parse(JSON.parse(replay.stdout)).notices.map((notice) => notice.id)).toContain('redacted');
    });

    it("assess --save-inventory with --redact redacts the saved inventory with the report's pseudonyms", async () => {
      const path = join(scratch, 'saved-redacted.json');
      const result = await run(['assess', ...live, '--save-inventory', path, '--redact', '--format', 'json', '--quiet'], {
        HR_E2E_BIND: SECRET,
      });
      expect(result.code).toBe(2);
      const saved = await readFile(path, 'utf8');
      expect(saved).not.toMatch(REAL);
      const report = Report.parse(JSON.parse(result.stdout));
      expect(report.provenance.target.domains).toEqual(Inventory.parse(JSON.parse(saved)).target.domains);
      expect(`${result.stdout}${saved}`).not.toContain(SECRET);
    });
  });
});
