// Classic hybrid OAuth, as the Hybrid Configuration Wizard sets it up and HealthChecker checks it (docs/facts/graph.md §5):
// an enabled AzureAD or MicrosoftACS auth server, the enabled Exchange Online partner application, and an enabled
// intra-organization connector. Graph reaches /api on-premises with OAuth, so without these the REST calls fail.

import type { HybridConfiguration } from '../src/inventory/artifacts.js';
import { defineCheck, type Evidence, type FindingInput, type MessageData } from './api.js';
import { hostOfUrl } from './lib/exchange-online.js';
import { CLOUD_ISSUER_APP_ID, EXCHANGE_APP_ID } from './lib/http-evidence.js';

type AuthServer = HybridConfiguration['authServers'][number];

type MessageId =
  | 'auth-server-ok'
  | 'auth-server-type-unknown'
  | 'auth-server-disabled'
  | 'no-auth-server'
  | 'partner-app-ok'
  | 'partner-app-disabled'
  | 'no-partner-app'
  | 'ioc-ok'
  | 'ioc-disabled'
  | 'no-ioc'
  | 'fix-auth-server'
  | 'fix-enable-auth-server'
  | 'fix-check-type'
  | 'fix-partner-app'
  | 'fix-enable-partner-app'
  | 'fix-ioc'
  | 'fix-enable-ioc'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-fail';

/** Auth server types that issue cloud tokens to Exchange (names as Get-AuthServer prints them). */
const cloudAuthServerTypes = new Set(['azuread', 'microsoftacs']);
/** Token services whose metadata URL marks an auth server as Microsoft's cloud, when its type name is unknown. */
const cloudMetadataHosts = new Set([
  'login.windows.net',
  'login.microsoftonline.com',
  'accounts.accesscontrol.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
]);

