// The Graph collector against the loopback Graph + login lab: each directory-sync situation, each credential kind,
// and each way Graph misbehaves. Every run is also searched for the recognisable secret and for tokens.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorOutput } from '../../src/collectors/collector.js';
import { graphCollector } from '../../src/collectors/graph.js';
import { GraphOrganization, GraphUsers } from '../../src/inventory/artifacts.js';
import { type AppCertificate, createAppCertificate } from '../../src/lab/app-certificate.js';
import type { GraphLabScenarioInput } from '../../src/lab/graph-scenario.js';
import { type GraphLabServer, startGraphLabServer } from '../../src/lab/graph-server.js';
import type { CollectOptions } from '../../src/options.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/options.js';
import { CLIENT_ID, CLOUD_MAILBOX, graphOptions, LOW_PRIVILEGE_CLIENT_ID, SECRET, SYNCED_MAILBOX, scenario } from '../support/graph-lab.js';
import { hangBound } from '../support/hang-bound.js';

type Output = CollectorOutput<'GraphOrganization' | 'GraphUsers'>;
interface Run {
  output: Output;
  debug: string[];
  lab: GraphLabServer;
  elapsedMs: number;
}

const labs: GraphLabServer[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((lab) => lab.close()));
});

async function run(
  labScenario: GraphLabScenarioInput,
  overrides: (lab: GraphLabServer) => Parameters<typeof graphOptions>[0] = () => ({}),
  extraSecrets: string[] = [],
): Promise<Run> {
  const lab = await startGraphLabServer(labScenario);
  labs.push(lab);
  const options: CollectOptions = graphOptions({
    graphUrl: lab.graphUrl,
    loginUrl: lab.loginUrl,
    caPem: lab.caPem,
    mailboxes: [SYNCED_MAILBOX],
    ...overrides(lab),
  });
  const debug: string[] = [];
  const started = Date.now();
  const output = await graphCollector.collect(['GraphOrganization', 'GraphUsers'], {
    options,
    progress: (m) => debug.push(m),
    debug: (m) => debug.push(m),
  });
  const elapsedMs = Date.now() - started;
  expectNoSecrets(JSON.stringify(output) + debug.join('\n'), [SECRET, options.secrets.graphToken, ...extraSecrets]);
  if (output.artifacts.GraphOrganization) GraphOrganization.parse(output.artifacts.GraphOrganization);
  if (output.artifacts.GraphUsers) GraphUsers.parse(output.artifacts.GraphUsers);
  return { output, debug, lab, elapsedMs };
}

function expectNoSecrets(text: string, secrets: (string | null | undefined)[]): void {
  for (const secret of secrets) if (secret) expect(text).not.toContain(secret);
  expect(text).not.toContain('LEAKCANARY');
  expect(text).not.toMatch(/eyJ[\w-]{8,}\.eyJ[\w-]{8,}/);
  expect(text).not.toContain('PRIVATE KEY');
}

function minutesSince(iso: string | null | undefined): number {
  expect(iso).toEqual(expect.any(String));
  return (Date.now() - Date.parse(iso as string)) / 60_000;
}

