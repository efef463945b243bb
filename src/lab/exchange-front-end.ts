// An HTTPS "front end" on one loopback address, for the lab and the tests, started from a description
// (see front-end-behaviours.ts). Connections are accepted by a plain TCP server so that one address can also
// swallow or reset connections, and a pool can hand each new connection to the next member, as a load
// balancer does: a 2013 member then answers some samples and not others.
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { type FrontEndBehaviour, type HttpBehaviour, type MemberBehaviour, respond } from './front-end-behaviours.js';
import { listenOn } from './listen.js';

export * from './front-end-behaviours.js';

export interface FrontEndDescription {
  /** Loopback address to bind, e.g. "127.0.0.21". */
  address: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Certificate and key served on every connection (see src/lab/pki.ts). */
  tls: { cert: string; key: string };
  behaviour: FrontEndBehaviour;
  /** Added before every HTTP response (benchmarks). */
  latencyMs?: number;
  /**
   * Added before the server answers a TLS handshake (benchmarks): the ClientHello waits unread, as it would on a path
   * that much slower, so a TLS 1.3 handshake takes that much longer. (TCP's own handshake is the kernel's, not delayed.)
   */
  handshakeLatencyMs?: number;
}

export interface RunningFrontEnd {
  address: string;
  port: number;
  /** Per accepted connection, the index of the pool member that got it (0 when not a pool). */
  connections: number[];
  /** "METHOD path" of every request answered or held, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFrontEnd(description: FrontEndDescription): Promise<RunningFrontEnd> {
  const members: MemberBehaviour[] = description.behaviour.kind === 'pool' ? description.behaviour.members : [description.behaviour];
  if (members.length === 0) throw new Error('a pool needs at least one member');
  const sockets = new Set<Socket>();
  const connections: number[] = [];
  const requests: string[] = [];

  // One (never listening) HTTPS server per member: the TCP server hands it the connections the member gets.
  const httpsServers = members.map((member) =>
    isHttp(member)
      ? createHttpsServer({ cert: description.tls.cert, key: description.tls.key }, (req, res) => {
          requests.push(`${req.method} ${req.url}`);
          const answer = () => respond(member, req, res);
          if (description.latencyMs) setTimeout(answer, description.latencyMs);
          else answer();
        })
      : null,
  );
  // A TLS client that gives up mid-handshake is not the server's problem.
  for (const server of httpsServers) server?.on('tlsClientError', () => undefined);

  let next = 0;
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const index = next++ % members.length;
    connections.push(index);
    const member = members[index]!;
    if (member.kind === 'reset') socket.resetAndDestroy();
    else if (member.kind === 'accept-and-hang') return;
    else if (description.handshakeLatencyMs)
      setTimeout(() => httpsServers[index]!.emit('connection', socket), description.handshakeLatencyMs);
    else httpsServers[index]!.emit('connection', socket);
  });

  const port = await listenOn(tcp, description.address, description.port ?? 0);

  return {
    address: description.address,
    port,
    connections,
    requests,
    async close() {
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const server of httpsServers) (server as HttpsServer | null)?.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function isHttp(member: MemberBehaviour): member is HttpBehaviour {
  return member.kind !== 'reset' && member.kind !== 'accept-and-hang';
}

export interface RunningFrontEnds {
  /** The port every front end listens on (probes use one --https-port). */
  port: number;
  frontEnds: RunningFrontEnd[];
  close(): Promise<void>;
}

/**
 * Starts several front ends on distinct addresses and one common port: the first picks a free port (or uses
 * `port`), the others take the same; with a picked port, a clash on another address retries with a new one.
 */
export async function startFrontEnds(descriptions: readonly Omit<FrontEndDescription, 'port'>[], port = 0): Promise<RunningFrontEnds> {
  for (let attempt = 0; ; attempt++) {
    const started: RunningFrontEnd[] = [];
    try {
      for (const description of descriptions) {
        started.push(await startFrontEnd({ ...description, port: started[0]?.port ?? port }));
      }
      return {
        port: started[0]?.port ?? port,
        frontEnds: started,
        close: async () => void (await Promise.all(started.map((frontEnd) => frontEnd.close()))),
      };
    } catch (error) {
      await Promise.all(started.map((frontEnd) => frontEnd.close()));
      if (port !== 0 || attempt >= 10 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
