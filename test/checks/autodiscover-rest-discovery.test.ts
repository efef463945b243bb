import { describe, expect, it } from 'vitest';
import check from '../../checks/autodiscover-rest-discovery.js';
import type { AutodiscoverProbe } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import { answer, dnsName, publicDns } from './public-dns-cases.js';

const { run } = createCheckTester(check);
const host = 'autodiscover.contoso.com';
const mailbox = 'alex@contoso.com';

function probe(
  status: number | null,
  fields: {
    address?: string;
    parsed?: AutodiscoverProbe['parsed'];
    headers?: Record<string, string[]>;
    body?: string;
    protocol?: 'Rest' | 'Ews';
    connection?: AutodiscoverProbe['connection'];
  } = {},
): AutodiscoverProbe {
  const protocol = fields.protocol ?? 'Rest';
  return {
    host,
    address: fields.address ?? '127.0.0.30',
    domain: 'contoso.com',
    mailbox,
    protocol,
    response: {
      url: `https://${host}/autodiscover/autodiscover.json/v1.0/${mailbox}?Protocol=${protocol}`,
      status,
      headers: fields.headers ?? {},
      bodyExcerpt: fields.body ?? null,
      error: status === null ? { code: 'ETIMEDOUT', message: 'no answer within 5000 ms' } : null,
    },
    parsed: fields.parsed ?? null,
    connection: fields.connection === undefined ? { trusted: true, coversName: true, verifyError: null } : fields.connection,
  };
}

const restJson = (url: string, protocol = 'Rest') => ({
  parsed: { protocol, url },
  body: JSON.stringify({ Protocol: protocol, Url: url }),
});
const judge = (...probes: AutodiscoverProbe[]) => run({ artifacts: { AutodiscoverProbes: { probes } } });
const ids = (result: ReturnType<typeof judge>) => result.findings.map((finding) => `${finding.status}:${finding.messageId}`);

