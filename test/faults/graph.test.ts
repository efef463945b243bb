// Fault catalogue, Microsoft Graph: the Graph lab's token endpoint (Entra's AADSTS errors, 429, 500, silence) and a
// Graph fault server (wrong shapes, truncation, oversized bodies, 400/401/403/429/500, stalls, resets). Given-but-
// failing Graph access makes directory-sync `error` with the reason — never the footprints fallback that read READY.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCertificate } from '../../src/lab/app-certificate.js';
import type { GraphLabScenarioInput } from '../../src/lab/graph-scenario.js';
import { startGraphLabServer } from '../../src/lab/graph-server.js';
import { LAB_SECRET_VARIABLES, startLab } from '../../src/lab/lab.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { CLIENT_ID, SECRET, scenario, TENANT_ID } from '../support/graph-lab.js';
import { type GraphFault, type GraphFaultServer, startGraphFaultServer } from './support/graph-fault-server.js';
import { CANARY, expectSound, FAULT_TIMEOUT_MS, runFault, statusOf } from './support/run-fault.js';

const CHECK = 'directory-sync';
let ca: CertificateAuthority;
let graph: GraphFaultServer;
let folder: string;
let caFile: string;

beforeAll(async () => {
  ca = await createCertificateAuthority('fault catalogue Graph CA');
  graph = await startGraphFaultServer('127.0.4.20', ca);
  folder = mkdtempSync(join(tmpdir(), 'hr-graph-faults-'));
  caFile = join(folder, 'ca.pem');
  writeFileSync(caFile, ca.cert);
});
afterAll(async () => {
  await graph.close();
});

function withToken(extra: string[] = [], timeoutMs = FAULT_TIMEOUT_MS) {
  return runFault(
    [
      'assess',
      '--only',
      CHECK,
      '--mailbox',
      'adele@fabrikam.test',
      '--graph-token-env',
      'GRAPH_TOKEN',
      '--graph-url',
      graph.url,
      '--ca-file',
      caFile,
      '--format',
      'json',
      '--timeout',
      String(timeoutMs),
      ...extra,
    ],
    {},
    timeoutMs,
  );
}

