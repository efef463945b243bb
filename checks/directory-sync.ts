// R4: on-premises Active Directory synchronizes with Entra ID (Azure AD). Graph says so with authority
// (organization.onPremisesSyncEnabled and the last sync time, and per user); AD only shows footprints that sync
// was set up (docs/facts/graph.md). Without Graph the check says how to give it access rather than guessing.

import type { DirectorySyncFootprints, GraphOrganization, GraphUsers } from '../src/inventory/artifacts.js';
import { countOf, defineCheck, type Evidence, type FindingInput, type MessageData, plural } from './api.js';
import { formatMinutes } from './lib/duration.js';
import { findingsAbout } from './lib/findings-about.js';

/** Application permissions that let an app read organization.onPremisesSyncEnabled (organization-get, v1.0). */
const ORGANIZATION_READ_ROLES = ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'];

/** How far a last sync time may lie after the assessment and still count as clock skew (minutes). */
const FUTURE_SKEW_MINUTES = 5;

const GRAPH_ACCESS_HINT =
  '--tenant-id, --client-id and --client-secret-env for an app with Organization.Read.All (and User.Read.All for --mailbox)';

type MessageId =
  | 'sync-recent'
  | 'sync-stale'
  | 'sync-time-unknown'
  | 'sync-time-future'
  | 'fix-clock'
  | 'sync-turned-off'
  | 'sync-never'
  | 'sync-not-visible'
  | 'other-tenant'
  | 'organization-not-read'
  | 'user-synced'
  | 'user-not-synced'
  | 'user-provisioning-error'
  | 'user-not-found'
  | 'user-lookup-failed'
  | 'footprints-only'
  | 'no-footprints'
  | 'fix-stale'
  | 'fix-enable-sync'
  | 'fix-permission'
  | 'fix-graph-access'
  | 'fix-user-scope'
  | 'fix-provisioning'
  | 'fix-lookup'
  | 'fix-tenant'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-manual'
  | 'summary-fail';