describe('directory synchronisation status', () => {
  it('reads a synced tenant with a fresh sync, and each mailbox as a user', async () => {
    const { output, lab } = await run(scenario(), () => ({
      mailboxes: [SYNCED_MAILBOX, 'bob.smith@contoso.test', CLOUD_MAILBOX, 'nobody@contoso.test'],
    }));
    expect(output.errors).toEqual({});
    const org = output.artifacts.GraphOrganization;
    expect(org).toMatchObject({
      displayName: 'Contoso',
      onPremisesSyncEnabled: true,
      restrictedView: false,
      verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.test'],
      tokenRoles: ['Organization.Read.All', 'User.Read.All'],
      cloud: 'custom',
    });
    expect(org?.id).toBe(lab.scenario.tenantId);
    expect(minutesSince(org?.onPremisesLastSyncDateTime)).toBeGreaterThan(19);
    expect(minutesSince(org?.onPremisesLastSyncDateTime)).toBeLessThan(22);

    const users = output.artifacts.GraphUsers?.users ?? [];
    expect(users.map((user) => [user.mailbox, user.found, user.onPremisesSyncEnabled])).toEqual([
      [SYNCED_MAILBOX, true, true],
      ['bob.smith@contoso.test', true, true],
      [CLOUD_MAILBOX, true, null],
      ['nobody@contoso.test', false, null],
    ]);
    expect(users[0]?.onPremisesImmutableId).toBe('AAECAwQFBgcICQoLDA0ODw==');
    expect(users[1]?.onPremisesProvisioningErrors).toEqual([
      {
        category: 'PropertyConflict',
        occurredDateTime: '2024-05-01T10:00:00Z',
        propertyCausingError: 'ProxyAddress',
        value: 'smtp:bob@contoso.test',
      },
    ]);
    expect(users.every((user) => user.error === null)).toBe(true);
    // The on-premises properties come only on $select: the lab, like Graph, leaves them out otherwise.
    expect(
      lab.requests.filter((request) => request.target === 'users').every((request) => request.url.includes('onPremisesImmutableId')),
    ).toBe(true);
  });

  it('reports a sync 30 hours old as it is', async () => {
    const base = scenario();
    const { output } = await run({ ...base, organization: { ...base.organization, onPremisesLastSyncDateTime: { minutesAgo: 30 * 60 } } });
    expect(output.artifacts.GraphOrganization?.onPremisesSyncEnabled).toBe(true);
    expect(minutesSince(output.artifacts.GraphOrganization?.onPremisesLastSyncDateTime) / 60).toBeCloseTo(30, 1);
  });

  it('tells a never-synced tenant (null with full permission) from a restricted view', async () => {
    const base = scenario();
    const { output } = await run({
      ...base,
      organization: { ...base.organization, onPremisesSyncEnabled: null, onPremisesLastSyncDateTime: null },
    });
    expect(output.artifacts.GraphOrganization).toMatchObject({
      onPremisesSyncEnabled: null,
      onPremisesLastSyncDateTime: null,
      restrictedView: false,
    });
  });

  it('reports sync turned off (false) with the last sync time Graph still holds', async () => {
    const base = scenario();
    const { output } = await run({
      ...base,
      organization: { ...base.organization, onPremisesSyncEnabled: false, onPremisesLastSyncDateTime: '2023-01-15T08:30:00Z' },
    });
    expect(output.artifacts.GraphOrganization).toMatchObject({
      onPremisesSyncEnabled: false,
      onPremisesLastSyncDateTime: '2023-01-15T08:30:00Z',
      restrictedView: false,
    });
  });

  it('marks the view restricted when a low-privilege app sees only id, displayName and verifiedDomains', async () => {
    const { output } = await run({ ...scenario(), organizationWithoutPermission: 'restricted' }, () => ({
      clientId: LOW_PRIVILEGE_CLIENT_ID,
    }));
    expect(output.artifacts.GraphOrganization).toMatchObject({
      displayName: 'Contoso',
      onPremisesSyncEnabled: null,
      onPremisesLastSyncDateTime: null,
      verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.test'],
      restrictedView: true,
      tokenRoles: null,
    });
    expect(output.errors.GraphUsers?.code).toBe('graph-forbidden');
    expect(output.errors.GraphUsers?.message).toContain('User.Read.All');
    expect(output.errors.GraphUsers?.message).toContain('admin consent');
  });
});

