// H4: Exchange Online reaches on-premises free/busy, MailTips and photos through the EWS external URL with an OAuth
// token, so each EWS host must resolve publicly and an unauthenticated GET /EWS/Exchange.asmx must meet Exchange's
// 401 Bearer challenge trusting the assessed tenant — not a pre-auth page, a WAF block, a 404, or another tenant's
// trust. An answer read over an untrusted connection is at most a warning. Facts: docs/facts/hybrid.md.
import type { EwsEndpointProbes, GraphOrganization, HybridConfiguration } from '../src/inventory/artifacts.js';
import { type Cidr, judgeAddress, parseTreatAsPublic } from '../src/net/address-class.js';
import { defineCheck, type FindingInput, type MessageData } from './api.js';
import { ANSWER_OVER_UNTRUSTED_TLS, FIX_UNTRUSTED_TLS } from './lib/connection-trust.js';
import { authServerTenants, listed, richCoexistenceOf, tenantToken } from './lib/hybrid-app.js';
import { configureOAuthDoc, deployDedicatedAppDoc, hybridPrerequisitesDoc } from './lib/hybrid-sources.js';
import { type EwsMessageId, judgeEwsAnswer } from './lib/judge-ews-answer.js';

type MessageId =
  | EwsMessageId
  | 'no-rich-coexistence'
  | 'no-ews-url'
  | 'host-not-public'
  | 'dns-unanswered'
  | 'private-address'
  | 'not-probed'
  | 'fix-external-url'
  | 'fix-public-dns'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-fail'
  | 'summary-manual';

type Host = EwsEndpointProbes['hosts'][number];

