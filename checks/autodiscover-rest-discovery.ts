// R8 (discovery): Graph finds an on-premises mailbox's REST endpoint through Autodiscover v2. An anonymous
// GET /autodiscover/autodiscover.json/v1.0/<mailbox>?Protocol=Rest must answer {"Protocol":"Rest","Url":"https://<ns>/api"}.
// Response shapes: docs/facts/http.md §4 (the exact on-premises Rest payload is UNCONFIRMED: any https …/api URL on a
// non-Exchange-Online host is accepted, whatever the casing of Protocol).

import type { AutodiscoverProbe, PublicDns } from '../src/inventory/artifacts.js';
import { countOf, defineCheck, type Evidence, type EvidenceValue, type FindingInput, type MessageData, plural } from './api.js';
import { ANSWER_OVER_UNTRUSTED_TLS, FIX_UNTRUSTED_TLS, untrustedBecause } from './lib/connection-trust.js';
import { hostOfUrl, isExchangeOnlineHost } from './lib/exchange-online.js';
import { firstHeader, looksLikeSignInPage, redirectEvidence, shortExcerpt } from './lib/http-evidence.js';
import { dnsContextOf, judgeName } from './lib/public-dns.js';

type DiscoveryKind =
  | 'rest-url-on-prem'
  | 'rest-url-exchange-online'
  | 'rest-url-unexpected'
  | 'redirect-exchange-online'
  | 'redirect-other'
  | 'preauth'
  | 'error-json'
  | 'no-rest-url'
  | 'not-found'
  | 'unreachable'
  | 'http-error';

type MessageId =
  | DiscoveryKind
  | 'no-rest-probes'
  | 'answer-over-untrusted-tls'
  | 'fix-certificate'
  | 'summary-warn'
  | 'host-not-public'
  | 'host-not-probed'
  | 'fix-dns'
  | 'fix-point-on-prem'
  | 'fix-preauth'
  | 'fix-publish'
  | 'fix-api-url'
  | 'fix-reachable'
  | 'summary-pass'
  | 'summary-manual'
  | 'summary-fail';

const remediationOf: Record<DiscoveryKind, MessageId | undefined> = {
  'rest-url-on-prem': undefined,
  'rest-url-exchange-online': 'fix-point-on-prem',
  'rest-url-unexpected': 'fix-api-url',
  'redirect-exchange-online': 'fix-point-on-prem',
  'redirect-other': 'fix-publish',
  preauth: 'fix-preauth',
  'error-json': 'fix-publish',
  'no-rest-url': 'fix-publish',
  'not-found': 'fix-publish',
  unreachable: 'fix-reachable',
  'http-error': 'fix-publish',
};

