// End-to-end through the CLI: `assess --only directory-sync` with app-only Graph access against the loopback
// Graph + login lab, for each directory-sync situation and each credential kind. The recognisable secret (and the
// tokens) must appear nowhere: stdout, stderr with --debug, the JSON report file, the saved inventory.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppCertificate } from '../../src/lab/app-certificate.js';
import type { GraphLabScenarioInput } from '../../src/lab/graph-scenario.js';
import { type GraphLabServer, startGraphLabServer } from '../../src/lab/graph-server.js';
import { Report } from '../../src/report/report.js';
import { CLIENT_ID, LOW_PRIVILEGE_CLIENT_ID, SECRET, SYNCED_MAILBOX, scenario, TENANT_ID } from '../support/graph-lab.js';
import { assertBuilt, runCli } from '../support/run-cli.js';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report: Report;
  inventory: string;
  lab: GraphLabServer;
}

let scratch: string;
const labs: GraphLabServer[] = [];

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-graph-e2e-'));
});
afterEach(async () => {
  await Promise.all(labs.splice(0).map((lab) => lab.close()));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

type Credential = { kind: 'secret'; clientId?: string } | { kind: 'certificate'; pem: string } | { kind: 'token'; roles: string[] };

async function assess(
  labScenario: GraphLabScenarioInput,
  credential: Credential = { kind: 'secret' },
  extraSecrets: string[] = [],
): Promise<CliRun> {
  const lab = await startGraphLabServer(labScenario);
  labs.push(lab);
  const dir = await mkdtemp(join(scratch, 'run-'));
  const caFile = join(dir, 'lab-ca.pem');
  await writeFile(caFile, lab.caPem);
  const env: Record<string, string> = { NO_COLOR: '1' };
  const args = [
    'assess',
    '--only',
    'directory-sync',
    '--mailbox',
    SYNCED_MAILBOX,
    '--graph-url',
    lab.graphUrl,
    '--ca-file',
    caFile,
    '--timeout',
    '4000',
  ];
  args.push('--format', 'json', '--output', `json=${join(dir, 'report.json')}`, '--save-inventory', join(dir, 'inventory.json'), '--debug');
  const secrets = [SECRET, ...extraSecrets];
  if (credential.kind === 'token') {
    const token = lab.mintToken({ clientId: CLIENT_ID, roles: credential.roles });
    secrets.push(token);
    env['HR_GRAPH_TOKEN'] = token;
    args.push('--graph-token-env', 'HR_GRAPH_TOKEN');
  } else {
    args.push('--tenant-id', TENANT_ID, '--login-url', lab.loginUrl);
    if (credential.kind === 'secret') {
      env['HR_CLIENT_SECRET'] = SECRET;
      args.push('--client-id', credential.clientId ?? CLIENT_ID, '--client-secret-env', 'HR_CLIENT_SECRET');
    } else {
      const pemFile = join(dir, 'app.pem');
      await writeFile(pemFile, credential.pem, { mode: 0o600 });
      args.push('--client-id', CLIENT_ID, '--client-certificate', pemFile);
    }
  }
  const { code, stdout, stderr } = await runCli(args, env);
  const reportText = await readFile(join(dir, 'report.json'), 'utf8');
  const inventory = await readFile(join(dir, 'inventory.json'), 'utf8');
  for (const text of [stdout, stderr, reportText, inventory]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('LEAKCANARY');
    expect(text).not.toMatch(/eyJ[\w-]{8,}\.eyJ[\w-]{8,}/);
    expect(text).not.toContain('PRIVATE KEY');
  }
  expect(JSON.parse(stdout)).toEqual(JSON.parse(reportText));
  return { code, stdout, stderr, report: Report.parse(JSON.parse(reportText)), inventory, lab };
}

function directorySync(run: CliRun) {
  const result = run.report.results.find((entry) => entry.id === 'directory-sync');
  expect(result, `no directory-sync result; stderr:\n${run.stderr}`).toBeDefined();
  return result as Report['results'][number];
}

function tenantFinding(run: CliRun) {
  return directorySync(run).findings.find((finding) => finding.subject.kind === 'tenant');
}

const withOrganization = (organization: Partial<GraphLabScenarioInput['organization']>): GraphLabScenarioInput => {
  const base = scenario();
  return { ...base, organization: { ...base.organization, ...organization } };
};

describe('assess --only directory-sync against the Graph lab', () => {
  it('passes a synced tenant with a fresh sync and a synced mailbox user (client secret)', async () => {
    const run = await assess(scenario());
    expect(directorySync(run).status).toBe('pass');
    expect(directorySync(run).findings.map((finding) => [finding.messageId, finding.status])).toEqual([
      ['sync-recent', 'pass'],
      ['user-synced', 'pass'],
    ]);
    expect(run.code).toBe(0);
    expect(run.report.verdict).toBe('ready');
  });

  it('fails a tenant whose last sync is 30 hours old', async () => {
    const run = await assess(withOrganization({ onPremisesLastSyncDateTime: { minutesAgo: 30 * 60 } }));
    expect(directorySync(run).status).toBe('fail');
    expect(tenantFinding(run)).toMatchObject({ messageId: 'sync-stale', status: 'fail' });
    expect(tenantFinding(run)?.message).toMatch(/older than the 3 ?h/);
    expect(run.code).toBe(1);
  });

  it('fails a tenant that was never synchronized', async () => {
    const run = await assess(withOrganization({ onPremisesSyncEnabled: null, onPremisesLastSyncDateTime: null }));
    expect(tenantFinding(run)).toMatchObject({ messageId: 'sync-never', status: 'fail' });
    expect(run.code).toBe(1);
  });

  it('fails a tenant whose sync was turned off', async () => {
    const run = await assess(withOrganization({ onPremisesSyncEnabled: false, onPremisesLastSyncDateTime: '2023-01-15T08:30:00Z' }));
    expect(tenantFinding(run)).toMatchObject({ messageId: 'sync-turned-off', status: 'fail' });
    expect(run.code).toBe(1);
  });

  it('asks for Organization.Read.All instead of saying "never synced" when the app may not read the sync state', async () => {
    const run = await assess(
      { ...scenario(), organizationWithoutPermission: 'restricted' },
      { kind: 'secret', clientId: LOW_PRIVILEGE_CLIENT_ID },
    );
    // Users were refused (no User.Read.All): given-but-failing Graph access makes the check an error that says
    // which permission to grant, rather than a judgement of what could be read.
    expect(directorySync(run).status).toBe('error');
    expect(directorySync(run).reason).toMatch(/GraphUsers could not be collected: Graph refused .* 403.*User\.Read\.All/);
    expect(run.report.verdict).toBe('incomplete');
    expect(JSON.parse(run.inventory).artifactErrors.GraphUsers).toMatchObject({ code: 'graph-forbidden' });
    expect(run.code).toBe(2);
  });

  it('waits out Graph throttling (429, Retry-After) and then judges the answer', async () => {
    const run = await assess({ ...scenario(), faults: [{ on: 'organization', times: 1, respond: { status: 429, retryAfter: '1' } }] });
    expect(directorySync(run).status).toBe('pass');
    expect(run.lab.requests.filter((request) => request.target === 'organization').map((request) => request.status)).toEqual([429, 200]);
  });

  it('makes a 403 on the organization an error naming the permission, never a warn that reads ready', async () => {
    const run = await assess({ ...scenario(), faults: [{ on: 'organization', respond: { status: 403 } }] });
    expect(directorySync(run).status).toBe('error');
    expect(directorySync(run).reason).toMatch(/GraphOrganization could not be collected: .*Organization\.Read\.All/);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/graph: GraphOrganization could not be collected: Graph refused/);
    const failure = JSON.parse(run.inventory).artifactErrors.GraphOrganization as { code: string; message: string };
    expect(failure.code).toBe('graph-forbidden');
    expect(failure.message).toMatch(/Organization\.Read\.All.*admin consent/);
  });

  it('passes with a certificate (signed client assertion)', async () => {
    const certificate = await createAppCertificate('hybrid-readiness e2e');
    const run = await assess(scenario({ certificates: [certificate.cert] }), { kind: 'certificate', pem: certificate.pem }, [
      certificate.key,
    ]);
    expect(directorySync(run).status).toBe('pass');
    expect(run.lab.requests.find((request) => request.target === 'token')?.status).toBe(200);
  });

  it('passes with a ready token and asks no login host', async () => {
    const run = await assess(scenario(), { kind: 'token', roles: ['Organization.Read.All', 'User.Read.All'] });
    expect(directorySync(run).status).toBe('pass');
    expect(run.lab.requests.some((request) => request.target === 'token' || request.target === 'discovery')).toBe(false);
  });
});
