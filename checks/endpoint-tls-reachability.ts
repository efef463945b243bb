// R8 (reachability): each published address of each namespace accepts HTTPS with a certificate that Microsoft's
// cloud will accept — trusted, issued for the name, and valid on the assessment date.

import type { EndpointProbe, PublicDns } from '../src/inventory/artifacts.js';
import { judgeAddress, parseTreatAsPublic } from '../src/net/address-class.js';
import { defineCheck, type Evidence, type FindingInput, type MessageData } from './api.js';
import { daysUntil, parseCertificateDate } from './lib/certificate-dates.js';
import { findingsAbout } from './lib/findings-about.js';
import { FIX_INTERNAL_ADDRESS, INTERNAL_ADDRESS_NOT_PROBED, internalAddressesNotProbed } from './lib/internal-addresses.js';

/** Certificates this close to expiry still work today, but will not for long. */
const EXPIRY_WARNING_DAYS = 14;

type MessageId =
  | 'endpoint-ok'
  | 'expires-soon'
  | 'probed-internal-address'
  | 'tcp-failed'
  | 'tls-failed'
  | 'tls-not-probed'
  | 'no-certificate'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-untrusted'
  | 'certificate-name-mismatch'
  | 'certificate-dates-unreadable'
  | 'address-not-probed'
  | 'internal-address-not-probed'
  | 'fix-internal-address'
  | 'no-probes'
  | 'fix-tcp'
  | 'fix-tls'
  | 'fix-certificate'
  | 'fix-expiring'
  | 'fix-probe'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-fail'
  | 'summary-manual';

