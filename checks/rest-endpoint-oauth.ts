// R8 (access): Graph reaches the on-premises /api endpoint with an OAuth token, so an unauthenticated request must
// meet Exchange's own Bearer challenge — not a gateway's sign-in page, a block, or a 404.

import type { RestEndpointProbe } from '../src/inventory/artifacts.js';
import { type Cidr, judgeAddress, parseTreatAsPublic } from '../src/net/address-class.js';
import { defineCheck, type Evidence, type EvidenceValue, type FindingInput, type MessageData } from './api.js';
import { ANSWER_OVER_UNTRUSTED_TLS, FIX_UNTRUSTED_TLS, untrustedBecause } from './lib/connection-trust.js';
import { findingsAbout } from './lib/findings-about.js';
import { classifyRestResponse, type RestResponseClassification, shortExcerpt } from './lib/http-evidence.js';
import { FIX_INTERNAL_ADDRESS, INTERNAL_ADDRESS_NOT_PROBED, internalAddressesNotProbed } from './lib/internal-addresses.js';

type MessageId =
  | 'oauth-challenge'
  | 'bearer-not-exchange'
  | 'probed-internal-address'
  | 'internal-address-not-probed'
  | 'fix-internal-address'
  | 'answer-over-untrusted-tls'
  | 'fix-certificate'
  | 'preauth-redirect'
  | 'gateway-block'
  | 'oauth-not-offered'
  | 'not-found'
  | 'unreachable'
  | 'unexpected-response'
  | 'no-probes'
  | 'fix-preauth'
  | 'fix-gateway'
  | 'fix-oauth'
  | 'fix-not-found'
  | 'fix-unreachable'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-fail';

