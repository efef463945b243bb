import { describe, expect, it } from 'vitest';
import check from '../../checks/hybrid-app-dedicated.js';
import type { Artifacts, SettingOverride } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import { EDGE, MAILBOX_2019, server, servers } from '../support/exchange-servers.js';
import { ALL_FEATURES, APP_ID, authConfig, FIRST_PARTY, features, override } from './hybrid-cases.js';

const { run } = createCheckTester(check);

const EX1 = server('EX1', '15.2.1748.24', { roles: MAILBOX_2019 });
const EX2 = server('EX2', '15.2.2562.17', { roles: MAILBOX_2019 });

function moved(changes: Partial<Artifacts> = {}, overrides: SettingOverride[] = [override()]): Partial<Artifacts> {
  return {
    HybridFeatures: features(ALL_FEATURES, [EX1, EX2]),
    ExchangeAuthConfig: authConfig(APP_ID),
    SettingOverrides: { overrides, truncated: false },
    ExchangeServers: servers(EX1, EX2),
    ...changes,
  };
}

const ids = (result: ReturnType<typeof run>) => result.findings.map((finding) => `${finding.subject.name}:${finding.messageId}`);

describe('hybrid-app-dedicated', () => {
  it('passes when the EvoSTS server names the dedicated app, the override is on and every hybrid server supports it', () => {
    const result = run({ artifacts: moved() });
    expect(result.status).toBe('pass');
    expect(ids(result)).toEqual([
      `EvoSts - 5de110f8-2e0f-4d45-891d-bcf2218e253d:app-id-dedicated`,
      'ExchangeOnpremAsThirdPartyAppId override:override-enabled',
      'EX1:server-supported',
      'EX2:server-supported',
    ]);
    expect(result.summary).toBe(
      `On-premises uses the dedicated application (${APP_ID}) for rich coexistence (FreeBusy, Mailtips, Photos), the override enables it, and all 2 hybrid servers support it.`,
    );
    expect(result.findings[2]?.message).toContain('floor 15.2.1748.24 (CU15 Apr25HU)');
  });

  it('is not applicable without a hybrid configuration, or when no rich-coexistence feature is on, naming the features read', () => {
    const none = run({ artifacts: moved({ HybridFeatures: { configuration: null } }) });
    expect(none.status).toBe('not-applicable');
    expect(none.findings[0]?.messageId).toBe('no-hybrid-configuration');

    const off = run({ artifacts: moved({ HybridFeatures: features(2 | 8 | 32, [EX1]) }) });
    expect(off.status).toBe('not-applicable');
    expect(off.summary).toContain('features read: MoveMailbox, MessageTracking, OnlineArchive');
  });

  it('is manual when the hybrid configuration exists but its features cannot be read', () => {
    const result = run({ artifacts: moved({ HybridFeatures: features(null, [EX1]) }) });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.messageId).toBe('features-unreadable');
    expect(result.findings[0]?.remediation).toContain('Get-HybridConfiguration');
  });

  it('fails when no enabled EvoSTS auth server exists, asking for the Hybrid Configuration Wizard', () => {
    const auth = authConfig(APP_ID);
    const result = run({
      artifacts: moved({ ExchangeAuthConfig: { ...auth, authServers: auth.authServers.filter((entry) => entry.type !== 'AzureAD') } }),
    });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.messageId).toBe('no-evosts');
    expect(result.findings[0]?.remediation).toContain('Hybrid Configuration Wizard');
    expect(result.summary).toMatch(
      /^Rich coexistence \(FreeBusy, Mailtips, Photos\) does not use a dedicated application everywhere: Auth servers/,
    );
  });

  it.each([
    [null, 'app-id-missing'],
    [FIRST_PARTY, 'app-id-first-party'],
    ['ExchangeServerApp', 'app-id-invalid'],
  ])('fails when the EvoSTS server names %s', (appId, messageId) => {
    const result = run({ artifacts: moved({ ExchangeAuthConfig: authConfig(appId) }) });
    expect(result.status).toBe('fail');
    const finding = result.findings.find((entry) => entry.messageId === messageId);
    expect(finding?.evidence['applicationIdentifier']).toBe(appId);
    expect(finding?.remediation).toContain('ConfigureExchangeHybridApplication.ps1 -FullyConfigureExchangeHybridApplication');
  });

  it('fails without the override, and names overrides of that section whose Enabled parameter cannot be read', () => {
    const missing = run({ artifacts: moved({}, [override({ section: 'SomethingElse' })]) });
    expect(missing.status).toBe('fail');
    const finding = missing.findings.find((entry) => entry.messageId === 'override-missing');
    expect(finding?.remediation).toContain('New-SettingOverride -Name "EnableExchangeHybrid3PAppFeature" -Component Global');

    const garbled = run({ artifacts: moved({}, [override({ parameters: ['Enabled=yes'] })]) });
    expect(garbled.findings.find((entry) => entry.messageId === 'override-missing')?.message).toContain(
      'found without a readable Enabled parameter: EnableExchangeHybrid3PAppFeature (Global/ExchangeOnpremAsThirdPartyAppId: Enabled=yes; all servers)',
    );
  });

  it('is manual, not fail, when the override may be among the overrides that were not read', () => {
    const truncated = run({
      artifacts: { ...moved({}, [override({ section: 'Other' })]), SettingOverrides: { overrides: [], truncated: true } },
    });
    expect(truncated.status).toBe('manual');
    const finding = truncated.findings.find((entry) => entry.messageId === 'override-unread');
    expect(finding?.message).toContain('only the first 0 were read');
    expect(finding?.remediation).toContain('Get-SettingOverride');

    const broken = run({
      artifacts: moved({}, [override({ name: 'Mystery', section: null, component: null, parameters: [], error: 'unreadable XML' })]),
    });
    expect(broken.findings.find((entry) => entry.messageId === 'override-unread')?.message).toContain('Mystery: unreadable XML');
    expect(broken.status).toBe('manual');
  });

  it('fails when an override turns the feature off for a hybrid server, even though another turns it on', () => {
    const result = run({
      artifacts: moved({}, [override(), override({ name: 'OffOnEx2', parameters: ['Enabled=false'], servers: ['EX2'] })]),
    });
    expect(result.status).toBe('fail');
    const finding = result.findings.find((entry) => entry.messageId === 'override-disabled');
    expect(finding?.message).toMatch(/^A setting override turns the dedicated application off for EX2: /);
  });

  it('fails when the enabling override is scoped to servers that leave a hybrid server out', () => {
    const result = run({ artifacts: moved({}, [override({ servers: ['EX1*'] })]) });
    expect(result.status).toBe('fail');
    expect(result.findings.find((entry) => entry.messageId === 'override-not-covering')?.message).toContain('do not apply to EX2');
    // Wildcards match the NetBIOS name case-insensitively.
    expect(run({ artifacts: moved({}, [override({ servers: ['ex?'] })]) }).status).toBe('pass');
  });

  it('honours the version window, and is manual when the build needed to decide it is unknown', () => {
    const below = run({ artifacts: moved({}, [override({ fixVersion: '15.2.2562.0' })]) });
    expect(below.findings.find((entry) => entry.messageId === 'override-not-covering')?.message).toContain('do not apply to EX2');

    const noRevision = server('EX1', '15.2.1748.24', { roles: MAILBOX_2019, serialNumber: null });
    const unknown = run({
      artifacts: moved({ ExchangeServers: servers(noRevision, EX2) }, [override({ minVersion: '15.2.1748.0' })]),
    });
    expect(unknown.status).toBe('manual');
    expect(ids(unknown)).toContain('ExchangeOnpremAsThirdPartyAppId override:override-scope-unknown');
    expect(ids(unknown)).toContain('EX1:server-revision-unknown');
    expect(unknown.summary).toMatch(
      /^Rich coexistence .* some of it could not be verified from here: ExchangeOnpremAsThirdPartyAppId override, EX1\.$/,
    );
  });

  it('fails a hybrid server below the April 2025 hotfix update, on its own CU line or an older one', () => {
    const cu15 = server('EX1', '15.2.1748.16', { roles: MAILBOX_2019 });
    const cu13 = server('EX2', '15.2.1258.39', { roles: MAILBOX_2019 });
    const result = run({ artifacts: moved({ ExchangeServers: servers(cu15, cu13) }) });
    expect(result.status).toBe('fail');
    const [first, second] = result.findings.filter((entry) => entry.messageId === 'server-too-old');
    expect(first?.message).toContain('floor 15.2.1748.24 (CU15 Apr25HU)');
    expect(second?.message).toContain('is on no line that has one');
    expect(first?.remediation).toBe('Install the April 2025 hotfix update or later on EX1 (or move it to Exchange SE), then run again.');
  });

  it('is manual for a hybrid server whose build is unknown or that the hybrid configuration names but AD does not hold', () => {
    const unknown = server('EX2', null, { roles: MAILBOX_2019 });
    const ghost = { ...EX2, name: 'EX9', dn: EX2.dn.replace('CN=EX2', 'CN=EX9') };
    const result = run({
      artifacts: moved({ HybridFeatures: features(ALL_FEATURES, [EX1, unknown, ghost]), ExchangeServers: servers(EX1, unknown) }),
    });
    expect(result.status).toBe('manual');
    expect(ids(result)).toEqual(expect.arrayContaining(['EX2:server-build-unknown', 'EX9:server-not-found']));
    expect(result.findings.find((entry) => entry.messageId === 'server-not-found')?.remediation).toContain('ExSetup.exe');
  });

  it('judges every Mailbox server when the hybrid configuration names none, and never an Edge server', () => {
    const edge = server('EDGE1', '15.2.1544.4', { roles: EDGE });
    const result = run({ artifacts: moved({ HybridFeatures: features(ALL_FEATURES), ExchangeServers: servers(EX1, edge) }) });
    expect(result.status).toBe('pass');
    expect(result.evidence['serversFrom']).toBe('mailbox-servers');
    expect(ids(result)).not.toContain('EDGE1:server-too-old');

    const named = run({ artifacts: moved({ HybridFeatures: features(ALL_FEATURES, [EX1, edge]), ExchangeServers: servers(EX1, edge) }) });
    expect(named.status).toBe('pass');
    expect(named.findings.map((entry) => entry.subject.name)).not.toContain('EDGE1');
  });

  it('is manual when no server that can carry hybrid traffic exists', () => {
    const result = run({ artifacts: moved({ HybridFeatures: features(ALL_FEATURES), ExchangeServers: servers() }) });
    expect(result.status).toBe('manual');
    expect(result.findings.map((entry) => entry.messageId)).toContain('no-servers');
  });
});
