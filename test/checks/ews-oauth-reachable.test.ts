import { describe, expect, it } from 'vitest';
import check from '../../checks/ews-oauth-reachable.js';
import type { Artifacts, AuthChallenge, DnsAnswer, EwsEndpointProbes } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import { ALL_FEATURES, APP_ID, authConfig, features, TENANT } from './hybrid-cases.js';

const { run } = createCheckTester(check);

const HOST = 'mail.contoso.com';
const OTHER_TENANT = '0b1c7f1e-6a55-4a1f-9d3e-1f2d3c4b5a69';
const bearer = (tenant: string | null): AuthChallenge => ({
  scheme: 'Bearer',
  params: {
    client_id: '00000002-0000-0ff1-ce00-000000000000',
    ...(tenant ? { trusted_issuers: `00000001-0000-0000-c000-000000000000@${tenant}` } : {}),
    token_types: 'app_asserted_user_v1 service_asserted_app_v1',
  },
});

const answer = (fields: Partial<DnsAnswer> = {}): DnsAnswer => ({
  resolver: '127.0.0.53',
  rcode: 'NOERROR',
  cnameChain: [],
  a: ['52.96.1.10'],
  aaaa: [],
  error: null,
  ...fields,
});

interface ProbeFields {
  address?: string;
  headers?: Record<string, string[]>;
  challenges?: AuthChallenge[];
  body?: string;
  tls?: { trusted: boolean; coversName: boolean; verifyError?: string } | null;
}

function probe(status: number | null, fields: ProbeFields = {}): EwsEndpointProbes['hosts'][number]['probes'][number] {
  const address = fields.address ?? '52.96.1.10';
  const tls = fields.tls === undefined ? { trusted: true, coversName: true } : fields.tls;
  return {
    endpoint: {
      name: HOST,
      address,
      port: 443,
      tcp: { connected: status !== null, error: null, millis: 3 },
      tls: tls
        ? {
            protocol: 'TLSv1.3',
            trusted: tls.trusted,
            verifyError: tls.verifyError ?? null,
            coversName: tls.coversName,
            certificate: null,
            error: null,
          }
        : null,
    },
    response: {
      url: `https://${HOST}/EWS/Exchange.asmx`,
      status,
      headers: fields.headers ?? (status === 401 ? { 'x-feserver': ['EX1'], 'request-id': ['r-1'] } : {}),
      bodyExcerpt: fields.body ?? null,
      error: status === null ? { code: 'ECONNRESET', message: 'socket hang up' } : null,
    },
    challenges: fields.challenges ?? (status === 401 ? [bearer(TENANT), { scheme: 'Negotiate', params: {} }] : []),
  };
}

function ews(probes: EwsEndpointProbes['hosts'][number]['probes'], answers: DnsAnswer[] = [answer()]): EwsEndpointProbes {
  return {
    treatAsPublic: [],
    hosts: [
      {
        host: HOST,
        port: 443,
        sources: [{ kind: 'ews-external-url', url: `https://${HOST}/EWS/Exchange.asmx`, owner: 'EX1' }],
        answers,
        probes,
      },
    ],
    skipped: [],
  };
}

const organization = {
  id: TENANT,
  displayName: 'Contoso',
  onPremisesSyncEnabled: true,
  onPremisesLastSyncDateTime: null,
  verifiedDomains: ['contoso.com'],
  tokenRoles: null,
  restrictedView: false,
  cloud: 'global' as const,
};

const judge = (probes: EwsEndpointProbes, extra: Partial<Artifacts> = {}) =>
  run({ artifacts: { EwsEndpointProbes: probes, GraphOrganization: organization, HybridFeatures: features(ALL_FEATURES), ...extra } });
const only = (result: ReturnType<typeof run>) => result.findings.map((finding) => finding.messageId);

