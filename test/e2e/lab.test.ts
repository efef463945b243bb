// The loopback lab end to end. For every bundled scenario, `assess` collecting live from the lab (LDAP, DNS, HTTPS
// and Graph over real protocols on 127.0.0.x) must reach the verdict, exit code and per-check statuses of the
// scenario's saved inventory — which keeps the fixtures honest — and the directory must give back the scenario's
// Active Directory artifacts. Then the commands a user runs: `demo` (default, `ready`, `--list`) and `lab start`,
// whose printed command, run as printed, must produce the demo's report.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { catalogue } from '../../checks/index.js';
import type { RequirementSelection } from '../../checks/requirement-sets.js';
import { runCli } from '../../src/cli.js';
import { dnKey } from '../../src/clients/ldap-escape.js';
import { liveCollectors } from '../../src/collectors/index.js';
import { LDAP_ARTIFACTS } from '../../src/collectors/ldap/index.js';
import { parseInventory } from '../../src/inventory/load.js';
import { startLab } from '../../src/lab/lab.js';
import { directoryArtifacts } from '../../src/lab/scenarios/artifacts.js';
import { DEFAULT_DEMO_SCENARIO, type ScenarioName, scenarioNames, scenarioSetup } from '../../src/lab/scenarios/catalogue.js';
import { LAB_NAMES } from '../../src/lab/scenarios/contoso.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/options.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { exitCodeOf, summarize } from '../../src/pipeline/summarize.js';
import { Report } from '../../src/report/report.js';
import { hangBound } from '../support/hang-bound.js';
import { assertBuilt, runCli as runBuiltCli } from '../support/run-cli.js';
import { checksOf, scenarioRequirements } from '../support/scenario-reports.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'hybrid-readiness.js');

let scratch: string;
beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-lab-e2e-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The saved inventory's report, as `assess --from-inventory [--requirements …]` makes it. */
function savedReport(name: string, requirements: RequirementSelection): Report {
  const file = join(root, 'fixtures', 'scenarios', name, 'inventory.json');
  const inventory = parseInventory(readFileSync(file, 'utf8'), file);
  const results = evaluate({ inventory, checks: checksOf(requirements), deselected: new Set(), options: DEFAULT_EVALUATION_OPTIONS });
  return summarize({
    inventory,
    results,
    options: DEFAULT_EVALUATION_OPTIONS,
    failOn: 'blocker',
    source: 'inventory',
    inventoryFile: file,
    requirements,
  });
}

function statuses(report: Report): Record<string, string> {
  return Object.fromEntries(report.results.map((result) => [result.id, result.status]));
}

/** DNs compared as AD compares them; lists as multisets (the collector sorts, the definitions need not). */
function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, canonical(item, name)]));
  return key === 'dn' && typeof value === 'string' ? dnKey(value) : value;
}

