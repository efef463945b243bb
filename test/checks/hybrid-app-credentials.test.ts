import { describe, expect, it } from 'vitest';
import check from '../../checks/hybrid-app-credentials.js';
import type { AppRoleAssignment, Artifacts, HybridApplications } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import {
  ALL_FEATURES,
  APP_ID,
  application,
  authConfig,
  CURRENT,
  credential,
  EWS_ROLE,
  features,
  graphRole,
  NEXT,
  NOW,
  override,
} from './hybrid-cases.js';

const { run } = createCheckTester(check);

const days = (count: number) => new Date(Date.parse(NOW) + count * 86_400_000).toISOString();
const LABEL = `ExchangeServerApp-0626ac82 (${APP_ID})`;
const ROUTE_THROUGH_GRAPH = override({
  name: 'EnableRouteThroughMSGraphFeature',
  component: 'SettingOverride',
  section: 'RouteThroughMSGraph',
});
const GRAPH_FLOW = ['Calendars.Read', 'MailboxSettings.Read', 'MailTips.ReadBasic.All', 'ProfilePhoto.Read.All'];

function tenant(changes: Partial<Artifacts> = {}): Partial<Artifacts> {
  return { HybridFeatures: features(ALL_FEATURES), ExchangeAuthConfig: authConfig(APP_ID), HybridApplications: application(), ...changes };
}

const withRoles = (roles: HybridApplications['applications'][number]['servicePrincipal']) =>
  tenant({ HybridApplications: application({ servicePrincipal: roles }) });
const principal = (assignments: AppRoleAssignment[]) => ({
  id: 'app-sp',
  displayName: 'ExchangeServerApp-0626ac82',
  appRoleAssignments: assignments,
});
const messages = (result: ReturnType<typeof run>) => result.findings.map((finding) => finding.messageId);

