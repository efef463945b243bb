// A self-signed RSA certificate for an application's client credential, as `New-SelfSignedCertificate` or
// openssl would make for an app registration. RSA, because Entra accepts only RS256/PS256 client assertions.
// https://learn.microsoft.com/entra/identity-platform/howto-create-self-signed-certificate
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;

export interface AppCertificate {
  /** PEM of the certificate: what is uploaded to the app registration. */
  cert: string;
  /** PKCS#8 PEM of the private key. */
  key: string;
  /** cert + key in one file, the shape --client-certificate takes. */
  pem: string;
}

export async function createAppCertificate(commonName = 'hybrid-readiness app', validDays = 365): Promise<AppCertificate> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=${commonName.replace(/([,+"\\<>;=])/g, '\\$1')}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + validDays * DAY),
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
  const certPem = `${cert.toString('pem')}\n`;
  return { cert: certPem, key, pem: certPem + key };
}