describe('autodiscover-rest-discovery', () => {
  it('is at most warn, saying why, when the /api URL was read over an untrusted or wrong-name connection', () => {
    const untrusted = { trusted: false, coversName: false, verifyError: 'CERT_HAS_EXPIRED' };
    const result = judge(
      probe(200, { ...restJson('https://mail.contoso.com/api'), connection: untrusted }),
      probe(200, { address: '127.0.0.31', ...restJson('https://mail.contoso.com/api') }),
    );
    expect(result.status).toBe('warn');
    expect(ids(result).sort()).toEqual(['pass:rest-url-on-prem', 'warn:answer-over-untrusted-tls']);
    const warned = result.findings.find((finding) => finding.status === 'warn');
    expect(warned?.message).toContain('the certificate is not trusted: CERT_HAS_EXPIRED; the certificate does not cover the name');
    expect(warned?.remediation).toContain('autodiscover.contoso.com');
    expect(result.summary).toBe('Autodiscover v2 returns the on-premises /api URL, but 1 answer carries a caveat.');
    expect(judge(probe(200, { ...restJson('https://mail.contoso.com/api'), connection: null })).status).toBe('warn');
  });

  it('passes when every address returns the on-premises /api URL, collapsing alike answers and keeping Ews as evidence', () => {
    const result = judge(
      probe(200, restJson('https://mail.contoso.com/api')),
      probe(200, { address: '127.0.0.31', ...restJson('https://mail.contoso.com/api') }),
      probe(200, { protocol: 'Ews', ...restJson('https://mail.contoso.com/EWS/Exchange.asmx', 'Ews') }),
    );
    expect(result.status).toBe('pass');
    expect(ids(result)).toEqual(['pass:rest-url-on-prem']);
    expect(result.findings[0]?.message).toBe(
      `Autodiscover on ${host} (127.0.0.30, 127.0.0.31) returns the on-premises REST URL https://mail.contoso.com/api for ${mailbox}.`,
    );
    expect(result.findings[0]?.evidence['probes']).toMatchObject([
      { address: '127.0.0.30', ews: { status: 200, url: 'https://mail.contoso.com/EWS/Exchange.asmx', error: null } },
      { address: '127.0.0.31', ews: null },
    ]);
    expect(result.summary).toBe('Autodiscover v2 returns the on-premises /api URL for every mailbox probed (2 lookups).');
  });

  it('accepts a trailing slash and any casing of Protocol', () => {
    expect(judge(probe(200, restJson('https://mail.contoso.com/API/', 'rest'))).status).toBe('pass');
  });

  it('fails when the URL is Exchange Online', () => {
    const result = judge(probe(200, restJson('https://outlook.office365.com/api')));
    expect(ids(result)).toEqual(['fail:rest-url-exchange-online']);
    expect(result.findings[0]?.remediation).toContain('Point autodiscover.contoso.com at the on-premises Exchange front end');
  });

  it.each([
    ['http://mail.contoso.com/api', 'Rest'],
    ['https://mail.contoso.com/EWS/Exchange.asmx', 'Rest'],
    ['https://mail.contoso.com/api', 'Ews'],
  ])('fails for %s (%s), which is not an on-premises /api URL', (url, protocol) => {
    const result = judge(probe(200, restJson(url, protocol)));
    expect(ids(result)).toEqual(['fail:rest-url-unexpected']);
    expect(result.findings[0]?.remediation).toContain('ending in /api');
  });

  it('fails on a redirect to Exchange Online', () => {
    const location = `https://autodiscover-s.outlook.com/autodiscover/autodiscover.json/v1.0/${mailbox}?Protocol=Rest`;
    const result = judge(probe(302, { headers: { location: [location] } }));
    expect(ids(result)).toEqual(['fail:redirect-exchange-online']);
    expect(result.findings[0]?.message).toContain(`with 302 to Exchange Online (${location})`);
  });

  it('fails on a redirect elsewhere: the lookup was not answered', () => {
    const result = judge(probe(301, { headers: { location: ['https://mail.contoso.com/autodiscover/autodiscover.json'] } }));
    expect(ids(result)).toEqual(['fail:redirect-other']);
    expect(result.findings[0]?.remediation).toContain(`GET https://${host}/autodiscover/autodiscover.json/v1.0/${mailbox}?Protocol=Rest`);
  });

  it('fails on pre-authentication: a sign-in redirect, a sign-in page or a credentials prompt', () => {
    const result = judge(
      probe(302, { headers: { location: ['https://gw.contoso.com/my.policy'] } }),
      probe(200, { address: '127.0.0.31', body: '<html><form><input type="password"></form></html>' }),
      probe(401, { address: '127.0.0.32', headers: { 'www-authenticate': ['Basic realm="gw"'] } }),
    );
    expect(ids(result)).toEqual(['fail:preauth', 'fail:preauth', 'fail:preauth']);
    expect(result.findings.map((finding) => finding.message.split(' with ')[1]?.split(':')[0])).toEqual([
      '302 to https',
      '200 and a sign-in page',
      '401 asking for credentials (Basic)',
    ]);
    expect(result.findings[0]?.remediation).toContain('without pre-authentication');
    expect(result.summary).toBe('Autodiscover does not lead to the on-premises /api URL: 3 of 3 Rest lookups failed.');
  });

  it('fails with the error code and body of an Exchange Online error JSON', () => {
    const body = '{"ErrorCode":"ProtocolNotSupported","ErrorMessage":"The given protocol value \\u0027Rest\\u0027 is not supported."}';
    const result = judge(probe(400, { headers: { jsonerror: ['true'] }, body }));
    expect(ids(result)).toEqual(['fail:error-json']);
    expect(result.findings[0]?.message).toContain('with 400 and error ProtocolNotSupported: {"ErrorCode"');
  });

  it('fails when 200 carries something other than the Protocol/Url JSON', () => {
    const result = judge(probe(200, { body: '<html><body>It works!</body></html>' }));
    expect(ids(result)).toEqual(['fail:no-rest-url']);
    expect(result.findings[0]?.message).toContain('but not with the {Protocol, Url} JSON: <html><body>It works!</body></html>');
  });

  it('fails on 404, on other HTTP errors and without an answer', () => {
    const result = judge(
      probe(404),
      probe(503, { address: '127.0.0.31', body: 'Service Unavailable' }),
      probe(null, { address: '127.0.0.32' }),
    );
    expect(ids(result)).toEqual(['fail:not-found', 'fail:http-error', 'fail:unreachable']);
    expect(result.findings[1]?.message).toContain('with 503: Service Unavailable');
    expect(result.findings[2]?.message).toContain('ETIMEDOUT (no answer within 5000 ms)');
    expect(result.findings[2]?.remediation).toBe(`Allow HTTPS to ${host} (127.0.0.32) from the Internet, then run again.`);
  });

  it('reports addresses that answer differently separately', () => {
    const result = judge(probe(200, restJson('https://mail.contoso.com/api')), probe(404, { address: '127.0.0.31' }));
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => [finding.messageId, finding.evidence['probes']])).toMatchObject([
      ['rest-url-on-prem', [{ address: '127.0.0.30' }]],
      ['not-found', [{ address: '127.0.0.31' }]],
    ]);
  });

  const dns = (rcode: 'NXDOMAIN' | 'NOERROR') =>
    publicDns([dnsName(host, 'autodiscover', [answer('udp:127.0.0.53:53', rcode === 'NOERROR' ? { a: ['127.0.0.30'] } : { rcode })])], {
      treatAsPublic: ['127.0.0.0/8'],
    });

  it('fails without probes when the Autodiscover host has no public address: nothing can discover /api through it', () => {
    const result = run({ artifacts: { AutodiscoverProbes: { probes: [] }, PublicDns: dns('NXDOMAIN') } });
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['host-not-public']);
    expect(result.findings[0]?.message).toBe(
      `No Autodiscover lookup can reach ${host}: it has no public address (udp:127.0.0.53:53: NXDOMAIN), so Exchange Online and Graph cannot discover the /api URL for contoso.com.`,
    );
    expect(result.findings[0]?.remediation).toContain(`Publish ${host} in the public DNS zone`);
    expect(result.summary).toBe('Autodiscover does not lead to the on-premises /api URL: 1 Autodiscover host has no public address.');
  });

  it('is manual for an Autodiscover host that resolves but was not probed', () => {
    const result = run({ artifacts: { AutodiscoverProbes: { probes: [] }, PublicDns: dns('NOERROR') } });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.message).toBe(
      `${host} resolves in public DNS (udp:127.0.0.53:53: NOERROR 127.0.0.30), but no Rest lookup of it was recorded, so its answer could not be judged: pass --mailbox.`,
    );
    expect(result.summary).toBe('1 Autodiscover host could not be judged; no lookup failed.');
  });

  it('does not second-guess DNS for hosts that were probed', () => {
    const result = run({
      artifacts: { AutodiscoverProbes: { probes: [probe(200, restJson('https://mail.contoso.com/api'))] }, PublicDns: dns('NXDOMAIN') },
    });
    expect(result.status).toBe('pass');
  });

  it('is manual, never pass, without a Rest lookup', () => {
    const result = judge(probe(200, { protocol: 'Ews', ...restJson('https://mail.contoso.com/EWS/Exchange.asmx', 'Ews') }));
    expect(result.status).toBe('manual');
    expect(result.summary).toContain('pass --domain and --mailbox');
  });
});
