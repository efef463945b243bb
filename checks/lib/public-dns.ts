// Judging names in public DNS, shared by autodiscover-public-dns (R6) and client-namespace-public-dns (R7):
// does each resolve on the public resolvers, to addresses the Internet can reach, and do the resolvers agree?
// "Autodiscover namespace and on-premises client namespace must have Internet DNS records":
// https://learn.microsoft.com/en-us/graph/hybrid-rest-support

import type { DnsAnswer, DnsName, PublicDns } from '../../src/inventory/artifacts.js';
import { type Cidr, judgeAddress, parseTreatAsPublic } from '../../src/net/address-class.js';
import {
  type CheckOutcome,
  type CheckStatus,
  countOf,
  type Evidence,
  type EvidenceValue,
  type FindingInput,
  type MessageData,
} from '../api.js';
import { exchangeOnlineZoneOf } from './exchange-online.js';
import { findingsAbout } from './findings-about.js';

/** Finding and summary templates both DNS checks use; each check adds its own on top. */
export const publicDnsMessages = {
  'resolves-public':
    '{{name}} resolves in public DNS to {{addresses}} ({{answered}} of {{resolvers}} {{resolvers|resolver|resolvers}} answered); every address is public.',
  'name-missing': '{{name}} does not exist in public DNS: NXDOMAIN from {{count}} of {{resolvers}} {{resolvers|resolver|resolvers}}.',
  'name-no-address':
    '{{name}} exists in public DNS but has no A or AAAA record (no address from {{count}} of {{resolvers}} {{resolvers|resolver|resolvers}}; CNAME chain: {{cnameChain}}).',
  'name-servfail':
    'Public resolvers could not resolve {{name}}: SERVFAIL from {{count}} of {{resolvers}} {{resolvers|resolver|resolvers}}, so clients on the Internet cannot resolve it either.',
  'address-not-public': '{{name}} resolves to {{address}} ({{addressClass}}), which the Internet cannot reach.',
  'points-to-exchange-online':
    '{{name}} is an alias (CNAME) of {{target}}, an Exchange Online host; for mailboxes on-premises it must lead to the on-premises Exchange front end.',
  'resolvers-disagree': 'Public resolvers disagree about {{name}}: {{differences}}.',
  'some-resolvers-failed':
    '{{name}} could not be confirmed on every resolver: {{failed}} of {{resolvers}} gave no usable answer ({{errors}}).',
  'no-resolver-answered':
    'No public resolver answered for {{name}} ({{errors}}): its public records could not be seen, which is not evidence that they are missing.',
  'fix-publish':
    'Publish {{name}} in the public DNS zone as an A/AAAA record (or a CNAME to such a name) for the Internet-facing address of the Exchange front end (load balancer or reverse proxy).',
  'fix-public-address':
    'Make the public record of {{name}} point to the Internet-facing (NAT or load-balancer) address of the Exchange front end; keep internal addresses in the internal zone only (split DNS).',
  'fix-point-on-prem':
    'Point {{name}} to the on-premises Exchange front end while mailboxes live on-premises: in a hybrid deployment on-premises Exchange answers for both and redirects cloud mailboxes to Exchange Online.',
  'fix-resolvers-disagree':
    'Make every authoritative server of the zone serve the same records for {{name}} (compare SOA serials, look for a stale secondary or a GeoDNS rule), then run again.',
  'fix-resolver-unreachable':
    'Run again with resolvers this machine can reach (for example --resolver 1.1.1.1, or a DoH URL), or look {{name}} up with an external DNS tool.',
  'summary-pass': 'Every {{noun}} resolves in public DNS to public addresses ({{total}} checked).',
  'summary-warn': '{{warned}} of {{names}} {{warned|meets|meet}} the public DNS requirement only with caveats; none failed.',
  'summary-fail': '{{failed}} of {{names}} {{failed|does|do}} not meet the public DNS requirement.',
  'summary-manual': 'The public records of {{unknown}} of {{names}} could not be seen; none failed.',
} as const;

export type PublicDnsMessageId = keyof typeof publicDnsMessages;

/** What the resolvers said about the name, as a whole. */
export type NameOutcome =
  /** At least one resolver returned addresses. */
  | 'resolved'
  /** Every resolver that answered said NXDOMAIN or returned no address. */
  | 'absent'
  /** Every resolver that answered said SERVFAIL. */
  | 'unresolvable'
  /** No resolver answered. */
  | 'unknown';

export interface NameJudgement {
  name: string;
  outcome: NameOutcome;
  findings: FindingInput<PublicDnsMessageId>[];
  evidence: Evidence;
}

