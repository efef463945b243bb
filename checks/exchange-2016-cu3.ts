// R2: every Exchange 2016 server runs CU3 (15.1.544.27) or later. Exchange 2019 and SE count as later.

import { EXCHANGE_2016_CU3, formatShort, isCu3OrLater } from '../src/exchange/version.js';
import type { ExchangeServer } from '../src/inventory/artifacts.js';
import { defineCheck, type FindingInput } from './api.js';
import type { BuildCatalogue } from './lib/build-catalogue.js';
import { buildNumbersDoc, cmdletDoc, getExchangeServerDoc, graphHybridRestDoc, restArchitectureBlog } from './lib/requirement-sources.js';
import { readServerBuild, serverEvidence } from './lib/server-build.js';
import { listSubjects } from './lib/subject-list.js';

type MessageId =
  | 'server-at-cu3'
  | 'edge-at-cu3'
  | 'server-below-cu3'
  | 'edge-below-cu3'
  | 'server-newer-product'
  | 'server-2013'
  | 'server-legacy'
  | 'server-unrecognised'
  | 'server-build-unreadable'
  | 'version-sources-disagree'
  | 'no-servers'
  | 'no-cu3-capable-server'
  | 'fix-install-cu'
  | 'fix-edge'
  | 'fix-read-build'
  | 'fix-verify-disagreement'
  | 'fix-no-servers'
  | 'fix-no-cu3-capable-server'
  | 'summary-pass'
  | 'summary-pass-no-2016'
  | 'summary-fail'
  | 'summary-manual'
  | 'summary-warn';

const cu3 = formatShort(EXCHANGE_2016_CU3);
const organization = { kind: 'organization', name: 'Exchange organization' } as const;

