// End-to-end: spawn the built binary (`npm test` builds dist/ first) and assert exit codes and output.
// Every address used here is on loopback; replays touch no network at all.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inventory } from '../../src/inventory/inventory.js';
import { Report } from '../../src/report/report.js';
import { assertBuilt, oneLine, runCli as run } from '../support/run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const inventories = fileURLToPath(new URL('./inventories/', import.meta.url));
const inventory = (name: string) => join(inventories, `${name}.json`);

const ANSI = /\u001b\[/;
const STACK_FRAME = /^\s+at /m;

let scratch: string;

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-e2e-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('help, version and the catalogue', () => {
  it('--help and --version exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('assess [options]');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('`help <command>` shows the same help as `<command> --help`, nested commands included, and refuses unknown ones', async () => {
    for (const path of [['assess'], ['lab', 'start'], ['demo'], ['catalogue', 'update']]) {
      const viaHelp = await run(['help', ...path]);
      const viaFlag = await run([...path, '--help']);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stdout).toContain(`Usage: hybrid-readiness ${path.join(' ')}`);
    }
    const unknown = await run(['help', 'asess']);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toBe(
      "hybrid-readiness: there is no command 'asess'; choose one of: assess, collect, import-ems, checks, catalogue, report, diff, demo, lab",
    );
  });

  it('checks --format json lists id, severity, requirement with source, and title', async () => {
    const result = await run(['checks', '--format', 'json']);
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as {
      id: string;
      severity: string;
      title: string;
      requirementSet: string;
      requirement: { id: string | null; sources: { url: string }[] };
    }[];
    const cu3 = entries.find((entry) => entry.id === 'exchange-2016-cu3');
    expect(cu3).toMatchObject({ severity: 'blocker', requirementSet: 'graph-rest', requirement: { id: 'R2' } });
    expect(entries.filter((entry) => entry.requirementSet === 'graph-rest')).toHaveLength(13);
    expect(entries.filter((entry) => entry.requirementSet === 'hybrid').map((entry) => [entry.id, entry.requirement.id])).toEqual([
      ['hybrid-app-dedicated', 'H1'],
      ['hybrid-app-credentials', 'H2'],
      ['shared-service-principal-clean', 'H3'],
      ['ews-oauth-reachable', 'H4'],
      ['transport-enforcement-baseline', 'H5'],
    ]);
    expect(cu3?.title.length).toBeGreaterThan(5);
    for (const entry of entries) expect(entry.requirement.sources[0]?.url).toMatch(/^https:\/\//);
  });

  it('checks prints a plain table when piped', async () => {
    const result = await run(['checks']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/│ exchange-2016-cu3\s+│ graph-rest\s+│ blocker\s+│ R2/);
    expect(result.stdout).toMatch(/│ hybrid-app-dedicated\s+│ hybrid\s+│ blocker\s+│ H1/);
    expect(result.stdout).not.toMatch(ANSI);
  });
});

