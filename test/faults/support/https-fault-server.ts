// An HTTPS endpoint for the fault catalogue, on one loopback address: TLS with a certificate minted for the run
// (trusted, expired, for another name, or from a CA nobody trusts), then HTTP written by hand so that any fault can
// be served — an Exchange that answers as it should, a stall or a reset mid-response, huge headers or bodies, a
// redirect loop, header values carrying terminal escapes. Below TLS: a black hole, a reset, plain text.
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { CertificateAuthority } from '../../../src/lab/pki.js';

export type CertificateKind = 'trusted' | 'expired' | 'wrong-name' | 'untrusted';

export type HttpFault =
  /** Exchange 2016+: /api 401 with its Bearer challenge, Autodiscover v2 JSON, /owa/ 302. */
  | 'exchange'
  | 'status-500'
  | 'redirect-loop'
  | 'stall-mid-response'
  | 'reset-mid-response'
  | 'huge-headers'
  | 'huge-body'
  | 'hostile-headers'
  | 'autodiscover-garbage';

export type TcpFault = 'black-hole' | 'reset' | 'plain-text';

export interface HttpsFaultServer {
  port: number;
  /** TCP connections accepted, to prove an address was (or was not) connected to. */
  readonly connections: number;
  close(): Promise<void>;
}

const DAY = 86_400_000;
export const TENANT = '5de110f8-2e0f-4d45-891d-bcf2218e253d';

export async function startHttpsFaultServer(
  address: string,
  behaviour: { http: HttpFault; certificate: CertificateKind; names: string[] } | { tcp: TcpFault },
  ca: CertificateAuthority,
  untrustedCa: CertificateAuthority,
  port = 0,
): Promise<HttpsFaultServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const track = (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  let server: Server;
  if ('tcp' in behaviour) {
    server = createTcpServer((socket) => {
      track(socket);
      if (behaviour.tcp === 'reset') socket.resetAndDestroy();
      else if (behaviour.tcp === 'plain-text') socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    });
  } else {
    const { names } = behaviour;
    const now = Date.now();
    const certificate =
      behaviour.certificate === 'untrusted'
        ? await untrustedCa.issue({ names })
        : await ca.issue({
            names: behaviour.certificate === 'wrong-name' ? ['elsewhere.invalid'] : names,
            ...(behaviour.certificate === 'expired' ? { notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - DAY) } : {}),
          });
    const tls = createTlsServer({ cert: certificate.cert, key: certificate.key }, (socket) => {
      socket.on('error', () => undefined);
      let buffered = '';
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        while (buffered.includes('\r\n\r\n')) {
          const end = buffered.indexOf('\r\n\r\n');
          const head = buffered.slice(0, end);
          buffered = buffered.slice(end + 4);
          const [, path = '/'] = /^[A-Z]+ (\S+)/.exec(head) ?? [];
          const host = /\r\nhost: ([^\r\n:]+)/i.exec(head)?.[1] ?? names[0] ?? 'localhost';
          if (!answer(socket, behaviour.http, path, host)) return;
        }
      });
    });
    tls.on('connection', track);
    tls.on('tlsClientError', () => undefined);
    server = tls;
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function response(status: string, headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body, 'latin1')) }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `HTTP/1.1 ${status}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

const bearer = `Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@${TENANT}", token_types="app_asserted_user_v1 service_asserted_app_v1"`;

/** Writes the answer to one request; false when the connection is left (stalled or destroyed). */
function answer(socket: Socket, fault: HttpFault, path: string, host: string): boolean {
  const exchange = { 'x-feserver': 'EX01', 'request-id': 'r-1', 'x-calculatedbetarget': 'ex01.contoso.test' };
  switch (fault) {
    case 'status-500':
      socket.write(response('500 Internal Server Error', { 'content-type': 'text/plain' }, 'boom'));
      return true;
    case 'redirect-loop':
      socket.write(response('302 Found', { location: `https://${host}${path}` }, ''));
      return true;
    case 'stall-mid-response':
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n{"Protocol":"Re');
      return false;
    case 'reset-mid-response':
      socket.write('HTTP/1.1 401 Unauthorized\r\ncontent-length: 5000\r\n\r\npartial', () => socket.destroy());
      return false;
    case 'huge-headers':
      socket.write(response('401 Unauthorized', { 'www-authenticate': bearer, 'x-padding': 'x'.repeat(200_000) }, ''));
      return true;
    case 'huge-body':
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 30000000\r\n\r\n');
      for (let i = 0; i < 30; i++) socket.write(Buffer.alloc(1_000_000, 0x20));
      return true;
    case 'hostile-headers':
      socket.write(
        response(
          '401 Unauthorized',
          { 'www-authenticate': bearer, 'x-feserver': 'EX\x1b]0;pwned\x07\x1b[2J01\x9b31m', 'request-id': 'r' },
          '',
        ),
      );
      return true;
    case 'autodiscover-garbage':
      if (path.startsWith('/autodiscover/')) {
        socket.write(response('200 OK', { 'content-type': 'application/json', ...exchange }, '{"Protocol":"Rest","Url":'));
        return true;
      }
      return answer(socket, 'exchange', path, host);
    case 'exchange':
      if (path.startsWith('/api/')) socket.write(response('401 Unauthorized', { 'www-authenticate': bearer, ...exchange }, ''));
      else if (path.startsWith('/autodiscover/')) {
        const protocol = /Protocol=(\w+)/.exec(path)?.[1] ?? 'Rest';
        const url = protocol === 'Ews' ? `https://${host}/EWS/Exchange.asmx` : `https://${host}/api`;
        socket.write(
          response('200 OK', { 'content-type': 'application/json', ...exchange }, JSON.stringify({ Protocol: protocol, Url: url })),
        );
      } else socket.write(response('302 Found', { location: `https://${host}/owa/auth/logon.aspx`, ...exchange }, ''));
      return true;
  }
}
