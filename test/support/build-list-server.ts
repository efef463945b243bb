// A loopback HTTPS server (certificate from a CA minted per run) that serves Microsoft's build list and the ways a
// download of it goes wrong, for the `catalogue update` tests; and a CONNECT proxy in front of it. It records every
// request, so a test can tell that a redirect was not followed.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenOn } from '../../src/lab/listen.js';
import { createCertificateAuthority } from '../../src/lab/pki.js';
import { readVector } from '../vectors/build-verdicts.js';

/** The real list, as Microsoft published it at a2c819b8. */
const REAL_LIST = readVector('./microsoft/ExchangeBuildNumbers.csv');

/** Two builds no source had by 2026-09 (made up for the test; November 2026's SU numbers are not known here). */
const NEW_ROWS = [
  'Exchange 2016 CU23 Nov26SU,15.1.2507.78,11/10/2026,KB5999998,',
  'Exchange SE RTM Nov26SU,15.2.2562.61,11/10/2026,KB5999999,',
];

const lines = REAL_LIST.split('\r\n');
const replaceRow = (prefix: string, row: string) => lines.map((line) => (line.startsWith(prefix) ? row : line)).join('\r\n');

/** Path → body (200, text/csv) for the lists that arrive whole. */
const LISTS: Record<string, string> = {
  '/real.csv': REAL_LIST,
  '/new.csv': `${REAL_LIST}${NEW_ROWS.join('\r\n')}\r\n`,
  // Cut inside a row: the last row's build is "15.2.25".
  '/truncated-row.csv': REAL_LIST.slice(0, REAL_LIST.indexOf('15.2.2562.46') + 7),
  '/renamed.csv': replaceRow('Exchange 2016 CU23 Aug26SU', 'Exchange 2016 CU23 Sep26SU,15.1.2507.72,8/11/2026,KB5121576,'),
  '/wrong-product.csv': replaceRow('Exchange 2016 CU23 Aug26SU', 'Exchange 2019 CU23 Aug26SU,15.1.2507.72,8/11/2026,KB5121576,'),
  '/wrong-cu.csv': replaceRow('Exchange 2016 CU23 Aug26SU', 'Exchange 2016 CU22 Aug26SU,15.1.2507.72,8/11/2026,KB5121576,'),
};

export interface BuildListServer {
  origin: string;
  caPem: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startBuildListServer(): Promise<BuildListServer> {
  const pki = await createCertificateAuthority('build list test CA');
  const { cert, key } = await pki.issue({ names: ['127.0.0.1'] });
  const requests: string[] = [];
  const sockets = new Set<Duplex>();
  const server = createHttpsServer({ cert, key }, (request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const list = LISTS[path];
    if (list !== undefined) {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(list);
      return;
    }
    switch (path) {
      case '/truncated-transfer.csv': {
        // Announces the whole list, sends half, then closes: what a dropped connection looks like.
        const body = Buffer.from(REAL_LIST);
        response.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) });
        response.write(body.subarray(0, body.length / 2), () => response.socket?.destroy());
        return;
      }
      case '/garbage':
        response
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256)));
        return;
      case '/error.html':
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Proxy login required</body></html>');
        return;
      case '/huge.csv':
        // 3 MB of plausible rows, chunked (no Content-Length to refuse up front).
        response.writeHead(200, { 'content-type': 'text/csv' });
        response.write(`${lines[0]}\r\n`);
        for (let i = 0; i < 40_000; i++)
          response.write(`Exchange 2010 SP3 RU${i},14.3.${i}.1,1/1/2020,,https://example.invalid/${'x'.repeat(40)}\r\n`);
        response.end();
        return;
      case '/redirect':
        response.writeHead(302, { location: `https://127.0.0.1:${port}/real.csv` }).end();
        return;
      case '/slow':
        response.writeHead(200, { 'content-type': 'text/csv' });
        response.write(`${lines[0]}\r\n`); // and then nothing more
        return;
      default:
        response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404: Not Found</h1></body></html>');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOn(server, '127.0.0.1', 0);
  return {
    origin: `https://127.0.0.1:${port}`,
    caPem: pki.cert,
    requests,
    close: () => closeServer(server, sockets),
  };
}

export interface ConnectProxy {
  url: string;
  /** "CONNECT host:port" lines the proxy was asked for. */
  tunnels: string[];
  close(): Promise<void>;
}

/** A plain HTTP proxy that only tunnels (CONNECT), as corporate proxies do for HTTPS. */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Duplex>();
  const proxy = createHttpServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    tunnels.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  const port = await listenOn(proxy, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${port}`, tunnels, close: () => closeServer(proxy, sockets) };
}

function closeServer(server: Server, sockets: Set<Duplex>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