export default defineCheck({
  id: 'autodiscover-rest-discovery',
  title: 'Autodiscover v2 returns the on-premises /api URL',
  description:
    'Asks each address of each Autodiscover host, anonymously, for the Rest protocol of each mailbox in scope ' +
    '(/autodiscover/autodiscover.json/v1.0/<mailbox>?Protocol=Rest) and expects the https URL of the on-premises /api endpoint.',
  requirement: {
    id: 'R8',
    text: 'A firewall or application gateway that inspects and restricts access must allow discovery (Autodiscover) and access.',
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
  requiredArtifacts: ['AutodiscoverProbes'],
  optionalArtifacts: ['PublicDns'],
  messages: {
    'rest-url-on-prem': 'Autodiscover on {{host}} ({{addresses}}) returns the on-premises REST URL {{url}} for {{mailbox}}.',
    'rest-url-exchange-online':
      'Autodiscover on {{host}} ({{addresses}}) returns the Exchange Online REST URL {{url}} for {{mailbox}}: the answer comes from or leads to the cloud, not to an on-premises mailbox.',
    'rest-url-unexpected':
      'Autodiscover on {{host}} ({{addresses}}) returns {{protocol}} {{url}} for {{mailbox}}, which is not the https URL of an on-premises /api endpoint.',
    'redirect-exchange-online':
      'Autodiscover on {{host}} ({{addresses}}) redirects the Rest lookup for {{mailbox}} with {{status}} to Exchange Online ({{location}}): the Autodiscover record or the mailbox leads to the cloud.',
    'redirect-other':
      'Autodiscover on {{host}} ({{addresses}}) redirects the Rest lookup for {{mailbox}} with {{status}} to {{location}} instead of answering with the REST URL.',
    preauth:
      'Autodiscover on {{host}} ({{addresses}}) answers the Rest lookup for {{mailbox}} with {{status}} {{what}}: a pre-authentication gateway stands in front of Autodiscover, which must be anonymous.',
    'error-json':
      'Autodiscover on {{host}} ({{addresses}}) answers the Rest lookup for {{mailbox}} with {{status}} and error {{errorCode}}: {{excerpt}}',
    'no-rest-url':
      'Autodiscover on {{host}} ({{addresses}}) answers the Rest lookup for {{mailbox}} with {{status}}, but not with the {Protocol, Url} JSON: {{excerpt}}',
    'not-found':
      'Autodiscover on {{host}} ({{addresses}}) answers 404 for the Rest lookup of {{mailbox}}: Autodiscover v2 (autodiscover.json) is not published there.',
    unreachable: 'Autodiscover on {{host}} ({{addresses}}) gave no HTTP answer for the Rest lookup of {{mailbox}}: {{code}} ({{error}}).',
    'http-error': 'Autodiscover on {{host}} ({{addresses}}) answers the Rest lookup for {{mailbox}} with {{status}}: {{excerpt}}',
    'no-rest-probes':
      'No Autodiscover Rest lookup was made (no --mailbox, or no address for the Autodiscover host), so REST discovery cannot be judged: pass --domain and --mailbox.',
    'host-not-public':
      'No Autodiscover lookup can reach {{host}}: it has no public address ({{dns}}), so Exchange Online and Graph cannot discover the /api URL for {{domain}}.',
    'host-not-probed':
      '{{host}} resolves in public DNS ({{dns}}), but no Rest lookup of it was recorded, so its answer could not be judged: pass --mailbox.',
    'fix-dns':
      'Publish {{host}} in the public DNS zone, pointing to the Internet-facing address of the on-premises Exchange front end (see autodiscover-public-dns), then run again.',
    'fix-point-on-prem':
      'Point autodiscover.{{domain}} at the on-premises Exchange front end, and make sure {{mailbox}} is a mailbox on-premises (Exchange Online answers for mailboxes that moved to the cloud).',
    'fix-preauth':
      'Publish /autodiscover without pre-authentication: Autodiscover v2 is anonymous, and Exchange Online and Graph cannot sign in through a gateway page.',
    'fix-publish':
      'Publish /autodiscover/autodiscover.json on {{host}} to Exchange 2016 CU3 or later, then check: GET https://{{host}}/autodiscover/autodiscover.json/v1.0/{{mailbox}}?Protocol=Rest.',
    'fix-api-url':
      'Make Autodiscover hand out the https URL of the on-premises namespace ending in /api: check the ExternalUrl of the virtual directories on every server and that every server is Exchange 2016 CU3 or later.',
    'fix-reachable': 'Allow HTTPS to {{host}} ({{addresses}}) from the Internet, then run again.',
    'summary-pass': 'Autodiscover v2 returns the on-premises /api URL for every mailbox probed ({{total}} {{total|lookup|lookups}}).',
    'summary-manual': '{{unknown}} Autodiscover {{unknown|host|hosts}} could not be judged; no lookup failed.',
    'summary-warn': 'Autodiscover v2 returns the on-premises /api URL, but {{warned}} {{warned|answer carries|answers carry}} a caveat.',
    'answer-over-untrusted-tls': ANSWER_OVER_UNTRUSTED_TLS,
    'fix-certificate': FIX_UNTRUSTED_TLS,
    'summary-fail': 'Autodiscover does not lead to the on-premises /api URL: {{what}}.',
  },
  remediation: {
    summary:
      'Publish /autodiscover on the public Autodiscover host, anonymously, to Exchange 2016 CU3 or later, so that ' +
      'autodiscover.json?Protocol=Rest returns https://<namespace>/api for mailboxes on-premises.',
    links: [
      {
        title: 'Autodiscover service in Exchange Server',
        url: 'https://learn.microsoft.com/en-us/exchange/architecture/client-access/autodiscover',
      },
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
    ],
  },

  run({
    artifacts: {
      AutodiscoverProbes: { probes },
      PublicDns: publicDns,
    },
  }) {
    const restProbes = probes.filter((probe) => probe.protocol === 'Rest');
    const findings = [...groupByOutcome(restProbes).map((group) => findingOf(group, probes)), ...unprobedHosts(restProbes, publicDns)];
    if (findings.length === 0) {
      return {
        status: 'manual',
        summary: { messageId: 'no-rest-probes' },
        findings: [{ subject: { kind: 'configuration', name: '--mailbox' }, status: 'manual', messageId: 'no-rest-probes' }],
        evidence: { ewsProbes: probes.length },
      };
    }
    const failedLookups = findings
      .filter((finding) => finding.status === 'fail' && finding.messageId !== 'host-not-public')
      .reduce((sum, finding) => sum + Number(finding.data?.['lookups'] ?? 0), 0);
    const hostsWithoutAddress = findings.filter((finding) => finding.messageId === 'host-not-public').length;
    const unknown = findings.filter((finding) => finding.status === 'manual').length;
    const warned = findings.filter((finding) => finding.status === 'warn').length;
    const lookups = restProbes.length;
    const summary: { messageId: MessageId; data: MessageData } =
      failedLookups + hostsWithoutAddress > 0
        ? {
            messageId: 'summary-fail',
            data: {
              what: [
                failedLookups > 0 ? `${failedLookups} of ${countOf(lookups, 'Rest lookup')} failed` : null,
                hostsWithoutAddress > 0
                  ? `${countOf(hostsWithoutAddress, 'Autodiscover host')} ${plural(hostsWithoutAddress, 'has', 'have')} no public address`
                  : null,
              ]
                .filter((part) => part !== null)
                .join('; '),
            },
          }
        : unknown > 0
          ? { messageId: 'summary-manual', data: { unknown } }
          : warned > 0
            ? { messageId: 'summary-warn', data: { warned } }
            : { messageId: 'summary-pass', data: { total: lookups } };
    return { summary, findings };
  },
});

/**
 * Autodiscover hosts the DNS artifact knows but no Rest lookup reached. When the host has no public address the
 * collector had nothing to probe, and that itself is the answer: the cloud cannot discover /api through it.
 * A host that resolves but was not probed stays manual.
 */
function unprobedHosts(restProbes: readonly AutodiscoverProbe[], publicDns: PublicDns | undefined): FindingInput<MessageId>[] {
  if (!publicDns) return [];
  const context = dnsContextOf(publicDns);
  const probedHosts = new Set(restProbes.map((probe) => probe.host.toLowerCase()));
  return publicDns.names
    .filter((name) => name.role === 'autodiscover' && !probedHosts.has(name.name.toLowerCase()))
    .map((name) => {
      const judged = judgeName(name, context);
      const dns =
        name.answers
          .map(
            (answer) =>
              `${answer.resolver}: ${answer.rcode ?? answer.error?.code ?? 'no answer'}${answer.a.length + answer.aaaa.length > 0 ? ` ${[...answer.a, ...answer.aaaa].join(', ')}` : ''}`,
          )
          .join('; ') || 'no resolver asked';
      const data = { host: name.name, domain: name.domain ?? name.name.replace(/^autodiscover\./, ''), dns };
      const evidence: Evidence = { host: name.name, dnsOutcome: judged.outcome, resolvers: judged.evidence['resolvers'] ?? null };
      const subject = { kind: 'host' as const, name: name.name };
      return judged.outcome === 'absent' || judged.outcome === 'unresolvable'
        ? { subject, status: 'fail' as const, messageId: 'host-not-public' as const, data, remediationId: 'fix-dns' as const, evidence }
        : { subject, status: 'manual' as const, messageId: 'host-not-probed' as const, data, evidence };
    });
}

interface Judged {
  kind: DiscoveryKind;
  /** What makes two answers the same for collapsing: the URL, Location, error code or status. */
  detail: string;
  data: MessageData;
}

const errorCodePattern = /"ErrorCode"\s*:\s*"([^"]*)"/;

