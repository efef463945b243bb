import { describe, expect, it } from 'vitest';
import check from '../../checks/endpoint-tls-reachability.js';
import type { Certificate, EndpointProbe, PublicDns } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import { answer, dnsName, publicDns } from './public-dns-cases.js';

const { run } = createCheckTester(check);
const now = '2026-11-27T12:00:00.000Z';
const labDns = (names = [dnsName('mail.contoso.com', 'namespace', [answer('udp:127.0.0.53:53', { a: ['127.0.0.20'] })])]): PublicDns =>
  publicDns(names, { treatAsPublic: ['127.0.0.0/8'] });

const certificate: Certificate = {
  subject: 'CN=mail.contoso.com',
  subjectAltNames: ['DNS:mail.contoso.com', 'DNS:autodiscover.contoso.com'],
  issuer: 'CN=Test CA',
  validFrom: 'Jan  1 00:00:00 2026 GMT',
  validTo: 'Jan  1 00:00:00 2028 GMT',
  fingerprint256: 'AA:BB',
};

function probe(
  fields: Partial<EndpointProbe> & { certificate?: Partial<Certificate>; tlsFields?: Partial<NonNullable<EndpointProbe['tls']>> } = {},
): EndpointProbe {
  const { certificate: certFields, tlsFields, ...rest } = fields;
  return {
    name: 'mail.contoso.com',
    address: '127.0.0.20',
    port: 8443,
    tcp: { connected: true, error: null, millis: 2 },
    tls: {
      protocol: 'TLSv1.3',
      trusted: true,
      verifyError: null,
      coversName: true,
      certificate: { ...certificate, ...certFields },
      error: null,
      ...tlsFields,
    },
    ...rest,
  };
}

const judge = (probes: EndpointProbe[], dns: PublicDns | null = labDns()) =>
  run({ now, artifacts: { EndpointProbes: { probes }, ...(dns ? { PublicDns: dns } : {}) } });

