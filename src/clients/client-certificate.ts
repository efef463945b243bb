// The --client-certificate PEM: the application's certificate and its private key in one file, as registered
// under the app's "Certificates & secrets". Entra signs nothing here; the tool signs a client assertion with the
// key, and Entra finds the certificate by its SHA-256 thumbprint (x5t#S256).
// https://learn.microsoft.com/entra/identity-platform/certificate-credentials
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';

export interface ClientCertificate {
  /** PEM of the leaf certificate. */
  certificatePem: string;
  /** PKCS#8 PEM of the private key. Secret. */
  privateKeyPem: string;
  /** Hex SHA-256 of the certificate's DER: what Entra matches against the registered key credential. */
  thumbprintSha256: string;
  notAfter: string;
}

/** A problem with the certificate file itself; the message names the fix and never contains key material. */
export class ClientCertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientCertificateError';
  }
}

const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const keyBlock = /-----BEGIN (RSA |ENCRYPTED |EC )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----/;

export function parseClientCertificate(pem: string): ClientCertificate {
  const certText = certificateBlock.exec(pem)?.[0];
  const keyMatch = keyBlock.exec(pem);
  if (!certText)
    throw new ClientCertificateError(
      'the --client-certificate file has no "BEGIN CERTIFICATE" block; put the certificate and its private key in one PEM file',
    );
  if (!keyMatch)
    throw new ClientCertificateError(
      'the --client-certificate file has no private key block; put the certificate and its unencrypted private key (PKCS#8 or PKCS#1) in one PEM file',
    );
  if (keyMatch[1] === 'ENCRYPTED ')
    throw new ClientCertificateError(
      'the private key in --client-certificate is encrypted; export it without a passphrase (openssl pkcs8 -topk8 -nocrypt)',
    );

  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certText);
  } catch {
    throw new ClientCertificateError('the certificate in --client-certificate could not be parsed');
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(keyMatch[0]);
  } catch {
    throw new ClientCertificateError('the private key in --client-certificate could not be parsed');
  }
  // Entra accepts RS256/PS256 client assertions only, so the key must be RSA.
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ClientCertificateError(
      `the --client-certificate key is ${key.asymmetricKeyType ?? 'of an unknown type'}; Entra client assertions need an RSA key`,
    );
  }
  if (!certificate.checkPrivateKey(key))
    throw new ClientCertificateError('the private key in --client-certificate does not belong to its certificate');

  return {
    certificatePem: certificate.toString(),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256: createHash('sha256').update(certificate.raw).digest('hex'),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}
