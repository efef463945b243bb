// Advice: is each Exchange server's product in support on the assessment date (`now` = collectedAt)?
// Exchange 2013 left support on 2023-04-11; 2016 and 2019 on 2025-10-14; SE follows the Modern Lifecycle Policy.

import { isOnPremisesProduct } from '../src/exchange/version.js';
import type { ExchangeServer } from '../src/inventory/artifacts.js';
import { defineCheck, type FindingInput } from './api.js';
import { exchangeLifecycle, supportEndsAt } from './data/exchange-lifecycle.js';
import type { BuildCatalogue } from './lib/build-catalogue.js';
import { getExchangeServerDoc } from './lib/requirement-sources.js';
import { readServerBuild, serverEvidence } from './lib/server-build.js';
import { listSubjects } from './lib/subject-list.js';

type MessageId =
  | 'server-supported-modern'
  | 'server-in-support'
  | 'server-support-ends-soon'
  | 'server-out-of-support'
  | 'server-out-of-support-esu-window'
  | 'server-out-of-support-esu-ineligible'
  | 'server-legacy'
  | 'server-version-unrecognised'
  | 'server-version-unknown'
  | 'no-servers'
  | 'fix-move-to-se'
  | 'fix-plan-upgrade'
  | 'fix-read-build'
  | 'fix-no-servers'
  | 'summary-all-supported'
  | 'summary-out-of-support'
  | 'summary-ends-soon'
  | 'summary-unknown';

const WARN_MONTHS_BEFORE_END = 6;