export default defineCheck({
  id: 'directory-sync',
  title: 'On-premises AD synchronizes with Entra ID',
  description:
    "Reads the tenant's directory sync state and last sync time from Microsoft Graph, checks that the mailbox users in scope are " +
    'synchronized users without provisioning errors, and shows the sync footprints found in AD as evidence.',
  requirement: {
    id: 'R4',
    text: 'On-premises Active Directory must synchronize with Azure Active Directory (Entra ID).',
    sources: [
      {
        title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
      },
      {
        title: 'organization resource type (onPremisesSyncEnabled)',
        url: 'https://learn.microsoft.com/en-us/graph/api/resources/organization',
      },
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: [],
  optionalArtifacts: ['GraphOrganization', 'GraphUsers', 'DirectorySyncFootprints'],
  requiresAnyOf: ['GraphOrganization', 'GraphUsers', 'DirectorySyncFootprints'],
  // Graph access that was configured but failed (a rotated secret, a missing permission) must not end in the
  // footprints-only fallback: that would read as a run without Graph, and a CI gate would go green.
  errorWhenFailed: ['GraphOrganization', 'GraphUsers'],
  messages: {
    'sync-recent':
      'Tenant {{tenant}} is synchronized from on-premises AD; the last sync was {{lastSync}}, {{age}} before the assessment (limit {{limit}}).',
    'sync-stale':
      'Tenant {{tenant}} has sync enabled, but the last sync was {{lastSync}}, {{age}} before the assessment: older than the {{limit}} limit.',
    'sync-time-unknown':
      'Tenant {{tenant}} has sync enabled, but Graph gives no readable last sync time ({{lastSync}}), so how recently it synced is unknown.',
    'sync-time-future':
      "Tenant {{tenant}} has sync enabled, but Graph says the last sync was {{lastSync}}, {{ahead}} after the assessment ({{now}}): either this machine's clock or the data is wrong, so how recently it synced is unknown.",
    'fix-clock':
      "Check this machine's clock against a time source (w32tm /query /status, timedatectl) and run again; if the clock is right, check the sync server ({{computers}}) and its clock.",
    'sync-turned-off':
      'Directory synchronization was turned off for tenant {{tenant}} (onPremisesSyncEnabled is false; last sync {{lastSync}}).',
    'sync-never':
      'Tenant {{tenant}} has never been synchronized from on-premises AD (onPremisesSyncEnabled is null, and the app can read the organization in full).',
    'sync-not-visible':
      'Graph returned no sync state for tenant {{tenant}} because the app may not read it ({{why}}); here null does not mean "never synced".',
    'other-tenant':
      'AD sync account {{account}} synchronizes to {{syncTenant}}, which is not a verified domain of the tenant Graph reads ({{verifiedDomains}}).',
    'organization-not-read':
      "The tenant's sync state (Graph /organization) was not read, so whether and how recently the directory synchronizes is unknown.",
    'user-synced': '{{mailbox}} is a synchronized user in Entra ID (last sync {{lastSync}}).',
    'user-not-synced': '{{mailbox}} exists in Entra ID but is not synchronized from on-premises AD (onPremisesSyncEnabled is {{value}}).',
    'user-provisioning-error':
      '{{mailbox}} has a sync provisioning error: {{category}} on {{property}} (value {{value}}, since {{occurred}}).',
    'user-not-found': '{{mailbox}} was not found in Entra ID: the mailbox user is not synchronized (or is outside the sync scope).',
    'user-lookup-failed': 'Looking up {{mailbox}} in Graph failed: {{code}} ({{error}}).',
    'footprints-only':
      'Without Graph, AD shows that sync was set up: {{footprints}}. Footprints do not show that sync runs today or how recently it ran.',
    'no-footprints':
      'Without Graph, AD shows no sync footprints: no MSOL_ sync account, and none of {{mailboxUsers}} mailbox {{mailboxUsers|user|users}} carries a written-back ' +
      'msDS-ExternalDirectoryObjectId. That suggests no Entra Connect sync with Exchange hybrid writeback, but Cloud Sync and custom ' +
      'sync accounts leave no such traces, so it is not proof.',
    'fix-stale':
      'Check the sync server ({{computers}}): the sync service and scheduler (Get-ADSyncScheduler), connector and export errors; then run Start-ADSyncSyncCycle -PolicyType Delta.',
    'fix-enable-sync':
      'Install or re-enable Entra Connect (or Cloud Sync) for this tenant, with the Exchange hybrid deployment option, and let it complete a full sync.',
    'fix-permission':
      'Grant the application the Organization.Read.All application permission (or Directory.Read.All) with admin consent, then run again.',
    'fix-graph-access': `Give the tool Graph access to confirm: ${GRAPH_ACCESS_HINT}.`,
    'fix-user-scope':
      'Put {{mailbox}} in the sync scope (OU and group filtering) of Entra Connect and check that no cloud-only object with the same address blocks the match.',
    'fix-provisioning':
      'Find the object that already holds {{value}} ({{property}}) in Entra ID, change or remove the duplicate, and let sync retry.',
    'fix-lookup': 'Run again; if the lookup keeps failing, check that the app has User.Read.All with admin consent.',
    'fix-tenant':
      'Make sure the tool reads the tenant that AD synchronizes to (--tenant-id), or retire the stale sync account {{account}}.',
    'summary-pass': 'On-premises AD synchronizes with Entra ID: {{what}}.',
    'summary-warn': 'Directory synchronization is met only with caveats ({{warned}} {{warned|finding|findings}}).',
    'summary-manual':
      'Directory synchronization could not be verified from here ({{unknown}} {{unknown|finding needs|findings need}} a look by hand).',
    'summary-fail': 'Directory synchronization does not meet the requirement ({{failed}} {{failed|finding|findings}} failed).',
  },
  remediation: {
    summary:
      'Run Entra Connect (or Cloud Sync) with the Exchange hybrid deployment option so that on-premises AD, including every ' +
      'mailbox user in scope, synchronizes with the tenant; check that the last sync is recent and that no provisioning errors remain.',
    links: [
      { title: 'organization resource type', url: 'https://learn.microsoft.com/en-us/graph/api/resources/organization' },
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
    ],
  },

  run({ artifacts: { GraphOrganization: organization, GraphUsers: users, DirectorySyncFootprints: footprints }, now, options }) {
    const findings: FindingInput<MessageId>[] = [];
    const evidence: Evidence = {
      footprints: footprints ? footprintEvidence(footprints) : null,
      maxSyncAgeMinutes: options.maxSyncAgeMinutes,
    };
    if (organization) {
      findings.push(organizationFinding(organization, footprints, now, options.maxSyncAgeMinutes));
      if (footprints) findings.push(...otherTenantFindings(organization, footprints));
    }
    if (users) findings.push(...users.users.flatMap(userFindings));
    if (!organization && users) {
      findings.push({
        subject: { kind: 'tenant', name: 'Entra ID' },
        status: 'warn',
        messageId: 'organization-not-read',
        remediationId: 'fix-permission',
        evidence: { footprints: evidence['footprints'] ?? null },
      });
    }
    if (!organization && !users && footprints) findings.push(footprintFinding(footprints));
    return { summary: summaryOf(findings), findings, evidence };
  },
});

function summaryOf(findings: readonly FindingInput<MessageId>[]): { messageId: MessageId; data: MessageData } {
  const count = (status: string) => findings.filter((finding) => finding.status === status).length;
  if (count('fail') > 0) return { messageId: 'summary-fail', data: { failed: count('fail') } };
  if (count('manual') > 0) return { messageId: 'summary-manual', data: { unknown: count('manual') } };
  if (count('warn') > 0) return { messageId: 'summary-warn', data: { warned: count('warn') } };
  const users = findings.filter((finding) => finding.messageId === 'user-synced').length;
  const what = [
    findings.some((finding) => finding.messageId === 'sync-recent') ? 'the tenant syncs and the last sync is recent' : null,
    users > 0 ? `${countOf(users, 'mailbox user')} in scope ${plural(users, 'is', 'are')} synchronized` : null,
  ].filter((part) => part !== null);
  return { messageId: 'summary-pass', data: { what: what.join('; ') } };
}

function organizationFinding(
  organization: GraphOrganization,
  footprints: DirectorySyncFootprints | undefined,
  now: Date,
  maxSyncAgeMinutes: number,
): FindingInput<MessageId> {
  const tenant = organization.displayName ? `${organization.displayName} (${organization.id})` : organization.id;
  const subject = { kind: 'tenant' as const, name: tenant };
  const evidence: Evidence = {
    tenantId: organization.id,
    onPremisesSyncEnabled: organization.onPremisesSyncEnabled,
    onPremisesLastSyncDateTime: organization.onPremisesLastSyncDateTime,
    verifiedDomains: [...organization.verifiedDomains],
    tokenRoles: organization.tokenRoles ? [...organization.tokenRoles] : null,
    restrictedView: organization.restrictedView,
    cloud: organization.cloud,
    assessedAt: now.toISOString(),
  };
  const lastSync = organization.onPremisesLastSyncDateTime ?? 'never recorded';
  const base: MessageData = { tenant, lastSync, limit: formatMinutes(maxSyncAgeMinutes), computers: syncComputers(footprints) };
  const finding = findingsAbout<MessageId>(subject, base, evidence);

  switch (organization.onPremisesSyncEnabled) {
    case true: {
      const last = organization.onPremisesLastSyncDateTime === null ? Number.NaN : Date.parse(organization.onPremisesLastSyncDateTime);
      if (Number.isNaN(last)) return finding('warn', 'sync-time-unknown', {}, 'fix-stale');
      // A few minutes ahead is ordinary clock skew; beyond that the time is no evidence of a recent sync.
      if (last - now.getTime() > FUTURE_SKEW_MINUTES * 60_000) {
        const ahead = formatMinutes(Math.ceil((last - now.getTime()) / 60_000));
        return finding('manual', 'sync-time-future', { ahead, now: now.toISOString() }, 'fix-clock');
      }
      const ageMinutes = Math.max(0, Math.floor((now.getTime() - last) / 60_000));
      const data = { age: formatMinutes(ageMinutes) };
      return ageMinutes <= maxSyncAgeMinutes ? finding('pass', 'sync-recent', data) : finding('fail', 'sync-stale', data, 'fix-stale');
    }
    case false:
      return finding('fail', 'sync-turned-off', {}, 'fix-enable-sync');
    case null: {
      // docs/facts/graph.md §1: with User.Read-level access every property but id/displayName/verifiedDomains is null.
      const roles = organization.tokenRoles;
      const lacksRole = roles !== null && !roles.some((role) => ORGANIZATION_READ_ROLES.includes(role));
      if (organization.restrictedView || lacksRole) {
        const why = [
          organization.restrictedView ? 'every property beyond id, name and domains came back empty' : null,
          lacksRole ? `the token's roles (${roles.join(', ') || 'none'}) include none of ${ORGANIZATION_READ_ROLES.join(', ')}` : null,
        ]
          .filter((part) => part !== null)
          .join('; ');
        return finding('manual', 'sync-not-visible', { why }, 'fix-permission');
      }
      return finding('fail', 'sync-never', {}, 'fix-enable-sync');
    }
  }
}

/** Sync accounts in AD that name a tenant the Graph organization does not have as a verified domain. */
function otherTenantFindings(organization: GraphOrganization, footprints: DirectorySyncFootprints): FindingInput<MessageId>[] {
  const verified = new Set(organization.verifiedDomains.map((domain) => domain.toLowerCase()));
  return footprints.syncAccounts
    .filter((account) => account.tenant !== null && !verified.has(account.tenant.toLowerCase()))
    .map((account) => ({
      subject: { kind: 'organization', name: `sync account ${account.samAccountName}` },
      status: 'warn',
      messageId: 'other-tenant',
      data: {
        account: account.samAccountName,
        syncTenant: account.tenant ?? '',
        verifiedDomains: organization.verifiedDomains.join(', ') || 'none',
      },
      remediationId: 'fix-tenant',
      evidence: { account: { ...account }, verifiedDomains: [...organization.verifiedDomains] },
    }));
}

function userFindings(user: GraphUsers['users'][number]): FindingInput<MessageId>[] {
  const subject = { kind: 'mailbox' as const, name: user.mailbox };
  const evidence: Evidence = {
    found: user.found,
    id: user.id,
    onPremisesSyncEnabled: user.onPremisesSyncEnabled,
    onPremisesImmutableId: user.onPremisesImmutableId,
    onPremisesLastSyncDateTime: user.onPremisesLastSyncDateTime,
    onPremisesProvisioningErrors: user.onPremisesProvisioningErrors.map((error) => ({ ...error })),
    error: user.error ? `${user.error.code}: ${user.error.message}` : null,
  };
  const mailbox = user.mailbox;
  if (user.error) {
    return [
      {
        subject,
        status: 'manual',
        messageId: 'user-lookup-failed',
        data: { mailbox, code: user.error.code, error: user.error.message },
        remediationId: 'fix-lookup',
        evidence,
      },
    ];
  }
  if (!user.found)
    return [{ subject, status: 'fail', messageId: 'user-not-found', data: { mailbox }, remediationId: 'fix-user-scope', evidence }];
  const findings: FindingInput<MessageId>[] = user.onPremisesProvisioningErrors.map((error) => ({
    subject,
    status: 'fail',
    messageId: 'user-provisioning-error',
    data: {
      mailbox,
      category: error.category ?? 'unknown category',
      property: error.propertyCausingError ?? 'an unnamed property',
      value: error.value ?? 'not recorded',
      occurred: error.occurredDateTime ?? 'an unrecorded time',
    },
    remediationId: 'fix-provisioning',
    evidence,
  }));
  if (user.onPremisesSyncEnabled === true) {
    findings.unshift({
      subject,
      status: 'pass',
      messageId: 'user-synced',
      data: { mailbox, lastSync: user.onPremisesLastSyncDateTime ?? 'not recorded' },
      evidence,
    });
  } else {
    findings.unshift({
      subject,
      status: 'fail',
      messageId: 'user-not-synced',
      data: { mailbox, value: String(user.onPremisesSyncEnabled) },
      remediationId: 'fix-user-scope',
      evidence,
    });
  }
  return findings;
}

/**
 * Without Graph, AD footprints are all there is. Sync accounts and written-back ids show that Entra Connect with
 * Exchange hybrid writeback was set up — not that it still runs — so they give `warn` (the documented exception: "without Graph
 * access: warn with what to run"). No footprints is weaker still: Cloud Sync and custom service accounts leave none
 * of these, so their absence is not proof that nothing syncs; the check stays `manual` instead of failing.
 */
function footprintFinding(footprints: DirectorySyncFootprints): FindingInput<MessageId> {
  const subject = { kind: 'organization' as const, name: 'Active Directory' };
  const evidence = footprintEvidence(footprints);
  const parts: string[] = [];
  if (footprints.syncAccounts.length > 0) {
    const accounts = footprints.syncAccounts.map(
      (account) =>
        `${account.samAccountName}${account.computer ? ` on ${account.computer}` : ''}${account.tenant ? ` for ${account.tenant}` : ''}`,
    );
    parts.push(`${plural(accounts.length, 'sync account', 'sync accounts')} ${accounts.join(', ')}`);
  }
  if (footprints.mailboxUsersWithExternalDirectoryObjectId > 0) {
    parts.push(
      `${footprints.mailboxUsersWithExternalDirectoryObjectId} of ${countOf(footprints.mailboxUsers, 'mailbox user')} ${plural(footprints.mailboxUsersWithExternalDirectoryObjectId, 'carries', 'carry')} a written-back msDS-ExternalDirectoryObjectId`,
    );
  }
  if (footprints.deviceRegistration) {
    parts.push(
      `device registration for ${footprints.deviceRegistration.tenantDomain ?? footprints.deviceRegistration.tenantId ?? 'an unnamed tenant'}`,
    );
  }
  if (parts.length > 0) {
    return {
      subject,
      status: 'warn',
      messageId: 'footprints-only',
      data: { footprints: parts.join('; ') },
      remediationId: 'fix-graph-access',
      evidence,
    };
  }
  return {
    subject,
    status: 'manual',
    messageId: 'no-footprints',
    data: { mailboxUsers: footprints.mailboxUsers },
    remediationId: 'fix-graph-access',
    evidence,
  };
}

function footprintEvidence(footprints: DirectorySyncFootprints): Evidence {
  return {
    syncAccounts: footprints.syncAccounts.map((account) => ({ ...account })),
    mailboxUsers: footprints.mailboxUsers,
    mailboxUsersWithExternalDirectoryObjectId: footprints.mailboxUsersWithExternalDirectoryObjectId,
    deviceRegistration: footprints.deviceRegistration ? { ...footprints.deviceRegistration } : null,
  };
}

function syncComputers(footprints: DirectorySyncFootprints | undefined): string {
  const computers = [
    ...new Set((footprints?.syncAccounts ?? []).map((account) => account.computer).filter((computer) => computer !== null)),
  ];
  return computers.length > 0 ? computers.join(', ') : 'the Entra Connect server';
}