export default defineCheck({
  id: 'hybrid-oauth-configuration',
  title: 'Hybrid OAuth is configured on-premises',
  description:
    'Reads the OAuth objects in the Exchange configuration in Active Directory: an enabled AzureAD or MicrosoftACS auth server, ' +
    'the enabled Exchange Online partner application, and an enabled intra-organization connector.',
  requirement: {
    id: null,
    text: 'OAuth between Exchange on-premises and Exchange Online (auth server, partner application, intra-organization connector) must be configured, as the Hybrid Configuration Wizard does.',
    sources: [
      {
        title: 'Configure OAuth authentication between Exchange and Exchange Online organizations',
        url: 'https://learn.microsoft.com/en-us/exchange/configure-oauth-authentication-between-exchange-and-exchange-online-organizations-exchange-2013-help',
      },
      {
        title: 'Using hybrid Modern Authentication with Outlook for iOS and Android',
        url: 'https://learn.microsoft.com/en-us/exchange/clients/outlook-for-ios-and-android/use-hybrid-modern-auth',
      },
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'warning',
  requiredArtifacts: ['HybridConfiguration'],
  optionalArtifacts: [],
  messages: {
    'auth-server-ok': 'An enabled auth server issues cloud tokens: {{servers}}.',
    'auth-server-type-unknown':
      'Auth server {{servers}} is enabled and points to Microsoft cloud token services, but its type ({{types}}) is not one this tool can read as AzureAD or MicrosoftACS.',
    'auth-server-disabled': 'An AzureAD/MicrosoftACS auth server exists but is disabled: {{servers}}.',
    'no-auth-server': 'No AzureAD or MicrosoftACS auth server exists (auth servers found: {{servers}}).',
    'partner-app-ok': 'The Exchange Online partner application ({{appId}}) is enabled: {{apps}}.',
    'partner-app-disabled': 'The Exchange Online partner application ({{appId}}) exists but is disabled: {{apps}}.',
    'no-partner-app': 'No partner application for Exchange Online ({{appId}}) exists (partner applications found: {{apps}}).',
    'ioc-ok': 'An enabled intra-organization connector exists: {{connectors}}.',
    'ioc-disabled':
      'The intra-organization connector exists but is disabled: {{connectors}}; free/busy falls back to the organization relationship, and OAuth is not used.',
    'no-ioc': 'No intra-organization connector exists.',
    'fix-auth-server':
      'Run the Hybrid Configuration Wizard, which creates the auth server, or create it: New-AuthServer -Name EvoSts -Type AzureAD -AuthMetadataUrl https://login.windows.net/<tenant>/federationmetadata/2007-06/federationmetadata.xml; check with Get-AuthServer | Format-List Name,Type,Enabled.',
    'fix-enable-auth-server':
      'Enable it (Set-AuthServer "<name>" -Enabled $true) and check with Get-AuthServer | Format-List Name,Type,Enabled: {{servers}}.',
    'fix-check-type':
      'Check the type with Get-AuthServer | Format-List Name,Type,Enabled,IssuerIdentifier: it should read AzureAD or MicrosoftACS.',
    'fix-partner-app':
      'Run the Hybrid Configuration Wizard, which creates the partner application; check with Get-PartnerApplication | Where-Object ApplicationIdentifier -eq {{appId}} | Format-List Name,Enabled,Realm,UseAuthServer.',
    'fix-enable-partner-app':
      'Enable it: Get-PartnerApplication | Where-Object ApplicationIdentifier -eq {{appId}} | Set-PartnerApplication -Enabled $true.',
    'fix-ioc':
      'Run the Hybrid Configuration Wizard, which creates the intra-organization connector; check with Get-IntraOrganizationConnector | Format-List Name,Enabled,TargetAddressDomains,DiscoveryEndpoint.',
    'fix-enable-ioc':
      'Enable it: Set-IntraOrganizationConnector "<name>" -Enabled $true, then check with Get-IntraOrganizationConnector | Format-List Name,Enabled.',
    'summary-pass':
      'Hybrid OAuth is configured: a cloud auth server, the Exchange Online partner application and an intra-organization connector, all enabled.',
    'summary-warn': 'Hybrid OAuth looks configured, but {{warned}} {{warned|part|parts}} could not be confirmed.',
    'summary-fail': '{{failed}} of 3 parts of hybrid OAuth {{failed|is|are}} missing or disabled.',
  },
  remediation: {
    summary:
      'Run the Hybrid Configuration Wizard (full classic hybrid): it creates the auth server, enables the Exchange Online partner ' +
      'application and creates the intra-organization connector. Then check with Test-OAuthConnectivity -Service EWS ' +
      '-TargetUri https://outlook.office365.com/EWS/Exchange.asmx -Mailbox <on-premises mailbox>.',
    links: [
      {
        title: 'Configure OAuth authentication between Exchange and Exchange Online organizations',
        url: 'https://learn.microsoft.com/en-us/exchange/configure-oauth-authentication-between-exchange-and-exchange-online-organizations-exchange-2013-help',
      },
      {
        title: 'New-IntraOrganizationConnector',
        url: 'https://learn.microsoft.com/en-us/powershell/module/exchange/New-IntraOrganizationConnector',
      },
    ],
  },

  run({ artifacts: { HybridConfiguration: hybrid } }) {
    const evidence: Evidence = {
      hybridConfigurationPresent: hybrid.hybridConfigurationPresent,
      authServers: hybrid.authServers.map((server) => ({ ...server })),
      partnerApplications: hybrid.partnerApplications.map((app) => ({ ...app })),
      intraOrganizationConnectors: hybrid.intraOrganizationConnectors.map((connector) => ({
        ...connector,
        targetAddressDomains: [...connector.targetAddressDomains],
      })),
    };
    const findings = [authServerFinding(hybrid, evidence), partnerApplicationFinding(hybrid, evidence), connectorFinding(hybrid, evidence)];
    const failed = findings.filter((finding) => finding.status === 'fail').length;
    const warned = findings.filter((finding) => finding.status === 'warn').length;
    const summary: { messageId: MessageId; data?: MessageData } =
      failed > 0
        ? { messageId: 'summary-fail', data: { failed } }
        : warned > 0
          ? { messageId: 'summary-warn', data: { warned } }
          : { messageId: 'summary-pass' };
    return { summary, findings, evidence };
  },
});

function describeServer(server: AuthServer): string {
  return `${server.name} (type ${server.type ?? 'unknown'}, ${server.enabled ? 'enabled' : 'disabled'}${server.isDefaultAuthorizationEndpoint ? ', default authorization endpoint' : ''})`;
}

function isCloudType(server: AuthServer): boolean {
  return server.type !== null && cloudAuthServerTypes.has(server.type.toLowerCase());
}

/** A server whose type name we cannot read (a raw number, or a name added later) but whose identity is Microsoft's cloud. */
function looksLikeCloudServer(server: AuthServer): boolean {
  const metadataHost = server.metadataUrl === null ? null : hostOfUrl(server.metadataUrl);
  return server.issuerIdentifier?.toLowerCase() === CLOUD_ISSUER_APP_ID || (metadataHost !== null && cloudMetadataHosts.has(metadataHost));
}

function authServerFinding(hybrid: HybridConfiguration, evidence: Evidence): FindingInput<MessageId> {
  const subject = { kind: 'configuration' as const, name: 'auth servers' };
  const servers = hybrid.authServers;
  const list = (items: readonly AuthServer[]) => items.map(describeServer).join('; ') || 'none';
  const enabledCloud = servers.filter((server) => server.enabled && isCloudType(server));
  if (enabledCloud.length > 0)
    return { subject, status: 'pass', messageId: 'auth-server-ok', data: { servers: list(enabledCloud) }, evidence };
  const unknownCloud = servers.filter((server) => server.enabled && !isCloudType(server) && looksLikeCloudServer(server));
  if (unknownCloud.length > 0) {
    return {
      subject,
      status: 'warn',
      messageId: 'auth-server-type-unknown',
      data: {
        servers: unknownCloud.map((server) => server.name).join(', '),
        types: unknownCloud.map((server) => server.type ?? 'not recorded').join(', '),
      },
      remediationId: 'fix-check-type',
      evidence,
    };
  }
  const disabledCloud = servers.filter((server) => !server.enabled && (isCloudType(server) || looksLikeCloudServer(server)));
  if (disabledCloud.length > 0) {
    return {
      subject,
      status: 'fail',
      messageId: 'auth-server-disabled',
      data: { servers: list(disabledCloud) },
      remediationId: 'fix-enable-auth-server',
      evidence,
    };
  }
  return {
    subject,
    status: 'fail',
    messageId: 'no-auth-server',
    data: { servers: list(servers) },
    remediationId: 'fix-auth-server',
    evidence,
  };
}

function partnerApplicationFinding(hybrid: HybridConfiguration, evidence: Evidence): FindingInput<MessageId> {
  const subject = { kind: 'configuration' as const, name: 'partner applications' };
  const describe = (app: HybridConfiguration['partnerApplications'][number]) =>
    `${app.name} (${app.applicationIdentifier ?? 'no application id'}, ${app.enabled ? 'enabled' : 'disabled'})`;
  const exchangeApps = hybrid.partnerApplications.filter((app) => app.applicationIdentifier?.toLowerCase() === EXCHANGE_APP_ID);
  const enabled = exchangeApps.filter((app) => app.enabled);
  const data = (apps: typeof exchangeApps) => ({ appId: EXCHANGE_APP_ID, apps: apps.map(describe).join('; ') || 'none' });
  if (enabled.length > 0) return { subject, status: 'pass', messageId: 'partner-app-ok', data: data(enabled), evidence };
  if (exchangeApps.length > 0)
    return {
      subject,
      status: 'fail',
      messageId: 'partner-app-disabled',
      data: data(exchangeApps),
      remediationId: 'fix-enable-partner-app',
      evidence,
    };
  return {
    subject,
    status: 'fail',
    messageId: 'no-partner-app',
    data: data(hybrid.partnerApplications),
    remediationId: 'fix-partner-app',
    evidence,
  };
}

function connectorFinding(hybrid: HybridConfiguration, evidence: Evidence): FindingInput<MessageId> {
  const subject = { kind: 'configuration' as const, name: 'intra-organization connectors' };
  const describe = (connector: HybridConfiguration['intraOrganizationConnectors'][number]) =>
    `${connector.name} (target domains ${connector.targetAddressDomains.join(', ') || 'none'}; discovery ${connector.discoveryEndpoint ?? 'not set'})`;
  const connectors = hybrid.intraOrganizationConnectors;
  const enabled = connectors.filter((connector) => connector.enabled);
  if (enabled.length > 0)
    return { subject, status: 'pass', messageId: 'ioc-ok', data: { connectors: enabled.map(describe).join('; ') }, evidence };
  if (connectors.length > 0) {
    return {
      subject,
      status: 'fail',
      messageId: 'ioc-disabled',
      data: { connectors: connectors.map(describe).join('; ') },
      remediationId: 'fix-enable-ioc',
      evidence,
    };
  }
  return { subject, status: 'fail', messageId: 'no-ioc', remediationId: 'fix-ioc', evidence };
}