export default defineCheck({
  id: 'ews-oauth-reachable',
  title: 'EWS is reachable from Exchange Online with OAuth',
  description:
    'For each EWS external URL in AD (and an on-premises discovery endpoint of the intra-organization connector), resolves the ' +
    'host on public resolvers and sends an unauthenticated GET /EWS/Exchange.asmx to each address: Exchange must answer 401 ' +
    'with a Bearer challenge whose trusted_issuers names the assessed tenant.',
  requirement: {
    id: 'H4',
    text: 'Exchange Online calls the on-premises EWS endpoint with OAuth for free/busy, MailTips and photos: it must be published on the Internet without pre-authentication and trust the tenant.',
    sources: [configureOAuthDoc, hybridPrerequisitesDoc, deployDedicatedAppDoc],
  },
  requirementSet: 'hybrid',
  severity: 'blocker',
  requiredArtifacts: ['EwsEndpointProbes'],
  optionalArtifacts: ['GraphOrganization', 'ExchangeAuthConfig', 'HybridConfiguration', 'HybridFeatures'],
  messages: {
    'no-rich-coexistence':
      'The hybrid configuration enables none of free/busy, MailTips or photos (features read: {{features}}), so Exchange Online has no reason to call on-premises EWS with OAuth.',
    'no-ews-url':
      'No EWS virtual directory in AD has an external URL on-premises ({{skipped}}), so Exchange Online has no EWS endpoint to call back on.',
    'host-not-public': '{{host}} does not resolve on the public resolvers ({{answers}}): Exchange Online cannot find the EWS endpoint.',
    'dns-unanswered': 'No public resolver answered for {{host}} ({{answers}}), so whether Exchange Online can find it is unknown.',
    'private-address': '{{host}} resolves publicly to {{address}}, which is {{addressClass}}: Exchange Online cannot reach EWS there.',
    'not-probed': '{{host}} resolves publicly to {{address}}, but no EWS probe was made to it.',
    'oauth-challenge':
      '{{endpoint}} answers GET /EWS/Exchange.asmx with 401 and an Exchange Bearer challenge trusting the tenant {{tenant}}.',
    'untrusted-tls': ANSWER_OVER_UNTRUSTED_TLS,
    'other-tenant':
      '{{endpoint}} answers with a Bearer challenge that trusts {{realms}}, not the assessed tenant {{tenant}}: tokens from this tenant are refused.',
    'no-cloud-trust':
      '{{endpoint}} answers with a Bearer challenge, but trusted_issuers names no Microsoft cloud tenant ({{issuers}}): OAuth with Exchange Online is not configured.',
    'tenant-unknown':
      '{{endpoint}} answers with a Bearer challenge trusting {{realms}}, but the assessed tenant is unknown (no Graph organization, no EvoSTS or ACS realm in AD) to compare with.',
    preauth:
      '{{endpoint}} answers GET /EWS/Exchange.asmx with {{status}} {{location}}: a pre-authentication gateway stands in front of EWS, and Exchange Online cannot pass it.',
    blocked:
      '{{endpoint}} answers GET /EWS/Exchange.asmx with {{status}} ({{schemes}}; server: {{server}}) and no Exchange header: a firewall or WAF blocks EWS.',
    'oauth-not-offered':
      'Exchange on {{endpoint}} answers 401 without a Bearer challenge ({{schemes}}): OAuth is not enabled on the EWS virtual directory.',
    'not-found': '{{endpoint}} answers 404 for /EWS/Exchange.asmx (server: {{server}}): EWS is not published there.',
    unreachable: '{{endpoint}} gave no HTTP answer for GET /EWS/Exchange.asmx: {{code}} ({{error}}).',
    unexpected: '{{endpoint}} answers GET /EWS/Exchange.asmx with {{status}} instead of 401 with a Bearer challenge: {{excerpt}}',
    'fix-external-url':
      'Set the EWS external URL on every Internet-facing server: Set-WebServicesVirtualDirectory "<server>\\EWS (Default Web Site)" -ExternalUrl https://mail.contoso.com/EWS/Exchange.asmx, then rerun the Hybrid Configuration Wizard.',
    'fix-public-dns':
      'Publish {{host}} in public DNS, pointing at the Internet-facing load balancer or reverse proxy in front of Exchange.',
    'fix-preauth':
      'Publish /EWS without pre-authentication (Exchange Online authenticates with an OAuth token and cannot pass a sign-in page), e.g. a separate pass-through rule for /EWS/*.',
    'fix-gateway': 'Allow HTTPS to /EWS/* from Exchange Online through the firewall or WAF, and leave authentication to Exchange.',
    'fix-oauth':
      'Enable OAuth on the EWS virtual directory (Set-WebServicesVirtualDirectory -OAuthAuthentication $true) and run the Hybrid Configuration Wizard to configure OAuth with Exchange Online.',
    'fix-tls': FIX_UNTRUSTED_TLS,
    'fix-reachable': 'Let HTTPS to {{host}} ({{address}}) through from the Internet, then run again.',
    'summary-pass':
      'Every EWS endpoint ({{count}} {{count|address|addresses}} of {{hosts}}) answers with an Exchange Bearer challenge trusting {{tenant}}.',
    'summary-warn': '{{warned}} of {{total}} EWS {{total|finding carries|findings carry}} a caveat; none failed.',
    'summary-fail':
      '{{failed}} of {{total}} EWS {{total|finding fails|findings fail}}: Exchange Online cannot call on-premises EWS with OAuth there.',
    'summary-manual': '{{manual}} of {{total}} EWS {{total|finding|findings}} could not be verified from here.',
  },
  remediation: {
    summary:
      'Publish the EWS external URL on the Internet without pre-authentication, blocking or TLS offloading, with OAuth enabled on the EWS ' +
      'virtual directory and the OAuth trust with Exchange Online that the Hybrid Configuration Wizard configures.',
    links: [configureOAuthDoc, hybridPrerequisitesDoc],
  },

  run({
    artifacts: {
      EwsEndpointProbes: ews,
      GraphOrganization: organization,
      ExchangeAuthConfig: auth,
      HybridConfiguration: classic,
      HybridFeatures: hybrid,
    },
  }) {
    const rich = hybrid ? richCoexistenceOf(hybrid) : null;
    if (rich?.kind === 'off' || rich?.kind === 'no-hybrid-configuration') {
      const data = { features: rich.kind === 'off' ? listed(rich.features) : 'none (no hybrid configuration object)' };
      return {
        status: 'not-applicable',
        summary: { messageId: 'no-rich-coexistence', data },
        findings: [
          {
            subject: { kind: 'organization', name: 'Exchange organization' },
            status: 'not-applicable',
            messageId: 'no-rich-coexistence',
            data,
          },
        ],
      };
    }
    if (ews.hosts.length === 0) {
      const skipped =
        ews.skipped.length > 0 ? `not probed: ${ews.skipped.map((entry) => `${entry.url} (${entry.reason})`).join('; ')}` : 'none found';
      return {
        summary: { messageId: 'summary-fail', data: { failed: 1, total: 1 } },
        findings: [
          {
            subject: { kind: 'configuration', name: 'EWS external URL' },
            status: 'fail',
            messageId: 'no-ews-url',
            remediationId: 'fix-external-url',
            data: { skipped },
            evidence: { skipped: ews.skipped.map((entry) => ({ ...entry })) },
          },
        ],
      };
    }
    const tenants = tenantsOf(organization, auth, classic);
    const treatAsPublic = parseTreatAsPublic(ews.treatAsPublic).cidrs;
    const findings = ews.hosts.flatMap((host) => judgeHost(host, tenants, treatAsPublic));
    const count = (status: string) => findings.filter((finding) => finding.status === status).length;
    const total = findings.length;
    const summary: { messageId: MessageId; data: MessageData } =
      count('fail') > 0
        ? { messageId: 'summary-fail', data: { failed: count('fail'), total } }
        : count('manual') > 0
          ? { messageId: 'summary-manual', data: { manual: count('manual'), total } }
          : count('warn') > 0
            ? { messageId: 'summary-warn', data: { warned: count('warn'), total } }
            : {
                messageId: 'summary-pass',
                data: { count: total, hosts: ews.hosts.map((host) => host.host).join(', '), tenant: tenants.ids.join(', ') },
              };
    return {
      summary,
      findings,
      evidence: { tenant: tenants.ids, tenantFrom: tenants.from, skipped: ews.skipped.map((entry) => entry.url) },
    };
  },
});

