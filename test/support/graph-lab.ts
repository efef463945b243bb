// Scenario builders for the Graph lab and CollectOptions for the Graph collector, shared by the integration and
// CLI tests. The recognisable secret lets a test search every output for a leak.

import type { GraphLabScenarioInput } from '../../src/lab/graph-scenario.js';
import type { CollectOptions } from '../../src/options.js';
import { type CollectOptionsOverrides, collectOptions } from './collect-options.js';

export const TENANT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const CLIENT_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const LOW_PRIVILEGE_CLIENT_ID = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
/** Recognisable in any output: if it appears, a secret leaked. */
export const SECRET = 'LEAKCANARY~s3cr3t.Value_Do-Not-Print-0123456789';
export const SYNCED_MAILBOX = 'alice@contoso.test';
export const CLOUD_MAILBOX = 'carol@contoso.test';

export function scenario(overrides: Partial<GraphLabScenarioInput> & { certificates?: string[] } = {}): GraphLabScenarioInput {
  const { certificates = [], ...rest } = overrides;
  return {
    tenantId: TENANT_ID,
    apps: [
      { clientId: CLIENT_ID, secrets: [SECRET], certificates, roles: ['Organization.Read.All', 'User.Read.All'] },
      { clientId: LOW_PRIVILEGE_CLIENT_ID, secrets: [SECRET], certificates, roles: [] },
    ],
    organization: {
      displayName: 'Contoso',
      onPremisesSyncEnabled: true,
      onPremisesLastSyncDateTime: { minutesAgo: 20 },
      verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.test'],
    },
    users: [
      {
        userPrincipalName: 'alice@contoso.test',
        mail: 'alice@contoso.test',
        onPremisesSyncEnabled: true,
        onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==',
        onPremisesLastSyncDateTime: { minutesAgo: 20 },
      },
      {
        // Primary SMTP address differs from the UPN, as it often does on-premises.
        userPrincipalName: 'bob@contoso.onmicrosoft.com',
        mail: 'bob.smith@contoso.test',
        onPremisesSyncEnabled: true,
        onPremisesImmutableId: 'EBESExQVFhcYGRobHB0eHw==',
        onPremisesLastSyncDateTime: { minutesAgo: 20 },
        onPremisesProvisioningErrors: [
          {
            category: 'PropertyConflict',
            occurredDateTime: '2024-05-01T10:00:00Z',
            propertyCausingError: 'ProxyAddress',
            value: 'smtp:bob@contoso.test',
          },
        ],
      },
      { userPrincipalName: 'carol@contoso.test', mail: 'carol@contoso.test', onPremisesSyncEnabled: null },
    ],
    ...rest,
  };
}

export function graphOptions(overrides: CollectOptionsOverrides = {}): CollectOptions {
  const { secrets, ...rest } = overrides;
  return collectOptions({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecretEnv: 'GRAPH_SECRET',
    timeoutMs: 3000,
    ...rest,
    secrets: { clientSecret: SECRET, ...secrets },
  });
}
