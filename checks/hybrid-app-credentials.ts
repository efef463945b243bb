// H2: the dedicated application that on-premises names exists in the tenant, holds the Exchange permission it needs
// with admin consent (EWS full_access_as_app; the Graph permissions where RouteThroughMSGraph routes rich
// coexistence through Graph), and carries the on-premises Auth certificate as a key credential that is valid on the
// assessment date. Facts and sources: docs/facts/hybrid.md.
import type { HybridApplications, SettingOverride } from '../src/inventory/artifacts.js';
import { defineCheck, type FindingInput, type MessageData } from './api.js';
import {
  dedicatedAppIds,
  enabledParameter,
  FIRST_PARTY_APP_ID,
  FULL_ACCESS_AS_APP_ROLE_ID,
  GRAPH_FLOW_PERMISSIONS,
  GRAPH_ROUTING_OVERRIDE,
  listed,
  MICROSOFT_GRAPH_APP_ID,
  overridesOf,
  richCoexistenceOf,
} from './lib/hybrid-app.js';
import { configureScriptDoc, deployDedicatedAppDoc, securityChangesBlog } from './lib/hybrid-sources.js';
import { type CredentialMessageId, judgeKeyCredentials } from './lib/judge-key-credentials.js';

type MessageId =
  | CredentialMessageId
  | 'no-hybrid-configuration'
  | 'no-rich-coexistence'
  | 'features-unreadable'
  | 'no-dedicated-app'
  | 'app-not-looked-up'
  | 'app-not-in-tenant'
  | 'no-service-principal'
  | 'ews-permission-consented'
  | 'ews-permission-missing'
  | 'graph-permissions-consented'
  | 'graph-permissions-missing'
  | 'graph-permissions-unreadable'
  | 'ews-still-needed'
  | 'fix-configure-app'
  | 'fix-consent'
  | 'fix-graph-permissions'
  | 'fix-read-features'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-fail'
  | 'summary-no-app'
  | 'summary-manual';

type Application = HybridApplications['applications'][number];

const WARN_DAYS = 30;

