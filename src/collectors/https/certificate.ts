// The server certificate as the artifact records it, and whether it covers the probed name
// (Node's checkServerIdentity: subjectAltName DNS/IP entries, RFC 6125 wildcards, CN only without SANs).
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { Certificate } from '../../inventory/artifacts.js';

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** "CN=mail.contoso.com, O=Contoso" (OpenSSL prints one attribute per line). */
function distinguishedName(text: string): string {
  return text
    .split('\n')
    .filter((part) => part !== '')
    .join(', ');
}

export function certificateFacts(peer: PeerCertificate): Certificate {
  const x509 = new X509Certificate(peer.raw);
  return {
    subject: distinguishedName(x509.subject),
    subjectAltNames: (x509.subjectAltName ?? '')
      .split(', ')
      .filter((entry) => entry !== '')
      .map((entry) => (entry.startsWith('DNS:') ? entry.toLowerCase().replace(/^dns:/, 'DNS:') : entry)),
    issuer: distinguishedName(x509.issuer),
    validFrom: isoDate(x509.validFrom),
    validTo: isoDate(x509.validTo),
    fingerprint256: x509.fingerprint256,
  };
}

export function certificateCoversName(name: string, peer: PeerCertificate): boolean {
  return checkServerIdentity(name, peer) === undefined;
}
