// H1: on-premises Exchange uses a dedicated Entra application for rich coexistence, not the shared first-party one
// whose EWS use Exchange Online blocks since 2025-10-31: the EvoSTS auth server names the dedicated appId, the
// ExchangeOnpremAsThirdPartyAppId override turns the feature on, and the servers that carry hybrid traffic run a
// build that supports it. Facts and sources: docs/facts/hybrid.md.
import type { ExchangeServer, SettingOverride, SettingOverrides } from '../src/inventory/artifacts.js';
import { defineCheck, type FindingInput, type MessageData } from './api.js';
import { dedicatedAppFloor } from './data/hybrid-build-floors.js';
import type { BuildCatalogue } from './lib/build-catalogue.js';
import { floorText, judgeFloor } from './lib/build-floor.js';
import {
  buildText,
  DEDICATED_APP_OVERRIDE,
  describeOverride,
  enabledParameter,
  evoStsServers,
  FIRST_PARTY_APP_ID,
  isAppId,
  listed,
  overrideAppliesTo,
  overridesOf,
  richCoexistenceOf,
} from './lib/hybrid-app.js';
import { hybridServers } from './lib/hybrid-servers.js';
import { configureScriptDoc, deployDedicatedAppDoc, enforcementBlog, securityChangesBlog } from './lib/hybrid-sources.js';
import { readServerBuild, readServerBuildSource, serverEvidence } from './lib/server-build.js';

type MessageId =
  | 'no-hybrid-configuration'
  | 'no-rich-coexistence'
  | 'features-unreadable'
  | 'no-evosts'
  | 'app-id-dedicated'
  | 'app-id-missing'
  | 'app-id-first-party'
  | 'app-id-invalid'
  | 'override-enabled'
  | 'override-missing'
  | 'override-unread'
  | 'override-disabled'
  | 'override-not-covering'
  | 'override-scope-unknown'
  | 'server-supported'
  | 'server-too-old'
  | 'server-revision-unknown'
  | 'server-build-unknown'
  | 'server-not-found'
  | 'no-servers'
  | 'fix-configure-app'
  | 'fix-run-hcw'
  | 'fix-override'
  | 'fix-list-overrides'
  | 'fix-update-server'
  | 'fix-read-build'
  | 'fix-read-features'
  | 'summary-pass'
  | 'summary-fail'
  | 'summary-manual';

const OVERRIDE_COMMAND =
  'New-SettingOverride -Name "EnableExchangeHybrid3PAppFeature" -Component Global -Section ExchangeOnpremAsThirdPartyAppId -Parameters @("Enabled=true") -Reason "Dedicated Exchange hybrid app"';

