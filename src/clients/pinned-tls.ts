// TLS to one chosen address of a name: the TCP connection goes to the address (directly, or through an
// HTTPS_PROXY tunnel "CONNECT address:port"), while SNI stays the name, so each load-balancer member or DNS
// answer can be probed on its own. The handshake never rejects a certificate: an untrusted, expired or
// wrong-name certificate is a fact to record, so we verify separately (Node still sets `authorized` and
// `authorizationError` with rejectUnauthorized:false) and the caller decides what to send.
import { isIP, type Socket } from 'node:net';
import { createSecureContext, type PeerCertificate, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { Client } from 'undici';
import { TimeoutError } from './failure.js';
import { proxyFor } from './proxy-env.js';
import { trustContext } from './trust.js';

export interface PinnedTarget {
  /** The DNS name: SNI, Host header, certificate name check. */
  name: string;
  /** The IP address the TCP connection goes to. */
  address: string;
  port: number;
}

export interface HttpsClientOptions {
  /** Extra trust anchors (--ca-file); the system roots are always trusted. */
  caPem: string | null;
  /** Bound for the connection (TCP + TLS), and separately for each request's headers and body. */
  timeoutMs: number;
  /** Where HTTPS_PROXY/NO_PROXY are read from; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What one connection attempt established; `tlsSocket` is set only when the handshake completed. */
export interface ConnectionFacts {
  tcp: { connected: boolean; millis: number | null; error: Error | null };
  /** Set when the connection went through a proxy tunnel (origin only, never credentials). */
  proxy: string | null;
  tls: {
    protocol: string | null;
    authorized: boolean;
    authorizationError: string | null;
    /** The leaf certificate only: what the artifact records and the name check reads (the issuer chain is not needed). */
    peerCertificate: PeerCertificate | null;
    error: Error | null;
  } | null;
}

/** "[2001:db8::1]" for IPv6, so it can sit in front of ":port". */
export function hostForAuthority(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, millis: number, what: string): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(`${what} did not complete within ${millis} ms`)), millis);
  return work(controller.signal).finally(() => clearTimeout(timer));
}

async function tcpThroughProxy(
  target: PinnedTarget,
  proxy: { origin: string; authorization: string | null },
  options: HttpsClientOptions,
  signal: AbortSignal,
): Promise<Socket> {
  const authority = `${hostForAuthority(target.address)}:${target.port}`;
  const proxyClient = new Client(proxy.origin, { connect: { secureContext: trustContext(options.caPem), timeout: options.timeoutMs } });
  try {
    const headers: Record<string, string> = { host: authority };
    if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    const { socket, statusCode } = await proxyClient.connect({ path: authority, headers, signal });
    if (statusCode !== 200) {
      socket.destroy();
      throw Object.assign(new Error(`the proxy ${proxy.origin} answered ${statusCode} to CONNECT ${authority}`), { code: 'EPROXY' });
    }
    return socket as Socket;
  } finally {
    // The tunnel socket now belongs to us; the proxy client has nothing left to do.
    void proxyClient.close().catch(() => undefined);
  }
}

// For connections that only carry requests (the endpoint probe has recorded and verified the certificate): an
// empty trust store. When a chain verifies, Node turns the whole peer chain into JS objects to check the host
// name (~0.5 ms per connection, the largest CPU cost of a run with hundreds of front-end samples); with nothing
// trusted, verification fails at once and that step is skipped. Nothing is lost: certificates are never
// enforced on these unauthenticated requests anyway (rejectUnauthorized is false, an untrusted front end is still
// probed), and no credential is ever sent.
const unverifiedContext = createSecureContext({ ca: [] });