describe('ews-oauth-reachable', () => {
  it('passes on 401 with a Bearer challenge trusting the tenant Graph names', () => {
    const result = judge(ews([probe(401)]));
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.message).toBe(
      `${HOST} (52.96.1.10) answers GET /EWS/Exchange.asmx with 401 and an Exchange Bearer challenge trusting the tenant ${TENANT}.`,
    );
    expect(result.findings[0]?.subject.name).toBe(`https://${HOST}/EWS/Exchange.asmx @ 52.96.1.10`);
    expect(result.evidence).toMatchObject({ tenant: [TENANT], tenantFrom: 'graph-organization' });
    expect(result.summary).toBe(`Every EWS endpoint (1 address of ${HOST}) answers with an Exchange Bearer challenge trusting ${TENANT}.`);
  });

  it('takes the tenant from the EvoSTS/ACS realm in AD when Graph was not read', () => {
    const result = run({ artifacts: { EwsEndpointProbes: ews([probe(401)]), ExchangeAuthConfig: authConfig(APP_ID) } });
    expect(result.status).toBe('pass');
    expect(result.evidence['tenantFrom']).toBe('auth-server-realm');
  });

  it('is manual when no tenant is known to compare trusted_issuers with', () => {
    const result = run({ artifacts: { EwsEndpointProbes: ews([probe(401)]) } });
    expect(result.status).toBe('manual');
    expect(only(result)).toEqual(['tenant-unknown']);
    expect(result.summary).toBe('1 of 1 EWS finding could not be verified from here.');
  });

  it('warns, never passes, when the challenge was read over an untrusted or name-mismatched connection', () => {
    const result = judge(
      ews(
        [
          probe(401, { tls: { trusted: false, coversName: true, verifyError: 'SELF_SIGNED_CERT_IN_CHAIN' } }),
          probe(401, { address: '52.96.1.11', tls: { trusted: true, coversName: false } }),
        ],
        [answer({ a: ['52.96.1.10', '52.96.1.11'] })],
      ),
    );
    expect(result.status).toBe('warn');
    expect(only(result)).toEqual(['untrusted-tls', 'untrusted-tls']);
    expect(result.findings[0]?.message).toContain(
      'over a connection Microsoft 365 would refuse (the certificate is not trusted: SELF_SIGNED_CERT_IN_CHAIN)',
    );
    expect(result.findings[1]?.message).toContain('(the certificate does not cover the name)');
    expect(result.findings[0]?.remediation).toContain(`Install on the Internet-facing listener of ${HOST} a certificate from a public CA`);
    expect(result.summary).toBe('2 of 2 EWS findings carry a caveat; none failed.');
  });

  it('fails on a challenge that trusts another tenant, or no Microsoft cloud tenant at all', () => {
    const other = judge(ews([probe(401, { challenges: [bearer(OTHER_TENANT)] })]));
    expect(other.status).toBe('fail');
    expect(other.findings[0]?.message).toContain(`trusts ${OTHER_TENANT}, not the assessed tenant ${TENANT}`);
    expect(other.findings[0]?.remediation).toContain('Set-WebServicesVirtualDirectory -OAuthAuthentication $true');
    expect(other.summary).toBe('1 of 1 EWS finding fails: Exchange Online cannot call on-premises EWS with OAuth there.');

    const none = judge(ews([probe(401, { challenges: [bearer(null)] })]));
    expect(only(none)).toEqual(['no-cloud-trust']);
  });

  it('fails behind a pre-authentication gateway, quoting where it redirects', () => {
    const result = judge(ews([probe(302, { headers: { location: ['https://sts.contoso.com/adfs/ls/?wa=wsignin1.0'] } })]));
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.message).toBe(
      `${HOST} (52.96.1.10) answers GET /EWS/Exchange.asmx with 302 to https://sts.contoso.com/adfs/ls/?wa=wsignin1.0: a pre-authentication gateway stands in front of EWS, and Exchange Online cannot pass it.`,
    );
    expect(result.findings[0]?.remediation).toContain('without pre-authentication');
  });

  it('fails on a WAF block, on Exchange without Bearer, on 404 and on an unexpected answer', () => {
    const result = judge(
      ews(
        [
          probe(403, { headers: { server: ['AkamaiGHost'] } }),
          probe(401, {
            address: '52.96.1.11',
            challenges: [
              { scheme: 'Negotiate', params: {} },
              { scheme: 'NTLM', params: {} },
            ],
          }),
          probe(404, { address: '52.96.1.12', headers: { server: ['Microsoft-IIS/10.0'] } }),
          probe(500, { address: '52.96.1.13', headers: { 'x-feserver': ['EX1'] }, body: 'Runtime Error' }),
        ],
        [answer({ a: ['52.96.1.10', '52.96.1.11', '52.96.1.12', '52.96.1.13'] })],
      ),
    );
    expect(only(result)).toEqual(['blocked', 'oauth-not-offered', 'not-found', 'unexpected']);
    expect(result.findings[0]?.message).toContain('with 403 (no authentication challenge; server: AkamaiGHost) and no Exchange header');
    expect(result.findings[0]?.remediation).toContain('through the firewall or WAF');
    expect(result.findings[1]?.message).toContain('(offers Negotiate, NTLM)');
    expect(result.findings[2]?.message).toContain('answers 404 for /EWS/Exchange.asmx (server: Microsoft-IIS/10.0)');
    expect(result.findings[3]?.message).toContain('with 500 instead of 401 with a Bearer challenge: Runtime Error');
  });

  it('fails when the address gives no HTTP answer', () => {
    const result = judge(ews([probe(null)]));
    expect(only(result)).toEqual(['unreachable']);
    expect(result.findings[0]?.message).toContain('ECONNRESET (socket hang up)');
    expect(result.findings[0]?.remediation).toContain(`Let HTTPS to ${HOST} (52.96.1.10) through`);
  });

  it('judges public DNS first: missing name, no resolver answering, private address, address not probed', () => {
    const missing = judge(ews([], [answer({ rcode: 'NXDOMAIN', a: [] })]));
    expect(only(missing)).toEqual(['host-not-public']);
    expect(missing.findings[0]?.remediation).toContain(`Publish ${HOST} in public DNS`);

    const silent = judge(ews([], [answer({ rcode: null, a: [], error: { code: 'ETIMEDOUT', message: 'timeout' } })]));
    expect(silent.status).toBe('manual');
    expect(only(silent)).toEqual(['dns-unanswered']);
    expect(silent.findings[0]?.message).toContain('127.0.0.53: ETIMEDOUT');

    const internal = judge(ews([], [answer({ a: ['10.0.0.5'] })]));
    expect(only(internal)).toEqual(['private-address']);
    expect(internal.findings[0]?.message).toContain('10.0.0.5, which is');

    const notProbed = judge(ews([]));
    expect(notProbed.status).toBe('manual');
    expect(only(notProbed)).toEqual(['not-probed']);
  });

  it('counts --treat-as-public ranges as public, as the run did', () => {
    const lab = { ...ews([probe(401, { address: '127.0.0.20' })], [answer({ a: ['127.0.0.20'] })]), treatAsPublic: ['127.0.0.0/8'] };
    expect(judge(lab).status).toBe('pass');
  });

  it('fails when AD has no EWS external URL to call back on, listing what was skipped', () => {
    const probes: EwsEndpointProbes = {
      treatAsPublic: [],
      hosts: [],
      skipped: [
        {
          kind: 'ews-external-url',
          url: 'https://outlook.office365.com/EWS/Exchange.asmx',
          owner: 'EX1',
          reason: 'a Microsoft cloud host',
        },
      ],
    };
    const result = judge(probes);
    expect(result.status).toBe('fail');
    expect(only(result)).toEqual(['no-ews-url']);
    expect(result.findings[0]?.message).toContain('not probed: https://outlook.office365.com/EWS/Exchange.asmx (a Microsoft cloud host)');
    expect(result.findings[0]?.remediation).toContain('Set-WebServicesVirtualDirectory');
  });

  it('is not applicable when no rich-coexistence feature is on', () => {
    const result = judge(ews([probe(401)]), { HybridFeatures: features(2 | 32) });
    expect(result.status).toBe('not-applicable');
    expect(result.summary).toContain('features read: MoveMailbox, OnlineArchive');
  });
});
