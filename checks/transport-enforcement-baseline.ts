// H5 (warning): Exchange Online throttles, then blocks, mail that persistently vulnerable on-premises servers send
// over the hybrid (OnPremises) connector. Every Exchange server — Edge included, as it often hands mail to Exchange
// Online — should be at or above the baseline build of its CU line (dated data: checks/data/hybrid-build-floors.ts).
// Facts and sources: docs/facts/hybrid.md.
import type { ExchangeServer, HybridFeatures } from '../src/inventory/artifacts.js';
import { defineCheck, type FindingInput, type MessageData } from './api.js';
import { transportEnforcementBaseline as baseline } from './data/hybrid-build-floors.js';
import type { BuildCatalogue } from './lib/build-catalogue.js';
import { floorText, judgeFloor } from './lib/build-floor.js';
import { buildText } from './lib/hybrid-app.js';
import { readServerBuild, serverEvidence } from './lib/server-build.js';

type MessageId =
  | 'server-meets'
  | 'server-below'
  | 'server-unenforceable-product'
  | 'server-revision-unknown'
  | 'server-build-unknown'
  | 'no-servers'
  | 'fix-update'
  | 'fix-move-to-se'
  | 'fix-read-build'
  | 'summary-pass'
  | 'summary-below'
  | 'summary-fail'
  | 'summary-unknown';

const EDGE_NOTE = 'AD records an Edge server’s build at Edge Subscription time; check the server itself if it was updated since.';

export default defineCheck({
  id: 'transport-enforcement-baseline',
  title: 'Exchange servers meet the build Exchange Online requires for hybrid mail flow',
  description:
    'Compares each Exchange server’s build (Edge included) with the baseline of its CU line that Exchange Online’s transport ' +
    `enforcement requires for mail over the hybrid connector (${baseline.floors.map((floor) => `${floor.product} ${floor.name} ${floor.build}`).join(', ')}; ` +
    `as of ${baseline.asOf}). Below it, Exchange Online throttles, then blocks, that server’s mail.`,
  requirement: {
    id: 'H5',
    text: 'Exchange Online accepts hybrid mail only from on-premises servers that are not persistently vulnerable: from September 2026 at least the October 2025 security update of a supported CU line.',
    sources: baseline.sources,
  },
  requirementSet: 'hybrid',
  severity: 'warning',
  requiredArtifacts: ['ExchangeServers'],
  optionalArtifacts: ['HybridFeatures'],
  messages: {
    'server-meets': '{{server}}{{role}} runs {{build}}, at or above the hybrid mail flow baseline {{floor}}.',
    'server-below':
      '{{server}}{{role}} runs {{build}}, below the hybrid mail flow baseline {{floor}}: Exchange Online throttles, then blocks, the mail it sends (SMTP 450 4.7.230, then 550 5.7.230).{{note}}',
    'server-unenforceable-product':
      '{{server}}{{role}} runs {{build}}, a product no build of which meets the baseline: Exchange Online blocks its mail over the hybrid connector.',
    'server-revision-unknown':
      '{{server}}{{role}} is on the CU line of {{floor}}, but AD gives no revision for its build ({{build}}), so whether it meets the baseline is unknown.',
    'server-build-unknown':
      'The build of {{server}}{{role}} could not be read from AD, so whether Exchange Online accepts its mail is unknown.',
    'no-servers': 'No Exchange server object was found in Active Directory, so no build could be compared with the baseline.',
    'fix-update':
      'Install at least {{floor}} on {{server}} (after 2026-10-31 no further updates ship for Exchange 2016/2019: move to Exchange SE); New-TenantExemptionInfo -BlockingScenario UnpatchedOnPremServer pauses enforcement for up to 90 days a year.',
    'fix-move-to-se': 'Replace {{server}} with an Exchange SE server, or route its mail through one that meets the baseline.',
    'fix-read-build': 'Run (Get-Command ExSetup.exe).FileVersionInfo.ProductVersion on {{server}} and compare it with {{floor}}.',
    'summary-pass':
      '{{count|The|All}} {{count}} Exchange {{count|server meets|servers meet}} the hybrid mail flow baseline (as of {{asOf}}).',
    'summary-below':
      '{{count}} of {{total}} Exchange {{total|server is|servers are}} below the hybrid mail flow baseline (as of {{asOf}}): {{servers}}.',
    'summary-fail':
      '{{count}} Exchange {{count|server runs|servers run}} a product Exchange Online no longer accepts mail from: {{servers}}.',
    'summary-unknown': 'Whether {{count}} {{count|server meets|servers meet}} the hybrid mail flow baseline is unknown: {{servers}}.',
  },
  remediation: {
    summary:
      'Keep every server that sends mail to Exchange Online at or above the baseline of its CU line (the October 2025 SU for ' +
      'Exchange 2016 CU23 and 2019 CU14/CU15, or Exchange SE kept current); Exchange 2016 and 2019 receive no update after ' +
      '2026-10-31, so move those servers to Exchange SE.',
    links: [baseline.sources[0]!, baseline.sources[3]!],
  },

  run({ artifacts: { ExchangeServers: exchangeServers, HybridFeatures: hybrid }, builds }) {
    const servers = exchangeServers.servers;
    if (servers.length === 0) {
      return {
        summary: { messageId: 'no-servers' },
        findings: [
          {
            subject: { kind: 'organization', name: 'Exchange organization' },
            status: 'manual',
            messageId: 'no-servers',
            remediationId: 'fix-read-build',
            data: { server: 'every server', floor: baseline.floors[0]!.build },
          },
        ],
      };
    }
    const findings = servers.map((server) => judgeServer(server, hybrid, builds));
    const named = (status: string) => findings.filter((finding) => finding.status === status).map((finding) => finding.subject.name);
    const [failing, warned, manual] = [named('fail'), named('warn'), named('manual')];
    const summary: { messageId: MessageId; data: MessageData } =
      failing.length > 0
        ? { messageId: 'summary-fail', data: { count: failing.length, servers: failing.join(', ') } }
        : warned.length > 0
          ? {
              messageId: 'summary-below',
              data: { count: warned.length, total: servers.length, asOf: baseline.asOf, servers: warned.join(', ') },
            }
          : manual.length > 0
            ? { messageId: 'summary-unknown', data: { count: manual.length, servers: manual.join(', ') } }
            : { messageId: 'summary-pass', data: { count: servers.length, asOf: baseline.asOf } };
    return {
      summary,
      findings,
      evidence: {
        baselineAsOf: baseline.asOf,
        baselineSecondarySourced: baseline.secondarySourced,
        baseline: baseline.floors.map((floor) => `${floor.product} ${floor.name} ${floor.build}`),
      },
    };
  },
});

