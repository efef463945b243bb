// The monthly workflow end to end with the built CLI: `catalogue update` from a loopback HTTPS server, then
// `assess --from-inventory` of servers patched after the bundled table, whose builds only the update knows. The
// report names them and the catalogue it used; without the update the same verdict stands, the builds are named as
// later updates, and every format carries the stale-list notice.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/report/report.js';
import { type BuildListServer, startBuildListServer } from '../support/build-list-server.js';
import { assertBuilt, runCli } from '../support/run-cli.js';

const inventory = 'test/e2e/inventories/servers-patched-in-november.json';
const only = ['--only', 'exchange-2016-cu3,exchange-support-lifecycle'];
let server: BuildListServer;
let scratch: string;
let updated: string;
let empty: string;
let caFile: string;

beforeAll(async () => {
  assertBuilt();
  server = await startBuildListServer();
  scratch = mkdtempSync(join(tmpdir(), 'catalogue-cli-'));
  [updated, empty] = [join(scratch, 'updated'), join(scratch, 'empty')];
  caFile = join(scratch, 'ca.pem');
  writeFileSync(caFile, server.caPem);
  const run = await runCli(['catalogue', 'update', '--from', `${server.origin}/new.csv`, '--ca-file', caFile], {
    HYBRID_READINESS_CONFIG_DIR: updated,
  });
  expect(run.stderr).not.toContain('cannot');
  expect(run.code).toBe(0);
});

