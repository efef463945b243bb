import { describe, expect, it } from 'vitest';
import check from '../../checks/autodiscover-public-dns.js';
import { createCheckTester } from '../support/check-tester.js';
import { answer, dnsName, publicDns, R1, R2, sharedDnsCases } from './public-dns-cases.js';

const { run } = createCheckTester(check);
const host = 'autodiscover.contoso.com';

describe('autodiscover-public-dns', () => {
  sharedDnsCases(run, 'autodiscover', host);

  it('judges only the Autodiscover names', () => {
    const result = run({
      artifacts: {
        PublicDns: publicDns([
          dnsName(host, 'autodiscover', [answer(R1, { a: ['52.96.10.1'] })]),
          dnsName('mail.contoso.com', 'namespace', [answer(R1, { a: ['10.0.0.1'] })]),
        ]),
      },
    });
    expect(result.status).toBe('pass');
    expect(result.findings.map((finding) => finding.subject.name)).toEqual([host]);
  });

  it('is manual, asking for --domain, when no Autodiscover name was looked up', () => {
    const result = run({
      artifacts: { PublicDns: publicDns([dnsName('mail.contoso.com', 'namespace', [answer(R1, { a: ['52.96.10.1'] })])]) },
    });
    expect(result.status).toBe('manual');
    expect(result.summary).toContain('pass --domain');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['no-autodiscover-names']);
  });

  const srv = (rcode: 'NOERROR' | 'NXDOMAIN') => [
    {
      domain: 'contoso.com',
      answers: [
        {
          resolver: R1,
          rcode,
          records: rcode === 'NOERROR' ? [{ priority: 0, weight: 0, port: 443, target: 'mail.contoso.com' }] : [],
          error: null,
        },
        { resolver: R2, rcode: null, records: [], error: { code: 'ETIMEDOUT', message: 'timeout' } },
      ],
    },
  ];

  it('warns instead of failing when the A record is missing but the SRV record is published', () => {
    const result = run({
      artifacts: {
        PublicDns: publicDns(
          [
            dnsName(host, 'autodiscover', [answer(R1, { rcode: 'NXDOMAIN' })]),
            dnsName('mail.contoso.com', 'namespace', [answer(R1, { a: ['52.96.10.9'] })]),
          ],
          { srv: srv('NOERROR') },
        ),
      },
    });
    expect(result.status).toBe('warn');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['srv-only']);
    expect(result.findings[0]?.message).toContain('_autodiscover._tcp.contoso.com publishes SRV mail.contoso.com:443');
    expect(result.findings[0]?.evidence['srv']).toEqual([{ target: 'mail.contoso.com', port: 443, addresses: ['52.96.10.9'] }]);
  });

  it('still fails for a missing A record when SRV is absent too', () => {
    const result = run({
      artifacts: { PublicDns: publicDns([dnsName(host, 'autodiscover', [answer(R1, { rcode: 'NXDOMAIN' })])], { srv: srv('NXDOMAIN') }) },
    });
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['name-missing']);
  });

  it('does not let SRV excuse a private address, and shows SRV as evidence', () => {
    const result = run({
      artifacts: { PublicDns: publicDns([dnsName(host, 'autodiscover', [answer(R1, { a: ['10.1.1.1'] })])], { srv: srv('NOERROR') }) },
    });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.messageId).toBe('address-not-public');
    expect(result.findings[0]?.evidence['srv']).toEqual([{ target: 'mail.contoso.com', port: 443, addresses: null }]);
  });
});