function transportRole(server: ExchangeServer, hybrid: HybridFeatures | undefined): string | null {
  const configuration = hybrid?.configuration;
  const names = (links: readonly { dn: string }[] | undefined) =>
    (links ?? []).some((link) => link.dn.toLowerCase() === server.dn.toLowerCase());
  if (names(configuration?.edgeTransportServers)) return 'Edge transport server of the hybrid configuration';
  if (names(configuration?.sendingTransportServers)) return 'sending transport server of the hybrid configuration';
  return null;
}

function judgeServer(server: ExchangeServer, hybrid: HybridFeatures | undefined, builds: BuildCatalogue): FindingInput<MessageId> {
  const reading = readServerBuild(server, builds);
  const role = transportRole(server, hybrid);
  const roleText = role ? ` (${role})` : reading.edge ? ' (Edge)' : '';
  const subject = { kind: 'server', name: server.name } as const;
  const evidence = { ...serverEvidence(server, reading), hybridRole: role, edge: reading.edge, baselineAsOf: baseline.asOf };
  if (!reading.build) {
    return {
      subject,
      status: 'manual',
      messageId: 'server-build-unknown',
      remediationId: 'fix-read-build',
      data: { server: server.name, role: roleText, floor: baseline.floors.map((floor) => floor.build).join(', ') },
      evidence,
    };
  }
  const judgement = judgeFloor(reading.build, baseline);
  const data = {
    server: server.name,
    role: roleText,
    build: reading.description?.text ?? buildText(reading.build),
    floor: floorText(judgement, baseline, reading.build),
    note: reading.edge ? ` ${EDGE_NOTE}` : '',
  };
  switch (judgement.kind) {
    case 'meets':
      return { subject, status: 'pass', messageId: 'server-meets', data, evidence };
    case 'revision-unknown':
      return { subject, status: 'manual', messageId: 'server-revision-unknown', remediationId: 'fix-read-build', data, evidence };
    case 'below-on-line':
      return { subject, status: 'warn', messageId: 'server-below', remediationId: 'fix-update', data, evidence };
    case 'below-line': {
      const product = reading.description?.product;
      const enforceable = baseline.floors.some((floor) => floor.product === product);
      return enforceable
        ? { subject, status: 'warn', messageId: 'server-below', remediationId: 'fix-update', data, evidence }
        : { subject, status: 'fail', messageId: 'server-unenforceable-product', remediationId: 'fix-move-to-se', data, evidence };
    }
  }
}