describe('credentials', () => {
  let certificate: AppCertificate;
  const withCertificate = async () => (certificate ??= await createAppCertificate('hybrid-readiness test app'));

  it('gets a token with a certificate (signed client assertion)', async () => {
    const cert = await withCertificate();
    const { output, lab } = await run(
      scenario({ certificates: [cert.cert] }),
      () => ({ secrets: { clientSecret: null, clientCertificatePem: cert.pem } }),
      [cert.key],
    );
    expect(output.errors).toEqual({});
    expect(output.artifacts.GraphOrganization?.onPremisesSyncEnabled).toBe(true);
    expect(lab.requests.find((request) => request.target === 'token')?.status).toBe(200);
  });

  it('reports a certificate the app does not have registered, naming the fix', async () => {
    const registered = await withCertificate();
    const other = await createAppCertificate('not registered');
    const { output } = await run(
      scenario({ certificates: [registered.cert] }),
      () => ({ secrets: { clientSecret: null, clientCertificatePem: other.pem } }),
      [other.key],
    );
    expect(output.errors.GraphOrganization?.code).toBe('graph-token-failed');
    expect(output.errors.GraphOrganization?.message).toMatch(/AADSTS700027.*upload the certificate/);
    expect(output.errors.GraphUsers).toEqual(output.errors.GraphOrganization);
  });

  it('uses a ready token without asking the login host', async () => {
    let token = '';
    const { output, lab } = await run(scenario(), (server) => {
      token = server.mintToken({ clientId: CLIENT_ID, roles: ['Directory.Read.All'] });
      return { tenantId: null, clientId: null, secrets: { clientSecret: null, graphToken: token }, loginUrl: null };
    });
    expect(output.errors).toEqual({});
    expect(output.artifacts.GraphOrganization?.tokenRoles).toEqual(['Directory.Read.All']);
    expect(output.artifacts.GraphUsers?.users[0]?.found).toBe(true);
    expect(lab.requests.some((request) => request.target === 'token' || request.target === 'discovery')).toBe(false);
    expect(token).toMatch(/^eyJ/);
  });

  it('reports a ready token for another audience as a 401 naming the audience', async () => {
    const { output } = await run(scenario(), (server) => ({
      secrets: {
        clientSecret: null,
        graphToken: server.mintToken({ clientId: CLIENT_ID, roles: ['Directory.Read.All'], audience: 'https://graph.microsoft.com' }),
      },
    }));
    expect(output.errors.GraphOrganization?.code).toBe('graph-unauthorized');
    expect(output.errors.GraphOrganization?.message).toMatch(/Invalid audience.*--graph-token-env.*audience/);
  });

  it('reports a wrong client secret without echoing it', async () => {
    const wrong = 'LEAKCANARY-wrong-secret-value-987654321';
    const { output } = await run(scenario(), () => ({ secrets: { clientSecret: wrong } }), [wrong]);
    expect(output.errors.GraphOrganization?.code).toBe('graph-token-failed');
    expect(output.errors.GraphOrganization?.message).toMatch(
      /The client secret was rejected \(AADSTS7000215\): create a new secret .*\(copy its value, not its ID\) and update /,
    );
  });

  it('says how to configure Graph access when none was given', async () => {
    const { output, lab } = await run(scenario(), () => ({ tenantId: null, clientId: null, secrets: { clientSecret: null } }));
    expect(output.errors.GraphOrganization).toMatchObject({ code: 'graph-not-configured' });
    expect(output.errors.GraphOrganization?.message).toContain('--graph-token-env');
    expect(lab.requests).toEqual([]);
  });

  it('refuses a login endpoint whose certificate is not trusted (no --ca-file)', async () => {
    const { output } = await run(scenario(), () => ({ caPem: null }));
    expect(output.errors.GraphOrganization?.code).toBe('graph-token-failed');
    expect(output.errors.GraphOrganization?.message).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify|self.signed/i);
  });
});