export interface AssessedTenant {
  ids: string[];
  from: 'graph-organization' | 'auth-server-realm' | 'unknown';
}

/** The tenant: Graph's /organization id, else the realm of the EvoSTS or ACS auth servers in AD. */
function tenantsOf(
  organization: GraphOrganization | undefined,
  auth: Parameters<typeof authServerTenants>[0] | undefined,
  classic: HybridConfiguration | undefined,
): AssessedTenant {
  const fromGraph = tenantToken(organization?.id);
  if (fromGraph) return { ids: [fromGraph], from: 'graph-organization' };
  const fromAuth = auth ? authServerTenants(auth) : [];
  const fromClassic = classic ? authServerTenants(classic) : [];
  const ids = [...new Set([...fromAuth, ...fromClassic])];
  return ids.length > 0 ? { ids, from: 'auth-server-realm' } : { ids: [], from: 'unknown' };
}

function judgeHost(host: Host, tenants: AssessedTenant, treatAsPublic: readonly Cidr[]): FindingInput<MessageId>[] {
  const subject = { kind: 'host', name: host.host } as const;
  const answers =
    host.answers.map((answer) => `${answer.resolver}: ${answer.rcode ?? answer.error?.code ?? 'no answer'}`).join(', ') || 'no resolver';
  const dnsEvidence = { host: host.host, sources: host.sources.map((source) => `${source.kind} ${source.url} (${source.owner})`), answers };
  const addresses = [
    ...new Set(host.answers.filter((answer) => answer.rcode === 'NOERROR').flatMap((answer) => [...answer.a, ...answer.aaaa])),
  ];
  if (addresses.length === 0) {
    const answered = host.answers.some((answer) => answer.rcode !== null);
    return answered
      ? [
          {
            subject,
            status: 'fail',
            messageId: 'host-not-public',
            remediationId: 'fix-public-dns',
            data: { host: host.host, answers },
            evidence: dnsEvidence,
          },
        ]
      : [{ subject, status: 'manual', messageId: 'dns-unanswered', data: { host: host.host, answers }, evidence: dnsEvidence }];
  }
  return addresses.map((address): FindingInput<MessageId> => {
    const judged = judgeAddress(address, treatAsPublic);
    const endpointSubject = { kind: 'url', name: `https://${host.host}/EWS/Exchange.asmx @ ${address}` } as const;
    const data = { host: host.host, address, addressClass: judged.label };
    if (!judged.countsAsPublic)
      return {
        subject: endpointSubject,
        status: 'fail',
        messageId: 'private-address',
        remediationId: 'fix-reachable',
        data,
        evidence: { ...dnsEvidence, address },
      };
    const probe = host.probes.find((entry) => entry.endpoint.address === address);
    if (!probe) return { subject: endpointSubject, status: 'manual', messageId: 'not-probed', data, evidence: { ...dnsEvidence, address } };
    return judgeEwsAnswer(endpointSubject, host.host, probe, tenants.ids);
  });
}
