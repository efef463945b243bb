// A loopback HTTPS stand-in for Microsoft Graph and the Entra login host, driven by a scenario (graph-scenario.ts):
// it issues tokens for registered secrets and certificates, serves the organization and users, and misbehaves on
// demand (403, 429 with Retry-After, 500, never answering). One origin serves both, so --graph-url and --login-url
// may be the same URL.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { listApplications, servicePrincipals } from './graph-lab-applications.js';
import { authenticate, type GraphContext, getOrganization, getUser, graphError, listUsers } from './graph-lab-graph.js';
import {
  aadstsError,
  instanceDiscovery,
  type LoginContext,
  mintAccessToken,
  openIdConfiguration,
  signingKeys,
  tokenEndpoint,
} from './graph-lab-login.js';
import type { LabAnswer, LabJsonAnswer, LabRequest } from './graph-lab-types.js';
import { type Fault, type FaultTarget, GraphLabScenario, type GraphLabScenarioInput } from './graph-scenario.js';
import { type CertificateAuthority, createCertificateAuthority } from './pki.js';

export type { LabRequest } from './graph-lab-types.js';

export interface GraphLabServerOptions {
  /** Loopback address to listen on; 127.0.0.1 by default. */
  host?: string;
  port?: number;
  /** The CA that signs the server certificate; a fresh one per server by default. */
  ca?: CertificateAuthority;
}

