import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClientCertificate } from '../../src/clients/client-certificate.js';
import { type AppCertificate, createAppCertificate } from '../../src/lab/app-certificate.js';
import { createCertificateAuthority } from '../../src/lab/pki.js';

describe('parseClientCertificate', () => {
  let app: AppCertificate;
  beforeAll(async () => {
    app = await createAppCertificate();
  });

  it('reads the certificate, its SHA-256 thumbprint and the key', () => {
    const parsed = parseClientCertificate(`Bag Attributes: ignored\n${app.key}\n${app.cert}`);
    expect(parsed.thumbprintSha256).toBe(createHash('sha256').update(new X509Certificate(app.cert).raw).digest('hex'));
    expect(parsed.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(parsed.certificatePem).toContain('BEGIN CERTIFICATE');
  });

  it('accepts a PKCS#1 RSA key and hands msal PKCS#8', () => {
    const pkcs1 = createPrivateKey(app.key).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(parseClientCertificate(`${app.cert}${pkcs1}`).privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses a key that belongs to another certificate', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parseClientCertificate(`${app.cert}${other}`)).toThrow(/does not belong to its certificate/);
  });

  it('names what is missing or wrong, without key material', () => {
    expect(() => parseClientCertificate(app.key)).toThrow(/no "BEGIN CERTIFICATE" block/);
    expect(() => parseClientCertificate(app.cert)).toThrow(/no private key block/);
    expect(() =>
      parseClientCertificate(`${app.cert}-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n`),
    ).toThrow(/encrypted/);
    try {
      parseClientCertificate(`${app.cert}-----BEGIN PRIVATE KEY-----\nnotbase64\n-----END PRIVATE KEY-----\n`);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('the private key in --client-certificate could not be parsed');
    }
  });

  it('refuses an EC key: Entra client assertions are RS256/PS256', async () => {
    const ca = await createCertificateAuthority();
    const ec = await ca.issue({ names: ['app.contoso.test'] });
    expect(() => parseClientCertificate(ec.cert + ec.key)).toThrow(/ec.*RSA key/);
  });
});