const resourceCases: { name: string; fault: GraphFault; code: number; status: string; reason?: RegExp }[] = [
  { name: 'healthy', fault: 'ok', code: 0, status: 'pass' },
  { name: '401', fault: { status: 401 }, code: 2, status: 'error', reason: /rejected the access token .* 401/ },
  { name: '403', fault: { status: 403 }, code: 2, status: 'error', reason: /403.*Organization\.Read\.All/ },
  { name: '500', fault: { status: 500 }, code: 2, status: 'error', reason: /HTTP 500/ },
  { name: '400 on both selects', fault: { status: 400 }, code: 2, status: 'error', reason: /bad request \(400.*not a permission problem/ },
  { name: '400 only on the full $select (retried)', fault: 'bad-request-on-full-select', code: 0, status: 'pass' },
  { name: '429 with a short Retry-After (waited out)', fault: { status: 429, retryAfter: '0', times: 1 }, code: 0, status: 'pass' },
  {
    name: '429 with a long Retry-After',
    fault: { status: 429, retryAfter: '3600' },
    code: 2,
    status: 'error',
    reason: /retry after 3600 s/,
  },
  { name: 'empty value collection', fault: 'empty-value', code: 2, status: 'error', reason: /"value" collection is empty/ },
  {
    name: 'wrong type ("true")',
    fault: 'wrong-type',
    code: 2,
    status: 'error',
    reason: /onPremisesSyncEnabled: expected boolean \(got string\)/,
  },
  { name: 'truncated JSON', fault: 'truncated', code: 2, status: 'error', reason: /not valid JSON/ },
  { name: 'HTML instead of JSON', fault: 'not-json', code: 2, status: 'error', reason: /not valid JSON/ },
  { name: 'body over the 4 MB cap', fault: 'huge', code: 2, status: 'error', reason: /larger than the 4 MB cap/ },
  { name: 'stall mid-body', fault: 'stall', code: 2, status: 'error', reason: /no answer within/ },
  { name: 'reset', fault: 'reset', code: 2, status: 'error', reason: /got no answer/ },
  { name: 'last sync in the future', fault: 'future-sync', code: 2, status: 'manual' },
  { name: 'a user answer cut short', fault: 'users-truncated', code: 2, status: 'manual' },
];

describe('fault catalogue: Graph resources', () => {
  it.each(resourceCases)('$name → exit $code, $status', async ({ fault, code, status, reason }) => {
    graph.fault = fault;
    const run = await withToken();
    expectSound(run);
    expect(statusOf(run, CHECK)).toBe(status);
    expect(run.code).toBe(code);
    const result = run.report?.results.find((item) => item.id === CHECK);
    if (reason) expect(result?.reason).toMatch(reason);
    if (status === 'error') {
      expect(run.stderr).toMatch(/hybrid-readiness: graph: Graph(Organization|Users) could not be collected: /);
      // Never the fallback that judged AD footprints alone as if no Graph flag had been given.
      expect(run.stdout).not.toMatch(/Without Graph, AD shows/);
    }
    if (fault === 'users-truncated') expect(run.stdout).not.toMatch(/is not synchronized/);
  });
});

describe('fault catalogue: Graph sign-in', () => {
  const lab = async (input: Partial<GraphLabScenarioInput> = {}) => {
    const server = await startGraphLabServer({ ...scenario(), ...input });
    const labCa = join(folder, `lab-${Math.random().toString(36).slice(2)}.pem`);
    writeFileSync(labCa, server.caPem);
    return { server, labCa };
  };
  const signIn = (graphUrl: string, loginUrl: string, labCa: string, credential: string[], env: Record<string, string> = {}) =>
    runFault(
      [
        'assess',
        '--only',
        CHECK,
        '--tenant-id',
        TENANT_ID,
        '--client-id',
        CLIENT_ID,
        ...credential,
        '--graph-url',
        graphUrl,
        '--login-url',
        loginUrl,
        '--ca-file',
        labCa,
        '--format',
        'json',
        '--timeout',
        String(FAULT_TIMEOUT_MS),
      ],
      env,
    );

  it('a rejected client secret (AADSTS7000215) is an error naming the code and the variable to update', async () => {
    const { server, labCa } = await lab();
    try {
      // GRAPH_SECRET holds the canary, which the lab does not know: Entra's answer to a rotated secret.
      const run = await signIn(server.graphUrl, server.loginUrl, labCa, ['--client-secret-env', 'GRAPH_SECRET']);
      expectSound(run);
      expect(run.code).toBe(2);
      expect(statusOf(run, CHECK)).toBe('error');
      expect(run.report?.verdict).toBe('incomplete');
      const reason = run.report?.results.find((item) => item.id === CHECK)?.reason ?? '';
      expect(reason).toMatch(/The client secret was rejected \(AADSTS7000215\): create a new secret .* and update GRAPH_SECRET/);
      expect(run.stderr).toMatch(/graph: GraphOrganization could not be collected: .*AADSTS7000215/);
      expect(run.stderr).not.toContain(CANARY.GRAPH_SECRET);
    } finally {
      await server.close();
    }
  });

  it('with AD footprints read, a rejected secret still ends incomplete, never the footprints fallback that read READY', async () => {
    const lab = await startLab('ready');
    try {
      // The lab's own command, its LDAP working, the client secret rotated underneath it.
      const env = { ...lab.assess.env, [LAB_SECRET_VARIABLES.clientSecret]: CANARY.GRAPH_SECRET };
      const run = await runFault([...lab.assess.args, '--only', CHECK, '--format', 'json', '--timeout', '3000'], env, 3000);
      expectSound(run, 3000);
      expect(run.code).toBe(2);
      expect(run.report?.verdict).toBe('incomplete');
      const result = run.report?.results.find((item) => item.id === CHECK);
      expect(result?.status).toBe('error');
      expect(result?.reason).toMatch(/AADSTS7000215.*update LAB_CLIENT_SECRET/);
      // The footprints LDAP gave stay in the evidence; the fallback's "Without Graph" finding is gone.
      expect(JSON.stringify(result?.evidence)).toMatch(/MSOL_/);
      expect(run.stdout).not.toMatch(/Without Graph, AD shows/);
    } finally {
      await lab.close();
    }
  });

  it('the same app with the right secret passes (the baseline of these cases)', async () => {
    const { server, labCa } = await lab();
    try {
      const run = await signIn(server.graphUrl, server.loginUrl, labCa, ['--client-secret-env', 'RIGHT_SECRET'], { RIGHT_SECRET: SECRET });
      expectSound(run);
      expect(statusOf(run, CHECK)).toBe('pass');
      expect(run.code).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a client certificate the app does not know is refused with its AADSTS code', async () => {
    const { server, labCa } = await lab();
    try {
      const certificate = await createAppCertificate('not registered');
      const pem = join(folder, 'unregistered.pem');
      writeFileSync(pem, certificate.pem);
      const run = await signIn(server.graphUrl, server.loginUrl, labCa, ['--client-certificate', pem]);
      expectSound(run);
      expect(run.code).toBe(2);
      expect(statusOf(run, CHECK)).toBe('error');
      expect(run.stdout).toMatch(/The client certificate was rejected \(AADSTS700027\)/);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['token endpoint 500', { on: 'token', respond: { status: 500 } }],
    ['token endpoint silent', { on: 'token', respond: 'hang' }],
    ['token endpoint 429 with a long Retry-After', { on: 'token', respond: { status: 429, retryAfter: '3600' } }],
    ['discovery documents 503', { on: 'discovery', respond: { status: 503 } }],
  ] as const)('%s → exit 2, error', async (_name, fault) => {
    const { server, labCa } = await lab({ faults: [fault] as GraphLabScenarioInput['faults'] });
    try {
      const run = await signIn(server.graphUrl, server.loginUrl, labCa, ['--client-secret-env', 'RIGHT_SECRET'], { RIGHT_SECRET: SECRET });
      expectSound(run);
      expect(run.code).toBe(2);
      expect(statusOf(run, CHECK)).toBe('error');
      expect(run.stderr).toMatch(/graph: GraphOrganization could not be collected: could not get a Graph token/);
    } finally {
      await server.close();
    }
  });

  it('token endpoint down (nothing listening) → exit 2, error', async () => {
    const run = await signIn(graph.url, 'https://127.0.4.99:9', caFile, ['--client-secret-env', 'GRAPH_SECRET']);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(statusOf(run, CHECK)).toBe('error');
    expect(run.stdout).toMatch(/ECONNREFUSED/);
  });
});
