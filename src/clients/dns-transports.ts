// One DNS question over one transport, always bounded and abortable. dns2 provides the packet codec, applied
// only to answers that passed our validation (dns-message-check.ts); the transports are ours: dns2's UDP client
// decodes before we could validate, and its TCPClient and DOHClient have no timeout, cannot be aborted (a silent
// server keeps the process alive) and DOHClient takes no TLS options, so --ca-file and HTTPS_PROXY could not apply.
import { createSocket } from 'node:dgram';
import { isIPv6, connect as netConnect } from 'node:net';
import dns2 from 'dns2';
import type { Dispatcher } from 'undici';
import { dnsMessageProblem } from './dns-message-check.js';
import { TimeoutError } from './failure.js';

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

export function buildQuery(name: string, type: DnsQueryType, id: number): Buffer {
  const query = new Packet();
  query.header.id = id;
  query.header.rd = 1; // ask for recursion: public resolvers need it, authoritative servers ignore it
  query.questions.push({ name, type: Packet.TYPE[type], class: Packet.CLASS.IN } as DnsPacket['questions'][number]);
  return query.toBuffer();
}

function aborted(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TimeoutError('DNS query aborted');
}

/**
 * Every answer, whatever carried it, is validated (dns-message-check.ts) before dns2 decodes it; a malformed one is
 * an EBADRESP failure naming the transport, never a packet with made-up records.
 */
export function decode(message: Buffer, transport: Transport): DnsPacket {
  const problem = dnsMessageProblem(message);
  if (problem !== null) throw malformed(transport, problem);
  try {
    return Packet.parse(message);
  } catch (error) {
    throw malformed(transport, (error as Error).message);
  }
}

export function malformed(transport: Transport, problem: string): Error {
  return Object.assign(new Error(`malformed answer from ${transportId(transport)}: ${problem}`), { code: 'EBADRESP' });
}

/** UDP with our own socket: dns2's UDP client decodes what arrives before we could validate it. */
function overUdp(t: Extract<Transport, { kind: 'udp' }>, name: string, type: DnsQueryType, signal: AbortSignal): Promise<DnsPacket> {
  const id = Packet.uuid();
  const query = buildQuery(name, type, id);
  return new Promise((done, fail) => {
    const socket = createSocket(isIPv6(t.host) ? 'udp6' : 'udp4');
    const finish = (error: unknown, packet?: DnsPacket) => {
      signal.removeEventListener('abort', onAbort);
      socket.close();
      if (packet) done(packet);
      else fail(error);
    };
    const onAbort = () => finish(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('message', (message: Buffer, from) => {
      // Only the server asked may answer, and only this question (RFC 5452): anything else is ignored.
      if (from.port !== t.port || from.address !== t.host || message.length < 2 || message.readUInt16BE(0) !== id) return;
      try {
        finish(null, decode(message, t));
      } catch (error) {
        finish(error);
      }
    });
    socket.on('error', (error) => finish(error));
    socket.send(query, t.port, t.host);
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
        const packet = decode(buffered.subarray(2, 2 + expected), t);
        if (packet.header.id !== id) finish(malformed(t, 'its id does not match the question'));
        else finish(null, packet);
      } catch (error) {
        finish(error);
      }
    });
    socket.on('error', (error) => finish(error));
    socket.on('end', () => finish(Object.assign(new Error('the server closed the connection without an answer'), { code: 'ECONNRESET' })));
  });
}

export interface TransportContext {
  /** The run's DNS-over-HTTPS dispatcher, created (and undici loaded) on the first DoH question. */
  doh(): Promise<Dispatcher>;
}

/** Asks one question over one transport; rejects on failure or when `signal` aborts (the caller's deadline). */
export function askOver(
  transport: Transport,
  name: string,
  type: DnsQueryType,
  signal: AbortSignal,
  context: TransportContext,
): Promise<DnsPacket> {
  if (signal.aborted) return Promise.reject(aborted(signal));
  switch (transport.kind) {
    case 'udp':
      return overUdp(transport, name, type, signal);
    case 'tcp':
      return overTcp(transport, name, type, signal);
    case 'doh':
      // undici is loaded only for a DoH question: an assessment with UDP/TCP resolvers never needs it.
      return Promise.all([import('./dns-over-https.js'), context.doh()]).then(([doh, dispatcher]) =>
        doh.overDoh(transport, name, type, signal, dispatcher),
      );
  }
}
