import { describe, expect, it } from 'vitest';
import check from '../../checks/hybrid-oauth-configuration.js';
import type { HybridConfiguration } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';

const { run } = createCheckTester(check);
const tenant = '5de110f8-2e0f-4d45-891d-bcf2218e253d';

type AuthServer = HybridConfiguration['authServers'][number];
const acs: AuthServer = {
  name: 'ACS - a1b2c3',
  type: 'MicrosoftACS',
  enabled: true,
  isDefaultAuthorizationEndpoint: false,
  issuerIdentifier: '00000001-0000-0000-c000-000000000000',
  metadataUrl: `https://accounts.accesscontrol.windows.net/${tenant}/Metadata/json/1`,
  realm: tenant,
};
const evoSts: AuthServer = {
  name: 'EvoSts - a1b2c3',
  type: 'AzureAD',
  enabled: true,
  isDefaultAuthorizationEndpoint: true,
  issuerIdentifier: null,
  metadataUrl: `https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml`,
  realm: null,
};
const exchangeOnline = {
  name: 'Exchange Online',
  applicationIdentifier: '00000002-0000-0ff1-ce00-000000000000',
  enabled: true,
  realm: '',
  useAuthServer: true,
};
const connector = {
  name: 'HybridIOC - a1b2c3',
  enabled: true,
  targetAddressDomains: ['contoso.mail.onmicrosoft.com'],
  discoveryEndpoint: 'https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc',
};

function hybrid(fields: Partial<HybridConfiguration> = {}): HybridConfiguration {
  return {
    authServers: [acs, evoSts],
    partnerApplications: [exchangeOnline],
    intraOrganizationConnectors: [connector],
    hybridConfigurationPresent: true,
    ...fields,
  };
}
const judge = (fields: Partial<HybridConfiguration> = {}) => run({ artifacts: { HybridConfiguration: hybrid(fields) } });
const ids = (result: ReturnType<typeof judge>) => result.findings.map((finding) => `${finding.status}:${finding.messageId}`);

describe('hybrid-oauth-configuration', () => {
  it('passes when all three parts exist and are enabled', () => {
    const result = judge();
    expect(result.status).toBe('pass');
    expect(ids(result)).toEqual(['pass:auth-server-ok', 'pass:partner-app-ok', 'pass:ioc-ok']);
    expect(result.findings[0]?.message).toContain('EvoSts - a1b2c3 (type AzureAD, enabled, default authorization endpoint)');
    expect(result.findings[2]?.message).toContain('target domains contoso.mail.onmicrosoft.com');
    expect(result.evidence['hybridConfigurationPresent']).toBe(true);
  });

  it('accepts type names in any case', () => {
    expect(judge({ authServers: [{ ...evoSts, type: 'azuread' }] }).findings[0]?.messageId).toBe('auth-server-ok');
  });

  it('warns, naming the raw type, when an enabled cloud auth server has a type it cannot read', () => {
    const result = judge({
      authServers: [
        { ...acs, type: '4' },
        { ...evoSts, type: null, issuerIdentifier: null },
      ],
    });
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.message).toBe(
      'Auth server ACS - a1b2c3, EvoSts - a1b2c3 is enabled and points to Microsoft cloud token services, but its type (4, not recorded) is not one this tool can read as AzureAD or MicrosoftACS.',
    );
    expect(result.findings[0]?.remediation).toContain('Get-AuthServer');
    expect(result.summary).toBe('Hybrid OAuth looks configured, but 1 part could not be confirmed.');
  });

  it('fails when the cloud auth servers are disabled', () => {
    const result = judge({ authServers: [{ ...acs, enabled: false }] });
    expect(ids(result)[0]).toBe('fail:auth-server-disabled');
    expect(result.findings[0]?.remediation).toContain('Set-AuthServer');
    expect(result.summary).toBe('1 of 3 parts of hybrid OAuth is missing or disabled.');
  });

  it('fails when only other auth servers exist, and lists them', () => {
    const result = judge({
      authServers: [
        { ...evoSts, name: 'ADFS', type: 'ADFS', metadataUrl: 'https://sts.contoso.com/FederationMetadata/2007-06/FederationMetadata.xml' },
      ],
    });
    expect(ids(result)[0]).toBe('fail:no-auth-server');
    expect(result.findings[0]?.message).toContain('auth servers found: ADFS (type ADFS, enabled, default authorization endpoint)');
    expect(result.findings[0]?.remediation).toContain('New-AuthServer -Name EvoSts -Type AzureAD');
    expect(judge({ authServers: [] }).findings[0]?.message).toContain('auth servers found: none');
  });

  it('fails when the Exchange Online partner application is disabled or missing', () => {
    const disabled = judge({ partnerApplications: [{ ...exchangeOnline, enabled: false }] });
    expect(ids(disabled)[1]).toBe('fail:partner-app-disabled');
    expect(disabled.findings[1]?.remediation).toContain('Set-PartnerApplication -Enabled $true');
    const missing = judge({
      partnerApplications: [{ ...exchangeOnline, name: 'Microsoft Graph', applicationIdentifier: '00000003-0000-0000-c000-000000000000' }],
    });
    expect(ids(missing)[1]).toBe('fail:no-partner-app');
    expect(missing.findings[1]?.message).toContain(
      'partner applications found: Microsoft Graph (00000003-0000-0000-c000-000000000000, enabled)',
    );
    expect(missing.findings[1]?.remediation).toContain(
      'Get-PartnerApplication | Where-Object ApplicationIdentifier -eq 00000002-0000-0ff1-ce00-000000000000',
    );
  });

  it('fails when the intra-organization connector is disabled or missing', () => {
    const disabled = judge({ intraOrganizationConnectors: [{ ...connector, enabled: false }] });
    expect(ids(disabled)[2]).toBe('fail:ioc-disabled');
    expect(disabled.findings[2]?.remediation).toContain('Set-IntraOrganizationConnector');
    const missing = judge({ intraOrganizationConnectors: [], hybridConfigurationPresent: false });
    expect(ids(missing)[2]).toBe('fail:no-ioc');
    expect(missing.findings[2]?.remediation).toContain('Get-IntraOrganizationConnector');
    expect(missing.evidence['hybridConfigurationPresent']).toBe(false);
  });

  it('reports every missing part on its own', () => {
    const result = judge({ authServers: [], partnerApplications: [], intraOrganizationConnectors: [] });
    expect(ids(result)).toEqual(['fail:no-auth-server', 'fail:no-partner-app', 'fail:no-ioc']);
    expect(result.summary).toBe('3 of 3 parts of hybrid OAuth are missing or disabled.');
  });
});