export interface GraphLabServer {
  /** https://127.0.0.1:PORT — both --graph-url and --login-url. */
  readonly url: string;
  readonly graphUrl: string;
  readonly loginUrl: string;
  /** PEM of the CA that signed the server certificate (--ca-file). */
  readonly caPem: string;
  readonly scenario: GraphLabScenario;
  /** Every request in order, without bodies or headers. */
  readonly requests: readonly LabRequest[];
  /** An access token as the token endpoint would issue it (for --graph-token-env). */
  mintToken(options: { clientId: string; roles: readonly string[]; audience?: string; lifetimeSeconds?: number }): string;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 64 * 1024;

export async function startGraphLabServer(input: GraphLabScenarioInput, options: GraphLabServerOptions = {}): Promise<GraphLabServer> {
  const scenario = GraphLabScenario.parse(input);
  const host = options.host ?? '127.0.0.1';
  if (!/^127\.|^::1$|^localhost$/.test(host)) throw new Error(`the Graph lab listens on loopback only, not ${host}`);
  const ca = options.ca ?? (await createCertificateAuthority('hybrid-readiness Graph lab CA'));
  const serverCert = await ca.issue({ names: [host === 'localhost' ? '127.0.0.1' : host, 'localhost'] });
  const { privateKey: signingKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomUUID();

  const requests: LabRequest[] = [];
  const faultHits = new Map<Fault, number>();
  const hanging = new Set<ServerResponse>();
  let origin = '';

  const server: Server = createServer({ cert: serverCert.cert, key: serverCert.key }, (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, graphError(500, 'InternalServerError', `lab failure: ${(error as Error).message}`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const target = targetOf(url.pathname);
    const log = (status: number | 'hang') => requests.push({ method, url: `${url.pathname}${url.search}`, target, status });
    const loginContext: LoginContext = { origin, scenario, signingKey, publicKey, keyId };
    const graphContext: GraphContext = { origin, scenario, publicKey };

    const answer = async (): Promise<LabAnswer> => {
      // Login host: faults first (the real one throttles before it reads credentials).
      if (target === 'token' || target === 'discovery') {
        const fault = nextFault(target);
        if (fault) return faultAnswer(fault, target);
      }
      const segments = url.pathname.split('/').filter(Boolean);
      if (target === 'discovery') {
        if (url.pathname === '/common/discovery/instance') return instanceDiscovery(loginContext);
        if (segments[2] === 'keys') return signingKeys(loginContext);
        return openIdConfiguration(loginContext, segments[0] ?? '');
      }
      if (target === 'token') {
        if (method !== 'POST') return aadstsError(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
        return tokenEndpoint(loginContext, segments[0] ?? '', new URLSearchParams(await readBody(req)));
      }
      if (target === 'applications' || target === 'servicePrincipals') {
        if (method !== 'GET') return graphError(405, 'Request_BadRequest', 'The lab serves GET only.');
        const caller = authenticate(graphContext, req.headers.authorization);
        if ('status' in caller) return caller;
        const fault = nextFault(target);
        if (fault) return faultAnswer(fault, target);
        return target === 'applications'
          ? listApplications(graphContext, caller, url.searchParams)
          : servicePrincipals(graphContext, caller, segments.slice(1), url.searchParams);
      }
      if (target === 'organization' || target === 'users') {
        if (method !== 'GET') return graphError(405, 'Request_BadRequest', 'The lab serves GET only.');
        const caller = authenticate(graphContext, req.headers.authorization);
        if ('status' in caller) return caller;
        const fault = nextFault(target);
        if (fault) return faultAnswer(fault, target);
        if (target === 'organization') return getOrganization(graphContext, caller, url.searchParams);
        const id = segments[2];
        return id === undefined
          ? listUsers(graphContext, caller, url.searchParams)
          : getUser(graphContext, caller, decodeURIComponent(id), url.searchParams);
      }
      return graphError(404, 'UnknownError', `The lab does not serve ${method} ${url.pathname}.`);
    };

    const result = await answer();
    if (result === 'hang') {
      log('hang');
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    log(result.status);
    send(res, result);
  }

  function nextFault(target: FaultTarget): Fault | null {
    for (const fault of scenario.faults) {
      if (fault.on !== target) continue;
      const hits = faultHits.get(fault) ?? 0;
      if (fault.times !== undefined && hits >= fault.times) continue;
      faultHits.set(fault, hits + 1);
      return fault;
    }
    return null;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `https://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const loginContext: LoginContext = { origin, scenario, signingKey, publicKey, keyId };

  return {
    url: origin,
    graphUrl: origin,
    loginUrl: origin,
    caPem: ca.cert,
    scenario,
    requests,
    mintToken: ({ clientId, roles, audience, lifetimeSeconds }) =>
      mintAccessToken(loginContext, clientId, roles, audience ?? origin, lifetimeSeconds),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function targetOf(pathname: string): LabRequest['target'] {
  if (/^\/v1\.0\/organization(\/[^/]+)?\/?$/i.test(pathname)) return 'organization';
  if (/^\/v1\.0\/users(\/[^/]+)?\/?$/i.test(pathname)) return 'users';
  if (/^\/v1\.0\/applications\/?$/.test(pathname)) return 'applications';
  if (/^\/v1\.0\/servicePrincipals(\(appId='[^/]*'\)|\/[^/]+)(\/appRoleAssignments)?\/?$/.test(pathname)) return 'servicePrincipals';
  if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(pathname)) return 'token';
  if (/^\/[^/]+(\/v2\.0)?\/\.well-known\/openid-configuration$/.test(pathname) || /^\/[^/]+\/discovery\/(v2\.0\/)?keys$/.test(pathname))
    return 'discovery';
  if (pathname === '/common/discovery/instance') return 'discovery';
  return 'other';
}

function faultAnswer(fault: Fault, target: FaultTarget): LabAnswer {
  if (fault.respond === 'hang') return 'hang';
  const { status, retryAfter, code, message } = fault.respond;
  const headers = retryAfter !== undefined ? { 'retry-after': retryAfter } : undefined;
  if (target === 'token' || target === 'discovery') {
    // AADSTS90055: too many requests to the tenant; AADSTS90033: a transient error at the login service.
    const answer = aadstsError(
      status,
      code ?? (status === 429 ? 'temporarily_unavailable' : 'server_error'),
      status === 429 ? 90055 : 90033,
      message ?? defaultMessage(status),
    );
    return headers ? { ...answer, headers } : answer;
  }
  return graphError(status, code ?? defaultGraphCode(status), message ?? defaultMessage(status), headers);
}

function defaultGraphCode(status: number): string {
  const codes: Record<number, string> = {
    403: 'Authorization_RequestDenied',
    404: 'Request_ResourceNotFound',
    429: 'TooManyRequests',
    503: 'ServiceUnavailable',
  };
  return codes[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequest');
}

function defaultMessage(status: number): string {
  if (status === 403) return 'Insufficient privileges to complete the operation.';
  if (status === 429) return 'Too many requests. Please retry after the time given in Retry-After.';
  if (status === 503) return 'The service is temporarily unavailable. Please retry after the time given in Retry-After.';
  if (status >= 500) return 'An internal server error occurred.';
  return 'The request was refused.';
}

function send(res: ServerResponse, answer: LabJsonAnswer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...answer.headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
