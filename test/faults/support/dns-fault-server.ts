// A DNS server for the fault catalogue, on loopback over UDP and TCP (one port), answering each question name with
// the fault registered for it: well-formed answers, SERVFAIL/REFUSED, truncation, silence, hand-made malformed
// packets (absurd counts, short RDATA, pointer loops, garbage). Replies are built byte by byte, so nothing the
// server sends is limited by what a DNS library would agree to encode.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';

export type DnsFault =
  /** A records (dotted quads) and CNAMEs, in the answer section, in order. */
  | { kind: 'answer'; a?: string[]; cname?: string; rcode?: number }
  | { kind: 'rcode'; rcode: number }
  /** Over UDP: an empty answer with TC set; over TCP: `tcp` (or silence). */
  | { kind: 'truncated'; tcp: DnsFault | 'close' }
  | { kind: 'silent' }
  /** Raw bytes; the query's id is patched in (so the client reads the reply) unless `keepId`. */
  | { kind: 'raw'; bytes: (query: Buffer) => Buffer; keepId?: boolean };

export interface DnsFaultServer {
  resolver: string;
  set(name: string, fault: DnsFault): void;
  /** Questions seen, "name TYPE" (A=1, AAAA=28…) — to prove a question was or was not asked. */
  questions: string[];
  close(): Promise<void>;
}

export async function startDnsFaultServer(address: string): Promise<DnsFaultServer> {
  const faults = new Map<string, DnsFault>();
  const questions: string[] = [];
  const udp: UdpSocket = createSocket('udp4');
  const sockets = new Set<Socket>();
  const tcp: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
      const query = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
      const reply = replyTo(query, 'tcp');
      if (reply === 'close') socket.destroy();
      else if (reply) socket.write(Buffer.concat([Buffer.from([reply.length >> 8, reply.length & 0xff]), reply]));
    });
  });
  udp.on('message', (query, from) => {
    const reply = replyTo(query, 'udp');
    if (reply && reply !== 'close') udp.send(reply, from.port, from.address);
  });

  function replyTo(query: Buffer, over: 'udp' | 'tcp'): Buffer | 'close' | null {
    const question = parseQuestion(query);
    if (!question) return null;
    questions.push(`${question.name} ${question.type}`);
    let fault = faults.get(question.name) ?? ({ kind: 'rcode', rcode: 3 } as DnsFault);
    if (fault.kind === 'truncated') {
      if (over === 'udp') return message(query, question, { flags: 0x8380, answers: [] });
      if (fault.tcp === 'close') return 'close';
      fault = fault.tcp;
    }
    switch (fault.kind) {
      case 'silent':
        return null;
      case 'rcode':
        return message(query, question, { flags: 0x8180 | fault.rcode, answers: [] });
      case 'raw': {
        const bytes = Buffer.from(fault.bytes(query));
        if (!fault.keepId && bytes.length >= 2) query.copy(bytes, 0, 0, 2);
        return bytes;
      }
      case 'answer': {
        const answers: Buffer[] = [];
        if (fault.cname) answers.push(record(5, encodeName(fault.cname)));
        if (question.type === 1) for (const a of fault.a ?? []) answers.push(record(1, Buffer.from(a.split('.').map(Number))));
        return message(query, question, { flags: 0x8180 | (fault.rcode ?? 0), answers });
      }
      default:
        return null;
    }
  }

  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(0, address, () => resolve());
  });
  const port = udp.address().port;
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, address, () => resolve());
  });
  return {
    resolver: `${address}:${port}`,
    set: (name, fault) => faults.set(name.toLowerCase(), fault),
    questions,
    async close() {
      for (const socket of sockets) socket.destroy();
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

interface Question {
  name: string;
  type: number;
  /** The question section as received (name, type, class). */
  raw: Buffer;
}

function parseQuestion(query: Buffer): Question | null {
  if (query.length < 17) return null;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset] as number;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += length + 1;
  }
  if (offset + 5 > query.length) return null;
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(offset + 1), raw: query.subarray(12, offset + 5) };
}

/** A reply: the query's id, the flags, the question echoed, the answers (each owned by the question name via a pointer). */
function message(query: Buffer, question: Question, reply: { flags: number; answers: Buffer[] }): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(reply.flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(reply.answers.length, 6);
  return Buffer.concat([header, question.raw, ...reply.answers]);
}

function record(type: number, rdata: Buffer): Buffer {
  const fixed = Buffer.from([0xc0, 12, type >> 8, type & 0xff, 0, 1, 0, 0, 0, 60, rdata.length >> 8, rdata.length & 0xff]);
  return Buffer.concat([fixed, rdata]);
}

/** A name as labels; any byte goes in (latin1), control characters included, as a hostile zone would serve them. */
export function encodeName(name: string): Buffer {
  const parts = name.split('.').map((label) => Buffer.from(label, 'latin1'));
  return Buffer.concat([...parts.flatMap((label) => [Buffer.from([label.length]), label]), Buffer.from([0])]);
}

/** A reply to the query with the header counts and body given raw: for the malformed-answer faults. */
export function rawReply(query: Buffer, counts: [number, number, number, number], body: Buffer, flags = 0x8180): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(flags, 2);
  counts.forEach((count, index) => header.writeUInt16BE(count, 4 + index * 2));
  return Buffer.concat([header, body]);
}

/** The question section of a query, to echo in a raw reply. */
export function questionOf(query: Buffer): Buffer {
  return parseQuestion(query)?.raw ?? Buffer.alloc(0);
}
