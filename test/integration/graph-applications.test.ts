// The Graph collector's hybrid artifacts against the loopback Graph lab: the dedicated application AD names (key
// credentials, requested and granted permissions) and the shared Exchange Online service principal, read app-only with
// Application.Read.All — and each refusal an error that names the permission, never an empty fact.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedInput } from '../../src/collectors/collector.js';
import { graphCollector } from '../../src/collectors/graph.js';
import { artifactSchemas } from '../../src/inventory/artifacts.js';
import type { GraphLabScenarioInput } from '../../src/lab/graph-scenario.js';
import { type GraphLabServer, startGraphLabServer } from '../../src/lab/graph-server.js';
import { CURRENT_AUTH_CERTIFICATE, NEXT_AUTH_CERTIFICATE } from '../../src/lab/scenarios/auth-certificates.js';
import { CLIENT_ID, graphOptions, SECRET, scenario } from '../support/graph-lab.js';

const APP_ID = 'a7f0c3e2-5b19-4d8e-9c61-2f4b8e0d7a35';
const MISSING_APP_ID = 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';
const EXCHANGE_ONLINE = '00000002-0000-0ff1-ce00-000000000000';
const FULL_ACCESS_AS_APP = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';

const exchangeOnline = {
  id: 'sp-exo',
  appId: EXCHANGE_ONLINE,
  displayName: 'Office 365 Exchange Online',
  appRoles: [{ id: FULL_ACCESS_AS_APP, value: 'full_access_as_app' }],
  keyCredentials: [
    {
      keyId: 'leftover-1',
      startDateTime: '2024-02-01T00:00:00Z',
      endDateTime: '2029-02-01T00:00:00Z',
      customKeyIdentifier: CURRENT_AUTH_CERTIFICATE.thumbprint,
      key: CURRENT_AUTH_CERTIFICATE.der,
    },
  ],
};

function tenant(roles: string[], extra: Partial<GraphLabScenarioInput> = {}): GraphLabScenarioInput {
  const base = scenario();
  return {
    ...base,
    apps: [{ clientId: CLIENT_ID, secrets: [SECRET], roles }],
    applications: [
      {
        id: 'app-object',
        appId: APP_ID,
        displayName: 'ExchangeServerApp-0626ac82',
        keyCredentials: [
          {
            keyId: 'current',
            startDateTime: { minutesAgo: 60 * 24 * 30 },
            endDateTime: { minutesAgo: -60 * 24 * 365 },
            customKeyIdentifier: Buffer.from(CURRENT_AUTH_CERTIFICATE.thumbprint, 'hex').toString('base64'),
            key: CURRENT_AUTH_CERTIFICATE.der,
          },
          // No key returned in the lab for this one: the thumbprint must come from customKeyIdentifier.
          {
            keyId: 'next',
            startDateTime: '2026-01-01T00:00:00Z',
            endDateTime: '2031-01-01T00:00:00Z',
            customKeyIdentifier: NEXT_AUTH_CERTIFICATE.thumbprint,
          },
        ],
        requiredResourceAccess: [{ resourceAppId: EXCHANGE_ONLINE, resourceAccess: [{ id: FULL_ACCESS_AS_APP, type: 'Role' }] }],
      },
    ],
    servicePrincipals: [
      exchangeOnline,
      {
        id: 'sp-app',
        appId: APP_ID,
        displayName: 'ExchangeServerApp-0626ac82',
        appRoleAssignments: [
          { id: 'grant-1', resourceId: 'sp-exo', resourceDisplayName: 'Office 365 Exchange Online', appRoleId: FULL_ACCESS_AS_APP },
        ],
      },
    ],
    ...extra,
  };
}

const authConfig = (appIds: (string | null)[]): CollectedInput<'ExchangeAuthConfig'> => ({
  artifact: {
    authConfig: null,
    authServers: appIds.map((appId, index) => ({
      name: `EvoSts ${index}`,
      dn: `CN=EvoSts ${index},CN=Auth Servers,CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test`,
      type: 'AzureAD',
      enabled: true,
      realm: null,
      applicationIdentifier: appId,
      issuerIdentifier: null,
    })),
  },
});

const labs: GraphLabServer[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((lab) => lab.close()));
});