export default defineCheck({
  id: 'rest-endpoint-oauth',
  title: 'REST endpoint /api answers with an Exchange OAuth challenge',
  description:
    'Sends an unauthenticated GET /api/v2.0/me to each address of each namespace and expects 401 with a Bearer challenge ' +
    'from Exchange, as Graph needs to present its token; a pre-authentication redirect, a gateway block or a 404 fails.',
  requirement: {
    id: 'R8',
    text: 'A firewall or application gateway that inspects and restricts access must allow discovery and access: the /api endpoint must be reachable with OAuth.',
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
  requiredArtifacts: ['RestEndpointProbes'],
  optionalArtifacts: ['PublicDns'],
  messages: {
    'oauth-challenge':
      '{{host}} answers GET /api/v2.0/me with 401 and an Exchange Bearer challenge (client_id {{clientId}}); cloud trust: {{cloudTrust}}; HMA authorization_uri: {{authorizationUri}}.',
    'bearer-not-exchange':
      '{{host}} answers 401 with a Bearer challenge (client_id {{clientId}}), but nothing marks the responder as Exchange (no Exchange client_id, no X-FEServer or request-id): something else may be answering in its place.',
    'probed-internal-address':
      '{{host}} answers with an Exchange OAuth challenge, but {{address}} is {{addressClass}}: this shows /api works from this machine, not that Graph can reach it from the Internet.',
    'internal-address-not-probed': INTERNAL_ADDRESS_NOT_PROBED,
    'fix-internal-address': FIX_INTERNAL_ADDRESS,
    'answer-over-untrusted-tls': ANSWER_OVER_UNTRUSTED_TLS,
    'fix-certificate': FIX_UNTRUSTED_TLS,
    'preauth-redirect':
      '{{host}} answers GET /api/v2.0/me with {{status}} {{location}}: a pre-authentication gateway stands in front of /api, and Graph cannot sign in through it.',
    'gateway-block':
      '{{host}} answers GET /api/v2.0/me with {{status}} ({{schemes}}; server: {{server}}) and no Exchange header: a firewall or gateway blocks /api.',
    'oauth-not-offered': 'Exchange on {{host}} answers 401 without a Bearer challenge ({{schemes}}): OAuth is not offered on /api.',
    'not-found':
      '{{host}} answers 404 for /api/v2.0/me (server: {{server}}; Exchange headers: {{exchange}}): the REST virtual directory is not published there.',
    unreachable: '{{host}} gave no HTTP answer for GET /api/v2.0/me: {{code}} ({{error}}).',
    'unexpected-response': '{{host}} answers GET /api/v2.0/me with {{status}} instead of 401 with a Bearer challenge: {{excerpt}}',
    'no-probes':
      'No /api probe was made (no namespace or no address to probe), so access to the REST endpoint cannot be judged: pass --namespace.',
    'fix-preauth':
      'Publish /api (and /autodiscover and /ews) without pre-authentication: Graph and Exchange Online authenticate with OAuth tokens and cannot pass a sign-in page.',
    'fix-gateway':
      'Allow HTTPS to /api/* through the firewall or application gateway to the Exchange front ends, inbound from Exchange Online, and leave authentication to Exchange.',
    'fix-oauth':
      'Check the API virtual directory on every front end (IIS: Default Web Site/API, whose web.config loads the OAuth module) and run the Hybrid Configuration Wizard to configure OAuth.',
    'fix-not-found':
      'Publish the /api path on the load balancer or reverse proxy and make sure every server behind {{name}} is Exchange 2016 CU3 or later (Exchange 2013 has no /api).',
    'fix-unreachable': 'Let HTTPS to {{name}} ({{address}}) through from the Internet, then run again.',
    'summary-pass': 'Every probed /api endpoint answers with an Exchange OAuth challenge ({{total}} probed).',
    'summary-warn':
      '{{warned}} of {{total}} /api {{total|endpoint|endpoints}} {{warned|answers|answer}} with a caveat (see the findings); none failed.',
    'summary-fail':
      '{{failed}} of {{total}} /api {{total|endpoint|endpoints}} {{failed|does|do}} not answer with an Exchange OAuth challenge.',
  },
  remediation: {
    summary:
      'Publish /api on the Internet-facing namespace without pre-authentication, blocking or path filtering, so that an ' +
      'unauthenticated request reaches Exchange and gets its 401 Bearer challenge; OAuth itself comes from the Hybrid Configuration Wizard.',
    links: [
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
      {
        title: 'Using hybrid Modern Authentication with Outlook for iOS and Android',
        url: 'https://learn.microsoft.com/en-us/exchange/clients/outlook-for-ios-and-android/use-hybrid-modern-auth',
      },
    ],
  },

  run({
    artifacts: {
      RestEndpointProbes: { probes },
      PublicDns: publicDns,
    },
  }) {
    const probed = new Set(probes.map((probe) => `${probe.name}|${probe.address}`));
    const internal = internalAddressesNotProbed(publicDns, probed, 'namespace').map(
      (address): FindingInput<MessageId> => ({
        subject: { kind: 'url', name: `https://${address.name}/api/v2.0/me @ ${address.address}` },
        status: 'warn',
        messageId: 'internal-address-not-probed',
        data: { ...address },
        remediationId: 'fix-internal-address',
        evidence: { ...address, probed: false },
      }),
    );
    if (probes.length === 0 && internal.length === 0) {
      return {
        status: 'manual',
        summary: { messageId: 'no-probes' },
        findings: [{ subject: { kind: 'configuration', name: '--namespace' }, status: 'manual', messageId: 'no-probes' }],
      };
    }
    // Without the DNS artifact the --treat-as-public ranges are unknown; then only a truly public address counts.
    const treatAsPublic = parseTreatAsPublic(publicDns?.treatAsPublic ?? []).cidrs;
    const findings = [...probes.map((probe) => judgeProbe(probe, treatAsPublic)), ...internal];
    const count = (status: string) => findings.filter((finding) => finding.status === status).length;
    const total = findings.length;
    const summary: { messageId: MessageId; data: MessageData } =
      count('fail') > 0
        ? { messageId: 'summary-fail', data: { failed: count('fail'), total } }
        : count('warn') > 0
          ? { messageId: 'summary-warn', data: { warned: count('warn'), total } }
          : { messageId: 'summary-pass', data: { total } };
    return { summary, findings };
  },
});

function evidenceOf(probe: RestEndpointProbe, judged: RestResponseClassification): Evidence {
  return {
    url: probe.response.url,
    address: probe.address,
    classification: judged.kind,
    connection: probe.connection ? { ...probe.connection } : null,
    status: judged.status,
    location: judged.redirect?.location ?? null,
    schemes: judged.schemes,
    server: judged.server,
    exchangeSignals: judged.exchangeSignals,
    bearer: judged.bearer
      ? {
          clientId: judged.bearer.clientId,
          trustedIssuers: judged.bearer.trustedIssuers,
          // 00000001-…@<tenant> in trusted_issuers: the on-premises org trusts tokens of that tenant (docs/facts/http.md §3).
          cloudTrustRealms: judged.bearer.cloudTrustRealms,
          authorizationUri: judged.bearer.authorizationUri,
          error: judged.bearer.error,
        }
      : null,
    headers: Object.fromEntries(
      Object.entries(probe.response.headers).map(([name, values]): [string, EvidenceValue] => [name, [...values]]),
    ),
    bodyExcerpt: probe.response.bodyExcerpt,
    error: probe.response.error ? `${probe.response.error.code}: ${probe.response.error.message}` : null,
  };
}

function judgeProbe(probe: RestEndpointProbe, treatAsPublic: readonly Cidr[]): FindingInput<MessageId> {
  const judged = classifyRestResponse(probe.response, probe.challenges);
  const subject = { kind: 'url' as const, name: `https://${probe.name}/api/v2.0/me @ ${probe.address}` };
  const evidence = evidenceOf(probe, judged);
  const host = `${probe.name} (${probe.address})`;
  const base = {
    name: probe.name,
    address: probe.address,
    host,
    status: judged.status ?? 'no status',
    server: judged.server ?? 'not named',
  };
  const schemes = judged.schemes.length > 0 ? `offers ${judged.schemes.join(', ')}` : 'no authentication challenge';
  const finding = findingsAbout<MessageId>(subject, base, evidence);
  switch (judged.kind) {
    case 'oauth-challenge': {
      const bearer = judged.bearer!;
      const data = {
        clientId: bearer.clientId ?? 'none',
        cloudTrust:
          bearer.cloudTrustRealms.length > 0
            ? `tenant ${bearer.cloudTrustRealms.join(', ')}`
            : 'no Microsoft cloud issuer in trusted_issuers',
        authorizationUri: bearer.authorizationUri ?? 'absent (HMA not enabled; not required here)',
      };
      if (judged.exchangeSignals.length === 0) return finding('warn', 'bearer-not-exchange', data, 'fix-gateway');
      // Like endpoint-tls-reachability: an answer from a non-public address proves reachability from inside only.
      const address = judgeAddress(probe.address, treatAsPublic);
      if (!address.countsAsPublic)
        return finding('warn', 'probed-internal-address', { ...data, addressClass: address.label }, 'fix-unreachable');
      const why = untrustedBecause(probe.connection);
      if (why !== null) {
        const what = `${host} answers GET /api/v2.0/me with an Exchange OAuth challenge`;
        return finding('warn', 'answer-over-untrusted-tls', { ...data, what, why }, 'fix-certificate');
      }
      return finding('pass', 'oauth-challenge', data);
    }
    case 'preauth-redirect':
      return finding(
        'fail',
        'preauth-redirect',
        { location: judged.redirect ? `to ${judged.redirect.location}` : '(a sign-in form)' },
        'fix-preauth',
      );
    case 'gateway-block':
      return finding('fail', 'gateway-block', { schemes }, 'fix-gateway');
    case 'oauth-not-offered':
      return finding('fail', 'oauth-not-offered', { schemes }, 'fix-oauth');
    case 'not-found':
      return finding('fail', 'not-found', { exchange: judged.exchangeSignals.join('; ') || 'none' }, 'fix-not-found');
    case 'unreachable':
      return finding(
        'fail',
        'unreachable',
        { code: probe.response.error?.code ?? 'NO_STATUS', error: probe.response.error?.message ?? 'the request ended without a status' },
        'fix-unreachable',
      );
    case 'other':
      return finding('fail', 'unexpected-response', { excerpt: shortExcerpt(probe.response.bodyExcerpt) }, 'fix-gateway');
  }
}