export default defineCheck({
  id: 'hybrid-app-credentials',
  title: 'The dedicated hybrid application has its permission and a valid Auth certificate',
  description:
    'Reads the dedicated application (by the appId the EvoSTS auth server names) and its service principal from Microsoft Graph: ' +
    'it must hold full_access_as_app on Office 365 Exchange Online with admin consent (or the Graph permissions of the May 2026 ' +
    'update where RouteThroughMSGraph is on) and carry the on-premises Auth certificate as a key credential valid on the ' +
    `assessment date; warns when it ends within ${WARN_DAYS} days.`,
  requirement: {
    id: 'H2',
    text: 'The dedicated Exchange hybrid application must exist in the tenant with admin consent for its Exchange permission and the current Auth certificate as a valid credential.',
    sources: [deployDedicatedAppDoc, configureScriptDoc, securityChangesBlog],
  },
  requirementSet: 'hybrid',
  severity: 'blocker',
  requiredArtifacts: ['HybridFeatures', 'ExchangeAuthConfig', 'HybridApplications'],
  optionalArtifacts: ['SettingOverrides'],
  // Without the overrides a configured Graph flow would be judged as EWS: a failed read is an error, not a fallback.
  errorWhenFailed: ['SettingOverrides'],
  messages: {
    'no-hybrid-configuration': 'No hybrid configuration object exists, so no rich-coexistence feature needs the dedicated application.',
    'no-rich-coexistence':
      'The hybrid configuration enables none of free/busy, MailTips or photos (features read: {{features}}), so the dedicated application is not needed.',
    'features-unreadable':
      'The hybrid configuration exists but its features could not be read, so whether the dedicated application is needed is unknown.',
    'no-dedicated-app':
      'No EvoSTS auth server names a dedicated application (see hybrid-app-dedicated), so there is no application whose permission and credentials could be checked.',
    'app-not-looked-up': 'The application {{appId}} named on-premises was not looked up in Microsoft Graph during this collection.',
    'app-not-in-tenant':
      'The application {{appId}} that on-premises names does not exist in the tenant: Exchange cannot obtain tokens for it, and rich coexistence fails.',
    'no-service-principal':
      'The application {{app}} has no service principal in the tenant, so no permission can have been granted to it (no admin consent).',
    'ews-permission-consented': '{{app}} holds full_access_as_app on Office 365 Exchange Online with admin consent.',
    'ews-permission-missing':
      '{{app}} holds no admin-consented full_access_as_app on Office 365 Exchange Online ({{requested}}): EWS calls for free/busy, MailTips and photos are refused.',
    'graph-permissions-consented':
      '{{app}} holds the Graph permissions of the Graph flow with admin consent ({{permissions}}); RouteThroughMSGraph is on ({{overrides}}).',
    'graph-permissions-missing':
      'RouteThroughMSGraph is on ({{overrides}}), but {{app}} lacks admin-consented Graph permissions: {{missing}} (granted: {{granted}}).',
    'graph-permissions-unreadable':
      'RouteThroughMSGraph is on ({{overrides}}), but the names of the Graph permissions granted to {{app}} could not be read, so whether {{required}} are granted is unknown.',
    'ews-still-needed':
      '{{app}} has no admin-consented full_access_as_app: servers below the SE May 2026 hotfix update, and cloud-archive scenarios, still use EWS.',
    'credential-valid':
      '{{app}} carries the Auth certificate {{thumbprint}} ({{role}}) as a key credential valid until {{end}} ({{days}} days left).',
    'credential-expiring':
      '{{app}}: the key credential {{thumbprint}} ({{role}}) ends on {{end}}, in {{days}} days; once it ends, Exchange Online refuses the tokens on-premises signs.',
    'no-valid-credential':
      '{{app}} has no key credential valid on {{date}} ({{credentials}}): Exchange Online refuses every token the on-premises servers sign.',
    'credential-not-auth-certificate':
      '{{app}} has {{count}} valid key {{count|credential|credentials}} ({{thumbprints}}), but none is the current on-premises Auth certificate {{current}}: tokens signed with it are refused.',
    'next-certificate-missing':
      'The next Auth certificate {{next}} (effective {{effective}}) is not among the key credentials of {{app}}: hybrid breaks when it takes over.',
    'credential-thumbprint-unknown':
      '{{app}} has valid key credentials whose thumbprint could not be read ({{credentials}}), so whether one is the Auth certificate {{current}} is unknown.',
    'fix-configure-app':
      'Run ConfigureExchangeHybridApplication.ps1 -FullyConfigureExchangeHybridApplication (or the Hybrid Configuration Wizard) to create the application, then run again.',
    'fix-consent':
      'Grant admin consent: in the Microsoft Entra admin center open App registrations > {{app}} > API permissions and grant admin consent for the tenant (the application permission full_access_as_app of Office 365 Exchange Online).',
    'fix-graph-permissions':
      'Give {{app}} the application permissions {{required}} of Microsoft Graph with admin consent (ConfigureExchangeHybridApplication.ps1 -CreateApplication offers to add them), or remove the RouteThroughMSGraph override.',
    'fix-update-certificate':
      'Upload the current (and next) Auth certificate to the application: run ConfigureExchangeHybridApplication.ps1 -UpdateCertificate from an elevated Exchange Management Shell; renew the Auth certificate first when it ends soon.',
    'fix-read-features':
      'Run Get-HybridConfiguration | Format-List Features, and check that the LDAP account can read the hybrid configuration object.',
    'summary-pass': 'The dedicated application ({{apps}}) holds its permission with consent and a valid Auth certificate.',
    'summary-warn': 'The dedicated application ({{apps}}) works today, with a caveat; see the findings about {{problems}}.',
    'summary-fail': 'The dedicated application cannot carry rich coexistence ({{enabled}}); see the findings about {{problems}}.',
    'summary-no-app': 'No auth server names a dedicated application, so rich coexistence ({{enabled}}) has none to use.',
    'summary-manual': 'Part of the dedicated application could not be verified from here; see the findings about {{problems}}.',
  },
  remediation: {
    summary:
      'Keep the dedicated application complete: it must exist, hold full_access_as_app (or the Graph permissions of the Graph flow) ' +
      'with admin consent, and carry the current and next Auth certificate as key credentials — ConfigureExchangeHybridApplication.ps1 ' +
      '-UpdateCertificate uploads them after each Auth certificate renewal.',
    links: [deployDedicatedAppDoc, configureScriptDoc],
  },

  run({ artifacts: { HybridFeatures: hybrid, ExchangeAuthConfig: auth, HybridApplications: apps, SettingOverrides: settings }, now }) {
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
    const appIds = dedicatedAppIds(auth);
    if (appIds.length === 0) {
      const finding: FindingInput<MessageId> = {
        subject: { kind: 'configuration', name: 'Auth servers' },
        status: 'fail',
        messageId: 'no-dedicated-app',
        remediationId: 'fix-configure-app',
        evidence: { applicationIdentifiers: auth.authServers.map((server) => server.applicationIdentifier) },
      };
      return {
        summary: { messageId: 'summary-no-app', data: { enabled } },
        findings: [finding],
      };
    }
    const graphRouting = graphRoutingOverrides(settings?.overrides ?? []);
    const findings = appIds.flatMap((appId) =>
      judgeApplication(
        appId,
        apps.applications.find((app) => app.appId.toLowerCase() === appId),
        graphRouting,
        now,
        auth,
      ),
    );
    const problems = [...new Set(findings.filter((finding) => finding.status !== 'pass').map((finding) => finding.subject.name))].join(
      ', ',
    );
    const has = (status: string) => findings.some((finding) => finding.status === status);
    const summary: { messageId: MessageId; data: MessageData } = has('fail')
      ? { messageId: 'summary-fail', data: { enabled, problems } }
      : has('manual')
        ? { messageId: 'summary-manual', data: { problems } }
        : has('warn')
          ? { messageId: 'summary-warn', data: { apps: appIds.join(', '), problems } }
          : { messageId: 'summary-pass', data: { apps: appIds.join(', ') } };
    return {
      summary,
      findings,
      evidence: { applications: appIds, graphRouting: graphRouting.map((override) => override.name), warnDays: WARN_DAYS },
    };
  },
});

