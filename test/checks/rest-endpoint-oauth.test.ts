import { describe, expect, it } from 'vitest';
import check from '../../checks/rest-endpoint-oauth.js';
import type { AuthChallenge, PublicDns, RestEndpointProbe } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';

const { run } = createCheckTester(check);
const tenant = '5de110f8-2e0f-4d45-891d-bcf2218e253d';
const exchangeBearer: AuthChallenge = {
  scheme: 'Bearer',
  params: {
    client_id: '00000002-0000-0ff1-ce00-000000000000',
    trusted_issuers: `00000001-0000-0000-c000-000000000000@${tenant}`,
    authorization_uri: 'https://login.windows.net/common/oauth2/authorize',
  },
};

function probe(
  status: number | null,
  fields: {
    headers?: Record<string, string[]>;
    challenges?: AuthChallenge[];
    body?: string;
    address?: string;
    connection?: RestEndpointProbe['connection'];
  } = {},
): RestEndpointProbe {
  return {
    name: 'mail.contoso.com',
    address: fields.address ?? '127.0.0.20',
    response: {
      url: 'https://mail.contoso.com/api/v2.0/me',
      status,
      headers: fields.headers ?? {},
      bodyExcerpt: fields.body ?? null,
      error: status === null ? { code: 'ECONNRESET', message: 'socket hang up' } : null,
    },
    challenges: fields.challenges ?? [],
    connection: fields.connection === undefined ? { trusted: true, coversName: true, verifyError: null } : fields.connection,
  };
}

// The probes answer on loopback, counted as public as a lab run would (--treat-as-public 127.0.0.0/8).
const labDns = (treatAsPublic: string[]): PublicDns => ({ resolvers: [], treatAsPublic, names: [], srv: [] });
const judge = (...probes: RestEndpointProbe[]) =>
  run({ artifacts: { RestEndpointProbes: { probes }, PublicDns: labDns(['127.0.0.0/8']) } });

