// Builders and the shared judgement cases of the two public-DNS checks (autodiscover-public-dns, client-namespace-public-dns).
// Both checks judge names through checks/lib/public-dns.ts; each runs these cases so each proves every shared message.
// Resolver labels are plain strings here: no packet is sent, they only name where an answer came from.
import { expect, it } from 'vitest';
import type { DnsAnswer, DnsName, PublicDns } from '../../src/inventory/artifacts.js';
import type { CheckResult } from '../../src/report/report.js';
import type { CaseInput } from '../support/check-tester.js';

export const R1 = 'udp:127.0.0.53:53';
export const R2 = 'udp:127.0.0.54:53';
export const R3 = 'udp:127.0.0.55:53';

export function answer(resolver: string, fields: Partial<DnsAnswer> = {}): DnsAnswer {
  return { resolver, rcode: 'NOERROR', cnameChain: [], a: [], aaaa: [], error: null, ...fields };
}

export function timedOut(resolver: string): DnsAnswer {
  return answer(resolver, { rcode: null, error: { code: 'ETIMEDOUT', message: 'no answer within 5000 ms' } });
}

export function dnsName(name: string, role: DnsName['role'], answers: DnsAnswer[], fields: Partial<DnsName> = {}): DnsName {
  return {
    name,
    role,
    domain: role === 'autodiscover' ? name.replace(/^autodiscover\./, '') : null,
    answers,
    systemResolver: null,
    ...fields,
  };
}

export function publicDns(names: DnsName[], fields: Partial<PublicDns> = {}): PublicDns {
  return {
    resolvers: [R1, R2, R3].map((id) => ({ id, protocol: 'udp' as const, address: id.slice(4) })),
    treatAsPublic: [],
    names,
    srv: [],
    ...fields,
  };
}

function ids(result: CheckResult): string[] {
  return result.findings.map((finding) => `${finding.status}:${finding.messageId}`);
}