// Node folds the host-name check into `authorized`; we keep `authorized` to the chain (trusted roots, dates) and
// judge the name separately, so "untrusted" and "issued for another name" stay two facts.
// No session resumption: every sample must meet the balancer as a new client. Balancers can send a resumed session
// to the member that issued it (F5 "SSL persistence", Kemp "SSL Session ID persistence", both keyed on the session
// ID: https://techdocs.f5.com/en-us/bigip-15-1-0/big-ip-system-ssl-administration/ssl-persistence.html), which
// would hide every other member from the samples. Nor would resuming save the client CPU: measured on Node 20
// against a loopback TLS 1.3 server, ~0.8 ms per connection either way (request-only connections skip verification).
// node:tls directly rather than undici's connector: the same TLS options without its keep-alive and timer set-up,
// which a connection of a few hundred milliseconds does not need (~5% of the CPU of a front-end sample, measured).
// Without a proxy, node:tls opens the TCP connection itself: one socket object per connection instead of a TCP
// socket wrapped afterwards (~0.1 ms of CPU per connection, measured); `onTcp` then marks when TCP was up, so a
// failure still reads as TCP's or as TLS's.
function tlsOver(
  transport: { socket: Socket } | { host: string; port: number; onTcp: () => void },
  target: PinnedTarget,
  options: HttpsClientOptions,
  signal: AbortSignal,
  verify: boolean,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const tlsSocket = tlsConnect({
      ...('socket' in transport ? { socket: transport.socket } : { host: transport.host, port: transport.port, noDelay: true }),
      servername: isIP(target.name) ? undefined : target.name,
      secureContext: verify ? trustContext(options.caPem) : unverifiedContext,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ALPNProtocols: ['http/1.1'],
    });
    const onAbort = () => tlsSocket.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(tlsSocket);
    };
    if ('onTcp' in transport) tlsSocket.once('connect', transport.onTcp);
    tlsSocket.once('secureConnect', () => settle(null));
    // Kept after the handshake: an error before the HTTP client takes the socket must not go unheard.
    tlsSocket.on('error', (error) => settle(error));
  });
}

/**
 * Opens TCP then TLS to the target within one timeout. Never throws: failures are in the facts.
 * The caller owns `tlsSocket` (destroy it, or hand it to undici). `inspect: false` neither verifies nor reads the
 * certificate (see unverifiedContext), for connections whose certificate an endpoint probe has recorded already;
 * their facts then say nothing about trust.
 */
export async function connectPinned(
  target: PinnedTarget,
  options: HttpsClientOptions,
  inspect = true,
): Promise<{ facts: ConnectionFacts; tlsSocket: TLSSocket | null }> {
  const proxy = proxyFor(target.name, target.port, options.env ?? process.env);
  const facts: ConnectionFacts = { tcp: { connected: false, millis: null, error: null }, proxy: proxy?.origin ?? null, tls: null };
  // Only IP literals are dialled: a host name here would go to getaddrinfo, asking a resolver nobody chose.
  if (isIP(target.address) === 0) {
    const refusal = `not connected: ${JSON.stringify(target.address)} is not an IP address, and only addresses from public DNS are dialled`;
    facts.tcp.error = Object.assign(new Error(refusal), { code: 'ENOTIP' });
    return { facts, tlsSocket: null };
  }
  const what = `connecting to ${hostForAuthority(target.address)}:${target.port} for ${target.name}`;
  let tlsSocket: TLSSocket | null = null;
  await withDeadline(
    async (signal) => {
      const started = performance.now();
      const tcpUp = () => (facts.tcp = { connected: true, millis: Math.round(performance.now() - started), error: null });
      let transport: Parameters<typeof tlsOver>[0];
      if (proxy) {
        try {
          transport = { socket: await tcpThroughProxy(target, proxy, options, signal) };
        } catch (error) {
          facts.tcp.error = error as Error;
          return;
        }
        tcpUp();
      } else {
        transport = { host: target.address, port: target.port, onTcp: tcpUp };
      }
      try {
        tlsSocket = await tlsOver(transport, target, options, signal, inspect);
      } catch (error) {
        if ('socket' in transport) transport.socket.destroy();
        if (!facts.tcp.connected) facts.tcp.error = error as Error;
        else facts.tls = { protocol: null, authorized: false, authorizationError: null, peerCertificate: null, error: error as Error };
        return;
      }
      const peer = inspect ? tlsSocket.getPeerCertificate(false) : null;
      facts.tls = {
        protocol: tlsSocket.getProtocol(),
        authorized: tlsSocket.authorized,
        authorizationError: tlsSocket.authorized ? null : String(tlsSocket.authorizationError ?? 'UNKNOWN'),
        peerCertificate: peer && Object.keys(peer).length > 0 ? peer : null,
        error: null,
      };
    },
    options.timeoutMs,
    what,
  );
  return { facts, tlsSocket };
}