export default defineCheck({
  id: 'hybrid-app-dedicated',
  title: 'On-premises Exchange uses a dedicated hybrid application',
  description:
    'Reads the EvoSTS auth server, the setting overrides and the hybrid configuration from Active Directory: rich coexistence ' +
    '(free/busy, MailTips, photos) needs the auth server to name a dedicated Entra application instead of the shared ' +
    `${FIRST_PARTY_APP_ID}, the ExchangeOnpremAsThirdPartyAppId override to be on, and every server that carries hybrid ` +
    'traffic to run the April 2025 hotfix update or later (or Exchange SE).',
  requirement: {
    id: 'H1',
    text: 'Exchange hybrid deployments that use rich coexistence must use a dedicated Exchange hybrid application: since 2025-10-31 Exchange Online blocks EWS calls through the shared service principal.',
    sources: [securityChangesBlog, deployDedicatedAppDoc, enforcementBlog],
  },
  requirementSet: 'hybrid',
  severity: 'blocker',
  requiredArtifacts: ['HybridFeatures', 'ExchangeAuthConfig', 'SettingOverrides', 'ExchangeServers'],
  optionalArtifacts: [],
  messages: {
    'no-hybrid-configuration':
      'No hybrid configuration object (msExchCoexistenceRelationship) exists, so no rich-coexistence feature is configured and the dedicated application is not needed.',
    'no-rich-coexistence':
      'The hybrid configuration enables none of free/busy, MailTips or photos (features read: {{features}}), so the dedicated application is not needed.',
    'features-unreadable':
      'The hybrid configuration exists but its features (msExchCoexistenceFeatureFlags) could not be read, so whether rich coexistence is used is unknown.',
    'no-evosts':
      'No enabled AzureAD (EvoSTS) auth server exists, so no dedicated application can be configured: rich coexistence ({{enabled}}) has no working OAuth path to Exchange Online.',
    'app-id-dedicated': 'The auth server {{server}} names the dedicated application {{appId}}.',
    'app-id-missing':
      'The auth server {{server}} names no application (ApplicationIdentifier is empty): on-premises still uses the shared first-party application, which Exchange Online no longer accepts for rich coexistence.',
    'app-id-first-party':
      'The auth server {{server}} names the shared first-party application {{appId}} (Office 365 Exchange Online), which Exchange Online no longer accepts for rich coexistence.',
    'app-id-invalid': 'The auth server {{server}} names {{appId}} as its application, which is not an application id (a GUID).',
    'override-enabled': 'The setting override that enables the dedicated application is on for every hybrid server: {{overrides}}.',
    'override-missing':
      'No setting override enables the dedicated application (Global/ExchangeOnpremAsThirdPartyAppId with Enabled=true){{found}}: Exchange keeps using the shared application. The Hybrid Configuration Wizard never creates this override.',
    'override-unread':
      'No setting override read enables the dedicated application, but not every override could be read ({{why}}), so the one that does may be among them.',
    'override-disabled': 'A setting override turns the dedicated application off for {{servers}}: {{overrides}}.',
    'override-not-covering': 'The setting overrides that enable the dedicated application do not apply to {{servers}}: {{overrides}}.',
    'override-scope-unknown':
      'Whether the setting overrides apply to {{servers}} depends on their version window, and the build of those servers is unknown: {{overrides}}.',
    'server-supported': '{{server}} runs {{build}}, which {{meaning}} (floor {{floor}}).',
    'server-too-old':
      '{{server}} runs {{build}}, which does not support the dedicated application (floor {{floor}}): it keeps using the shared application, and its rich coexistence breaks.',
    'server-revision-unknown':
      '{{server}} is on the CU line of {{floor}}, but AD gives no revision for its build ({{build}}), so whether it has the April 2025 hotfix update is unknown.',
    'server-build-unknown':
      'The build of {{server}} could not be read from AD, so whether it supports the dedicated application is unknown.',
    'server-not-found':
      'The hybrid configuration names {{server}} as a hybrid server, but no Exchange server object of that name was read, so its build is unknown.',
    'no-servers':
      'No Exchange server that can carry hybrid traffic was found (no Mailbox server and none named in the hybrid configuration).',
    'fix-configure-app':
      'Create and configure the dedicated application: run ConfigureExchangeHybridApplication.ps1 -FullyConfigureExchangeHybridApplication from an elevated Exchange Management Shell, or the current Hybrid Configuration Wizard.',
    'fix-run-hcw':
      'Run the Hybrid Configuration Wizard to configure OAuth (it creates the EvoSTS auth server), then configure the dedicated application.',
    'fix-override': `Enable the feature organization-wide: ${OVERRIDE_COMMAND}; then refresh with Get-ExchangeDiagnosticInfo -Process Microsoft.Exchange.Directory.TopologyService -Component VariantConfiguration -Argument Refresh.`,
    'fix-list-overrides':
      'Run Get-SettingOverride | Where-Object SectionName -eq ExchangeOnpremAsThirdPartyAppId | Format-List Name, Parameters, Server, MinVersion, MaxVersion, FixVersion; if none is enabled, create it with New-SettingOverride as documented for the dedicated application.',
    'fix-update-server': 'Install the April 2025 hotfix update or later on {{server}} (or move it to Exchange SE), then run again.',
    'fix-read-build': 'Run (Get-Command ExSetup.exe).FileVersionInfo.ProductVersion on {{server}} and compare it with {{floor}}.',
    'fix-read-features':
      'Run Get-HybridConfiguration | Format-List Features, and check that the LDAP account can read the hybrid configuration object.',
    'summary-pass':
      'On-premises uses the dedicated application ({{appIds}}) for rich coexistence ({{enabled}}), the override enables it, and {{servers|the|all}} {{servers}} hybrid {{servers|server supports|servers support}} it.',
    'summary-fail': 'Rich coexistence ({{enabled}}) does not use a dedicated application everywhere: {{problems}}.',
    'summary-manual':
      'Rich coexistence ({{enabled}}) needs the dedicated application; some of it could not be verified from here: {{problems}}.',
  },
  remediation: {
    summary:
      'Move rich coexistence to a dedicated Entra application: install the April 2025 hotfix update (or later) on every hybrid server, ' +
      'run ConfigureExchangeHybridApplication.ps1 -FullyConfigureExchangeHybridApplication (it registers the app, points the EvoSTS ' +
      'auth server at it and creates the ExchangeOnpremAsThirdPartyAppId override), then clean up the shared service principal.',
    links: [deployDedicatedAppDoc, configureScriptDoc],
  },

  run({ artifacts: { HybridFeatures: hybrid, ExchangeAuthConfig: auth, SettingOverrides: settings, ExchangeServers: servers }, builds }) {
    const rich = richCoexistenceOf(hybrid);
    const organization = { kind: 'organization', name: 'Exchange organization' } as const;
    if (rich.kind === 'no-hybrid-configuration' || rich.kind === 'off') {
      const messageId = rich.kind === 'off' ? 'no-rich-coexistence' : 'no-hybrid-configuration';
      const data = { features: rich.kind === 'off' ? listed(rich.features) : 'none' };
      return {
        status: 'not-applicable',
        summary: { messageId, data },
        findings: [{ subject: organization, status: 'not-applicable', messageId, data, evidence: { features: data.features } }],
      };
    }
    if (rich.kind === 'unreadable') {
      return {
        status: 'manual',
        summary: { messageId: 'features-unreadable' },
        findings: [{ subject: organization, status: 'manual', messageId: 'features-unreadable', remediationId: 'fix-read-features' }],
      };
    }
    const enabled = listed(rich.enabled);
    const findings: FindingInput<MessageId>[] = [...judgeAuthServers(auth.authServers, enabled)];
    const targets = hybridServers(hybrid, servers.servers);
    findings.push(...judgeOverrides(settings, targets.found));
    findings.push(...targets.missing.map((name) => missingServer(name)));
    findings.push(...targets.found.map((server) => judgeServer(server, builds)));
    if (targets.found.length === 0 && targets.missing.length === 0) {
      findings.push({ subject: organization, status: 'manual', messageId: 'no-servers', evidence: { namedInHybridConfiguration: [] } });
    }
    const problems = findings.filter((finding) => finding.status === 'fail' || finding.status === 'manual');
    const problemText = problems.map((finding) => finding.subject.name).join(', ');
    const appIds = evoStsServers(auth)
      .map((server) => server.applicationIdentifier)
      .filter(isAppId);
    const summary: { messageId: MessageId; data: MessageData } = problems.some((finding) => finding.status === 'fail')
      ? { messageId: 'summary-fail', data: { enabled, problems: problemText } }
      : problems.length > 0
        ? { messageId: 'summary-manual', data: { enabled, problems: problemText } }
        : { messageId: 'summary-pass', data: { enabled, appIds: listed(appIds), servers: targets.found.length } };
    return {
      summary,
      findings,
      evidence: { richCoexistence: rich.enabled, features: rich.features, serversFrom: targets.from, floorAsOf: dedicatedAppFloor.asOf },
    };
  },
});