function judge(probe: AutodiscoverProbe): Judged {
  const { response } = probe;
  const status = response.status;
  const excerpt = shortExcerpt(response.bodyExcerpt);
  if (response.error !== null || status === null) {
    const code = response.error?.code ?? 'NO_STATUS';
    return { kind: 'unreachable', detail: code, data: { code, error: response.error?.message ?? 'the request ended without a status' } };
  }
  if (status >= 300 && status < 400) {
    const location = firstHeader(response.headers, 'location') ?? '(no Location header)';
    const redirect = redirectEvidence(response.url, location);
    if (redirect.host !== null && isExchangeOnlineHost(redirect.host))
      return { kind: 'redirect-exchange-online', detail: location, data: { status, location } };
    if (redirect.toSignInPage) return { kind: 'preauth', detail: location, data: { status, what: `to ${location}` } };
    return { kind: 'redirect-other', detail: location, data: { status, location } };
  }
  if (status === 200 && probe.parsed !== null) return judgeRestUrl(probe.parsed);
  const errorCode = errorCodePattern.exec(response.bodyExcerpt ?? '')?.[1];
  if (errorCode !== undefined) return { kind: 'error-json', detail: errorCode, data: { status, errorCode, excerpt } };
  if (looksLikeSignInPage(response.bodyExcerpt))
    return { kind: 'preauth', detail: String(status), data: { status, what: 'and a sign-in page' } };
  if (status === 401 || status === 407) {
    const schemes = (firstHeader(response.headers, status === 401 ? 'www-authenticate' : 'proxy-authenticate') ?? 'no scheme named').split(
      /[\s,]/,
    )[0];
    return { kind: 'preauth', detail: String(status), data: { status, what: `asking for credentials (${schemes})` } };
  }
  if (status === 200) return { kind: 'no-rest-url', detail: '200', data: { status, excerpt } };
  if (status === 404) return { kind: 'not-found', detail: '404', data: { status } };
  return { kind: 'http-error', detail: String(status), data: { status, excerpt } };
}