export default defineCheck({
  id: 'endpoint-tls-reachability',
  title: 'Namespace addresses accept HTTPS with a valid certificate',
  description:
    'For each namespace and each of its addresses, checks from where the tool runs that TCP on the HTTPS port connects, the TLS ' +
    'handshake completes, and the certificate is trusted, covers the name and is valid on the assessment date.',
  requirement: {
    id: 'R8',
    text: 'A firewall or application gateway that inspects and restricts access must allow discovery and access: the published endpoints must accept HTTPS.',
    sources: [
      {
        title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
      },
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: ['EndpointProbes'],
  optionalArtifacts: ['PublicDns'],
  messages: {
    'endpoint-ok':
      '{{endpoint}} accepts HTTPS with a trusted certificate for {{name}} ({{protocol}}, issued by {{issuer}}, valid until {{validTo}}).',
    'expires-soon': '{{endpoint}}: the certificate for {{name}} expires on {{validTo}}, in {{days}} {{days|day|days}}.',
    'probed-internal-address':
      '{{endpoint}} answered, but {{address}} is a {{addressClass}} address: this is the inside view (--probe-internal), which shows it works from inside, not that the Internet can reach it.',
    'tcp-failed': '{{endpoint}} does not accept TCP connections: {{code}} ({{error}}).',
    'tls-failed': '{{endpoint}} accepts TCP, but the TLS handshake failed: {{code}} ({{error}}).',
    'tls-not-probed': '{{endpoint}} accepted TCP, but no TLS handshake was recorded, so its certificate could not be judged.',
    'no-certificate': '{{endpoint}} completed the TLS handshake, but no certificate was recorded, so it could not be judged.',
    'certificate-expired':
      '{{endpoint}}: the certificate for {{name}} expired on {{validTo}} (valid from {{validFrom}}; assessed at {{now}}).',
    'certificate-not-yet-valid': '{{endpoint}}: the certificate for {{name}} is valid only from {{validFrom}} (assessed at {{now}}).',
    'certificate-untrusted': '{{endpoint}}: the certificate ({{subject}}, issued by {{issuer}}) is not trusted: {{verifyError}}.',
    'certificate-name-mismatch': '{{endpoint}}: the certificate does not cover {{name}} (subject {{subject}}; names: {{names}}).',
    'certificate-dates-unreadable':
      '{{endpoint}}: the certificate dates ({{validFrom}} to {{validTo}}) could not be read, so its validity at {{now}} could not be judged.',
    'address-not-probed': '{{name}} resolves publicly to {{address}}, but no HTTPS probe of that address was recorded.',
    'internal-address-not-probed': INTERNAL_ADDRESS_NOT_PROBED,
    'fix-internal-address': FIX_INTERNAL_ADDRESS,
    'no-probes':
      'No HTTPS endpoint was probed (no namespace or no address to probe), so reachability cannot be judged: pass --namespace and --domain.',
    'fix-tcp':
      'Allow inbound TCP {{port}} to {{address}} from the Internet (Exchange Online and Graph connect from Microsoft address ranges) and make sure the load balancer or reverse proxy listens there.',
    'fix-tls':
      'Fix TLS on the listener of {{address}}:{{port}}: bind a certificate for {{name}} and enable TLS 1.2 (required by Microsoft 365 for hybrid connections).',
    'fix-certificate':
      'Install on the Internet-facing listener a certificate from a public CA that covers {{name}}, is within its validity dates, and is served with its intermediate certificates.',
    'fix-expiring':
      'Renew the certificate for {{name}} before {{validTo}} and install it on every listener, then run the Hybrid Configuration Wizard if it is the hybrid transport certificate.',
    'fix-probe': 'Run again so that every public address of {{name}} is probed (pass it with --namespace or --domain).',
    'summary-pass': 'Every probed endpoint accepts HTTPS with a trusted, valid certificate for its name ({{total}} probed).',
    'summary-warn':
      'Every probed endpoint accepts HTTPS with a valid certificate; {{warned}} {{warned|finding carries|findings carry}} a caveat.',
    'summary-fail':
      '{{failed}} of {{total}} probed {{total|endpoint|endpoints}} {{failed|fails|fail}} TCP, TLS or certificate requirements.',
    'summary-manual': 'No endpoint failed, but {{unknown}} could not be judged.',
  },
  remediation: {
    summary:
      'Publish every namespace address on TCP 443 to the Internet with a certificate from a public CA that covers the name and is ' +
      'in date; a certificate Exchange Online does not trust breaks hybrid OAuth, free/busy and REST alike.',
    links: [
      {
        title: 'Certificate requirements for hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/exchange/certificate-requirements',
      },
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
    ],
  },

  run({ artifacts: { EndpointProbes: endpointProbes, PublicDns: publicDns }, now }) {
    const treatAsPublic = parseTreatAsPublic(publicDns?.treatAsPublic ?? []).cidrs;
    const findings: FindingInput<MessageId>[] = [];
    for (const probe of endpointProbes.probes) findings.push(...judgeProbe(probe, now, treatAsPublic, publicDns !== undefined));
    findings.push(...unprobedAddresses(endpointProbes.probes, publicDns));
    if (endpointProbes.probes.length === 0 && findings.length === 0) {
      return {
        status: 'manual',
        summary: { messageId: 'no-probes' },
        findings: [{ subject: { kind: 'configuration', name: '--namespace' }, status: 'manual', messageId: 'no-probes' }],
      };
    }
    const total = endpointProbes.probes.length;
    const failedEndpoints = new Set(findings.filter((finding) => finding.status === 'fail').map((finding) => finding.subject.name)).size;
    const count = (status: string) => findings.filter((finding) => finding.status === status).length;
    const summary: { messageId: MessageId; data: MessageData } =
      failedEndpoints > 0
        ? { messageId: 'summary-fail', data: { failed: failedEndpoints, total } }
        : count('manual') > 0
          ? { messageId: 'summary-manual', data: { unknown: count('manual') } }
          : count('warn') > 0
            ? { messageId: 'summary-warn', data: { warned: count('warn') } }
            : { messageId: 'summary-pass', data: { total } };
    return { summary, findings };
  },
});

function judgeProbe(
  probe: EndpointProbe,
  now: Date,
  treatAsPublic: Parameters<typeof judgeAddress>[1],
  publicDnsKnown: boolean,
): FindingInput<MessageId>[] {
  const endpoint = `${probe.name} (${probe.address}:${probe.port})`;
  const subject = { kind: 'host' as const, name: endpoint };
  const certificate = probe.tls?.certificate ?? null;
  const address = judgeAddress(probe.address, treatAsPublic);
  const evidence: Evidence = {
    name: probe.name,
    address: probe.address,
    addressClass: address.label,
    port: probe.port,
    tcp: {
      connected: probe.tcp.connected,
      millis: probe.tcp.millis,
      error: probe.tcp.error ? `${probe.tcp.error.code}: ${probe.tcp.error.message}` : null,
    },
    tls: probe.tls
      ? {
          protocol: probe.tls.protocol,
          trusted: probe.tls.trusted,
          verifyError: probe.tls.verifyError,
          coversName: probe.tls.coversName,
          error: probe.tls.error ? `${probe.tls.error.code}: ${probe.tls.error.message}` : null,
        }
      : null,
    certificate: certificate ? { ...certificate, subjectAltNames: [...certificate.subjectAltNames] } : null,
    assessedAt: now.toISOString(),
  };
  const base: MessageData = { endpoint, name: probe.name, address: probe.address, port: probe.port, now: now.toISOString() };
  const finding = findingsAbout<MessageId>(subject, base, evidence);

  if (!probe.tcp.connected) {
    return [
      finding(
        'fail',
        'tcp-failed',
        { code: probe.tcp.error?.code ?? 'NOT_CONNECTED', error: probe.tcp.error?.message ?? 'no error recorded' },
        'fix-tcp',
      ),
    ];
  }
  if (probe.tls === null) return [finding('manual', 'tls-not-probed', {}, 'fix-probe')];
  if (probe.tls.error !== null) {
    return [finding('fail', 'tls-failed', { code: probe.tls.error.code, error: probe.tls.error.message }, 'fix-tls')];
  }
  if (certificate === null) return [finding('manual', 'no-certificate', {}, 'fix-probe')];

  const certData: MessageData = {
    subject: certificate.subject,
    issuer: certificate.issuer,
    validFrom: certificate.validFrom,
    validTo: certificate.validTo,
    names: certificate.subjectAltNames.length > 0 ? certificate.subjectAltNames.join(', ') : 'no subjectAltName',
    protocol: probe.tls.protocol ?? 'protocol not recorded',
  };
  const findings: FindingInput<MessageId>[] = [];
  const validFrom = parseCertificateDate(certificate.validFrom);
  const validTo = parseCertificateDate(certificate.validTo);
  let datesExplainDistrust = false;
  if (validFrom === null || validTo === null) {
    findings.push(finding('manual', 'certificate-dates-unreadable', certData, 'fix-probe'));
  } else if (validTo.getTime() < now.getTime()) {
    findings.push(finding('fail', 'certificate-expired', certData, 'fix-certificate'));
    datesExplainDistrust = probe.tls.verifyError === 'CERT_HAS_EXPIRED';
  } else if (validFrom.getTime() > now.getTime()) {
    findings.push(finding('fail', 'certificate-not-yet-valid', certData, 'fix-certificate'));
    datesExplainDistrust = probe.tls.verifyError === 'CERT_NOT_YET_VALID';
  }
  // The leaf's own dates already explain CERT_HAS_EXPIRED/CERT_NOT_YET_VALID; any other reason is its own finding.
  if (!probe.tls.trusted && !datesExplainDistrust) {
    findings.push(
      finding(
        'fail',
        'certificate-untrusted',
        { ...certData, verifyError: probe.tls.verifyError ?? 'no reason recorded' },
        'fix-certificate',
      ),
    );
  }
  if (!probe.tls.coversName) findings.push(finding('fail', 'certificate-name-mismatch', certData, 'fix-certificate'));
  if (findings.length > 0) return findings;

  findings.push(finding('pass', 'endpoint-ok', certData));
  const days = daysUntil(validTo!, now);
  if (days < EXPIRY_WARNING_DAYS) findings.push(finding('warn', 'expires-soon', { ...certData, days }, 'fix-expiring'));
  // A probe of a private address proves reachability from this machine only. Without the DNS artifact the
  // --treat-as-public ranges are unknown, so only a known public (or treated) address is taken at its word.
  if (!address.countsAsPublic) {
    findings.push(
      finding(
        'warn',
        'probed-internal-address',
        { addressClass: publicDnsKnown ? address.label : `${address.label} (treat-as-public ranges unknown)` },
        'fix-tcp',
      ),
    );
  }
  return findings;
}

/**
 * Addresses that the DNS artifact shows for a name but that no probe covered: a non-public one was left alone on
 * purpose (a caveat, as its probe would have been); a public one is unverified, so manual.
 */
function unprobedAddresses(probes: readonly EndpointProbe[], publicDns: PublicDns | undefined): FindingInput<MessageId>[] {
  if (!publicDns) return [];
  const probed = new Set(probes.map((probe) => `${probe.name}|${probe.address}`));
  const findings: FindingInput<MessageId>[] = internalAddressesNotProbed(publicDns, probed).map((internal) => ({
    subject: { kind: 'host', name: `${internal.name} (${internal.address})` },
    status: 'warn',
    messageId: 'internal-address-not-probed',
    data: { ...internal },
    remediationId: 'fix-internal-address',
    evidence: { ...internal, probed: false },
  }));
  const internal = new Set(findings.map((finding) => finding.subject.name));
  for (const dnsName of publicDns.names) {
    const addresses = new Set(
      dnsName.answers.filter((answer) => answer.rcode === 'NOERROR').flatMap((answer) => [...answer.a, ...answer.aaaa]),
    );
    for (const address of addresses) {
      if (probed.has(`${dnsName.name}|${address}`) || internal.has(`${dnsName.name} (${address})`)) continue;
      findings.push({
        subject: { kind: 'host', name: `${dnsName.name} (${address})` },
        status: 'manual',
        messageId: 'address-not-probed',
        data: { name: dnsName.name, address },
        remediationId: 'fix-probe',
        evidence: {
          name: dnsName.name,
          address,
          probedAddresses: probes.filter((probe) => probe.name === dnsName.name).map((probe) => probe.address),
        },
      });
    }
  }
  return findings;
}