/** `hybrid-readiness <args>` in this process, through the real CLI and the real live collectors. */
async function cliInProcess(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const terminal = (sink: string[]) => ({ write: (text: string) => void sink.push(text), isTTY: false, columns: undefined });
  const code = await runCli(args, {
    io: { stdout: terminal(stdout), stderr: terminal(stderr), env: { ...process.env, NO_COLOR: '1', ...env }, cwd: root },
    catalogue,
    collectors: liveCollectors,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Each scenario under the set its expected.json names; two graph-rest ones also under all, for the hybrid set's error paths. */
const liveRuns: [ScenarioName, RequirementSelection][] = [
  ...scenarioNames.map((name): [ScenarioName, RequirementSelection] => [name, scenarioRequirements(name)]),
  ['ready', 'all'],
  ['ldap-bind-refused', 'all'],
];

describe.each(liveRuns)('scenario %s (--requirements %s), collected live from the lab', (name: ScenarioName, requirements) => {
  it('reaches the verdict, exit code and statuses of its saved inventory; the directory gives back its artifacts', async () => {
    const lab = await startLab(name);
    const inventoryFile = join(scratch, `${name}-${requirements}-inventory.json`);
    let run: Awaited<ReturnType<typeof cliInProcess>>;
    try {
      const set = requirements === 'graph-rest' ? [] : ['--requirements', requirements];
      run = await cliInProcess([...lab.assess.args, ...set, '--format', 'json', '--save-inventory', inventoryFile], lab.assess.env);
    } finally {
      await lab.close();
    }
    expect(existsSync(lab.folder), 'the lab removes its folder when it stops').toBe(false);

    const live = Report.parse(JSON.parse(run.stdout));
    const saved = savedReport(name, requirements);
    expect(live.provenance.source).toBe('live');
    expect(live.requirementSet).toBe(requirements);
    expect(statuses(live), `${name}: live statuses differ from the saved inventory's`).toEqual(statuses(saved));
    expect(live.verdict, live.verdictReason).toBe(saved.verdict);
    expect(run.code).toBe(exitCodeOf(saved, 'blocker'));

    const inventoryText = await readFile(inventoryFile, 'utf8');
    const inventory = parseInventory(inventoryText, inventoryFile);
    const setup = scenarioSetup(name, LAB_NAMES);
    // The directory artifacts the judged checks need, and whatever else the run collected of them.
    const collected = LDAP_ARTIFACTS.filter((artifact) => artifact in inventory.artifacts || artifact in inventory.artifactErrors);
    expect(collected.length).toBeGreaterThan(0);
    if (setup.ldap === 'bind-refused') {
      // The bind fails the whole LDAP collector: every directory artifact records why (AD's "data 52e").
      for (const artifact of collected) expect(inventory.artifactErrors[artifact]?.message, artifact).toMatch(/password is wrong/);
    } else {
      const expected = directoryArtifacts(setup);
      for (const artifact of collected) expect(canonical(inventory.artifacts[artifact]), artifact).toEqual(canonical(expected[artifact]));
    }
    for (const secret of Object.values(lab.assess.env)) {
      for (const text of [run.stdout, run.stderr, inventoryText]) expect(text).not.toContain(secret);
    }
  });
});

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  millis: number;
}

async function hybridReadiness(args: string[], env: Record<string, string> = {}): Promise<Spawned> {
  const started = Date.now();
  const run = await runBuiltCli(args, { NO_COLOR: '1', ...env });
  return { ...run, millis: Date.now() - started };
}

describe('hybrid-readiness demo', () => {
  it('without a scenario: a not-ready organization with evidence, and the command it ran', async () => {
    const demo = await hybridReadiness(['demo']);
    expect(demo.code, demo.stderr).toBe(1);
    // It ends; how fast is bench/cold-start.ts's business (a timed test fails on a busy machine, not on a slow demo).
    expect(demo.millis).toBeLessThan(hangBound(DEFAULT_TIMEOUT_MS));
    expect(demo.stdout).toMatch(/Verdict: NOT READY/);
    expect(demo.stdout).toContain('EX13-01');
    expect(demo.stderr).toContain(`scenario ${DEFAULT_DEMO_SCENARIO}`);
    for (const flag of [
      'npx hybrid-readiness assess',
      '--treat-as-public 127.0.0.0/25',
      '--resolver 127.0.0.53:',
      '--ca-file ',
      '--graph-url https://',
      '--bind-password-env LAB_BIND_PASSWORD',
    ]) {
      expect(demo.stderr).toContain(flag);
    }
  });

  it('--format json: the failures of the mid-migration scenario', async () => {
    const demo = await hybridReadiness(['demo', '--format', 'json', '--quiet']);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toBe('');
    const report = Report.parse(JSON.parse(demo.stdout));
    expect(report.verdict).toBe('not-ready');
    const failed = report.results.filter((result) => result.status === 'fail').map((result) => result.id);
    expect(failed).toEqual([
      'mailbox-database-placement',
      'directory-sync',
      'load-balancer-2013-free',
      'hybrid-oauth-configuration',
      'exchange-support-lifecycle',
    ]);
  });

  it('hybrid-dedicated-app --requirements hybrid exits 0, hybrid-shared-app exits 1; without the flag a hybrid scenario is judged on graph-rest', async () => {
    const dedicated = await hybridReadiness(['demo', 'hybrid-dedicated-app', '--requirements', 'hybrid', '--format', 'json', '--quiet']);
    expect(dedicated.code, dedicated.stderr).toBe(0);
    const ready = Report.parse(JSON.parse(dedicated.stdout));
    expect(ready.requirementSet).toBe('hybrid');
    expect(ready.results.map((result) => [result.id, result.status])).toEqual([
      ['hybrid-app-dedicated', 'pass'],
      ['hybrid-app-credentials', 'pass'],
      ['shared-service-principal-clean', 'pass'],
      ['ews-oauth-reachable', 'pass'],
      ['transport-enforcement-baseline', 'pass'],
    ]);
    const shared = await hybridReadiness(['demo', 'hybrid-shared-app', '--requirements', 'hybrid']);
    expect(shared.code, shared.stderr).toBe(1);
    expect(shared.stdout).toMatch(/Verdict: NOT READY/);
    expect(shared.stdout).toContain('ResetFirstPartyServicePrincipalKeyCredentials');
    const plain = await hybridReadiness(['demo', 'hybrid-dedicated-app', '--format', 'json', '--quiet']);
    expect(Report.parse(JSON.parse(plain.stdout)).results.map((result) => result.id)).toEqual(
      checksOf('graph-rest').map((check) => check.id),
    );
  });

  it('ready exits 0', async () => {
    const demo = await hybridReadiness(['demo', 'ready', '--format', 'json']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(Report.parse(JSON.parse(demo.stdout)).verdict).toBe('ready');
  });

  it('--list names every scenario and the default; an unknown scenario is a usage error', async () => {
    const list = await hybridReadiness(['demo', '--list']);
    expect(list.code).toBe(0);
    for (const name of scenarioNames) expect(list.stdout).toContain(name);
    expect(list.stdout).toContain(`${DEFAULT_DEMO_SCENARIO} *`);
    const unknown = await hybridReadiness(['demo', 'contoso-perfect']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^hybrid-readiness: there is no scenario "contoso-perfect"; choose one of: .*ready/);
  });
});

/** Splits the printed command: `export NAME=value` lines and the `npx hybrid-readiness …` lines with `\` continuations. */
function parsePrinted(text: string): { env: Record<string, string>; args: string[] } {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z_]+)=(\S+)$/gm)) env[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1');
  const start = text.indexOf('npx hybrid-readiness ');
  const lines: string[] = [];
  for (const line of text.slice(start).split('\n')) {
    lines.push(line.replace(/\\$/, '').trim());
    if (!line.endsWith('\\')) break;
  }
  const words = lines.join(' ').match(/'[^']*'|\S+/g) ?? [];
  return { env, args: words.slice(2).map((word) => word.replace(/^'(.*)'$/, '$1')) };
}

