import { describe, expect, it } from 'vitest';
import check from '../../checks/directory-sync.js';
import type { DirectorySyncFootprints, GraphOrganization, GraphUsers } from '../../src/inventory/artifacts.js';
import { type CaseInput, createCheckTester } from '../support/check-tester.js';

const { run } = createCheckTester(check);
const now = '2026-11-27T12:00:00.000Z';
const tenantId = '5de110f8-2e0f-4d45-891d-bcf2218e253d';

function organization(fields: Partial<GraphOrganization> = {}): GraphOrganization {
  return {
    id: tenantId,
    displayName: 'Contoso',
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: '2026-11-27T11:30:00Z',
    verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
    tokenRoles: ['Organization.Read.All', 'User.Read.All'],
    restrictedView: false,
    cloud: 'global',
    ...fields,
  };
}

type User = GraphUsers['users'][number];
function user(fields: Partial<User> = {}): User {
  return {
    mailbox: 'alex@contoso.com',
    found: true,
    id: 'u1',
    onPremisesSyncEnabled: true,
    onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==',
    onPremisesLastSyncDateTime: '2026-11-27T11:30:00Z',
    onPremisesProvisioningErrors: [],
    error: null,
    ...fields,
  };
}

function footprints(fields: Partial<DirectorySyncFootprints> = {}): DirectorySyncFootprints {
  return {
    syncAccounts: [
      {
        samAccountName: 'MSOL_0123456789ab',
        computer: 'AADC01',
        tenant: 'contoso.onmicrosoft.com',
        description:
          'Account created by Microsoft Azure Active Directory Connect with installation identifier 0123456789abcdef0123456789abcdef running on computer AADC01 configured to synchronize to tenant contoso.onmicrosoft.com.',
      },
    ],
    mailboxUsers: 130,
    mailboxUsersWithExternalDirectoryObjectId: 120,
    deviceRegistration: null,
    ...fields,
  };
}

const judge = (artifacts: CaseInput['artifacts'], options?: CaseInput['options']) =>
  run({ now, artifacts, ...(options ? { options } : {}) });
const ids = (result: ReturnType<typeof judge>) => result.findings.map((finding) => `${finding.status}:${finding.messageId}`);

