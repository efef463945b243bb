// R6: the Autodiscover namespace has Internet DNS records that lead to on-premises Exchange.

import type { PublicDns } from '../src/inventory/artifacts.js';
import { defineCheck, type FindingInput } from './api.js';
import { judgeNamesOfRole, type NameJudgement, type PublicDnsMessageId, publicDnsMessages } from './lib/public-dns.js';

type MessageId = PublicDnsMessageId | 'srv-only' | 'no-autodiscover-names';

export default defineCheck({
  id: 'autodiscover-public-dns',
  title: 'Autodiscover host resolves in public DNS',
  description:
    'Looks up each Autodiscover host (autodiscover.<domain>) on public resolvers, follows CNAMEs, and checks that it ' +
    'resolves to addresses the Internet can reach, that the resolvers agree, and that it does not lead to Exchange Online.',
  requirement: {
    id: 'R6',
    text: 'The Autodiscover namespace must have Internet (public) DNS records.',
    sources: [
      {
        title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
      },
      {
        title: 'On-Premises Architectural Requirements for the REST API',
        url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/on-premises-architectural-requirements-for-the-rest-api/ba-p/605609',
      },
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: ['PublicDns'],
  optionalArtifacts: [],
  messages: {
    ...publicDnsMessages,
    'srv-only':
      '{{name}} has no public address record, but _autodiscover._tcp.{{domain}} publishes SRV {{targets}}: clients that follow SRV ' +
      'reach Exchange, but Microsoft documents the Autodiscover namespace itself as needing Internet DNS records, and the cloud ' +
      'side of hybrid looks up autodiscover.<domain>.',
    'no-autodiscover-names':
      'No Autodiscover host was looked up, so public DNS for Autodiscover cannot be judged: pass --domain (autodiscover.<domain> is checked).',
  },
  remediation: {
    summary:
      'Publish autodiscover.<domain> in the public DNS zone for every SMTP domain, pointing (directly or by CNAME) to the ' +
      'Internet-facing address of the on-premises Exchange front end, not to Exchange Online and not to an internal address.',
    links: [
      {
        title: 'Autodiscover service in Exchange Server',
        url: 'https://learn.microsoft.com/en-us/exchange/architecture/client-access/autodiscover',
      },
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
    ],
  },

  run({ artifacts: { PublicDns: publicDns } }) {
    return judgeNamesOfRole<'srv-only' | 'no-autodiscover-names'>(
      publicDns,
      { role: 'autodiscover', noun: 'Autodiscover host', flag: '--domain', noneLookedUp: 'no-autodiscover-names' },
      (judgement, name) => withSrv(judgement, name.domain, publicDns),
    );
  },
});

interface SrvTarget {
  target: string;
  port: number;
  /** Addresses the target resolved to publicly, when the collector looked it up as well; null when it did not. */
  addresses: string[] | null;
}

/** The SRV records of `_autodiscover._tcp.<domain>` that any resolver returned, with their targets' public addresses if known. */
function srvTargetsOf(domain: string | null, publicDns: PublicDns): SrvTarget[] {
  const entry = publicDns.srv.find((srv) => srv.domain === domain);
  const records = new Map<string, SrvTarget>();
  for (const answer of entry?.answers ?? []) {
    if (answer.rcode !== 'NOERROR') continue;
    for (const record of answer.records) {
      const looked = publicDns.names.find((name) => name.name === record.target);
      const addresses = looked ? [...new Set(looked.answers.flatMap((a) => [...a.a, ...a.aaaa]))] : null;
      records.set(`${record.target}:${record.port}`, { target: record.target, port: record.port, addresses });
    }
  }
  return [...records.values()];
}

/**
 * SRV `_autodiscover._tcp` is an Internet DNS record for Autodiscover, and Outlook and other Autodiscover clients
 * follow it (https://learn.microsoft.com/en-us/exchange/architecture/client-access/autodiscover). But the hybrid
 * requirement names the Autodiscover namespace itself, and whether Exchange Online's redirect for on-premises
 * mailboxes ever uses SRV rather than autodiscover.<domain> is not documented by Microsoft (docs/facts/http.md §4 has only a
 * secondary source). So a missing A record with SRV present is a warning, not a pass and not a failure.
 */
function withSrv(judgement: NameJudgement, domain: string | null, publicDns: PublicDns): { findings: FindingInput<MessageId>[] } {
  const targets = srvTargetsOf(domain, publicDns);
  if (targets.length === 0) return judgement;
  const srv = targets.map((target) => ({ target: target.target, port: target.port, addresses: target.addresses }));
  const findings: FindingInput<MessageId>[] = judgement.findings.map((finding) => ({ ...finding, evidence: { ...finding.evidence, srv } }));
  if (judgement.outcome !== 'absent') return { findings };
  return {
    findings: findings.map((finding) =>
      finding.messageId === 'name-missing' || finding.messageId === 'name-no-address'
        ? {
            ...finding,
            status: 'warn',
            messageId: 'srv-only',
            data: { ...finding.data, domain: domain ?? '', targets: targets.map((target) => `${target.target}:${target.port}`).join(', ') },
          }
        : finding,
    ),
  };
}