export default defineCheck({
  id: 'exchange-support-lifecycle',
  title: 'Exchange servers are in support',
  description:
    'Classifies each Exchange server by its build and compares the assessment date with the end of support of its product: ' +
    'Exchange 2013 ended 2023-04-11, Exchange 2016 and 2019 ended 2025-10-14, Exchange Server SE is supported under the ' +
    'Modern Lifecycle Policy.',
  requirement: {
    id: null,
    text: 'Every Exchange server should run a product that Microsoft supports on the assessment date.',
    sources: [
      ...exchangeLifecycle['Exchange 2013'].sources.slice(0, 1),
      ...exchangeLifecycle['Exchange 2016'].sources.slice(0, 1),
      ...exchangeLifecycle['Exchange 2019'].sources.slice(0, 1),
      ...exchangeLifecycle['Exchange Server SE'].sources,
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'advice',
  requiredArtifacts: ['ExchangeServers'],
  optionalArtifacts: [],
  messages: {
    'server-supported-modern':
      '{{server}} runs {{version}}: Exchange Server SE is supported under the Modern Lifecycle Policy, as long as it is kept current.',
    'server-in-support': '{{server}} runs {{version}}: {{product}} is supported until {{endOfSupport}}.',
    'server-support-ends-soon': '{{server}} runs {{version}}: {{product}} support ends on {{endOfSupport}}, within six months.',
    'server-out-of-support': '{{server}} runs {{version}}: {{product}} support ended on {{endOfSupport}}.',
    'server-out-of-support-esu-window':
      '{{server}} runs {{version}}: {{product}} support ended on {{endOfSupport}}. Paid Extended Security Updates for this ' +
      'CU run only until {{esuUntil}} (per press summaries of Microsoft’s announcement) and do not restore support.',
    'server-out-of-support-esu-ineligible':
      '{{server}} runs {{version}}: {{product}} support ended on {{endOfSupport}}, and paid Extended Security Updates (until ' +
      '{{esuUntil}}, per press summaries) cover only Exchange 2016 CU23 and Exchange 2019 CU14/CU15, not this build.',
    'server-legacy': '{{server}} runs {{version}}: Exchange 2010 or older, long out of support.',
    'server-version-unrecognised': '{{server}} reports {{version}}, which is not an on-premises Exchange build with a known lifecycle.',
    'server-version-unknown': 'The build of {{server}} could not be read from AD, so its support status is unknown.',
    'no-servers': 'No Exchange server object was found in Active Directory, so no support status could be judged.',
    'fix-move-to-se':
      'Move {{server}} to Exchange Server SE: Exchange 2019 CU14/CU15 servers upgrade in place; older versions need new SE ' +
      'servers, mailbox moves and decommissioning of the old server.',
    'fix-plan-upgrade': 'Plan the move of {{server}} to Exchange Server SE before {{endOfSupport}}.',
    'fix-read-build': 'Run `Get-ExchangeServer {{server}} | Format-List Name,AdminDisplayVersion` in the Exchange Management Shell.',
    'fix-no-servers':
      'Check that the LDAP account can read the Exchange server objects in the Configuration partition, or run ' +
      '`Get-ExchangeServer | Format-List Name,AdminDisplayVersion`.',
    'summary-all-supported': '{{count|The|All}} {{count}} Exchange {{count|server is|servers are}} in support on {{date}}.',
    'summary-out-of-support':
      '{{count}} of {{total}} Exchange {{total|server|servers}} {{count|is|are}} out of support on {{date}}: {{servers}}.',
    'summary-ends-soon': '{{count}} Exchange {{count|server leaves|servers leave}} support within six months of {{date}}: {{servers}}.',
    'summary-unknown': 'The support status of {{count}} {{count|server|servers}} is unknown: {{servers}}.',
  },
  remediation: {
    summary:
      'Move every Exchange 2013, 2016 and 2019 server to Exchange Server SE (in place from Exchange 2019 CU14/CU15; by ' +
      'migration from older versions), or move the mailboxes to Exchange Online.',
    links: [...exchangeLifecycle['Exchange Server SE'].sources.slice(0, 1), getExchangeServerDoc],
  },

  run({ artifacts: { ExchangeServers: exchangeServers }, now, builds }) {
    const servers = exchangeServers.servers;
    if (servers.length === 0) {
      return {
        summary: { messageId: 'no-servers' },
        findings: [
          {
            subject: { kind: 'organization', name: 'Exchange organization' },
            status: 'manual',
            messageId: 'no-servers',
            remediationId: 'fix-no-servers',
          },
        ],
      };
    }
    const findings = servers.map((server) => judgeServer(server, now, builds));
    const date = now.toISOString().slice(0, 10);
    const named = (status: FindingInput['status']) => findings.filter((f) => f.status === status).map((f) => f.subject.name);
    const [failing, manual, warned] = [named('fail'), named('manual'), named('warn')];
    const summary: { messageId: MessageId; data: Record<string, string | number> } =
      failing.length > 0
        ? {
            messageId: 'summary-out-of-support',
            data: { count: failing.length, total: servers.length, date, servers: listSubjects(failing) },
          }
        : manual.length > 0
          ? { messageId: 'summary-unknown', data: { count: manual.length, servers: listSubjects(manual) } }
          : warned.length > 0
            ? { messageId: 'summary-ends-soon', data: { count: warned.length, date, servers: listSubjects(warned) } }
            : { messageId: 'summary-all-supported', data: { count: servers.length, date } };
    return { summary, findings, evidence: { assessedOn: date, buildTableAsOf: builds.asOf } };
  },
});

function judgeServer(server: ExchangeServer, now: Date, builds: BuildCatalogue): FindingInput<MessageId> {
  const reading = readServerBuild(server, builds);
  const evidence = serverEvidence(server, reading);
  const subject = { kind: 'server', name: server.name } as const;
  if (!reading.build || !reading.description) {
    return {
      subject,
      status: 'manual',
      messageId: 'server-version-unknown',
      remediationId: 'fix-read-build',
      data: { server: server.name },
      evidence,
    };
  }
  const build = reading.build;
  const product = reading.description.product;
  const data = { server: server.name, version: reading.description.text, product };
  if (product === 'Exchange 2010 or older') {
    return { subject, status: 'fail', messageId: 'server-legacy', remediationId: 'fix-move-to-se', data, evidence };
  }
  if (!isOnPremisesProduct(product)) {
    return { subject, status: 'manual', messageId: 'server-version-unrecognised', remediationId: 'fix-read-build', data, evidence };
  }

  const lifecycle = exchangeLifecycle[product];
  const endsAt = supportEndsAt(lifecycle);
  const lifecycleEvidence = {
    ...evidence,
    lifecycle: lifecycle.policy,
    endOfSupport: lifecycle.endOfSupport,
    lifecycleSources: lifecycle.sources.map((s) => s.url),
  };
  if (endsAt === null || lifecycle.endOfSupport === null) {
    return { subject, status: 'pass', messageId: 'server-supported-modern', data, evidence: lifecycleEvidence };
  }
  const withEnd = { ...data, endOfSupport: lifecycle.endOfSupport };
  if (now.getTime() < endsAt.getTime()) {
    const warnFrom = new Date(endsAt);
    warnFrom.setUTCMonth(warnFrom.getUTCMonth() - WARN_MONTHS_BEFORE_END);
    return now.getTime() >= warnFrom.getTime()
      ? {
          subject,
          status: 'warn',
          messageId: 'server-support-ends-soon',
          remediationId: 'fix-plan-upgrade',
          data: withEnd,
          evidence: lifecycleEvidence,
        }
      : { subject, status: 'pass', messageId: 'server-in-support', data: withEnd, evidence: lifecycleEvidence };
  }

  const esu = lifecycle.extendedSecurityUpdates;
  if (esu && now.getTime() < Date.parse(esu.endsBefore)) {
    const eligible = esu.eligibleCus.some((cu) => cu.minor === build.minor && cu.build === build.build);
    const esuEvidence = {
      ...lifecycleEvidence,
      extendedSecurityUpdatesUntil: esu.until,
      extendedSecurityUpdatesEligible: eligible,
      extendedSecurityUpdatesSources: esu.sources.map((s) => s.url),
      extendedSecurityUpdatesNote: 'secondary sources (press summaries of Microsoft’s announcement)',
    };
    return {
      subject,
      status: 'fail',
      messageId: eligible ? 'server-out-of-support-esu-window' : 'server-out-of-support-esu-ineligible',
      remediationId: 'fix-move-to-se',
      data: { ...withEnd, esuUntil: esu.until },
      evidence: esuEvidence,
    };
  }
  return {
    subject,
    status: 'fail',
    messageId: 'server-out-of-support',
    remediationId: 'fix-move-to-se',
    data: withEnd,
    evidence: lifecycleEvidence,
  };
}