describe('directory-sync', () => {
  it('passes when the tenant syncs, the last sync is recent and the mailbox users are synced', () => {
    const result = judge({ GraphOrganization: organization(), GraphUsers: { users: [user()] }, DirectorySyncFootprints: footprints() });
    expect(result.status).toBe('pass');
    expect(ids(result)).toEqual(['pass:sync-recent', 'pass:user-synced']);
    expect(result.findings[0]?.message).toBe(
      `Tenant Contoso (${tenantId}) is synchronized from on-premises AD; the last sync was 2026-11-27T11:30:00Z, 30 min before the assessment (limit 3 h).`,
    );
    expect(result.summary).toBe(
      'On-premises AD synchronizes with Entra ID: the tenant syncs and the last sync is recent; 1 mailbox user in scope is synchronized.',
    );
    expect(result.evidence['footprints']).toMatchObject({ mailboxUsersWithExternalDirectoryObjectId: 120 });
  });

  it('fails when the last sync is older than --max-sync-age, saying how old and the limit', () => {
    const result = judge({
      GraphOrganization: organization({ onPremisesLastSyncDateTime: '2026-11-27T08:40:00Z' }),
      DirectorySyncFootprints: footprints(),
    });
    expect(ids(result)).toEqual(['fail:sync-stale']);
    expect(result.findings[0]?.message).toContain('2026-11-27T08:40:00Z, 3 h 20 min before the assessment: older than the 3 h limit');
    expect(result.findings[0]?.remediation).toContain('Check the sync server (AADC01)');
    const relaxed = judge(
      { GraphOrganization: organization({ onPremisesLastSyncDateTime: '2026-11-27T08:40:00Z' }) },
      { maxSyncAgeMinutes: 240 },
    );
    expect(relaxed.status).toBe('pass');
  });

  it('treats a last sync slightly in the future as clock skew', () => {
    expect(
      judge({ GraphOrganization: organization({ onPremisesLastSyncDateTime: '2026-11-27T12:01:00Z' }) }).findings[0]?.message,
    ).toContain('0 min before');
  });

  it('does not count a last sync more than a few minutes in the future as recent: clock skew or bad data', () => {
    const result = judge({ GraphOrganization: organization({ onPremisesLastSyncDateTime: '2026-11-27T13:00:00Z' }) });
    expect(ids(result)).toEqual(['manual:sync-time-future']);
    expect(result.findings[0]?.message).toContain('1 h after the assessment');
    expect(result.findings[0]?.remediation).toContain("this machine's clock");
  });

  it('is an error, not the footprints fallback, when Graph was configured and its sign-in or call failed', () => {
    const failed = {
      code: 'graph-token-failed',
      message: 'could not get a Graph token: AADSTS7000215: Invalid client secret provided. The client secret was rejected (AADSTS7000215)',
    };
    const result = run({
      artifacts: { DirectorySyncFootprints: footprints() },
      artifactErrors: { GraphOrganization: failed, GraphUsers: failed },
      now,
    });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('GraphOrganization could not be collected: could not get a Graph token: AADSTS7000215');
    expect(result.findings).toEqual([]);
    expect(result.evidence['footprints']).toMatchObject({ mailboxUsersWithExternalDirectoryObjectId: 120 });
    // Without any Graph flags the collector says "not configured": the footprints fallback stays as it was.
    const notConfigured = { code: 'graph-not-configured', message: 'no Microsoft Graph access was configured' };
    const fallback = run({
      artifacts: { DirectorySyncFootprints: footprints() },
      artifactErrors: { GraphOrganization: notConfigured, GraphUsers: notConfigured },
      now,
    });
    expect(fallback.status).toBe('warn');
    expect(fallback.findings.map((finding) => finding.messageId)).toEqual(['footprints-only']);
  });

  it('warns when sync is enabled but the last sync time cannot be read', () => {
    const result = judge({ GraphOrganization: organization({ onPremisesLastSyncDateTime: null }) });
    expect(ids(result)).toEqual(['warn:sync-time-unknown']);
    expect(result.findings[0]?.remediation).toContain('the Entra Connect server');
    expect(result.summary).toBe('Directory synchronization is met only with caveats (1 finding).');
  });

  it('fails when sync was turned off (false is not null)', () => {
    const result = judge({
      GraphOrganization: organization({ onPremisesSyncEnabled: false, onPremisesLastSyncDateTime: '2025-01-01T00:00:00Z' }),
    });
    expect(ids(result)).toEqual(['fail:sync-turned-off']);
    expect(result.findings[0]?.message).toContain('turned off');
    expect(result.summary).toBe('Directory synchronization does not meet the requirement (1 finding failed).');
  });

  it('fails as never synced only when the app could read the organization in full', () => {
    const result = judge({ GraphOrganization: organization({ onPremisesSyncEnabled: null, onPremisesLastSyncDateTime: null }) });
    expect(ids(result)).toEqual(['fail:sync-never']);
    expect(result.findings[0]?.remediation).toContain('Install or re-enable Entra Connect');
    const unknownRoles = judge({
      GraphOrganization: organization({ onPremisesSyncEnabled: null, onPremisesLastSyncDateTime: null, tokenRoles: null }),
    });
    expect(ids(unknownRoles)).toEqual(['fail:sync-never']);
  });

  it('does not call a restricted view "never synced": it says which permission to grant', () => {
    const restricted = judge({
      GraphOrganization: organization({
        onPremisesSyncEnabled: null,
        onPremisesLastSyncDateTime: null,
        restrictedView: true,
        tokenRoles: null,
      }),
    });
    expect(ids(restricted)).toEqual(['manual:sync-not-visible']);
    expect(restricted.findings[0]?.message).toContain('null does not mean "never synced"');
    expect(restricted.findings[0]?.remediation).toContain('Organization.Read.All');
    expect(restricted.summary).toBe('Directory synchronization could not be verified from here (1 finding needs a look by hand).');
    const lacking = judge({
      GraphOrganization: organization({ onPremisesSyncEnabled: null, onPremisesLastSyncDateTime: null, tokenRoles: ['User.Read.All'] }),
    });
    expect(ids(lacking)).toEqual(['manual:sync-not-visible']);
    expect(lacking.findings[0]?.message).toContain("the token's roles (User.Read.All) include none of Organization.Read.All");
  });

  it('accepts Directory.Read.All as permission enough', () => {
    const result = judge({
      GraphOrganization: organization({
        onPremisesSyncEnabled: null,
        onPremisesLastSyncDateTime: null,
        tokenRoles: ['Directory.Read.All'],
      }),
    });
    expect(ids(result)).toEqual(['fail:sync-never']);
  });

  it('warns when the AD sync account synchronizes to a tenant Graph does not know', () => {
    const result = judge({
      GraphOrganization: organization(),
      DirectorySyncFootprints: footprints({ syncAccounts: [{ ...footprints().syncAccounts[0]!, tenant: 'fabrikam.onmicrosoft.com' }] }),
    });
    expect(ids(result)).toEqual(['pass:sync-recent', 'warn:other-tenant']);
    expect(result.findings[1]?.message).toBe(
      'AD sync account MSOL_0123456789ab synchronizes to fabrikam.onmicrosoft.com, which is not a verified domain of the tenant Graph reads (contoso.com, contoso.onmicrosoft.com).',
    );
    expect(result.findings[1]?.remediation).toContain('retire the stale sync account MSOL_0123456789ab');
  });

  it('fails for mailbox users that are missing, cloud-only or in provisioning error', () => {
    const result = judge({
      GraphOrganization: organization(),
      GraphUsers: {
        users: [
          user({ mailbox: 'gone@contoso.com', found: false, id: null, onPremisesSyncEnabled: null }),
          user({ mailbox: 'cloud@contoso.com', onPremisesSyncEnabled: null }),
          user({
            mailbox: 'dup@contoso.com',
            onPremisesProvisioningErrors: [
              {
                category: 'PropertyConflict',
                occurredDateTime: '2026-11-01T00:00:00Z',
                propertyCausingError: 'ProxyAddress',
                value: 'smtp:dup@contoso.com',
              },
            ],
          }),
        ],
      },
    });
    expect(ids(result)).toEqual([
      'pass:sync-recent',
      'fail:user-not-found',
      'fail:user-not-synced',
      'pass:user-synced',
      'fail:user-provisioning-error',
    ]);
    expect(result.findings[2]?.message).toBe(
      'cloud@contoso.com exists in Entra ID but is not synchronized from on-premises AD (onPremisesSyncEnabled is null).',
    );
    expect(result.findings[4]?.message).toBe(
      'dup@contoso.com has a sync provisioning error: PropertyConflict on ProxyAddress (value smtp:dup@contoso.com, since 2026-11-01T00:00:00Z).',
    );
    expect(result.findings[4]?.remediation).toContain('holds smtp:dup@contoso.com (ProxyAddress)');
    expect(result.findings[1]?.remediation).toContain('sync scope');
  });

  it('is manual for a user lookup that failed', () => {
    const result = judge({
      GraphOrganization: organization(),
      GraphUsers: { users: [user({ found: false, error: { code: 'graph-throttled', message: 'HTTP 429' } })] },
    });
    expect(ids(result)).toEqual(['pass:sync-recent', 'manual:user-lookup-failed']);
    expect(result.findings[1]?.remediation).toContain('User.Read.All');
  });

  it('warns when users were read but the organization was not', () => {
    const result = judge({ GraphUsers: { users: [user()] } });
    expect(ids(result)).toEqual(['pass:user-synced', 'warn:organization-not-read']);
  });

  it('without Graph, warns on AD footprints and says how to give Graph access', () => {
    const result = judge({
      DirectorySyncFootprints: footprints({ deviceRegistration: { tenantDomain: 'contoso.onmicrosoft.com', tenantId } }),
    });
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.message).toBe(
      'Without Graph, AD shows that sync was set up: sync account MSOL_0123456789ab on AADC01 for contoso.onmicrosoft.com; 120 of 130 mailbox users carry a written-back msDS-ExternalDirectoryObjectId; device registration for contoso.onmicrosoft.com. Footprints do not show that sync runs today or how recently it ran.',
    );
    expect(result.findings[0]?.remediation).toContain('--tenant-id, --client-id and --client-secret-env');
  });

  it('without Graph and without footprints, stays manual: absence of footprints is not proof', () => {
    const result = judge({ DirectorySyncFootprints: footprints({ syncAccounts: [], mailboxUsersWithExternalDirectoryObjectId: 0 }) });
    expect(result.status).toBe('manual');
    expect(ids(result)).toEqual(['manual:no-footprints']);
    expect(result.findings[0]?.message).toContain('none of 130 mailbox users');
  });

  it('ends as error when no artifact at all could be collected', () => {
    const result = run({
      now,
      artifacts: {},
      artifactErrors: { GraphOrganization: { code: 'graph-auth-failed', message: 'AADSTS7000215: invalid client secret' } },
    });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('invalid client secret');
  });
});