type AnswerOutcome = 'addresses' | 'nxdomain' | 'nodata' | 'servfail' | 'no-answer';

function outcomeOf(answer: DnsAnswer): AnswerOutcome {
  switch (answer.rcode) {
    case 'NOERROR':
      if (answer.a.length + answer.aaaa.length > 0) return 'addresses';
      // "No address" holds only when both questions were answered: a failed A (or AAAA) query proves nothing.
      return answer.error === null ? 'nodata' : 'no-answer';
    case 'NXDOMAIN':
      return 'nxdomain';
    // SERVFAIL from a recursive resolver means the name's own servers failed it (broken delegation, DNSSEC):
    // a real answer about the name. REFUSED, FORMERR, NOTIMP say only that this resolver did not serve us.
    case 'SERVFAIL':
      return 'servfail';
    default:
      return 'no-answer';
  }
}

function addressesOf(answer: DnsAnswer): string[] {
  return [...answer.a, ...answer.aaaa];
}

function describeAnswer(answer: DnsAnswer): string {
  const outcome = outcomeOf(answer);
  if (outcome === 'addresses') return `${answer.resolver}: ${addressesOf(answer).join(', ')}`;
  if (outcome === 'no-answer') return `${answer.resolver}: ${answer.error?.code ?? answer.rcode ?? 'no answer'}`;
  return `${answer.resolver}: ${outcome === 'nodata' ? 'no address' : outcome.toUpperCase()}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

export interface DnsContext {
  treatAsPublic: readonly Cidr[];
}

export function dnsContextOf(publicDns: PublicDns): DnsContext & { unparsableTreatAsPublic: string[] } {
  const { cidrs, unparsable } = parseTreatAsPublic(publicDns.treatAsPublic);
  return { treatAsPublic: cidrs, unparsableTreatAsPublic: unparsable };
}

export function judgeName(dnsName: DnsName, context: DnsContext): NameJudgement {
  const name = dnsName.name;
  const answers = dnsName.answers;
  const resolvers = answers.length;
  const outcomes = answers.map((answer) => ({ answer, outcome: outcomeOf(answer) }));
  const answered = outcomes.filter(({ outcome }) => outcome !== 'no-answer');
  const silent = outcomes.filter(({ outcome }) => outcome === 'no-answer');
  const positive = answered.filter(({ outcome }) => outcome === 'addresses');

  const publicAddresses = [...new Set(positive.flatMap(({ answer }) => addressesOf(answer)))];
  const judged = publicAddresses.map((address) => judgeAddress(address, context.treatAsPublic));
  const systemAddresses = dnsName.systemResolver?.addresses ?? null;
  const evidence: Evidence = {
    resolvers: answers.map(
      (answer): EvidenceValue => ({
        resolver: answer.resolver,
        rcode: answer.rcode,
        cnameChain: [...answer.cnameChain],
        addresses: addressesOf(answer),
        error: answer.error ? `${answer.error.code}: ${answer.error.message}` : null,
      }),
    ),
    addresses: judged.map((judgement): EvidenceValue => ({ address: judgement.address, class: judgement.label })),
    systemResolver: dnsName.systemResolver
      ? {
          addresses: [...dnsName.systemResolver.addresses],
          error: dnsName.systemResolver.error ? `${dnsName.systemResolver.error.code}: ${dnsName.systemResolver.error.message}` : null,
        }
      : null,
    // This machine's resolver answering differently from the Internet is normal for split DNS; it is shown, not judged.
    splitDns: systemAddresses === null || dnsName.systemResolver?.error ? null : !sameSet(systemAddresses, publicAddresses),
  };

  const subject = { kind: 'host' as const, name };
  const findings: FindingInput<PublicDnsMessageId>[] = [];
  const finding = findingsAbout<PublicDnsMessageId>(subject, { name, resolvers }, evidence);
  const add = (...args: Parameters<typeof finding>) => findings.push(finding(...args));
  const errorsOf = (items: typeof outcomes) => items.map(({ answer }) => describeAnswer(answer)).join('; ') || 'no resolver was asked';

  if (answered.length === 0) {
    add('manual', 'no-resolver-answered', { errors: errorsOf(silent) }, 'fix-resolver-unreachable');
    return { name, outcome: 'unknown', findings, evidence };
  }

  const exchangeOnlineTarget = answered.flatMap(({ answer }) => answer.cnameChain).find((target) => exchangeOnlineZoneOf(target) !== null);
  if (exchangeOnlineTarget !== undefined) {
    add('fail', 'points-to-exchange-online', { target: exchangeOnlineTarget }, 'fix-point-on-prem');
  }

  let outcome: NameOutcome = 'resolved';
  if (positive.length === 0) {
    const count = (kind: AnswerOutcome) => answered.filter((item) => item.outcome === kind).length;
    if (count('nxdomain') > 0) {
      add('fail', 'name-missing', { count: count('nxdomain') }, 'fix-publish');
      outcome = 'absent';
    } else if (count('nodata') > 0) {
      const chain = answered.find((item) => item.outcome === 'nodata')?.answer.cnameChain ?? [];
      add('fail', 'name-no-address', { count: count('nodata'), cnameChain: chain.length > 0 ? chain.join(' → ') : 'none' }, 'fix-publish');
      outcome = 'absent';
    } else {
      add('fail', 'name-servfail', { count: count('servfail') }, 'fix-publish');
      outcome = 'unresolvable';
    }
  } else {
    for (const judgement of judged.filter((item) => !item.countsAsPublic)) {
      add('fail', 'address-not-public', { address: judgement.address, addressClass: judgement.label }, 'fix-public-address');
    }
    const disagree =
      positive.length < answered.length || positive.some(({ answer }) => !sameSet(addressesOf(answer), addressesOf(positive[0]!.answer)));
    if (disagree) add('warn', 'resolvers-disagree', { differences: errorsOf(answered) }, 'fix-resolvers-disagree');
    if (!findings.some((finding) => finding.status === 'fail')) {
      add('pass', 'resolves-public', {
        addresses: judged.map((item) => `${item.address} (${item.label})`).join(', '),
        answered: answered.length,
      });
    }
  }
  if (silent.length > 0) {
    add('warn', 'some-resolvers-failed', { failed: silent.length, errors: errorsOf(silent) }, 'fix-resolver-unreachable');
  }
  return { name, outcome, findings, evidence };
}

/** One sentence over all judged names, by their worst finding. */
function summarizeNames(
  judgements: readonly { findings: readonly { status: CheckStatus }[] }[],
  noun: string,
): { messageId: PublicDnsMessageId; data: MessageData } {
  const worst = (statuses: readonly { status: CheckStatus }[], status: CheckStatus) => statuses.some((item) => item.status === status);
  const total = judgements.length;
  const failed = judgements.filter((item) => worst(item.findings, 'fail')).length;
  const unknown = judgements.filter((item) => worst(item.findings, 'manual')).length;
  const warned = judgements.filter((item) => worst(item.findings, 'warn')).length;
  // "3 client namespaces": the noun is data, so it is counted here rather than in the template.
  const names = countOf(total, noun);
  if (failed > 0) return { messageId: 'summary-fail', data: { failed, names } };
  if (unknown > 0) return { messageId: 'summary-manual', data: { unknown, names } };
  if (warned > 0) return { messageId: 'summary-warn', data: { warned, names } };
  return { messageId: 'summary-pass', data: { total, noun } };
}

/** Which names a check judges, and what it says when the collector looked up none of them. */
export interface NamesOfRole<M extends string> {
  role: DnsName['role'];
  /** What one name is, in the summary ("client namespace"). */
  noun: string;
  /** The option that adds such names (the finding's subject). */
  flag: string;
  /** The check's message for "none looked up". */
  noneLookedUp: M;
}

/**
 * The outcome of a DNS check: every looked-up name of its role judged, each judgement optionally extended by the
 * check (`extend`), one summary over all; with no name to judge, manual, naming the option that adds names.
 */
export function judgeNamesOfRole<M extends string>(
  publicDns: PublicDns,
  names: NamesOfRole<M>,
  extend: (judgement: NameJudgement, name: DnsName) => { findings: FindingInput<PublicDnsMessageId | M>[] } = (judgement) => judgement,
): CheckOutcome<PublicDnsMessageId | M> {
  const context = dnsContextOf(publicDns);
  const evidence: Evidence = {
    resolvers: publicDns.resolvers.map((resolver) => resolver.id),
    treatAsPublic: [...publicDns.treatAsPublic],
    ignoredTreatAsPublic: context.unparsableTreatAsPublic,
  };
  const looked = publicDns.names.filter((name) => name.role === names.role);
  if (looked.length === 0) {
    return {
      status: 'manual',
      summary: { messageId: names.noneLookedUp },
      findings: [{ subject: { kind: 'configuration', name: names.flag }, status: 'manual', messageId: names.noneLookedUp }],
      evidence,
    };
  }
  const judgements = looked.map((name) => extend(judgeName(name, context), name));
  return {
    summary: summarizeNames(judgements, names.noun),
    findings: judgements.flatMap((judgement) => judgement.findings),
    evidence,
  };
}