function comparable(report: Report) {
  // Ports differ between two labs; the subjects name them.
  const unported = (text: string) => text.replace(/(127\.0\.0\.\d+):\d+/g, '$1:PORT');
  return {
    verdict: report.verdict,
    counts: report.counts,
    results: report.results.map((result) => ({
      id: result.id,
      status: result.status,
      findings: result.findings.map((finding) => ({
        subject: unported(`${finding.subject.kind}:${finding.subject.name}`),
        status: finding.status,
        messageId: finding.messageId,
      })),
    })),
  };
}

describe('hybrid-readiness lab start', () => {
  it('prints a command that, run in another terminal, produces the report `demo` produces; Ctrl-C stops it cleanly', async () => {
    const lab = spawn(process.execPath, [bin, 'lab', 'start', DEFAULT_DEMO_SCENARIO, '--shell', 'posix'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let printed = '';
    let stderr = '';
    lab.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => lab.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        lab.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          if (printed.includes('Press Ctrl-C')) resolve();
        });
        void exited.then((code) => reject(new Error(`lab start exited (${code}) before printing the command: ${stderr}`)));
      });
      const { env, args } = parsePrinted(printed);
      expect(Object.keys(env).sort()).toEqual(['LAB_BIND_PASSWORD', 'LAB_CLIENT_SECRET']);
      expect(args[0]).toBe('assess');
      const byHand = await hybridReadiness([...args, '--format', 'json'], env);
      const demo = await hybridReadiness(['demo', DEFAULT_DEMO_SCENARIO, '--format', 'json']);
      expect(byHand.code, byHand.stderr).toBe(demo.code);
      expect(comparable(Report.parse(JSON.parse(byHand.stdout)))).toEqual(comparable(Report.parse(JSON.parse(demo.stdout))));
      for (const value of Object.values(env)) expect(byHand.stdout + byHand.stderr).not.toContain(value);
      const folder = /--ca-file (\S+)\/lab-ca\.pem/.exec(printed)?.[1];
      expect(folder && existsSync(folder)).toBe(true);
      lab.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(existsSync(folder!), 'the lab removes its folder when stopped').toBe(false);
    } finally {
      lab.kill('SIGKILL');
    }
  });
});