describe('hybrid-app-credentials', () => {
  it('passes when the app exists, holds full_access_as_app with consent and carries the current Auth certificate', () => {
    const result = run({ artifacts: tenant(), now: NOW });
    expect(result.status).toBe('pass');
    expect(messages(result)).toEqual(['ews-permission-consented', 'credential-valid']);
    expect(result.findings[1]?.message).toBe(
      `${LABEL} carries the Auth certificate ${CURRENT} (the current Auth certificate) as a key credential valid until 2031-10-27 (1802 days left).`,
    );
    expect(result.summary).toBe(`The dedicated application (${APP_ID}) holds its permission with consent and a valid Auth certificate.`);
  });

  it('is not applicable without rich coexistence, and manual when the features cannot be read', () => {
    expect(run({ artifacts: tenant({ HybridFeatures: { configuration: null } }) }).findings[0]?.messageId).toBe('no-hybrid-configuration');
    const off = run({ artifacts: tenant({ HybridFeatures: features(2) }) });
    expect(off.status).toBe('not-applicable');
    expect(off.summary).toContain('features read: MoveMailbox');
    const unreadable = run({ artifacts: tenant({ HybridFeatures: features(null) }) });
    expect(unreadable.status).toBe('manual');
    expect(unreadable.findings[0]?.messageId).toBe('features-unreadable');
  });

  it('fails when on-premises names no dedicated application', () => {
    const result = run({ artifacts: tenant({ ExchangeAuthConfig: authConfig('00000002-0000-0ff1-ce00-000000000000') }) });
    expect(result.status).toBe('fail');
    expect(messages(result)).toEqual(['no-dedicated-app']);
    expect(result.summary).toMatch(/^No auth server names a dedicated application, so rich coexistence \(.+\) has none to use.$/);
  });

  it('is manual when the app was not looked up, and fails when the tenant does not hold it', () => {
    const notAsked = run({ artifacts: tenant({ HybridApplications: { requested: [], applications: [] } }) });
    expect(notAsked.status).toBe('manual');
    expect(messages(notAsked)).toEqual(['app-not-looked-up']);
    expect(notAsked.summary).toBe(
      `Part of the dedicated application could not be verified from here; see the findings about application ${APP_ID}.`,
    );

    const absent = run({
      artifacts: tenant({
        HybridApplications: {
          requested: [APP_ID],
          applications: [{ ...application().applications[0]!, found: false, keyCredentials: [] }],
        },
      }),
    });
    expect(absent.status).toBe('fail');
    expect(messages(absent)).toEqual(['app-not-in-tenant']);
    expect(absent.findings[0]?.remediation).toContain('-FullyConfigureExchangeHybridApplication');
  });

  it('fails without a service principal or without consented full_access_as_app, saying whether it is requested', () => {
    const noPrincipal = run({ artifacts: withRoles(null), now: NOW });
    expect(noPrincipal.status).toBe('fail');
    expect(messages(noPrincipal)).toContain('no-service-principal');
    expect(noPrincipal.findings[0]?.remediation).toContain('grant admin consent');

    const unconsented = run({ artifacts: withRoles(principal([])), now: NOW });
    expect(unconsented.findings[0]?.messageId).toBe('ews-permission-missing');
    expect(unconsented.findings[0]?.message).toContain('it is requested, but admin consent was not granted');

    const unrequested = run({
      artifacts: tenant({
        HybridApplications: application({ requiredResourceAccess: [], servicePrincipal: principal([graphRole('User.Read.All')]) }),
      }),
      now: NOW,
    });
    expect(unrequested.findings[0]?.message).toContain('it is not even requested');
    expect(unrequested.summary).toMatch(/^The dedicated application cannot carry rich coexistence \(FreeBusy, Mailtips, Photos\)/);
  });

  describe('where RouteThroughMSGraph routes rich coexistence through Graph', () => {
    const graph = (assignments: AppRoleAssignment[]) => ({
      ...withRoles(principal(assignments)),
      SettingOverrides: { overrides: [ROUTE_THROUGH_GRAPH], truncated: false },
    });

    it('passes with the four Graph permissions and full_access_as_app, naming the override', () => {
      const result = run({ artifacts: graph([...GRAPH_FLOW.map((value) => graphRole(value)), EWS_ROLE]), now: NOW });
      expect(result.status).toBe('pass');
      expect(messages(result)).toEqual(['graph-permissions-consented', 'credential-valid']);
      expect(result.findings[0]?.message).toContain('EnableRouteThroughMSGraphFeature (SettingOverride/RouteThroughMSGraph)');
    });

    it('warns that EWS is still needed when only the Graph permissions are granted', () => {
      const result = run({ artifacts: graph(GRAPH_FLOW.map((value) => graphRole(value))), now: NOW });
      expect(result.status).toBe('warn');
      expect(messages(result)).toEqual(['graph-permissions-consented', 'ews-still-needed', 'credential-valid']);
      expect(result.summary).toBe(
        `The dedicated application (${APP_ID}) works today, with a caveat; see the findings about application ${APP_ID}.`,
      );
    });

    it('fails naming the missing Graph permissions, and reads the override under any component', () => {
      const anyComponent = { ...graph([graphRole('Calendars.Read'), EWS_ROLE]) };
      anyComponent.SettingOverrides = { overrides: [{ ...ROUTE_THROUGH_GRAPH, component: 'Global' }], truncated: false };
      const result = run({ artifacts: anyComponent, now: NOW });
      expect(result.status).toBe('fail');
      const finding = result.findings.find((entry) => entry.messageId === 'graph-permissions-missing');
      expect(finding?.message).toContain(
        'lacks admin-consented Graph permissions: MailboxSettings.Read, MailTips.ReadBasic.All, ProfilePhoto.Read.All (granted: Calendars.Read)',
      );
      expect(finding?.remediation).toContain('or remove the RouteThroughMSGraph override');
    });

    it('is manual when the names of the granted Graph roles could not be read', () => {
      const result = run({ artifacts: graph([graphRole(null), EWS_ROLE]), now: NOW });
      expect(result.status).toBe('manual');
      expect(messages(result)).toContain('graph-permissions-unreadable');
    });

    it('ignores a RouteThroughMSGraph override that is not enabled', () => {
      const off = {
        ...graph([EWS_ROLE]),
        SettingOverrides: { overrides: [{ ...ROUTE_THROUGH_GRAPH, parameters: ['Enabled=false'] }], truncated: false },
      };
      expect(messages(run({ artifacts: off, now: NOW }))).toEqual(['ews-permission-consented', 'credential-valid']);
    });
  });

  it('warns when the Auth certificate credential ends within 30 days', () => {
    const soon = application({ keyCredentials: [credential(CURRENT, '2025-12-01T00:00:00Z', days(10))] });
    const result = run({ artifacts: tenant({ HybridApplications: soon }), now: NOW });
    expect(result.status).toBe('warn');
    expect(result.findings[1]?.messageId).toBe('credential-expiring');
    expect(result.findings[1]?.message).toContain('ends on 2026-11-30, in 10 days');
    expect(result.findings[1]?.remediation).toContain('-UpdateCertificate');
  });

  it('fails when no credential is valid on the assessment date: expired, not yet valid, or none', () => {
    const stale = application({
      keyCredentials: [credential(CURRENT, '2024-01-01T00:00:00Z', days(-1)), credential(NEXT, days(5), days(400))],
    });
    const result = run({ artifacts: tenant({ HybridApplications: stale }), now: NOW });
    expect(result.status).toBe('fail');
    const finding = result.findings.find((entry) => entry.messageId === 'no-valid-credential');
    expect(finding?.message).toContain(`${CURRENT} expired 2026-11-19, ${NEXT} not-yet-valid`);
    const none = run({ artifacts: tenant({ HybridApplications: application({ keyCredentials: [] }) }), now: NOW });
    expect(none.findings.find((entry) => entry.messageId === 'no-valid-credential')?.message).toContain('(none at all)');
  });

  it('fails when the valid credentials are not the on-premises Auth certificate', () => {
    const other = 'AB'.repeat(20);
    const result = run({
      artifacts: tenant({ HybridApplications: application({ keyCredentials: [credential(other, '2026-01-01T00:00:00Z', days(300))] }) }),
      now: NOW,
    });
    expect(result.status).toBe('fail');
    expect(result.findings[1]?.messageId).toBe('credential-not-auth-certificate');
    expect(result.findings[1]?.message).toContain(`(${other}), but none is the current on-premises Auth certificate ${CURRENT}`);
  });

  it('warns when the next Auth certificate is lined up but not uploaded, and passes when it is', () => {
    const auth = authConfig(APP_ID, { nextThumbprint: NEXT, nextEffectiveDate: '2026-12-15T00:00:00Z' });
    const missing = run({ artifacts: tenant({ ExchangeAuthConfig: auth }), now: NOW });
    expect(missing.status).toBe('warn');
    expect(missing.findings.find((entry) => entry.messageId === 'next-certificate-missing')?.message).toBe(
      `The next Auth certificate ${NEXT} (effective 2026-12-15) is not among the key credentials of ${LABEL}: hybrid breaks when it takes over.`,
    );
    const both = application({
      keyCredentials: [credential(CURRENT, '2026-01-01T00:00:00Z', days(300)), credential(NEXT, '2026-01-01T00:00:00Z', days(900))],
    });
    expect(run({ artifacts: tenant({ ExchangeAuthConfig: auth, HybridApplications: both }), now: NOW }).status).toBe('pass');
  });

  it('is manual when a valid credential has no readable thumbprint and none matches the Auth certificate', () => {
    const result = run({
      artifacts: tenant({
        HybridApplications: application({
          keyCredentials: [credential(null, '2026-01-01T00:00:00Z', days(300), { customKeyIdentifier: 'QXV0aA==' })],
        }),
      }),
      now: NOW,
    });
    expect(result.status).toBe('manual');
    expect(result.findings[1]?.messageId).toBe('credential-thumbprint-unknown');
    expect(result.findings[1]?.message).toContain('customKeyIdentifier QXV0aA==');
  });

  it('judges validity alone when AD gave no Auth certificate thumbprint, and says the thumbprint was not compared', () => {
    const auth = authConfig(APP_ID, { currentThumbprint: null, rawThumbprints: [] });
    const result = run({ artifacts: tenant({ ExchangeAuthConfig: auth }), now: NOW });
    expect(result.status).toBe('pass');
    expect(result.findings[1]?.message).toContain('thumbprint not compared: AD gave no Auth certificate thumbprint');
  });
});