describe('rest-endpoint-oauth', () => {
  it('passes on 401 with the Exchange Bearer challenge, with the cloud trust and HMA as evidence', () => {
    const result = judge(
      probe(401, {
        headers: { 'x-feserver': ['EX01'], 'request-id': ['r1'] },
        challenges: [exchangeBearer, { scheme: 'Basic', params: {} }],
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.messageId).toBe('oauth-challenge');
    expect(result.findings[0]?.message).toBe(
      `mail.contoso.com (127.0.0.20) answers GET /api/v2.0/me with 401 and an Exchange Bearer challenge (client_id 00000002-0000-0ff1-ce00-000000000000); cloud trust: tenant ${tenant}; HMA authorization_uri: https://login.windows.net/common/oauth2/authorize.`,
    );
    expect(result.findings[0]?.evidence).toMatchObject({
      classification: 'oauth-challenge',
      bearer: { cloudTrustRealms: [tenant] },
      schemes: ['Bearer', 'Basic'],
    });
    expect(result.summary).toBe('Every probed /api endpoint answers with an Exchange OAuth challenge (1 probed).');
  });

  it('passes without HMA or a cloud trust, and says so', () => {
    const result = judge(probe(401, { challenges: [{ scheme: 'Bearer', params: { client_id: '00000002-0000-0ff1-ce00-000000000000' } }] }));
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.message).toContain(
      'cloud trust: no Microsoft cloud issuer in trusted_issuers; HMA authorization_uri: absent',
    );
  });

  it('warns when the Bearer challenge carries nothing that marks Exchange', () => {
    const result = judge(probe(401, { headers: { server: ['nginx'] }, challenges: [{ scheme: 'Bearer', params: { realm: 'api' } }] }));
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.messageId).toBe('bearer-not-exchange');
    expect(result.summary).toBe('1 of 1 /api endpoint answers with a caveat (see the findings); none failed.');
  });

  it('fails on a redirect to a sign-in page, quoting the Location', () => {
    const result = judge(probe(302, { headers: { location: ['https://sts.contoso.com/adfs/ls/?wa=wsignin1.0'] } }));
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.message).toBe(
      'mail.contoso.com (127.0.0.20) answers GET /api/v2.0/me with 302 to https://sts.contoso.com/adfs/ls/?wa=wsignin1.0: a pre-authentication gateway stands in front of /api, and Graph cannot sign in through it.',
    );
    expect(result.findings[0]?.remediation).toContain('without pre-authentication');
    expect(result.findings[0]?.evidence['location']).toBe('https://sts.contoso.com/adfs/ls/?wa=wsignin1.0');
  });

  it('fails on a sign-in form served with 200', () => {
    const result = judge(probe(200, { body: '<html><form><input type="password"></form></html>' }));
    expect(result.findings[0]?.message).toContain('with 200 (a sign-in form)');
  });

  it('fails on a gateway block and on a 401 without Bearer from something that is not Exchange', () => {
    const result = judge(
      probe(403, { headers: { server: ['AkamaiGHost'] } }),
      probe(401, { address: '127.0.0.21', headers: { server: ['BigIP'] }, challenges: [{ scheme: 'Basic', params: {} }] }),
    );
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['gateway-block', 'gateway-block']);
    expect(result.findings[0]?.message).toContain('403 (no authentication challenge; server: AkamaiGHost)');
    expect(result.findings[1]?.message).toContain('401 (offers Basic; server: BigIP)');
    expect(result.summary).toBe('2 of 2 /api endpoints do not answer with an Exchange OAuth challenge.');
  });

  it('fails when Exchange itself answers 401 without offering Bearer', () => {
    const result = judge(
      probe(401, {
        headers: { 'x-feserver': ['EX01'] },
        challenges: [
          { scheme: 'Negotiate', params: {} },
          { scheme: 'NTLM', params: {} },
        ],
      }),
    );
    expect(result.findings[0]?.messageId).toBe('oauth-not-offered');
    expect(result.findings[0]?.message).toContain('(offers Negotiate, NTLM)');
    expect(result.findings[0]?.remediation).toContain('Hybrid Configuration Wizard');
  });

  it('fails on 404, pointing at Exchange 2013 or an unpublished path', () => {
    const result = judge(probe(404, { headers: { server: ['Microsoft-IIS/8.5'], 'x-feserver': ['EX2013'] } }));
    expect(result.findings[0]?.messageId).toBe('not-found');
    expect(result.findings[0]?.message).toContain('Exchange headers: x-feserver: EX2013');
    expect(result.findings[0]?.remediation).toContain('Exchange 2013 has no /api');
  });

  it('fails with the network code when there was no HTTP answer', () => {
    const result = judge(probe(null));
    expect(result.findings[0]?.message).toBe(
      'mail.contoso.com (127.0.0.20) gave no HTTP answer for GET /api/v2.0/me: ECONNRESET (socket hang up).',
    );
    expect(result.findings[0]?.remediation).toBe('Let HTTPS to mail.contoso.com (127.0.0.20) through from the Internet, then run again.');
  });

  it('fails on any other answer, quoting the body', () => {
    const result = judge(probe(500, { headers: { 'x-feserver': ['EX01'] }, body: 'Runtime Error' }));
    expect(result.findings[0]?.messageId).toBe('unexpected-response');
    expect(result.findings[0]?.message).toContain('with 500 instead of 401 with a Bearer challenge: Runtime Error');
  });

  it('judges each address on its own', () => {
    const result = judge(probe(401, { challenges: [exchangeBearer] }), probe(404, { address: '127.0.0.21' }));
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => [finding.subject.name, finding.status])).toEqual([
      ['https://mail.contoso.com/api/v2.0/me @ 127.0.0.20', 'pass'],
      ['https://mail.contoso.com/api/v2.0/me @ 127.0.0.21', 'fail'],
    ]);
  });

  it('warns, not passes, when the Exchange challenge came from an address that is not public', () => {
    const internal = probe(401, { address: '10.20.1.15', headers: { 'x-feserver': ['EX01'] }, challenges: [exchangeBearer] });
    const result = judge(internal);
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.messageId).toBe('probed-internal-address');
    expect(result.findings[0]?.message).toContain('10.20.1.15 is private: this shows /api works from this machine');
    expect(result.findings[0]?.remediation).toBe('Let HTTPS to mail.contoso.com (10.20.1.15) through from the Internet, then run again.');
  });

  it('takes loopback at its word only inside the recorded --treat-as-public ranges', () => {
    const onLoopback = probe(401, { headers: { 'x-feserver': ['EX01'] }, challenges: [exchangeBearer] });
    expect(run({ artifacts: { RestEndpointProbes: { probes: [onLoopback] } } }).status).toBe('warn');
    expect(run({ artifacts: { RestEndpointProbes: { probes: [onLoopback] }, PublicDns: labDns([]) } }).status).toBe('warn');
    const onPublic = probe(401, { address: '20.84.113.42', headers: { 'x-feserver': ['EX01'] }, challenges: [exchangeBearer] });
    expect(run({ artifacts: { RestEndpointProbes: { probes: [onPublic] } } }).status).toBe('pass');
  });

  it('is at most warn, saying why, when the challenge was read over an untrusted or wrong-name connection', () => {
    const exchange = { headers: { 'x-feserver': ['EX01'] }, challenges: [exchangeBearer] };
    for (const connection of [
      { trusted: false, coversName: true, verifyError: 'SELF_SIGNED_CERT_IN_CHAIN' },
      { trusted: true, coversName: false, verifyError: null },
      null,
    ]) {
      const result = judge(probe(401, { ...exchange, connection }));
      expect(result.status).toBe('warn');
      expect(result.findings[0]).toMatchObject({ messageId: 'answer-over-untrusted-tls', status: 'warn' });
      expect(result.findings[0]?.remediation).toContain('certificate from a public CA');
    }
    expect(
      judge(probe(401, { ...exchange, connection: { trusted: false, coversName: true, verifyError: 'CERT_HAS_EXPIRED' } })).findings[0]
        ?.message,
    ).toContain('the certificate is not trusted: CERT_HAS_EXPIRED');
  });

  it('reports a non-public namespace address that was not probed as a caveat, not as no evidence', () => {
    const dns: PublicDns = {
      resolvers: [],
      treatAsPublic: [],
      srv: [],
      names: [
        {
          name: 'mail.contoso.com',
          role: 'namespace',
          domain: null,
          answers: [{ resolver: 'udp:127.0.0.1:53', rcode: 'NOERROR', cnameChain: [], a: ['10.0.0.5'], aaaa: [], error: null }],
          systemResolver: null,
        },
      ],
    };
    const result = run({ artifacts: { RestEndpointProbes: { probes: [] }, PublicDns: dns } });
    expect(result.status).toBe('warn');
    expect(result.findings[0]).toMatchObject({ messageId: 'internal-address-not-probed' });
    expect(result.findings[0]?.message).toContain('10.0.0.5, a private address');
  });

  it('is manual, never pass, without any probe', () => {
    const result = judge();
    expect(result.status).toBe('manual');
    expect(result.summary).toContain('pass --namespace');
  });
});