describe('Graph misbehaving', () => {
  it('waits out a 429 with Retry-After and then reads the answer', async () => {
    const { output, lab, elapsedMs } = await run({
      ...scenario(),
      faults: [{ on: 'organization', times: 1, respond: { status: 429, retryAfter: '1' } }],
    });
    expect(output.errors).toEqual({});
    expect(output.artifacts.GraphOrganization?.onPremisesSyncEnabled).toBe(true);
    expect(lab.requests.filter((request) => request.target === 'organization').map((request) => request.status)).toEqual([429, 200]);
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
  });

  it('waits out a 503 whose Retry-After is an HTTP date, and a throttled token endpoint', async () => {
    const inOneSecond = new Date(Date.now() + 1500).toUTCString();
    const { output, lab } = await run({
      ...scenario(),
      faults: [
        { on: 'users', times: 1, respond: { status: 503, retryAfter: inOneSecond } },
        { on: 'token', times: 1, respond: { status: 429, retryAfter: '1' } },
      ],
    });
    expect(output.errors).toEqual({});
    expect(output.artifacts.GraphUsers?.users[0]?.found).toBe(true);
    expect(lab.requests.filter((request) => request.target === 'token').map((request) => request.status)).toEqual([429, 200]);
  }, 15_000);

  it('does not wait for a Retry-After beyond the --timeout budget', async () => {
    const { output, elapsedMs } = await run({
      ...scenario(),
      faults: [{ on: 'organization', respond: { status: 429, retryAfter: '120' } }],
    });
    expect(output.errors.GraphOrganization?.code).toBe('graph-throttled');
    expect(output.errors.GraphOrganization?.message).toMatch(/retry after 120 s.*--timeout/);
    expect(elapsedMs).toBeLessThan(hangBound(DEFAULT_TIMEOUT_MS));
    expect(output.artifacts.GraphUsers?.users[0]?.found).toBe(true);
  });

  it('names the permission to grant on 403 for the organization', async () => {
    const { output } = await run({ ...scenario(), faults: [{ on: 'organization', respond: { status: 403 } }] });
    expect(output.errors.GraphOrganization?.code).toBe('graph-forbidden');
    expect(output.errors.GraphOrganization?.message).toMatch(/Organization\.Read\.All.*Directory\.Read\.All.*admin consent/);
    expect(output.errors.GraphOrganization?.message).toContain('Authorization_RequestDenied');
    expect(output.artifacts.GraphUsers?.users[0]?.found).toBe(true);
  });

  it('answers 403 for an app without Organization.Read.All when Graph forbids it', async () => {
    const { output } = await run(scenario(), () => ({ clientId: LOW_PRIVILEGE_CLIENT_ID }));
    expect(output.errors.GraphOrganization?.code).toBe('graph-forbidden');
    expect(output.errors.GraphOrganization?.message).toContain("the token's application permissions: none readable");
  });

  it('records a 500 for the organization as a collector error and for a user on that user', async () => {
    const { output } = await run(
      {
        ...scenario(),
        faults: [
          { on: 'organization', respond: { status: 500 } },
          { on: 'users', times: 1, respond: { status: 500 } },
        ],
      },
      () => ({ mailboxes: [SYNCED_MAILBOX] }),
    );
    expect(output.errors.GraphOrganization).toEqual({
      code: 'graph-http-error',
      message: 'Graph answered GET /v1.0/organization with HTTP 500 (InternalServerError: An internal server error occurred.)',
    });
    expect(output.artifacts.GraphUsers?.users[0]).toMatchObject({ mailbox: SYNCED_MAILBOX, found: false, error: { code: 'HTTP_500' } });
  });

  it('gives up on a Graph that never answers within --timeout', async () => {
    const { output, elapsedMs } = await run(
      {
        ...scenario(),
        faults: [
          { on: 'organization', respond: 'hang' },
          { on: 'users', respond: 'hang' },
        ],
      },
      () => ({ timeoutMs: 800 }),
    );
    expect(output.errors.GraphOrganization?.code).toBe('graph-timeout');
    expect(output.errors.GraphOrganization?.message).toContain('no answer within the 800 ms budget (--timeout)');
    expect(output.artifacts.GraphUsers?.users[0]?.error?.code).toBe('ETIMEDOUT');
    expect(elapsedMs).toBeLessThan(hangBound(800));
  });

  it('gives up on a login host that never answers within --timeout', async () => {
    const { output, elapsedMs } = await run({ ...scenario(), faults: [{ on: 'token', respond: 'hang' }] }, () => ({ timeoutMs: 800 }));
    expect(output.errors.GraphOrganization?.code).toBe('graph-token-failed');
    expect(output.errors.GraphOrganization?.message).toMatch(/ETIMEDOUT.*800 ms/);
    expect(elapsedMs).toBeLessThan(hangBound(800));
  });
});