function judgeAuthServers(
  authServers: readonly {
    name: string;
    type: string | null;
    enabled: boolean;
    applicationIdentifier: string | null;
    realm: string | null;
  }[],
  enabled: string,
): FindingInput<MessageId>[] {
  const evoSts = authServers.filter((server) => server.enabled && server.type?.toLowerCase() === 'azuread');
  if (evoSts.length === 0) {
    return [
      {
        subject: { kind: 'configuration', name: 'Auth servers' },
        status: 'fail',
        messageId: 'no-evosts',
        remediationId: 'fix-run-hcw',
        data: { enabled },
        evidence: { authServers: authServers.map((server) => ({ name: server.name, type: server.type, enabled: server.enabled })) },
      },
    ];
  }
  return evoSts.map((server): FindingInput<MessageId> => {
    const appId = server.applicationIdentifier?.trim() ?? '';
    const subject = { kind: 'configuration', name: server.name } as const;
    const evidence = {
      authServer: server.name,
      type: server.type,
      realm: server.realm,
      applicationIdentifier: server.applicationIdentifier,
    };
    const data = { server: server.name, appId: appId || 'none' };
    if (appId === '') return { subject, status: 'fail', messageId: 'app-id-missing', remediationId: 'fix-configure-app', data, evidence };
    if (appId.toLowerCase() === FIRST_PARTY_APP_ID)
      return { subject, status: 'fail', messageId: 'app-id-first-party', remediationId: 'fix-configure-app', data, evidence };
    if (!isAppId(appId))
      return { subject, status: 'fail', messageId: 'app-id-invalid', remediationId: 'fix-configure-app', data, evidence };
    return { subject, status: 'pass', messageId: 'app-id-dedicated', data, evidence };
  });
}

