// `catalogue update` through the real CLI against a loopback HTTPS server with a per-run CA (test/support/
// build-list-server.ts): the real list, one with new builds, and every way a download goes wrong — truncated,
// garbage, an HTML page, a huge body, a renamed build, a build in the wrong product or CU, a redirect, a stall, an
// untrusted certificate. A bad download exits 2 with one line and leaves the catalogue already there byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';
import { runCli } from '../../src/cli.js';
import { liveCollectors } from '../../src/collectors/index.js';
import { type BuildListServer, type ConnectProxy, startBuildListServer, startConnectProxy } from '../support/build-list-server.js';

let server: BuildListServer;
let proxy: ConnectProxy;
let scratch: string;
let caFile: string;

beforeAll(async () => {
  [server, proxy] = await Promise.all([startBuildListServer(), startConnectProxy()]);
  scratch = mkdtempSync(join(tmpdir(), 'catalogue-update-'));
  caFile = join(scratch, 'ca.pem');
  writeFileSync(caFile, server.caPem);
});

afterAll(async () => {
  await Promise.all([server?.close(), proxy?.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

/** `hybrid-readiness <args>` in this process, with a configuration folder of the test's own and no proxy unless given. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const terminal = (sink: string[]) => ({ write: (text: string) => void sink.push(text), isTTY: false, columns: undefined });
  const configDir = env.HYBRID_READINESS_CONFIG_DIR ?? mkdtempSync(join(scratch, 'config-'));
  const code = await runCli(args, {
    io: {
      stdout: terminal(stdout),
      stderr: terminal(stderr),
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env, HYBRID_READINESS_CONFIG_DIR: configDir },
      cwd: scratch,
    },
    catalogue,
    collectors: liveCollectors,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join(''), configDir, catalogueFile: join(configDir, 'exchange-builds.json') };
}

const update = (path: string, ...more: string[]) => [
  'catalogue',
  'update',
  '--from',
  `${server.origin}${path}`,
  '--ca-file',
  caFile,
  ...more,
];

describe('catalogue update from a loopback HTTPS server', () => {
  it('writes the real list as the user catalogue: the bundled table again, with nothing new', async () => {
    const run = await cli(update('/real.csv'));
    expect(run.stderr).not.toMatch(/cannot/);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(run.catalogueFile, 'utf8'));
    expect(written).toMatchObject({ format: 'hybrid-readiness/exchange-build-catalogue', counts: { fromList: 225, keptFromBundled: 80 } });
    expect(written.source).toMatchObject({ readFrom: `${server.origin}/real.csv`, bytes: 48539 });
    expect(written.source.sha256).toBe('183638cdc2fbd7b1b39a129b34237a57c8d915309e06066ed46ffab00e7a6fb3');
    expect(written.rows).toHaveLength(305);
    expect(run.stdout).toContain('No change against the bundled table.');
    expect(run.stdout).toContain('80 of them are bundled builds the list lacks, kept');
  });

  it('reports new builds per product with the newest of each, and the catalogue names them', async () => {
    const run = await cli(update('/new.csv'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/New against the bundled table: Exchange 2016: 1 build, newest 15\.1\.2507\.78 CU23 Nov26SU \(2026-11-10\)/);
    expect(run.stdout).toMatch(/Exchange Server SE: 1 build, newest 15\.2\.2562\.61 RTM Nov26SU/);
    const shown = await cli(['catalogue', '--format', 'json'], { HYBRID_READINESS_CONFIG_DIR: run.configDir });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).buildList).toMatchObject({
      origin: 'user',
      readFrom: `${server.origin}/new.csv`,
      asOf: '2026-11-10',
      builds: 307,
      loadedFrom: run.catalogueFile,
      userCatalogue: { state: 'used' },
    });
  });

  it('accepts a renamed build and says so (Microsoft names it), measured against the catalogue there before', async () => {
    const first = await cli(update('/real.csv'));
    const run = await cli(update('/renamed.csv'), { HYBRID_READINESS_CONFIG_DIR: first.configDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Renamed: Exchange 2016 15.1.2507.72 was CU23 Aug26SU, is now CU23 Sep26SU.');
    expect(run.stdout).not.toContain('New against');
    const rows = JSON.parse(readFileSync(run.catalogueFile, 'utf8')).rows as { build: string; name: string }[];
    expect(rows.find((row) => row.build === '15.1.2507.72')?.name).toBe('CU23 Sep26SU');
  });

  it('goes through HTTPS_PROXY when one is set', async () => {
    const before = proxy.tunnels.length;
    const run = await cli(update('/real.csv'), { HTTPS_PROXY: proxy.url });
    expect(run.code).toBe(0);
    expect(proxy.tunnels.slice(before)).toEqual([`CONNECT ${server.origin.replace('https://', '')}`]);
  });

  it.each([
    ['/truncated-transfer.csv', /arrived shorter than the server announced|closed before the whole file arrived/],
    ['/truncated-row.csv', /line 341: "15\.2\.25" is not a four-part build number/],
    ['/garbage', /not UTF-8 text|not readable CSV|first line is not the header/],
    ['/error.html', /markup \(an HTML error page\?\), not CSV/],
    ['/missing.csv', /answered HTTP 404, not the file/],
    ['/huge.csv', /larger than 2097152 bytes/],
    [
      '/wrong-product.csv',
      /15\.1\.2507\.72 is a Exchange 2016 build, but the row names Exchange 2019 \(a build number never changes product\)/,
    ],
    ['/wrong-cu.csv', /15\.1\.2507\.72 is named Exchange 2016 CU22 Aug26SU, but CU22 of Exchange 2016 is 15\.1\.2375/],
    ['/redirect', /answered HTTP 302 pointing at https:\/\/127\.0\.0\.1:\d+\/real\.csv; redirects are not followed/],
  ])('refuses %s in one line, exit 2, leaving the catalogue there untouched', async (path, reason) => {
    const first = await cli(update('/new.csv'));
    const before = readFileSync(first.catalogueFile);
    const requestsBefore = server.requests.length;
    const run = await cli(update(path), { HYBRID_READINESS_CONFIG_DIR: first.configDir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('hybrid-readiness: cannot'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`cannot update the build catalogue from ${server.origin}${path}: `);
    expect(errors[0]).toMatch(reason);
    expect(errors[0]).toMatch(/; nothing was changed$/);
    expect(readFileSync(first.catalogueFile)).toEqual(before);
    expect(server.requests.slice(requestsBefore), 'one request, no redirect followed').toEqual([path]);
  });

  it('gives up on a server that stalls, within the --timeout', async () => {
    const started = Date.now();
    const run = await cli(update('/slow', '--timeout', '800'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did not answer in full within 800 ms|the body stopped arriving|no answer arrived in time/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('verifies TLS: without the lab CA the certificate is not trusted and nothing is written', async () => {
    const run = await cli(['catalogue', 'update', '--from', `${server.origin}/real.csv`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/certificate is not signed by a trusted authority|untrusted root/);
    expect(() => readFileSync(run.catalogueFile)).toThrow();
  });

  it('refuses plain http:// before any connection', async () => {
    const run = await cli(['catalogue', 'update', '--from', 'http://127.0.0.1:9/list.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--from: expected a URL starting with https:\/\//);
  });

  it('reads a local file with --from and writes where -o says', async () => {
    const list = join(scratch, 'ExchangeBuildNumbers.csv');
    writeFileSync(list, readFileSync(new URL('../vectors/microsoft/ExchangeBuildNumbers.csv', import.meta.url)));
    const run = await cli(['catalogue', 'update', '--from', list, '-o', 'mine.json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(scratch, 'mine.json'), 'utf8')).source.readFrom).toBe(list);
    expect(() => readFileSync(run.catalogueFile), 'the configuration folder is left alone with -o').toThrow();
  });
});