describe('usage errors: one line, exit 2, no stack', () => {
  it('a mistyped flag names it, suggests the right one and the help', async () => {
    const result = await run(['assess', '--formt', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toBe(
      "hybrid-readiness: unknown option '--formt' (did you mean --format?); see `hybrid-readiness assess --help`",
    );
  });

  it('an unknown command suggests the right one', async () => {
    const result = await run(['asess']);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/unknown command 'asess' \(did you mean assess\?\)/);
    const early = await run(['--quiet', 'checks']);
    expect(early.code).toBe(2);
    expect(oneLine(early.stderr)).toBe(
      "hybrid-readiness: option '--quiet' belongs after the command, e.g. `hybrid-readiness checks --quiet`",
    );
  });

  it('a secret flag does not exist, does not echo the value, and points to the -env flag', async () => {
    const result = await run(['assess', '--bind-password=hunter2-e2e-typed']);
    expect(result.code).toBe(2);
    const line = oneLine(result.stderr);
    expect(line).toContain('--bind-password-env');
    expect(line).not.toContain('hunter2-e2e-typed');
  });

  it('a missing argument says how to call the command', async () => {
    const result = await run(['report']);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/missing required argument 'file'; usage: hybrid-readiness report/);
  });

  it('bad values name the flag', async () => {
    for (const [args, pattern] of [
      [['--max-sync-age', '2x'], /--max-sync-age: expected a duration such as 90m/],
      [['--fail-on', 'advice'], /--fail-on: expected one of the levels: blocker, warning/],
      [['--format', 'pdf'], /--format: expected a format: table, json, markdown, html, junit, sarif; got "pdf"/],
      [['--output', 'json'], /--output: expected FORMAT=PATH/],
    ] as const) {
      const result = await run(['assess', '--from-inventory', inventory('servers-cu23'), ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(oneLine(result.stderr)).toMatch(pattern);
    }
    // A collection flag is checked before anything is collected (the LDAP URL is a closed loopback port anyway).
    const live = await run([
      'assess',
      '--only',
      'exchange-2016-cu3',
      '--ldap-url',
      'ldaps://127.0.0.1:1',
      '--treat-as-public',
      '127.0.0.1',
    ]);
    expect(live.code).toBe(2);
    expect(oneLine(live.stderr)).toMatch(/--treat-as-public: expected an address range in CIDR notation/);
  });

  it('--only and --skip: unknown ids list the valid ones; both together are refused', async () => {
    const unknown = await run(['assess', '--from-inventory', inventory('servers-cu23'), '--only', 'exchange-2016-cu4']);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toMatch(/--only: unknown check id exchange-2016-cu4; valid ids: .*exchange-2016-cu3/);
    const both = await run([
      'assess',
      '--from-inventory',
      inventory('servers-cu23'),
      '--only',
      'exchange-2016-cu3',
      '--skip',
      'exchange-2016-cu3',
    ]);
    expect(both.code).toBe(2);
    expect(oneLine(both.stderr)).toMatch(/--only and --skip cannot be combined/);
  });

  it('collection flags next to --from-inventory are refused rather than ignored', async () => {
    const result = await run(['assess', '--from-inventory', inventory('servers-cu23'), '--ldap-url', 'ldaps://127.0.0.1:1']);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/--ldap-url cannot be combined with --from-inventory/);
  });
});

describe('bad inventories', () => {
  it('a missing file: one line, and the stack only with --debug', async () => {
    const missing = join(scratch, 'nope.json');
    const plain = await run(['assess', '--from-inventory', missing]);
    expect(plain.code).toBe(2);
    expect(oneLine(plain.stderr)).toBe(
      `hybrid-readiness: cannot read inventory ${missing}: no such file; pass the file written by \`hybrid-readiness collect\``,
    );
    expect(plain.stderr).not.toMatch(STACK_FRAME);
    const debug = await run(['assess', '--from-inventory', missing, '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr.split('\n')[0]).toContain('cannot read inventory');
    expect(debug.stderr).toMatch(STACK_FRAME);
    expect(debug.stderr).toContain('ENOENT');
  });

  it('invalid JSON', async () => {
    const result = await run(['assess', '--from-inventory', inventory('not-json')]);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/inventory .*not-json\.json is not valid JSON/);
  });

  it('a wrong type names the JSON path', async () => {
    const result = await run(['assess', '--from-inventory', inventory('wrong-type')]);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/is invalid at artifacts\.ExchangeServers\.servers\[0\]\.build: expected string \(got number\)/);
  });

  it('an unknown schemaVersion says which versions are read', async () => {
    const result = await run(['assess', '--from-inventory', inventory('future-version')]);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/has schemaVersion 99; this version of hybrid-readiness reads schemaVersion 1, 2$/);
  });
});