function judgeOverrides(settings: SettingOverrides, servers: readonly ExchangeServer[]): FindingInput<MessageId>[] {
  const subject = { kind: 'configuration', name: 'ExchangeOnpremAsThirdPartyAppId override' } as const;
  const relevant = overridesOf(settings.overrides, DEDICATED_APP_OVERRIDE);
  const evidence = { overrides: relevant.map(describeOverride) };
  const on = relevant.filter((override) => enabledParameter(override) === true);
  const off = relevant.filter((override) => enabledParameter(override) === false);
  const unreadable = settings.overrides.filter((override) => override.error !== null);
  if (on.length === 0 && off.length === 0 && (settings.truncated || unreadable.length > 0)) {
    const why = [
      settings.truncated ? `only the first ${settings.overrides.length} were read` : null,
      unreadable.length > 0 ? `${unreadable.map((override) => `${override.name}: ${override.error}`).join('; ')}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    return [
      {
        subject,
        status: 'manual',
        messageId: 'override-unread',
        remediationId: 'fix-list-overrides',
        data: { why },
        evidence: { ...evidence, truncated: settings.truncated, unreadable: unreadable.map((override) => override.name) },
      },
    ];
  }
  if (on.length === 0 && off.length === 0) {
    const found = relevant.length > 0 ? `; found without a readable Enabled parameter: ${relevant.map(describeOverride).join('; ')}` : '';
    return [{ subject, status: 'fail', messageId: 'override-missing', remediationId: 'fix-override', data: { found }, evidence }];
  }
  const disabledFor: string[] = [];
  const uncovered: string[] = [];
  const unknown: string[] = [];
  for (const server of servers) {
    const build = readServerBuildSource(server).build;
    const applies = (override: SettingOverride) => overrideAppliesTo(override, server, build);
    if (off.some((override) => applies(override) === true)) disabledFor.push(server.name);
    else if (on.some((override) => applies(override) === true)) continue;
    else if ([...on, ...off].some((override) => applies(override) === 'unknown')) unknown.push(server.name);
    else uncovered.push(server.name);
  }
  const names = [...on, ...off].map(describeOverride).join('; ');
  if (disabledFor.length > 0)
    return [
      {
        subject,
        status: 'fail',
        messageId: 'override-disabled',
        remediationId: 'fix-override',
        data: { servers: disabledFor.join(', '), overrides: names },
        evidence,
      },
    ];
  if (uncovered.length > 0)
    return [
      {
        subject,
        status: 'fail',
        messageId: 'override-not-covering',
        remediationId: 'fix-override',
        data: { servers: uncovered.join(', '), overrides: names },
        evidence,
      },
    ];
  if (unknown.length > 0)
    return [
      { subject, status: 'manual', messageId: 'override-scope-unknown', data: { servers: unknown.join(', '), overrides: names }, evidence },
    ];
  return [{ subject, status: 'pass', messageId: 'override-enabled', data: { overrides: on.map(describeOverride).join('; ') }, evidence }];
}

function missingServer(name: string): FindingInput<MessageId> {
  return {
    subject: { kind: 'server', name },
    status: 'manual',
    messageId: 'server-not-found',
    remediationId: 'fix-read-build',
    data: { server: name, floor: dedicatedAppFloor.floors.map((floor) => `${floor.name} ${floor.build}`).join(', ') },
    evidence: { server: name, namedInHybridConfiguration: true },
  };
}

function judgeServer(server: ExchangeServer, builds: BuildCatalogue): FindingInput<MessageId> {
  const reading = readServerBuild(server, builds);
  const evidence = serverEvidence(server, reading);
  const subject = { kind: 'server', name: server.name } as const;
  if (!reading.build) {
    const floor = dedicatedAppFloor.floors.map((entry) => `${entry.name} ${entry.build}`).join(', ');
    return {
      subject,
      status: 'manual',
      messageId: 'server-build-unknown',
      remediationId: 'fix-read-build',
      data: { server: server.name, floor },
      evidence,
    };
  }
  const judgement = judgeFloor(reading.build, dedicatedAppFloor);
  const data = {
    server: server.name,
    build: reading.description?.text ?? buildText(reading.build),
    floor: floorText(judgement, dedicatedAppFloor, reading.build),
    meaning: dedicatedAppFloor.meaning,
  };
  const withFloor = { ...evidence, floor: data.floor, floorSources: dedicatedAppFloor.sources.map((source) => source.url) };
  switch (judgement.kind) {
    case 'meets':
      return { subject, status: 'pass', messageId: 'server-supported', data, evidence: withFloor };
    case 'revision-unknown':
      return {
        subject,
        status: 'manual',
        messageId: 'server-revision-unknown',
        remediationId: 'fix-read-build',
        data,
        evidence: withFloor,
      };
    case 'below-on-line':
    case 'below-line':
      return { subject, status: 'fail', messageId: 'server-too-old', remediationId: 'fix-update-server', data, evidence: withFloor };
  }
}