async function collect(
  labScenario: GraphLabScenarioInput,
  auth: CollectedInput<'ExchangeAuthConfig'> = authConfig([APP_ID, EXCHANGE_ONLINE]),
) {
  const lab = await startGraphLabServer(labScenario);
  labs.push(lab);
  const options = graphOptions({ graphUrl: lab.graphUrl, loginUrl: lab.loginUrl, caPem: lab.caPem });
  const debug: string[] = [];
  const output = await graphCollector.collect(['HybridApplications', 'ExchangeOnlineServicePrincipal'], {
    options,
    progress: (message) => debug.push(message),
    debug: (message) => debug.push(message),
    input: async <K extends 'ExchangeAuthConfig'>() => auth as CollectedInput<K>,
  } as Parameters<typeof graphCollector.collect>[1]);
  expect(JSON.stringify(output) + debug.join('\n')).not.toContain(SECRET);
  if (output.artifacts.HybridApplications) artifactSchemas.HybridApplications.parse(output.artifacts.HybridApplications);
  if (output.artifacts.ExchangeOnlineServicePrincipal)
    artifactSchemas.ExchangeOnlineServicePrincipal.parse(output.artifacts.ExchangeOnlineServicePrincipal);
  return output;
}

describe('the dedicated application and the shared principal, with Application.Read.All', () => {
  it('reads the application named on-premises: thumbprints from the certificate or customKeyIdentifier, consent by role name', async () => {
    const output = await collect(tenant(['Application.Read.All']));
    expect(output.errors).toEqual({});
    const [app] = output.artifacts.HybridApplications!.applications;
    expect(output.artifacts.HybridApplications!.requested).toEqual([APP_ID]);
    expect(app).toMatchObject({ appId: APP_ID, found: true, displayName: 'ExchangeServerApp-0626ac82' });
    expect(app!.keyCredentials.map((credential) => [credential.keyId, credential.thumbprint, credential.thumbprintSource])).toEqual([
      ['current', CURRENT_AUTH_CERTIFICATE.thumbprint, 'key'],
      ['next', NEXT_AUTH_CERTIFICATE.thumbprint, 'customKeyIdentifier'],
    ]);
    expect(app!.servicePrincipal?.appRoleAssignments).toEqual([
      expect.objectContaining({ resourceAppId: EXCHANGE_ONLINE, appRoleId: FULL_ACCESS_AS_APP, appRoleValue: 'full_access_as_app' }),
    ]);
    expect(output.artifacts.ExchangeOnlineServicePrincipal).toMatchObject({
      found: true,
      displayName: 'Office 365 Exchange Online',
      keyCredentials: [expect.objectContaining({ keyId: 'leftover-1', thumbprint: CURRENT_AUTH_CERTIFICATE.thumbprint })],
    });
  });

  it('records an application missing from the tenant, and one without a service principal, as facts', async () => {
    const labScenario = tenant(['Application.Read.All']);
    labScenario.servicePrincipals = [exchangeOnline];
    const output = await collect(labScenario, authConfig([APP_ID, MISSING_APP_ID]));
    expect(output.errors).toEqual({});
    const [present, missing] = output.artifacts.HybridApplications!.applications;
    expect(present).toMatchObject({ found: true, servicePrincipal: null });
    expect(missing).toMatchObject({ appId: MISSING_APP_ID, found: false, keyCredentials: [] });
  });

  it('records a tenant without the Exchange Online principal as a fact, not an error', async () => {
    const output = await collect(tenant(['Application.Read.All'], { servicePrincipals: [] }));
    expect(output.artifacts.ExchangeOnlineServicePrincipal).toMatchObject({ found: false, keyCredentials: [] });
  });
});

describe('refusals and missing inputs', () => {
  it('without Application.Read.All both artifacts are errors that name the permission', async () => {
    const output = await collect(tenant(['Organization.Read.All']));
    expect(output.artifacts).toEqual({});
    expect(output.errors.HybridApplications?.message).toContain('Application.Read.All');
    expect(output.errors.ExchangeOnlineServicePrincipal?.message).toContain('Application.Read.All');
  });

  it('a 403 on servicePrincipals alone fails the artifacts that need it, naming the permission', async () => {
    const output = await collect(
      tenant(['Application.Read.All'], {
        faults: [{ on: 'servicePrincipals', respond: { status: 403, code: 'Authorization_RequestDenied' } }],
      }),
    );
    expect(output.errors.ExchangeOnlineServicePrincipal?.message).toContain('Application.Read.All');
    expect(output.errors.HybridApplications?.message).toContain('Application.Read.All');
  });

  it('when AD could not give the application id, HybridApplications says so instead of looking up nothing', async () => {
    const output = await collect(tenant(['Application.Read.All']), {
      error: { code: 'ldap-insufficient-access', message: 'no read access to Auth Configuration' },
    });
    expect(output.errors.HybridApplications).toEqual({
      code: 'graph-input-missing',
      message:
        "the dedicated application's id could not be read from Active Directory (ExchangeAuthConfig: no read access to Auth Configuration)",
    });
    expect(output.artifacts.ExchangeOnlineServicePrincipal?.found).toBe(true);
  });
});
