// The lab's load balancer in front of Exchange: one TLS virtual server per address (a public and, if the scenario
// has one, an internal VIP), all on one port, handing each new connection to the next member of a pool as real
// balancers do — with content switching on the connection's first request, as F5 and NetScaler templates for
// Exchange configure it: Autodiscover and /api go to the pool of REST-capable members, everything else (OWA…) to the
// general pool. A connection stays on its member. Members answer as src/lab/front-end-behaviours.ts describes;
// an optional pre-authenticating gateway answers some paths itself.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { type HttpBehaviour, respond } from './front-end-behaviours.js';
import { listenOn } from './listen.js';

export interface LoadBalancerRoute {
  /** Lower-case path prefixes, e.g. "/autodiscover/", "/api/". */
  prefixes: readonly string[];
  /** Members in rotation order; a member may appear several times. */
  pool: readonly HttpBehaviour[];
}

export interface LoadBalancerDescription {
  /** Loopback addresses of the virtual servers, e.g. ["127.0.0.42"]. */
  addresses: readonly string[];
  /** 0 (default) picks a free port, the same on every address. */
  port?: number;
  tls: { cert: string; key: string };
  routes: readonly LoadBalancerRoute[];
  /** Where a connection whose first request matches no route goes. */
  defaultPool: readonly HttpBehaviour[];
  /** A gateway that pre-authenticates these path prefixes: it answers them with its sign-in redirect. */
  preAuthentication?: { prefixes: readonly string[]; signInUrl: string };
}

export interface RunningLoadBalancer {
  port: number;
  addresses: string[];
  /** "address METHOD path → member" of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

function memberName(member: HttpBehaviour): string {
  return 'server' in member ? member.server.name : member.kind;
}

function matchesPrefix(path: string, prefixes: readonly string[]): boolean {
  const lower = path.toLowerCase();
  return prefixes.some((prefix) => lower.startsWith(prefix) || `${lower}/` === prefix);
}

export async function startLoadBalancer(description: LoadBalancerDescription): Promise<RunningLoadBalancer> {
  if (description.defaultPool.length === 0 || description.routes.some((route) => route.pool.length === 0))
    throw new Error('every pool needs a member');
  const requests: string[] = [];
  const affinity = new WeakMap<Socket, HttpBehaviour>();
  const turns = new Map<readonly HttpBehaviour[], number>();

  const nextOf = (pool: readonly HttpBehaviour[]): HttpBehaviour => {
    const turn = turns.get(pool) ?? 0;
    turns.set(pool, turn + 1);
    return pool[turn % pool.length]!;
  };

  const handler = (address: string) => (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'https://lab').pathname;
    const gateway = description.preAuthentication;
    if (gateway && matchesPrefix(path, gateway.prefixes)) {
      requests.push(`${address} ${req.method} ${req.url} → gateway`);
      return respond({ kind: 'pre-auth-gateway', signInUrl: gateway.signInUrl }, req, res);
    }
    let member = affinity.get(req.socket);
    if (!member) {
      const route = description.routes.find((candidate) => matchesPrefix(path, candidate.prefixes));
      member = nextOf(route?.pool ?? description.defaultPool);
      affinity.set(req.socket, member);
    }
    requests.push(`${address} ${req.method} ${req.url} → ${memberName(member)}`);
    respond(member, req, res);
  };

  for (let attempt = 0; ; attempt++) {
    const servers: Server[] = [];
    try {
      let port = description.port ?? 0;
      for (const address of description.addresses) {
        const server = createServer({ cert: description.tls.cert, key: description.tls.key }, handler(address));
        // A client that gives up mid-handshake is not the balancer's problem.
        server.on('tlsClientError', () => undefined);
        port = await listenOn(server, address, port);
        servers.push(server);
      }
      return {
        port,
        addresses: [...description.addresses],
        requests,
        async close() {
          await Promise.all(
            servers.map((server) => {
              const closed = new Promise<void>((resolve) => server.close(() => resolve()));
              server.closeAllConnections();
              return closed;
            }),
          );
        },
      };
    } catch (error) {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      // With a picked port, another address may have it taken already: pick again.
      if (description.port || attempt >= 10 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