/** RouteThroughMSGraph overrides that turn the Graph flow on (any component: only the script names one). */
function graphRoutingOverrides(overrides: readonly SettingOverride[]): SettingOverride[] {
  return overridesOf(overrides, GRAPH_ROUTING_OVERRIDE, true).filter((override) => enabledParameter(override) === true);
}

function judgeApplication(
  appId: string,
  app: Application | undefined,
  graphRouting: readonly SettingOverride[],
  now: Date,
  auth: Parameters<typeof judgeKeyCredentials>[3],
): FindingInput<MessageId>[] {
  const subject = { kind: 'configuration', name: `application ${appId}` } as const;
  if (!app) return [{ subject, status: 'manual', messageId: 'app-not-looked-up', data: { appId }, evidence: { appId } }];
  if (!app.found)
    return [
      {
        subject,
        status: 'fail',
        messageId: 'app-not-in-tenant',
        remediationId: 'fix-configure-app',
        data: { appId },
        evidence: { appId, found: false },
      },
    ];
  const label = app.displayName ? `${app.displayName} (${appId})` : appId;
  return [...judgePermission(app, label, subject, graphRouting), ...judgeKeyCredentials(app, label, subject, auth, now, WARN_DAYS)];
}

function judgePermission(
  app: Application,
  label: string,
  subject: { kind: 'configuration'; name: string },
  graphRouting: readonly SettingOverride[],
): FindingInput<MessageId>[] {
  const sp = app.servicePrincipal;
  if (!sp)
    return [
      {
        subject,
        status: 'fail',
        messageId: 'no-service-principal',
        remediationId: 'fix-consent',
        data: { app: label },
        evidence: { appId: app.appId, servicePrincipal: null },
      },
    ];
  const assignments = sp.appRoleAssignments;
  const evidence = {
    appRoleAssignments: assignments.map(
      (a) => `${a.resourceDisplayName ?? a.resourceAppId ?? a.resourceId}: ${a.appRoleValue ?? a.appRoleId}`,
    ),
    requiredResourceAccess: app.requiredResourceAccess.map(
      (r) => `${r.resourceAppId}: ${r.resourceAccess.map((access) => access.id).join(', ')}`,
    ),
  };
  const ews = assignments.some(
    (a) =>
      a.appRoleId.toLowerCase() === FULL_ACCESS_AS_APP_ROLE_ID &&
      (a.resourceAppId === null || a.resourceAppId.toLowerCase() === FIRST_PARTY_APP_ID),
  );
  const requested = app.requiredResourceAccess.some((r) =>
    r.resourceAccess.some((access) => access.id.toLowerCase() === FULL_ACCESS_AS_APP_ROLE_ID),
  );
  const ewsData = { app: label, requested: requested ? 'it is requested, but admin consent was not granted' : 'it is not even requested' };
  if (graphRouting.length === 0) {
    return ews
      ? [{ subject, status: 'pass', messageId: 'ews-permission-consented', data: { app: label }, evidence }]
      : [{ subject, status: 'fail', messageId: 'ews-permission-missing', remediationId: 'fix-consent', data: ewsData, evidence }];
  }
  const overrides = graphRouting.map((override) => `${override.name} (${override.component ?? '?'}/${override.section ?? '?'})`).join(', ');
  const graph = assignments.filter((a) => a.resourceAppId?.toLowerCase() === MICROSOFT_GRAPH_APP_ID);
  const required = GRAPH_FLOW_PERMISSIONS.join(', ');
  const findings: FindingInput<MessageId>[] = [];
  const graphEvidence = {
    ...evidence,
    graphFlowPermissionsSource: 'ConfigureExchangeHybridApplication.ps1 (May 2026 version), see docs/facts/hybrid.md',
  };
  if (graph.some((a) => a.appRoleValue === null)) {
    findings.push({
      subject,
      status: 'manual',
      messageId: 'graph-permissions-unreadable',
      data: { app: label, overrides, required },
      evidence: graphEvidence,
    });
  } else {
    const granted = graph.map((a) => a.appRoleValue as string);
    const missing = GRAPH_FLOW_PERMISSIONS.filter((permission) => !granted.includes(permission));
    findings.push(
      missing.length === 0
        ? {
            subject,
            status: 'pass',
            messageId: 'graph-permissions-consented',
            data: { app: label, permissions: required, overrides },
            evidence: graphEvidence,
          }
        : {
            subject,
            status: 'fail',
            messageId: 'graph-permissions-missing',
            remediationId: 'fix-graph-permissions',
            data: { app: label, overrides, missing: missing.join(', '), granted: listed(granted), required },
            evidence: graphEvidence,
          },
    );
  }
  if (!ews)
    findings.push({ subject, status: 'warn', messageId: 'ews-still-needed', remediationId: 'fix-consent', data: { app: label }, evidence });
  return findings;
}