afterAll(async () => {
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const messages = (report: Report) => report.results.flatMap((result) => result.findings.map((finding) => finding.message));

describe('catalogue update, then assess', () => {
  it('names the builds only the update knows, and the report says which catalogue it used', async () => {
    const run = await runCli(['assess', '--from-inventory', inventory, ...only, '--format', 'json'], {
      HYBRID_READINESS_CONFIG_DIR: updated,
    });
    expect(run.code).toBe(0);
    const report = Report.parse(JSON.parse(run.stdout));
    expect(messages(report)).toContain(
      'EXSE1 runs 15.2.2562.61 (Exchange Server SE RTM Nov26SU): Exchange Server SE counts as Exchange 2016 CU3 or later.',
    );
    expect(messages(report)).toContain('EX02 runs 15.1.2507.78 (Exchange 2016 CU23 Nov26SU): Exchange 2016 CU3 or later.');
    expect(report.provenance.buildList).toMatchObject({
      origin: 'user',
      readFrom: `${server.origin}/new.csv`,
      asOf: '2026-11-10',
      builds: 307,
    });
    // 2026-11-10 is 21 days before the assessment (2026-12-01): recent enough, no notice.
    expect(report.notices.map((notice) => notice.id)).not.toContain('build-list-stale');
  });

  it('without the update reaches the same verdict, names them as later updates, and says the list may be stale', async () => {
    const [withList, without] = await Promise.all([
      runCli(['assess', '--from-inventory', inventory, ...only, '--format', 'json'], { HYBRID_READINESS_CONFIG_DIR: updated }),
      runCli(['assess', '--from-inventory', inventory, ...only, '--format', 'json'], { HYBRID_READINESS_CONFIG_DIR: empty }),
    ]);
    const [a, b] = [Report.parse(JSON.parse(withList.stdout)), Report.parse(JSON.parse(without.stdout))];
    expect(without.code).toBe(withList.code);
    expect(b.verdict).toBe(a.verdict);
    expect(b.results.map((result) => [result.id, result.status, result.findings.map((f) => f.status)])).toEqual(
      a.results.map((result) => [result.id, result.status, result.findings.map((f) => f.status)]),
    );
    expect(messages(b)).toContain(
      'EXSE1 runs 15.2.2562.61 (Exchange Server SE RTM, later update): Exchange Server SE counts as Exchange 2016 CU3 or later.',
    );
    expect(b.provenance.buildList).toMatchObject({ origin: 'bundled', asOf: '2026-08-11' });
    expect(b.notices.find((notice) => notice.id === 'build-list-stale')?.text).toContain(
      '112 days before the assessment date (2026-12-01)',
    );
  });

  it('carries the catalogue in the provenance of every format, and the stale notice in every format when it is old', async () => {
    const formats = { table: 'txt', markdown: 'md', html: 'html', junit: 'xml', sarif: 'sarif', json: 'json' } as const;
    for (const [configDir, stale] of [
      [updated, false],
      [empty, true],
    ] as const) {
      const outputs = Object.entries(formats).flatMap(([format, ext]) => ['--output', `${format}=${join(scratch, `${stale}.${ext}`)}`]);
      const run = await runCli(['assess', '--from-inventory', inventory, ...only, '--quiet', ...outputs], {
        HYBRID_READINESS_CONFIG_DIR: configDir,
      });
      expect(run.code).toBe(0);
      for (const ext of Object.values(formats)) {
        const text = readFileSync(join(scratch, `${stale}.${ext}`), 'utf8');
        if (ext === 'json') expect(Report.parse(JSON.parse(text)).provenance.buildList?.origin).toBe(stale ? 'bundled' : 'user');
        else
          expect(text, `${ext}: names the list`).toContain(
            stale ? 'the bundled table' : `the user catalogue, from ${server.origin}/new.csv`,
          );
        expect(text.includes('Exchange build names may be out of date'), `${ext}: stale notice`).toBe(stale);
      }
    }
  });

  it('uses --build-catalog FILE (and config buildCatalog:) over the configuration folder', async () => {
    const file = join(updated, 'exchange-builds.json');
    const config = join(scratch, 'hybrid.yaml');
    writeFileSync(config, `buildCatalog: ${file}\n`);
    for (const args of [
      ['--build-catalog', file],
      ['--config', config],
    ]) {
      const run = await runCli(['assess', '--from-inventory', inventory, ...only, '--format', 'json', ...args], {
        HYBRID_READINESS_CONFIG_DIR: empty,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(Report.parse(JSON.parse(run.stdout)).provenance.buildList).toMatchObject({ origin: 'file', file, asOf: '2026-11-10' });
    }
  });

  it("--redact replaces an internal host the list was read from, and keeps Microsoft's", async () => {
    const written = JSON.parse(readFileSync(join(updated, 'exchange-builds.json'), 'utf8'));
    for (const [readFrom, kept] of [
      ['https://builds.contoso.com/ExchangeBuildNumbers.csv', false],
      ['https://raw.githubusercontent.com/microsoft/Get-ExchangeBuildNumber/main/ExchangeBuildNumbers.csv', true],
    ] as const) {
      const file = join(scratch, `read-from-${kept}.json`);
      writeFileSync(file, JSON.stringify({ ...written, source: { ...written.source, readFrom } }));
      const run = await runCli(
        ['assess', '--from-inventory', inventory, ...only, '--format', 'json', '--build-catalog', file, '--redact'],
        {
          HYBRID_READINESS_CONFIG_DIR: empty,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.includes(readFrom), readFrom).toBe(kept);
      if (!kept) expect(run.stdout).not.toContain('contoso');
    }
  });

  it('refuses a --build-catalog file that is not a catalogue, in one line (exit 2)', async () => {
    const run = await runCli(['assess', '--from-inventory', inventory, '--build-catalog', inventory], {
      HYBRID_READINESS_CONFIG_DIR: empty,
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^hybrid-readiness: the catalogue .* is not a build catalogue: /),
    ]);
  });

  it('shows the catalogue in use with its source and as-of date (catalogue --format json)', async () => {
    const run = await runCli(['catalogue', '--format', 'json'], { HYBRID_READINESS_CONFIG_DIR: updated });
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout);
    expect(shown.buildList).toMatchObject({ origin: 'user', readFrom: `${server.origin}/new.csv`, asOf: '2026-11-10', builds: 307 });
    expect(shown.buildList.bundled).toMatchObject({ asOf: '2026-08-11', builds: 305 });
    expect(shown.lifecycle.map((product: { product: string }) => product.product)).toEqual([
      'Exchange 2013',
      'Exchange 2016',
      'Exchange 2019',
      'Exchange Server SE',
    ]);
    expect(shown.checkCatalogue.version).toMatch(/^\d{4}\.\d{2}\.\d+$/);
    const hostile = await runCli(['catalogue'], { HYBRID_READINESS_CONFIG_DIR: join(scratch, 'odd\u001b]0;pwned\u0007name') });
    expect(hostile.code).toBe(0);
    expect(hostile.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(hostile.stdout).toContain('odd\u241b]0;pwned\u2407name');
    const table = await runCli(['catalogue'], { HYBRID_READINESS_CONFIG_DIR: empty });
    expect(table.stdout).toMatch(/in use +the bundled table, as of 2026-08-11 \(305 builds\)/);
    expect(table.stdout).toContain(`none at ${join(empty, 'exchange-builds.json')}`);
  });
});
