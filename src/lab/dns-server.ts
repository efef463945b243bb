// An authoritative DNS server for the lab and the tests, built on dns2 and driven by a zone description.
// UDP and TCP share one port on one loopback address (so "127.0.0.x:port" works like a real resolver with
// TCP fallback); DNS-over-HTTPS is optional. Behaviours cover what public DNS does to an assessment:
// NXDOMAIN, CNAME chains, private answers, refusal, and a resolver that never answers.
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import dns2 from 'dns2';
import { withoutNameCompression } from './dns-wire.js';

const { Packet } = dns2;
type DnsPacket = InstanceType<typeof Packet>;
type Resource = DnsPacket['answers'][number];

export type LabRecord =
  | { name: string; type: 'A' | 'AAAA'; address: string; ttl?: number }
  | { name: string; type: 'CNAME'; target: string; ttl?: number }
  | { name: string; type: 'SRV'; priority: number; weight: number; port: number; target: string; ttl?: number }
  | { name: string; type: 'TXT'; text: string; ttl?: number };

export type LabDnsBehaviour =
  /** Answer from the records (authoritative, CNAMEs inside the data followed like BIND does). */
  | 'answer'
  /** Read every question and never reply, over UDP, TCP and DoH. */
  | 'never-answer'
  | 'refuse'
  | 'servfail';

export interface LabDnsDescription {
  /** Loopback address to bind, e.g. "127.0.0.53". */
  address: string;
  /** 0 (default) picks a free port, the same for UDP and TCP. */
  port?: number;
  /** Apex names this server is authoritative for; questions outside them are REFUSED. */
  zones: string[];
  records: LabRecord[];
  behaviour?: LabDnsBehaviour;
  /** Follow CNAMEs to other names in the data (default true, as BIND does); false answers only the CNAME itself. */
  followCnames?: boolean;
  /** Added before every reply (benchmarks). */
  latencyMs?: number;
  /** Serve DNS-over-HTTPS at https://address:dohPort/dns-query with this certificate. */
  doh?: { cert: string; key: string };
}

export interface LabDnsServer {
  address: string;
  port: number;
  /** The --resolver value for UDP/TCP: "127.0.0.53:40123". */
  resolver: string;
  /** The --resolver value for DoH, when enabled. */
  dohUrl: string | null;
  /** Questions received, as "name TYPE" (lower-case name), in order. */
  questions: string[];
  close(): Promise<void>;
}

// RFC 1035 §4.1.1 (dns2 has Packet.RCODE at runtime but not in its types).
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

const norm = (name: string) => name.toLowerCase().replace(/\.$/, '');
const typeName = (code: number) => Object.entries(Packet.TYPE).find(([, value]) => value === code)?.[0] ?? String(code);

function inZones(name: string, zones: readonly string[]): boolean {
  return zones.some((zone) => name === norm(zone) || name.endsWith(`.${norm(zone)}`));
}

function toResource(record: LabRecord): Resource {
  const base = { name: record.name, class: Packet.CLASS.IN, ttl: record.ttl ?? 300 };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: Packet.TYPE[record.type], address: record.address } as Resource;
    case 'CNAME':
      return { ...base, type: Packet.TYPE.CNAME, domain: record.target } as Resource;
    case 'SRV':
      return {
        ...base,
        type: Packet.TYPE.SRV,
        priority: record.priority,
        weight: record.weight,
        port: record.port,
        target: record.target,
      } as Resource;
    case 'TXT':
      return { ...base, type: Packet.TYPE.TXT, data: record.text } as Resource;
  }
}

/** The authoritative answer for one question: records, CNAME chain included, and the rcode. */
export function answerFromZone(description: Pick<LabDnsDescription, 'zones' | 'records' | 'followCnames'>, qname: string, qtype: string) {
  const answers: LabRecord[] = [];
  let name = norm(qname);
  const seen = new Set<string>();
  for (;;) {
    if (!inZones(name, description.zones)) return { rcode: answers.length > 0 ? 'NOERROR' : 'REFUSED', answers } as const;
    const owned = description.records.filter((record) => norm(record.name) === name);
    const cname = owned.find((record) => record.type === 'CNAME');
    if (cname && qtype !== 'CNAME' && cname.type === 'CNAME' && !seen.has(name)) {
      seen.add(name);
      answers.push(cname);
      if (description.followCnames === false) return { rcode: 'NOERROR', answers } as const;
      name = norm(cname.target);
      continue;
    }
    const matching = owned.filter((record) => record.type === qtype);
    answers.push(...matching);
    // A name that exists only as a parent of other names (an "empty non-terminal") is NOERROR, not NXDOMAIN.
    const exists = owned.length > 0 || description.records.some((record) => norm(record.name).endsWith(`.${name}`));
    return { rcode: exists || answers.length > 0 ? 'NOERROR' : 'NXDOMAIN', answers } as const;
  }
}

