// A certificate authority minted per run, for the loopback lab and the tests: trusted, expired,
// wrong-name and untrusted server certificates on demand. Pure JS (WebCrypto), so it works on any OS.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;

export interface IssuedCertificate {
  /** PEM of the leaf certificate (followed by nothing: the CA is separate). */
  cert: string;
  /** PKCS#8 PEM private key. */
  key: string;
}

export interface CertificateRequest {
  /** DNS names and IP addresses for the subjectAltName; the first is also the CN. */
  names: string[];
  notBefore?: Date;
  notAfter?: Date;
}

export interface CertificateAuthority {
  /** PEM of the CA certificate: the trust anchor to hand to clients (--ca-file). */
  cert: string;
  issue(request: CertificateRequest): Promise<IssuedCertificate>;
}

export async function createCertificateAuthority(commonName = 'hybrid-readiness lab CA'): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${escapeDnValue(commonName)}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });

  return {
    cert: caCert.toString('pem'),
    async issue({ names, notBefore, notAfter }) {
      const [first] = names;
      if (!first) throw new Error('a certificate needs at least one name');
      const leafKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: randomSerial(),
        subject: `CN=${escapeDnValue(first)}`,
        issuer: caCert.subject,
        notBefore: notBefore ?? new Date(Date.now() - DAY),
        notAfter: notAfter ?? new Date(Date.now() + 90 * DAY),
        signingAlgorithm: algorithm,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
          new x509.SubjectAlternativeNameExtension(
            names.map((name) => (isIpAddress(name) ? { type: 'ip' as const, value: name } : { type: 'dns' as const, value: name })),
          ),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey);
      return { cert: leaf.toString('pem'), key: toPem(pkcs8, 'PRIVATE KEY') };
    },
  };
}

function toPem(der: ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

function randomSerial(): string {
  // Positive, 16 bytes, as RFC 5280 asks.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

function escapeDnValue(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}