export default defineCheck({
  id: 'exchange-2016-cu3',
  title: 'Exchange 2016 servers are at CU3 or later',
  description:
    'Reads the build of every Exchange server object in Active Directory (serialNumber, falling back to versionNumber) and ' +
    `checks that each Exchange 2016 server is at CU3 (${cu3}) or later. Exchange 2019 and Exchange Server SE count as later; ` +
    'Exchange 2013 servers are listed but judged by load-balancer-2013-free and exchange-support-lifecycle.',
  requirement: {
    id: 'R2',
    text: 'All Exchange 2016 servers must be upgraded to Cumulative Update 3 (15.1.544.27) or later.',
    sources: [graphHybridRestDoc, restArchitectureBlog, buildNumbersDoc],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: ['ExchangeServers'],
  optionalArtifacts: [],
  messages: {
    'server-at-cu3': '{{server}} runs {{version}}: Exchange 2016 CU3 or later.',
    'edge-at-cu3':
      '{{server}} (Edge Transport) is recorded at {{version}}: CU3 or later. Edge servers write their version to AD only at ' +
      'Edge Subscription time, so the server may be newer still.',
    'server-below-cu3': `{{server}} runs {{version}}, below Exchange 2016 CU3 (${cu3}).`,
    'edge-below-cu3':
      `{{server}} (Edge Transport) is recorded at {{version}}, below CU3 (${cu3}), but Edge servers write their version to AD ` +
      'only at Edge Subscription time: the server itself may have been upgraded since.',
    'server-newer-product': '{{server}} runs {{version}}: {{product}} counts as Exchange 2016 CU3 or later.',
    'server-2013':
      '{{server}} runs {{version}}: not an Exchange 2016 server, so this requirement does not apply to it. Exchange 2013 ' +
      'has no REST API integration (see load-balancer-2013-free and mailbox-database-placement).',
    'server-legacy': '{{server}} runs {{version}}: not an Exchange 2016 server, so this requirement does not apply to it.',
    'server-unrecognised': '{{server}} reports {{version}}, which is not an on-premises Exchange 2013, 2016, 2019 or SE build.',
    'server-build-unreadable':
      'The build of {{server}} could not be read from AD (serialNumber: {{serialNumber}}, versionNumber: {{versionNumber}}).',
    'version-sources-disagree':
      '{{server}}: serialNumber says {{serialBuild}} but versionNumber says {{numberBuild}}; the verdict uses serialNumber ' +
      '(what Get-ExchangeServer shows), but AD holds conflicting versions for this server.',
    'no-servers': 'No Exchange server object was found in Active Directory, so no server build could be checked.',
    'no-cu3-capable-server':
      'No Exchange 2016, 2019 or SE server exists; the {{count}} {{count|server|servers}} found ({{servers}}) {{count|is|are}} Exchange 2013 or older, ' +
      'which cannot serve the REST API at all.',
    'fix-install-cu':
      'Install the latest cumulative update on {{server}} (Exchange 2016 CU23, 15.1.2507.6, then its latest security update) ' +
      'and run Setup.exe /PrepareAD from it. Exchange 2016 left support on 2025-10-14: plan the move to Exchange Server SE.',
    'fix-edge':
      'On the Edge server {{server}} run `Get-Command ExSetup.exe | ForEach-Object { $_.FileVersionInfo }`. If it is below ' +
      'CU3, install the latest cumulative update; then re-create the Edge Subscription (New-EdgeSubscription) so AD records ' +
      'the current version.',
    'fix-read-build':
      'In the Exchange Management Shell run `Get-ExchangeServer {{server}} | Format-List Name,AdminDisplayVersion`, and ' +
      'check that the LDAP account may read serialNumber and versionNumber on the server object.',
    'fix-verify-disagreement':
      'Compare `Get-ExchangeServer {{server}} | Format-List Name,AdminDisplayVersion` with the installed file version on the ' +
      'server (`Get-Command ExSetup.exe | ForEach-Object { $_.FileVersionInfo }`) to learn which AD value is current.',
    'fix-no-servers':
      'Check that the LDAP account can read CN=Microsoft Exchange,CN=Services in the Configuration partition (server objects ' +
      'have objectClass msExchExchangeServer), or run `Get-ExchangeServer | Format-List Name,AdminDisplayVersion`.',
    'fix-no-cu3-capable-server':
      'The REST API needs mailboxes on Exchange 2016 CU3 or later. Exchange 2016 and 2019 are out of support, so introduce ' +
      'Exchange Server SE (or move the mailboxes to Exchange Online) and decommission Exchange 2013.',
    'summary-pass': `{{count|The|All}} {{count}} Exchange 2016 {{count|server is|servers are}} at CU3 (${cu3}) or later.`,
    'summary-pass-no-2016':
      'There is no Exchange 2016 server; the {{count}} Exchange 2019/SE {{count|server counts|servers count}} as CU3 or later.',
    'summary-fail': '{{failing}} {{failing|server fails|servers fail}} the CU3 requirement: {{servers}}.',
    'summary-manual': 'The build of {{count}} {{count|server|servers}} could not be judged from AD alone: {{servers}}.',
    'summary-warn': 'Every Exchange 2016 server is at CU3 or later by serialNumber, but AD holds conflicting versions for {{servers}}.',
  },
  remediation: {
    summary:
      `Upgrade every Exchange 2016 server to CU3 (${cu3}) or later (today: CU23 with its latest security update) and run ` +
      'Setup.exe /PrepareAD from that update. Exchange 2016 is out of support; Exchange Server SE is the supported successor.',
    links: [buildNumbersDoc, getExchangeServerDoc, cmdletDoc('New-EdgeSubscription')],
  },

  run({ artifacts: { ExchangeServers: exchangeServers }, builds }) {
    const servers = exchangeServers.servers;
    if (servers.length === 0) {
      return {
        status: 'manual',
        summary: { messageId: 'no-servers' },
        findings: [{ subject: organization, status: 'manual', messageId: 'no-servers', remediationId: 'fix-no-servers' }],
      };
    }

    const judged = servers.map((server) => judgeServer(server, builds));
    const findings = judged.flatMap((judgement) => judgement.findings);
    const count = (kind: ServerKind) => judged.filter((judgement) => judgement.kind === kind).length;
    const exchange2016 = count('exchange-2016');
    const newer = count('newer');
    const unjudged = count('unjudged');

    if (exchange2016 === 0 && newer === 0 && unjudged === 0) {
      findings.push({
        subject: organization,
        status: 'fail',
        messageId: 'no-cu3-capable-server',
        remediationId: 'fix-no-cu3-capable-server',
        data: { count: servers.length, servers: namesOf(servers) },
        evidence: { servers: judged.map((judgement) => judgement.evidence) },
      });
      return { summary: { messageId: 'no-cu3-capable-server', data: { count: servers.length, servers: namesOf(servers) } }, findings };
    }

    const withStatus = (status: FindingInput['status']) => [
      ...new Set(findings.filter((f) => f.status === status).map((f) => f.subject.name)),
    ];
    const failing = withStatus('fail');
    const manual = withStatus('manual');
    const warned = withStatus('warn');
    const summary: { messageId: MessageId; data: Record<string, string | number> } =
      failing.length > 0
        ? { messageId: 'summary-fail', data: { failing: failing.length, servers: listSubjects(failing) } }
        : manual.length > 0
          ? { messageId: 'summary-manual', data: { count: manual.length, servers: listSubjects(manual) } }
          : warned.length > 0
            ? { messageId: 'summary-warn', data: { servers: listSubjects(warned) } }
            : exchange2016 > 0
              ? { messageId: 'summary-pass', data: { count: exchange2016 } }
              : { messageId: 'summary-pass-no-2016', data: { count: newer } };
    return { summary, findings, evidence: { servers: judged.map((judgement) => judgement.evidence), buildTableAsOf: builds.asOf } };
  },
});

type ServerKind = 'exchange-2016' | 'newer' | 'older' | 'unjudged';

interface ServerJudgement {
  kind: ServerKind;
  findings: FindingInput<MessageId>[];
  evidence: ReturnType<typeof serverEvidence>;
}

function judgeServer(server: ExchangeServer, builds: BuildCatalogue): ServerJudgement {
  const reading = readServerBuild(server, builds);
  const evidence = serverEvidence(server, reading);
  const subject = { kind: 'server', name: server.name } as const;
  const finding = (
    status: FindingInput['status'],
    messageId: MessageId,
    remediationId?: MessageId,
    extra: Record<string, string> = {},
  ): FindingInput<MessageId> => ({
    subject,
    status,
    messageId,
    ...(remediationId ? { remediationId } : {}),
    data: {
      server: server.name,
      version: reading.description?.text ?? 'unknown',
      product: reading.description?.product ?? 'unknown',
      ...extra,
    },
    evidence,
  });

  if (!reading.build || !reading.description) {
    return {
      kind: 'unjudged',
      evidence,
      findings: [
        finding('manual', 'server-build-unreadable', 'fix-read-build', {
          serialNumber: server.serialNumber ?? 'not set',
          versionNumber: server.versionNumber === null ? 'not set' : String(server.versionNumber),
        }),
      ],
    };
  }

  const disagreement: FindingInput<MessageId>[] =
    reading.disagreement && reading.fromSerialNumber && reading.fromVersionNumber
      ? [
          finding('warn', 'version-sources-disagree', 'fix-verify-disagreement', {
            serialBuild: formatShort(reading.fromSerialNumber),
            numberBuild: formatShort(reading.fromVersionNumber),
          }),
        ]
      : [];

  switch (reading.description.product) {
    case 'Exchange 2016':
      if (isCu3OrLater(reading.build)) {
        return {
          kind: 'exchange-2016',
          evidence,
          findings: [finding('pass', reading.edge ? 'edge-at-cu3' : 'server-at-cu3'), ...disagreement],
        };
      }
      return {
        kind: 'exchange-2016',
        evidence,
        findings: [
          // An Edge server's AD record can only lag behind the server, so "below CU3" is unproven for Edge.
          reading.edge ? finding('manual', 'edge-below-cu3', 'fix-edge') : finding('fail', 'server-below-cu3', 'fix-install-cu'),
          ...disagreement,
        ],
      };
    case 'Exchange 2019':
    case 'Exchange Server SE':
      return { kind: 'newer', evidence, findings: [finding('pass', 'server-newer-product'), ...disagreement] };
    case 'Exchange 2013':
      return { kind: 'older', evidence, findings: [finding('not-applicable', 'server-2013'), ...disagreement] };
    case 'Exchange 2010 or older':
      return { kind: 'older', evidence, findings: [finding('not-applicable', 'server-legacy'), ...disagreement] };
    default:
      return { kind: 'unjudged', evidence, findings: [finding('manual', 'server-unrecognised', 'fix-read-build'), ...disagreement] };
  }
}

function namesOf(servers: readonly ExchangeServer[]): string {
  return listSubjects(servers.map((server) => server.name));
}