function judgeRestUrl(parsed: { protocol: string; url: string }): Judged {
  const data = { protocol: parsed.protocol, url: parsed.url };
  const host = hostOfUrl(parsed.url);
  const isRest = parsed.protocol.toLowerCase() === 'rest';
  const isApi = /^https:\/\/[^/]+\/api\/?$/i.test(parsed.url);
  if (host !== null && isExchangeOnlineHost(host)) return { kind: 'rest-url-exchange-online', detail: parsed.url, data };
  if (!isRest || !isApi || host === null) return { kind: 'rest-url-unexpected', detail: `${parsed.protocol} ${parsed.url}`, data };
  return { kind: 'rest-url-on-prem', detail: parsed.url, data };
}

interface Group {
  probes: AutodiscoverProbe[];
  judged: Judged;
}

/** One finding per host × mailbox × outcome: addresses that answer alike are reported together. */
function groupByOutcome(probes: readonly AutodiscoverProbe[]): Group[] {
  const groups = new Map<string, Group>();
  for (const probe of probes) {
    const judged = judge(probe);
    // Answers over untrusted connections are grouped apart: they are a caveat even where the answer is right.
    const key = JSON.stringify([probe.host, probe.mailbox, judged.kind, judged.detail, untrustedBecause(probe.connection)]);
    const group = groups.get(key);
    if (group) group.probes.push(probe);
    else groups.set(key, { probes: [probe], judged });
  }
  return [...groups.values()];
}

function findingOf({ probes, judged }: Group, all: readonly AutodiscoverProbe[]): FindingInput<MessageId> {
  const first = probes[0]!;
  const addresses = probes.map((probe) => probe.address);
  const perAddress = probes.map((probe): EvidenceValue => {
    const ews = all.find(
      (other) =>
        other.protocol === 'Ews' && other.host === probe.host && other.address === probe.address && other.mailbox === probe.mailbox,
    );
    return {
      address: probe.address,
      url: probe.response.url,
      status: probe.response.status,
      location: firstHeader(probe.response.headers, 'location'),
      bodyExcerpt: probe.response.bodyExcerpt,
      error: probe.response.error ? `${probe.response.error.code}: ${probe.response.error.message}` : null,
      connection: probe.connection ? { ...probe.connection } : null,
      // The Ews answer of the same address is context: EWS working while Rest does not points at /api or CU level.
      ews: ews ? { status: ews.response.status, url: ews.parsed?.url ?? null, error: ews.response.error?.code ?? null } : null,
    };
  });
  const evidence: Evidence = { host: first.host, domain: first.domain, mailbox: first.mailbox, outcome: judged.kind, probes: perAddress };
  const remediationId = remediationOf[judged.kind];
  const why = judged.kind === 'rest-url-on-prem' ? untrustedBecause(first.connection) : null;
  if (why !== null) {
    const what = `Autodiscover on ${first.host} (${addresses.join(', ')}) returns the on-premises REST URL ${judged.data['url']} for ${first.mailbox}`;
    return {
      subject: { kind: 'mailbox', name: `${first.mailbox} via ${first.host}` },
      status: 'warn',
      messageId: 'answer-over-untrusted-tls',
      data: { what, why, name: first.host },
      evidence,
      remediationId: 'fix-certificate',
    };
  }
  return {
    subject: { kind: 'mailbox', name: `${first.mailbox} via ${first.host}` },
    status: judged.kind === 'rest-url-on-prem' ? 'pass' : 'fail',
    messageId: judged.kind,
    data: {
      host: first.host,
      domain: first.domain,
      mailbox: first.mailbox,
      addresses: addresses.join(', '),
      lookups: probes.length,
      ...judged.data,
    },
    evidence,
    ...(remediationId ? { remediationId } : {}),
  };
}