describe('endpoint-tls-reachability', () => {
  it('passes for a trusted, in-date certificate that covers the name', () => {
    const result = judge([probe()]);
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.message).toBe(
      'mail.contoso.com (127.0.0.20:8443) accepts HTTPS with a trusted certificate for mail.contoso.com (TLSv1.3, issued by CN=Test CA, valid until Jan  1 00:00:00 2028 GMT).',
    );
    expect(result.findings[0]?.evidence).toMatchObject({ addressClass: 'public (treated)', port: 8443 });
    expect(result.summary).toBe('Every probed endpoint accepts HTTPS with a trusted, valid certificate for its name (1 probed).');
  });

  it('fails with the error code when TCP does not connect', () => {
    const result = judge([
      probe({
        tcp: { connected: false, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.20:8443' }, millis: null },
        tls: null,
      }),
    ]);
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.message).toBe(
      'mail.contoso.com (127.0.0.20:8443) does not accept TCP connections: ECONNREFUSED (connect ECONNREFUSED 127.0.0.20:8443).',
    );
    expect(result.findings[0]?.remediation).toContain('Allow inbound TCP 8443 to 127.0.0.20');
    expect(result.summary).toBe('1 of 1 probed endpoint fails TCP, TLS or certificate requirements.');
  });

  it('fails when the TLS handshake fails', () => {
    const result = judge([
      probe({
        tls: {
          protocol: null,
          trusted: false,
          verifyError: null,
          coversName: false,
          certificate: null,
          error: { code: 'ECONNRESET', message: 'socket hang up' },
        },
      }),
    ]);
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['tls-failed']);
    expect(result.findings[0]?.remediation).toContain('TLS 1.2');
  });

  it('fails on an expired certificate with its dates, without a second finding for CERT_HAS_EXPIRED', () => {
    const result = judge([
      probe({
        certificate: { validFrom: 'Jan  1 00:00:00 2024 GMT', validTo: 'Jan  1 00:00:00 2026 GMT' },
        tlsFields: { trusted: false, verifyError: 'CERT_HAS_EXPIRED' },
      }),
    ]);
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['certificate-expired']);
    expect(result.findings[0]?.message).toBe(
      `mail.contoso.com (127.0.0.20:8443): the certificate for mail.contoso.com expired on Jan  1 00:00:00 2026 GMT (valid from Jan  1 00:00:00 2024 GMT; assessed at ${now}).`,
    );
  });

  it('judges expiry against the assessment date even when the collector trusted the certificate', () => {
    const result = judge([probe({ certificate: { validTo: 'Nov 27 11:59:59 2026 GMT' } })]);
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['certificate-expired']);
  });

  it('fails on a certificate that is not valid yet', () => {
    const result = judge([
      probe({ certificate: { validFrom: 'Dec  1 00:00:00 2026 GMT' }, tlsFields: { trusted: false, verifyError: 'CERT_NOT_YET_VALID' } }),
    ]);
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['certificate-not-yet-valid']);
  });

  it('fails on an untrusted certificate and on one that does not cover the name, each on its own', () => {
    const result = judge([
      probe({
        certificate: { subjectAltNames: ['DNS:other.contoso.com'] },
        tlsFields: { trusted: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', coversName: false },
      }),
    ]);
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['certificate-untrusted', 'certificate-name-mismatch']);
    expect(result.findings[0]?.message).toContain('is not trusted: UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(result.findings[1]?.message).toContain('names: DNS:other.contoso.com');
    expect(result.findings[1]?.remediation).toContain('covers mail.contoso.com');
  });

  it('reports an untrusted chain even when the leaf is in date but the verifier said CERT_HAS_EXPIRED (an expired intermediate)', () => {
    const result = judge([probe({ tlsFields: { trusted: false, verifyError: 'CERT_HAS_EXPIRED' } })]);
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['certificate-untrusted']);
  });

  it('warns when the certificate expires within two weeks', () => {
    const result = judge([probe({ certificate: { validTo: 'Dec  5 00:00:00 2026 GMT' } })]);
    expect(result.status).toBe('warn');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['endpoint-ok', 'expires-soon']);
    expect(result.findings[1]?.message).toContain('in 7 days');
    expect(result.summary).toBe('Every probed endpoint accepts HTTPS with a valid certificate; 1 finding carries a caveat.');
  });

  it('warns that a probe of an internal address proves nothing about the Internet', () => {
    const result = judge([probe({ address: '10.0.0.20' })], labDns([]));
    expect(result.status).toBe('warn');
    expect(result.findings[1]?.message).toContain('10.0.0.20 is a private address');
    const noDns = judge([probe()], null);
    expect(noDns.findings[1]?.message).toContain('a loopback (treat-as-public ranges unknown) address');
  });

  it('is manual when the certificate cannot be judged', () => {
    expect(judge([probe({ tls: null })]).findings.map((finding) => finding.messageId)).toEqual(['tls-not-probed']);
    expect(judge([probe({ tlsFields: { certificate: null } })]).findings.map((finding) => finding.messageId)).toEqual(['no-certificate']);
    const unreadable = judge([probe({ certificate: { validTo: 'someday' } })]);
    expect(unreadable.status).toBe('manual');
    expect(unreadable.findings[0]?.messageId).toBe('certificate-dates-unreadable');
    expect(unreadable.summary).toBe('No endpoint failed, but 1 could not be judged.');
  });

  it('is manual for a public address of a name that no probe covered', () => {
    const dns = labDns([dnsName('mail.contoso.com', 'namespace', [answer('udp:127.0.0.53:53', { a: ['127.0.0.20', '127.0.0.21'] })])]);
    const result = judge([probe()], dns);
    expect(result.status).toBe('manual');
    expect(result.findings[1]?.message).toBe(
      'mail.contoso.com resolves publicly to 127.0.0.21, but no HTTPS probe of that address was recorded.',
    );
  });

  it('warns about a non-public address public DNS gives that was (by design) not probed, naming --probe-internal', () => {
    const dns = labDns([dnsName('mail.contoso.com', 'namespace', [answer('udp:127.0.0.53:53', { a: ['127.0.0.20', '10.1.2.3'] })])]);
    const result = judge([probe()], dns);
    expect(result.status).toBe('warn');
    expect(result.findings[1]).toMatchObject({ status: 'warn', messageId: 'internal-address-not-probed' });
    expect(result.findings[1]?.message).toContain('10.1.2.3, a private address the Internet cannot reach: it was not probed');
    expect(result.findings[1]?.message).toContain('--probe-internal');
  });

  it('is manual, never pass, when nothing was probed', () => {
    const result = judge([], labDns([]));
    expect(result.status).toBe('manual');
    expect(result.summary).toContain('No HTTPS endpoint was probed');
  });
});