/** Defines the cases every public-DNS check must meet, for names of `role`. */
export function sharedDnsCases(run: (input: CaseInput) => CheckResult, role: DnsName['role'], host: string): void {
  const judge = (answers: DnsAnswer[], fields: Partial<DnsName> = {}, dns: Partial<PublicDns> = {}) =>
    run({ artifacts: { PublicDns: publicDns([dnsName(host, role, answers, fields)], dns) } });

  it('passes when every resolver returns the same public addresses', () => {
    const result = judge([
      answer(R1, { a: ['52.96.10.1'], aaaa: ['2603:1006::1'] }),
      answer(R2, { a: ['52.96.10.1'], aaaa: ['2603:1006::1'] }),
    ]);
    expect(result.status).toBe('pass');
    expect(ids(result)).toEqual(['pass:resolves-public']);
    expect(result.findings[0]?.message).toContain('52.96.10.1 (public), 2603:1006::1 (public)');
    expect(result.summary).toMatch(/^Every .* resolves in public DNS to public addresses \(1 checked\)\.$/);
  });

  it('follows the CNAME chain to its addresses', () => {
    const result = judge([answer(R1, { cnameChain: ['edge.contoso-cdn.example'], a: ['52.96.10.1'] })]);
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.evidence['resolvers']).toEqual([
      { resolver: R1, rcode: 'NOERROR', cnameChain: ['edge.contoso-cdn.example'], addresses: ['52.96.10.1'], error: null },
    ]);
  });

  it('counts loopback as public only inside --treat-as-public, and says so', () => {
    const treated = judge([answer(R1, { a: ['127.0.0.10'] })], {}, { treatAsPublic: ['127.0.0.0/8'] });
    expect(treated.status).toBe('pass');
    expect(treated.findings[0]?.message).toContain('127.0.0.10 (public (treated))');
    const untreated = judge([answer(R1, { a: ['127.0.0.10'] })]);
    expect(untreated.status).toBe('fail');
    expect(untreated.findings[0]?.message).toBe(`${host} resolves to 127.0.0.10 (loopback), which the Internet cannot reach.`);
  });

  it('fails for each address the Internet cannot reach, naming its class', () => {
    const result = judge([
      answer(R1, { a: ['10.0.0.5', '52.96.10.1'], aaaa: ['fd00::5'] }),
      answer(R2, { a: ['10.0.0.5', '52.96.10.1'], aaaa: ['fd00::5'] }),
    ]);
    expect(result.status).toBe('fail');
    expect(ids(result)).toEqual(['fail:address-not-public', 'fail:address-not-public']);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      `${host} resolves to 10.0.0.5 (private), which the Internet cannot reach.`,
      `${host} resolves to fd00::5 (unique-local), which the Internet cannot reach.`,
    ]);
    expect(result.findings[0]?.remediation).toContain('Internet-facing');
    expect(result.summary).toMatch(/^1 of 1 .* does not meet the public DNS requirement\.$/);
  });

  it('does not count text that is not an address as public', () => {
    const result = judge([answer(R1, { a: ['not-an-ip'] })]);
    expect(result.findings[0]?.message).toContain('not-an-ip (not an IP address)');
    expect(result.status).toBe('fail');
  });

  it('fails with NXDOMAIN when the name does not exist publicly', () => {
    const result = judge([answer(R1, { rcode: 'NXDOMAIN' }), answer(R2, { rcode: 'NXDOMAIN' })]);
    expect(ids(result)).toEqual(['fail:name-missing']);
    expect(result.findings[0]?.message).toBe(`${host} does not exist in public DNS: NXDOMAIN from 2 of 2 resolvers.`);
  });

  it('fails when the name exists without an address record, showing the dangling CNAME chain', () => {
    const result = judge([answer(R1, { cnameChain: ['old-lb.contoso.example'] })]);
    expect(ids(result)).toEqual(['fail:name-no-address']);
    expect(result.findings[0]?.message).toContain('CNAME chain: old-lb.contoso.example');
  });

  it('fails when the public resolvers answer SERVFAIL: the Internet cannot resolve the name', () => {
    const result = judge([answer(R1, { rcode: 'SERVFAIL' }), answer(R2, { rcode: 'SERVFAIL' })]);
    expect(ids(result)).toEqual(['fail:name-servfail']);
  });

  it('fails when the name is an alias of an Exchange Online host, even though its addresses are public', () => {
    const result = judge([answer(R1, { cnameChain: ['autodiscover.outlook.com', 'autod.ms-acdc.office.com'], a: ['52.97.1.1'] })]);
    expect(ids(result)).toEqual(['fail:points-to-exchange-online']);
    expect(result.findings[0]?.message).toContain('autodiscover.outlook.com');
    expect(result.findings[0]?.remediation).toContain('on-premises Exchange front end');
  });

  it('warns, with every resolver shown, when resolvers return different addresses', () => {
    const result = judge([answer(R1, { a: ['52.96.10.1'] }), answer(R2, { a: ['52.96.10.2'] })]);
    expect(result.status).toBe('warn');
    expect(ids(result)).toEqual(['warn:resolvers-disagree', 'pass:resolves-public']);
    expect(result.findings[0]?.message).toBe(`Public resolvers disagree about ${host}: ${R1}: 52.96.10.1; ${R2}: 52.96.10.2.`);
    expect(result.summary).toMatch(/^1 of 1 .* meets the public DNS requirement only with caveats; none failed\.$/);
  });

  it('warns when one resolver says NXDOMAIN and another returns addresses', () => {
    const result = judge([answer(R1, { a: ['52.96.10.1'] }), answer(R2, { rcode: 'NXDOMAIN' })]);
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.message).toContain(`${R2}: NXDOMAIN`);
  });

  it('warns when some resolvers gave no answer while the others agree', () => {
    const result = judge([answer(R1, { a: ['52.96.10.1'] }), timedOut(R2), answer(R3, { rcode: 'REFUSED' })]);
    expect(result.status).toBe('warn');
    expect(ids(result)).toEqual(['pass:resolves-public', 'warn:some-resolvers-failed']);
    expect(result.findings[1]?.message).toBe(
      `${host} could not be confirmed on every resolver: 2 of 3 gave no usable answer (${R2}: ETIMEDOUT; ${R3}: REFUSED).`,
    );
  });

  it('does not mistake silence for absence: no answer at all is manual, not NXDOMAIN', () => {
    const result = judge([timedOut(R1), timedOut(R2)]);
    expect(result.status).toBe('manual');
    expect(ids(result)).toEqual(['manual:no-resolver-answered']);
    expect(result.findings[0]?.message).toContain('not evidence that they are missing');
    expect(result.summary).toMatch(/^The public records of 1 of 1 .* could not be seen; none failed\.$/);
  });

  it('is manual when no resolver was asked for the name', () => {
    const result = judge([]);
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.message).toContain('no resolver was asked');
  });

  it('shows split DNS as evidence without judging it', () => {
    const result = judge([answer(R1, { a: ['52.96.10.1'] })], { systemResolver: { addresses: ['10.0.0.5'], error: null } });
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.evidence).toMatchObject({ splitDns: true, systemResolver: { addresses: ['10.0.0.5'], error: null } });
    const same = judge([answer(R1, { a: ['52.96.10.1'] })], { systemResolver: { addresses: ['52.96.10.1'], error: null } });
    expect(same.findings[0]?.evidence['splitDns']).toBe(false);
  });

  it('judges every name and fails when any fails', () => {
    const other = host.replace(/^[^.]+/, 'second');
    const result = run({
      artifacts: {
        PublicDns: publicDns([
          dnsName(host, role, [answer(R1, { a: ['52.96.10.1'] })]),
          dnsName(other, role, [answer(R1, { a: ['192.168.1.1'] })]),
        ]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => finding.subject)).toEqual([
      { kind: 'host', name: host },
      { kind: 'host', name: other },
    ]);
    expect(result.summary).toMatch(/^1 of 2 /);
  });

  it('records --treat-as-public ranges that do not parse instead of applying them', () => {
    const result = judge([answer(R1, { a: ['127.0.0.10'] })], {}, { treatAsPublic: ['127.0.0.0/99'] });
    expect(result.status).toBe('fail');
    expect(result.evidence['ignoredTreatAsPublic']).toEqual(['127.0.0.0/99']);
  });

  it('ends as error when the DNS artifact could not be collected', () => {
    const result = run({
      artifacts: {},
      artifactErrors: { PublicDns: { code: 'dns-no-resolver-answered', message: 'no resolver answered' } },
    });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('no resolver answered');
  });
}
