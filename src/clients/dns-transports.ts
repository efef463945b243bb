// One DNS question over one transport, always bounded and abortable. dns2 provides the packet codec and the
// UDP client (which has a timeout and closes its socket); TCP and DNS-over-HTTPS are ours because dns2's
// TCPClient and DOHClient have no timeout, cannot be aborted (a silent server keeps the process alive) and
// DOHClient takes no TLS options, so --ca-file and HTTPS_PROXY could not apply.
import { isIPv6, connect as netConnect } from 'node:net';
import dns2 from 'dns2';
import { EnvHttpProxyAgent, request } from 'undici';
import { TimeoutError } from './failure.js';
import { trustAnchors } from './trust.js';

const { Packet } = dns2;
export type DnsPacket = InstanceType<typeof Packet>;
export type DnsQueryType = 'A' | 'AAAA' | 'CNAME' | 'SRV';

export type Transport =
  | { kind: 'udp'; host: string; port: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'doh'; url: string };

export function transportId(transport: Transport): string {
  if (transport.kind === 'doh') return `doh:${transport.url}`;
  const host = isIPv6(transport.host) ? `[${transport.host}]` : transport.host;
  return `${transport.kind}:${host}:${transport.port}`;
}

function buildQuery(name: string, type: DnsQueryType, id: number): Buffer {
  const query = new Packet();
  query.header.id = id;
  query.header.rd = 1; // ask for recursion: public resolvers need it, authoritative servers ignore it
  query.questions.push({ name, type: Packet.TYPE[type], class: Packet.CLASS.IN } as DnsPacket['questions'][number]);
  return query.toBuffer();
}

function aborted(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TimeoutError('DNS query aborted');
}

async function overUdp(t: Extract<Transport, { kind: 'udp' }>, name: string, type: DnsQueryType, signal: AbortSignal, millis: number) {
  const resolve = dns2.UDPClient({
    dns: t.host,
    port: t.port,
    socketType: isIPv6(t.host) ? 'udp6' : 'udp4',
    timeout: Math.max(1, millis),
    // We fall back to TCP ourselves, with a deadline; dns2's own fallback has none.
    retryOverTCP: false,
  });
  return await new Promise<DnsPacket>((done, fail) => {
    const onAbort = () => fail(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    resolve(name, type).then(
      (packet) => {
        signal.removeEventListener('abort', onAbort);
        done(packet);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        fail(error);
      },
    );
  });
}

function overTcp(t: Extract<Transport, { kind: 'tcp' }>, name: string, type: DnsQueryType, signal: AbortSignal): Promise<DnsPacket> {
  const id = Packet.uuid();
  const message = buildQuery(name, type, id);
  return new Promise((done, fail) => {
    const socket = netConnect({ host: t.host, port: t.port });
    let buffered = Buffer.alloc(0);
    const finish = (error: unknown, packet?: DnsPacket) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (packet) done(packet);
      else fail(error);
    };
    const onAbort = () => finish(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      socket.write(Buffer.concat([length, message]));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const expected = buffered.readUInt16BE(0);
      if (buffered.length < 2 + expected) return;
      try {
        const packet = Packet.parse(buffered.subarray(2, 2 + expected));
        if (packet.header.id !== id) finish(Object.assign(new Error('DNS answer with a mismatched id'), { code: 'EBADRESP' }));
        else finish(null, packet);
      } catch (error) {
        finish(Object.assign(new Error(`unparsable DNS answer: ${(error as Error).message}`), { code: 'EBADRESP' }));
      }
    });
    socket.on('error', (error) => finish(error));
    socket.on('end', () => finish(Object.assign(new Error('the server closed the connection without an answer'), { code: 'ECONNRESET' })));
  });
}

/**
 * DNS-over-HTTPS (RFC 8484, GET with id 0) through undici, so --ca-file and HTTPS_PROXY/NO_PROXY apply (read from
 * `env`; undici's EnvHttpProxyAgent matches NO_PROXY against the DoH host, which is what we want here).
 */
export function dohDispatcher(
  caPem: string | null,
  timeoutMs: number,
  env: Readonly<Record<string, string | undefined>>,
): EnvHttpProxyAgent {
  const ca = trustAnchors(caPem);
  return new EnvHttpProxyAgent({
    connect: { ca, timeout: timeoutMs },
    requestTls: { ca },
    proxyTls: { ca },
    // Empty strings, not undefined: undefined would make undici fall back to process.env.
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  });
}

async function overDoh(
  t: Extract<Transport, { kind: 'doh' }>,
  name: string,
  type: DnsQueryType,
  signal: AbortSignal,
  dispatcher: EnvHttpProxyAgent,
) {
  const url = new URL(t.url);
  url.searchParams.set('dns', buildQuery(name, type, 0).toString('base64url'));
  const response = await request(url, { method: 'GET', headers: { accept: 'application/dns-message' }, signal, dispatcher });
  const body = Buffer.from(await response.body.arrayBuffer());
  if (response.statusCode !== 200) {
    throw Object.assign(new Error(`DNS-over-HTTPS answered HTTP ${response.statusCode}`), { code: `HTTP_${response.statusCode}` });
  }
  try {
    return Packet.parse(body);
  } catch (error) {
    throw Object.assign(new Error(`unparsable DNS-over-HTTPS answer: ${(error as Error).message}`), { code: 'EBADRESP' });
  }
}

export interface TransportContext {
  doh: EnvHttpProxyAgent;
}

/** Asks one question over one transport; rejects on failure or when `signal` aborts. `millis` is the time left. */
export function askOver(
  transport: Transport,
  name: string,
  type: DnsQueryType,
  signal: AbortSignal,
  millis: number,
  context: TransportContext,
): Promise<DnsPacket> {
  if (signal.aborted) return Promise.reject(aborted(signal));
  switch (transport.kind) {
    case 'udp':
      return overUdp(transport, name, type, signal, millis);
    case 'tcp':
      return overTcp(transport, name, type, signal);
    case 'doh':
      return overDoh(transport, name, type, signal, context.doh);
  }
}
