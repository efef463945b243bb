// The run's trust store (src/clients/trust.ts): one SecureContext per distinct --ca-file, shared by every TLS client,
// and it verifies what it should against a real TLS server on loopback with a certificate minted for this run.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustContext } from '../../src/clients/trust.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';

let ca: CertificateAuthority;
let server: Server;
let port: number;

beforeAll(async () => {
  ca = await createCertificateAuthority('trust test CA');
  const leaf = await ca.issue({ names: ['ldap.contoso.test'] });
  server = createServer({ cert: leaf.cert, key: leaf.key }, (socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function handshake(secureContext: ReturnType<typeof trustContext>): Promise<{ authorized: boolean; error: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'ldap.contoso.test', secureContext, rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      resolve({ authorized: socket.authorized, error: socket.authorizationError ? String(socket.authorizationError) : null });
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('trustContext', () => {
  it('is built once per distinct --ca-file and minimum version, and then shared', () => {
    expect(trustContext(ca.cert)).toBe(trustContext(ca.cert));
    expect(trustContext(null)).toBe(trustContext(null));
    expect(trustContext(ca.cert)).not.toBe(trustContext(null));
    expect(trustContext(ca.cert, { minVersion: 'TLSv1.2' })).toBe(trustContext(ca.cert, { minVersion: 'TLSv1.2' }));
    expect(trustContext(ca.cert, { minVersion: 'TLSv1.2' })).not.toBe(trustContext(ca.cert));
  });

  it('trusts a server certified by the --ca-file, and the system roots alone do not', async () => {
    expect(await handshake(trustContext(ca.cert))).toEqual({ authorized: true, error: null });
    const untrusted = await handshake(trustContext(null));
    expect(untrusted.authorized).toBe(false);
    expect(untrusted.error).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|unable to verify/i);
  });

  it('refuses a server that offers less than the minimum version', async () => {
    const old = createServer({ ...(await ca.issue({ names: ['old.contoso.test'] })), maxVersion: 'TLSv1.2' }, (socket) => socket.end());
    old.listen(0, '127.0.0.1');
    await once(old, 'listening');
    try {
      const socket = connect({
        host: '127.0.0.1',
        port: (old.address() as AddressInfo).port,
        servername: 'old.contoso.test',
        secureContext: trustContext(ca.cert, { minVersion: 'TLSv1.3' }),
      });
      const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
      expect(error.code).toMatch(/ERR_SSL|EPROTO/);
    } finally {
      await new Promise<void>((resolve) => old.close(() => resolve()));
    }
  });
});