type UdpServer = ReturnType<typeof dns2.createUDPServer>;
type TcpServer = ReturnType<typeof dns2.createTCPServer>;
type Send = (response: DnsPacket) => unknown;

export async function startLabDnsServer(description: LabDnsDescription): Promise<LabDnsServer> {
  const behaviour = description.behaviour ?? 'answer';
  const questions: string[] = [];

  const handle = (request: DnsPacket, send: Send) => {
    const [question] = request.questions;
    if (!question) return;
    const qtype = typeName(question.type);
    questions.push(`${norm(question.name)} ${qtype}`);
    if (behaviour === 'never-answer') return;
    // Literal names: dns2 would compress SRV targets, which Node 24's resolver rejects (see dns-wire.ts).
    const response = withoutNameCompression(Packet.createResponseFromRequest(request));
    response.header.aa = 1;
    if (behaviour === 'refuse') response.header.rcode = RCODE.REFUSED;
    else if (behaviour === 'servfail') response.header.rcode = RCODE.SERVFAIL;
    else {
      const { rcode, answers } = answerFromZone(description, question.name, qtype);
      response.header.rcode = RCODE[rcode];
      response.answers.push(...answers.map(toResource));
    }
    // The client may have given up (and closed) already; that is not the server's problem.
    const reply = () =>
      void Promise.resolve()
        .then(() => send(response))
        .catch(() => undefined);
    if (description.latencyMs) setTimeout(reply, description.latencyMs);
    else reply();
  };

  const { udp, tcp, port } = await listenUdpAndTcp(description.address, description.port ?? 0, handle);

  // A silent server holds TCP connections open; close() destroys them instead of waiting for the clients.
  const sockets = new Set<Socket>();
  tcp.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let doh: ReturnType<typeof dns2.createDOHServer> | null = null;
  let dohPort: number | null = null;
  if (description.doh) {
    const server = dns2.createDOHServer({ ssl: true, cert: description.doh.cert, key: description.doh.key });
    server.on('request', (request, send) => handle(request, send));
    dohPort = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', (info: AddressInfo) => resolve(info.port));
      server.listen(0, description.address);
    });
    doh = server;
  }

  return {
    address: description.address,
    port,
    resolver: `${description.address}:${port}`,
    dohUrl: dohPort === null ? null : `https://${description.address}:${dohPort}/dns-query`,
    questions,
    async close() {
      for (const socket of sockets) socket.destroy();
      const httpsServer = (doh as unknown as { server?: HttpsServer } | null)?.server;
      httpsServer?.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
        doh
          ? new Promise<void>((resolve) => {
              doh.once('close', () => resolve());
              doh.close();
            })
          : Promise.resolve(),
      ]);
    },
  };
}

/** UDP first (port 0 picks a free one), then TCP on the same port; with port 0, retried when TCP finds it taken. */
async function listenUdpAndTcp(
  address: string,
  wanted: number,
  handle: (request: DnsPacket, send: Send) => void,
): Promise<{ udp: UdpServer; tcp: TcpServer; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const udp = dns2.createUDPServer({ type: address.includes(':') ? 'udp6' : 'udp4' });
    udp.on('request', (request, send) => handle(request, send));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(wanted, address, () => {
        udp.removeListener('error', reject);
        resolve();
      });
    });
    const port = udp.address().port;
    const tcp = dns2.createTCPServer((request, send) => handle(request, send));
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ port, host: address }, () => {
          tcp.removeListener('error', reject);
          resolve();
        });
      });
      return { udp, tcp, port };
    } catch (error) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (wanted !== 0 || attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
