import { describe, expect, it } from 'vitest';
import check from '../../checks/client-namespace-public-dns.js';
import { createCheckTester } from '../support/check-tester.js';
import { answer, dnsName, publicDns, R1, sharedDnsCases } from './public-dns-cases.js';

const { run } = createCheckTester(check);

describe('client-namespace-public-dns', () => {
  sharedDnsCases(run, 'namespace', 'mail.contoso.com');

  it('judges only the client namespaces', () => {
    const result = run({
      artifacts: {
        PublicDns: publicDns([
          dnsName('autodiscover.contoso.com', 'autodiscover', [answer(R1, { rcode: 'NXDOMAIN' })]),
          dnsName('mail.contoso.com', 'namespace', [answer(R1, { a: ['52.96.10.1'] })]),
        ]),
      },
    });
    expect(result.status).toBe('pass');
    expect(result.findings.map((finding) => finding.subject.name)).toEqual(['mail.contoso.com']);
  });

  it('is manual, asking for --namespace, when no namespace was looked up', () => {
    const result = run({
      artifacts: { PublicDns: publicDns([dnsName('autodiscover.contoso.com', 'autodiscover', [answer(R1, { a: ['52.96.10.1'] })])]) },
    });
    expect(result.status).toBe('manual');
    expect(result.summary).toContain('pass --namespace');
    expect(result.findings[0]?.subject).toEqual({ kind: 'configuration', name: '--namespace' });
  });
});
