// End-to-end through the CLI with live LDAP: `assess --ldap-url … --bind-dn … --bind-password-env …` against a slapd
// holding a bundled scenario's directory gives that scenario's directory-check statuses; each LDAP fault ends in
// exit 2 with the cause and the fix in the report, no stack trace, and the password nowhere.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import type { DirectoryArtifacts } from '../../src/lab/scenario-directory.js';
import { Report } from '../../src/report/report.js';
import { assertBuilt, runCli } from '../support/run-cli.js';
import { directoryFromArtifacts } from '../support/scenario-directory.js';
import { freePort, type RunningSlapd, startSlapd } from '../support/slapd.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = `Ldap-${Math.random().toString(36).slice(2)}-CANARY`;
const DIRECTORY_CHECKS = [
  'exchange-2016-cu3',
  'mailbox-database-placement',
  'prepare-ad-cu3',
  'hybrid-oauth-configuration',
  'exchange-support-lifecycle',
];

interface Served {
  slapd: RunningSlapd;
  bindDn: string;
  mailboxes: string[];
  expected: Record<string, string>;
}

let scratch: string;
let ca: CertificateAuthority;
let caFile: string;
const served = new Map<string, Served>();

async function serve(scenario: string): Promise<Served> {
  const dir = join(root, 'fixtures', 'scenarios', scenario);
  const inventory = parseInventory(readFileSync(join(dir, 'inventory.json'), 'utf8'), `${scenario}/inventory.json`);
  const directory = directoryFromArtifacts(inventory.artifacts as DirectoryArtifacts, PASSWORD);
  const leaf = await ca.issue({ names: ['127.0.0.1'] });
  const slapd = await startSlapd({
    suffix: directory.suffix,
    ldif: directory.ldif,
    rootDse: directory.rootDse,
    tls: { ...leaf, ca: ca.cert },
  });
  const statuses = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { statuses: Record<string, string> }).statuses;
  const expected = Object.fromEntries(DIRECTORY_CHECKS.map((id) => [id, statuses[id] ?? 'missing']));
  const entry = { slapd, bindDn: directory.bindDn, mailboxes: inventory.target.mailboxes, expected };
  served.set(scenario, entry);
  return entry;
}

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-ldap-e2e-'));
  ca = await createCertificateAuthority('ldap e2e CA');
  caFile = join(scratch, 'ca.pem');
  await writeFile(caFile, ca.cert);
  await serve('ready');
  await serve('exchange-2016-cu2');
});

afterAll(async () => {
  for (const { slapd } of served.values()) await slapd.stop();
  await rm(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  report: Report;
  inventory: string;
}

async function assess(
  ldapUrl: string,
  options: { bindDn: string; password?: string; caFile?: string | null; mailboxes?: string[]; timeout?: number },
): Promise<Run> {
  const dir = await mkdtemp(join(scratch, 'run-'));
  const env = { NO_COLOR: '1', HR_LDAP_PASSWORD: options.password ?? PASSWORD };
  const args = ['assess', '--ldap-url', ldapUrl, '--bind-dn', options.bindDn, '--bind-password-env', 'HR_LDAP_PASSWORD'];
  if (options.caFile !== null) args.push('--ca-file', options.caFile ?? caFile);
  for (const mailbox of options.mailboxes ?? []) args.push('--mailbox', mailbox);
  args.push('--only', DIRECTORY_CHECKS.join(','), '--timeout', String(options.timeout ?? 4000));
  args.push('--format', 'json', '--output', `json=${join(dir, 'report.json')}`, '--save-inventory', join(dir, 'inventory.json'));
  const { code, stdout, stderr } = await runCli(args, env);
  const reportText = await readFile(join(dir, 'report.json'), 'utf8');
  const inventory = await readFile(join(dir, 'inventory.json'), 'utf8');
  for (const text of [stdout, stderr, reportText, inventory]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('CANARY');
  }
  expect(stderr, 'no stack trace without --debug').not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  return { code, stdout, stderr, report: Report.parse(JSON.parse(reportText)), inventory };
}

function statuses(run: Run): Record<string, string> {
  return Object.fromEntries(
    run.report.results.filter((result) => DIRECTORY_CHECKS.includes(result.id)).map((result) => [result.id, result.status]),
  );
}

describe('assess with live LDAP', () => {
  it.each([
    ['ready', 0],
    ['exchange-2016-cu2', 1],
  ] as const)('%s: the directory checks reach expected.json over LDAPS and StartTLS', async (scenario, exitCode) => {
    const { slapd, bindDn, mailboxes, expected } = served.get(scenario)!;
    for (const url of [slapd.ldapsUrl!, slapd.ldapUrl]) {
      const run = await assess(url, { bindDn, mailboxes });
      expect(statuses(run), `${scenario} via ${url}; stderr:\n${run.stderr}`).toEqual(expected);
      expect(run.code).toBe(exitCode);
      const saved = parseInventory(run.inventory, 'inventory.json');
      expect(saved.artifacts.ExchangeServers?.servers.length).toBeGreaterThan(0);
      expect(saved.target.ldapUrl).toBe(url);
    }
  });
});

describe('LDAP faults through the CLI: exit 2, the cause and the fix in the report', () => {
  async function expectFault(run: Run, pattern: RegExp) {
    expect(run.code).toBe(2);
    expect(run.report.verdict).toBe('incomplete');
    const errored = run.report.results.filter((result) => result.status === 'error');
    expect(errored.map((result) => result.id).sort()).toEqual([...DIRECTORY_CHECKS].sort());
    for (const result of errored) expect(JSON.stringify(result)).toMatch(pattern);
  }

  it('wrong password', async () => {
    const { slapd, bindDn } = served.get('ready')!;
    await expectFault(
      await assess(slapd.ldapsUrl!, { bindDn, password: 'wrong-password' }),
      /rejected the bind .*invalid credentials.*HR_LDAP_PASSWORD/,
    );
  });

  it('refused port', async () => {
    const { bindDn } = served.get('ready')!;
    await expectFault(
      await assess(`ldaps://127.0.0.1:${await freePort()}`, { bindDn }),
      /refused the connection \(ECONNREFUSED\)\. Check the host and port in --ldap-url/,
    );
  });

  it('untrusted certificate (no --ca-file)', async () => {
    const { slapd, bindDn } = served.get('ready')!;
    await expectFault(await assess(slapd.ldapsUrl!, { bindDn, caFile: null }), /is not trusted .*--ca-file/);
  });

  it('a port that accepts and never answers', async () => {
    const { bindDn } = served.get('ready')!;
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      await expectFault(await assess(`ldap://127.0.0.1:${port}`, { bindDn, timeout: 500 }), /did not answer .*within 500 ms \(--timeout\)/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