describe('assess: verdicts and exit codes', () => {
  const assessJson = async (name: string, ...args: string[]) => {
    const result = await run(['assess', '--from-inventory', inventory(name), '--format', 'json', ...args]);
    return { ...result, report: result.stdout ? Report.parse(JSON.parse(result.stdout)) : null };
  };

  it('0 when ready', async () => {
    const { code, report } = await assessJson('servers-cu23', '--only', 'exchange-2016-cu3');
    expect(report?.verdict).toBe('ready');
    expect(code).toBe(0);
  });

  it('1 when a blocker fails, with evidence and remediation', async () => {
    const { code, report } = await assessJson('servers-cu2', '--only', 'exchange-2016-cu3');
    expect(code).toBe(1);
    expect(report?.verdict).toBe('not-ready');
    const result = report?.results.find((entry) => entry.id === 'exchange-2016-cu3');
    expect(result?.status).toBe('fail');
    expect(result?.remediation?.summary.length).toBeGreaterThan(10);
    expect(JSON.stringify(result?.findings)).toContain('15.1.466.34');
  });

  it('2 when an artifact could not be collected: that check ends error and the verdict is incomplete', async () => {
    const { code, report } = await assessJson('servers-not-collected', '--only', 'exchange-2016-cu3');
    expect(code).toBe(2);
    expect(report?.verdict).toBe('incomplete');
    const result = report?.results.find((entry) => entry.id === 'exchange-2016-cu3');
    expect(result?.status).toBe('error');
    expect(result?.reason).toContain('ExchangeServers could not be collected: LDAP bind to ldaps://dc01.contoso.com was refused');
  });

  it('a schemaVersion 1 inventory still loads; judged under --requirements hybrid, the facts it lacks make the checks error', async () => {
    const { code, report } = await assessJson('servers-cu23', '--requirements', 'hybrid');
    expect(code).toBe(2);
    expect(report?.requirementSet).toBe('hybrid');
    expect(report?.results.map((entry) => entry.id)).toEqual([
      'hybrid-app-dedicated',
      'hybrid-app-credentials',
      'shared-service-principal-clean',
      'ews-oauth-reachable',
      'transport-enforcement-baseline',
    ]);
    expect(report?.results.find((entry) => entry.id === 'hybrid-app-dedicated')?.status).toBe('error');
    // ExchangeServers is in a v1 inventory too: that check judges it (these builds predate the October 2025 SU).
    expect(report?.results.find((entry) => entry.id === 'transport-enforcement-baseline')?.status).toBe('warn');
  });

  it('--only with a check of a set that is not judged is a one-line usage error naming the set', async () => {
    const result = await run(['assess', '--from-inventory', inventory('servers-cu23'), '--only', 'hybrid-app-dedicated']);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toBe(
      'hybrid-readiness: --only: hybrid-app-dedicated (set hybrid) is not in the requirement set judged (--requirements graph-rest); add --requirements hybrid or --requirements all',
    );
  });

  it('--fail-on warning turns a failed warning check into exit 1 (bundled scenario)', async () => {
    const scenario = join(root, 'fixtures', 'scenarios', 'intra-org-connector-disabled', 'inventory.json');
    const args = ['assess', '--from-inventory', scenario, '--only', 'hybrid-oauth-configuration', '--format', 'json'];
    const lenient = await run(args);
    expect(Report.parse(JSON.parse(lenient.stdout)).results.find((entry) => entry.id === 'hybrid-oauth-configuration')?.status).toBe(
      'fail',
    );
    expect(lenient.code).toBe(0);
    expect((await run([...args, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('--only and --skip deselect checks, which appear as skipped', async () => {
    const only = await assessJson('servers-cu2', '--only', 'exchange-2016-cu3');
    expect(only.report?.results.filter((entry) => entry.status === 'skipped').map((entry) => entry.id)).not.toContain('exchange-2016-cu3');
    expect(only.report?.results.filter((entry) => entry.id !== 'exchange-2016-cu3').every((entry) => entry.status === 'skipped')).toBe(
      true,
    );
    const skip = await assessJson('servers-cu2', '--skip', 'exchange-2016-cu3');
    expect(skip.report?.results.find((entry) => entry.id === 'exchange-2016-cu3')?.status).toBe('skipped');
  });

  it('--output json=PATH writes the report while stdout keeps the table; several --format print in order', async () => {
    const path = join(scratch, 'report.json');
    const result = await run([
      'assess',
      '--from-inventory',
      inventory('servers-cu2'),
      '--only',
      'exchange-2016-cu3',
      '--output',
      `json=${path}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.startsWith('Verdict: NOT READY')).toBe(true);
    const saved = Report.parse(JSON.parse(await readFile(path, 'utf8')));
    expect(saved.verdict).toBe('not-ready');
    expect(saved.provenance.inventoryFile).toBe(inventory('servers-cu2'));

    const both = await run([
      'assess',
      '--from-inventory',
      inventory('servers-cu2'),
      '--only',
      'exchange-2016-cu3',
      '--format',
      'json',
      '--format',
      'table',
    ]);
    expect(both.stdout.startsWith('{')).toBe(true);
    expect(both.stdout.indexOf('Verdict: NOT READY')).toBeGreaterThan(both.stdout.indexOf('"verdict"'));
  });

  it('report FILE re-renders a saved report; a broken one is refused naming the JSON path', async () => {
    const path = join(scratch, 'saved.json');
    await run(['assess', '--from-inventory', inventory('servers-cu2'), '--only', 'exchange-2016-cu3', '--output', `json=${path}`]);
    const table = await run(['report', path, '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout.startsWith('Verdict: NOT READY')).toBe(true);
    expect(table.stdout).toContain('FAIL exchange-2016-cu3');

    const broken = JSON.parse(await readFile(path, 'utf8'));
    broken.results[0].status = 'failed';
    await writeFile(path, JSON.stringify(broken));
    const refused = await run(['report', path]);
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toMatch(/report .*saved\.json is invalid at results\[0\]\.status: expected one of "pass", "fail"/);
  });

  it('--redact replaces names in every output but keeps the verdict', async () => {
    const path = join(scratch, 'redacted.json');
    const result = await run(['assess', '--from-inventory', inventory('servers-cu2'), '--redact', '--output', `json=${path}`]);
    expect(result.code).toBe(1);
    const saved = await readFile(path, 'utf8');
    for (const text of [result.stdout, saved]) {
      expect(text).not.toMatch(/contoso|EX02/i);
      expect(text).toContain('server-2');
    }
    expect(Report.parse(JSON.parse(saved)).notices.map((notice) => notice.id)).toContain('redacted');
  });

  it('no ANSI codes when piped or with NO_COLOR; FORCE_COLOR colours unless --no-color', async () => {
    const args = ['assess', '--from-inventory', inventory('servers-cu2'), '--only', 'exchange-2016-cu3'];
    expect((await run(args)).stdout).not.toMatch(ANSI);
    expect((await run(args, { NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
    expect((await run(args, { FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
    expect((await run([...args, '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toMatch(ANSI);
  });
});

describe('config file', () => {
  it('YAML carries options; flags win; paths are relative to the file', async () => {
    const dir = await mkdtemp(join(scratch, 'config-'));
    await writeFile(join(dir, 'inventory.json'), await readFile(inventory('servers-cu2'), 'utf8'));
    await writeFile(
      join(dir, 'hr.yaml'),
      ['fromInventory: inventory.json', 'only: [mailbox-database-placement]', 'failOn: warning', 'maxSyncAge: 90m', 'formats: [json]'].join(
        '\n',
      ),
    );
    const result = await run(['assess', '--config', join(dir, 'hr.yaml'), '--only', 'exchange-2016-cu3']);
    expect(result.code).toBe(1);
    const report = Report.parse(JSON.parse(result.stdout));
    expect(report.results.find((entry) => entry.id === 'exchange-2016-cu3')?.status).toBe('fail');
    expect(report.results.find((entry) => entry.id === 'mailbox-database-placement')?.status).toBe('skipped');
    expect(report.provenance.evaluation).toEqual({ maxSyncAgeMinutes: 90, failOn: 'warning' });
  });

  it('a bad key is named on one line', async () => {
    const path = join(scratch, 'bad.yaml');
    await writeFile(path, 'namespace: mail.contoso.com\n');
    const result = await run(['assess', '--config', path]);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/config .*bad\.yaml: \(top level\): unknown field "namespace" \(did you mean "namespaces"\?\)/);
  });
});

describe('live collection and secrets', () => {
  const SECRET = 'hr-e2e-Secret-7c1f9a2b4d';
  // Only loopback: the LDAP URL points at a closed port on 127.0.0.1 and only an AD-backed check is selected.
  const live = [
    '--only',
    'exchange-2016-cu3',
    '--ldap-url',
    'ldaps://127.0.0.1:1',
    '--bind-dn',
    'CN=svc,DC=contoso,DC=test',
    '--bind-password-env',
    'HR_E2E_BIND',
    '--timeout',
    '2000',
  ];

  it('a secret read from the environment never appears in any output or file', async () => {
    const saved = join(scratch, 'live-inventory.json');
    const report = join(scratch, 'live-report.json');
    const result = await run(
      ['assess', ...live, '--format', 'json', '--format', 'table', '--save-inventory', saved, '--output', `json=${report}`, '--debug'],
      {
        HR_E2E_BIND: SECRET,
      },
    );
    expect(result.code).toBe(2); // nothing answers on 127.0.0.1:1, so the blocker cannot be evaluated
    expect(Report.parse(JSON.parse(result.stdout.slice(0, result.stdout.indexOf('\n}\n') + 3))).verdict).toBe('incomplete');
    const everything = [result.stdout, result.stderr, await readFile(saved, 'utf8'), await readFile(report, 'utf8')].join('\n');
    expect(everything).not.toContain(SECRET);
    const savedInventory = Inventory.parse(JSON.parse(await readFile(saved, 'utf8')));
    expect(savedInventory.settings).toMatchObject({ mode: 'live', bindPasswordEnv: 'HR_E2E_BIND' });
    expect(savedInventory.artifactErrors.ExchangeServers?.message.length).toBeGreaterThan(10);
  });

  it('a missing secret variable is named', async () => {
    const result = await run(['assess', ...live]);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toBe(
      'hybrid-readiness: environment variable HR_E2E_BIND (named by --bind-password-env) is not set or is empty; set it before running',
    );
  });

  it('collect writes the inventory (exit 2 when an artifact failed) and assess replays it', async () => {
    const path = join(scratch, 'collected.json');
    const collected = await run(['collect', ...live, '-o', path, '--quiet'], { HR_E2E_BIND: SECRET });
    expect(collected.code).toBe(2);
    expect(oneLine(collected.stderr)).toMatch(/^hybrid-readiness: ExchangeServers could not be collected: /);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(Inventory.parse(JSON.parse(text)).target.ldapUrl).toBe('ldaps://127.0.0.1:1');
    const replay = await run(['assess', '--from-inventory', path, '--only', 'exchange-2016-cu3', '--format', 'json']);
    expect(replay.code).toBe(2);
    expect(Report.parse(JSON.parse(replay.stdout)).results.find((entry) => entry.id === 'exchange-2016-cu3')?.status).toBe('error');
  });
});
