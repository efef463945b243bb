// What the lab's HTTPS front ends answer, as data. Each behaviour imitates something an assessment meets on
// the Internet side of Exchange: a 2016 CU3+/2019/SE front end, a 2013 one, a pre-authenticating gateway, a
// WAF, and the failures (silence, reset). Header and challenge shapes: docs/facts/http.md.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ExchangeServerIdentity {
  /** NetBIOS name, as X-FEServer/X-BEServer carry it, e.g. "EX16A". */
  name: string;
  /** Lower-case FQDN, as X-CalculatedBETarget carries it. */
  fqdn: string;
  /** Short build, e.g. "15.1.2507.6" (2016 CU23), "15.2.2562.17" (SE RTM), "15.0.1497.2" (2013 CU23). */
  build: string;
}

export interface OAuthChallenge {
  clientId: string;
  /** `<issuerAppId>@<realm>` entries, e.g. "00000001-0000-0000-c000-000000000000@<tenantId>". */
  trustedIssuers: string[];
  /** Present with Hybrid Modern Authentication (an EvoSTS auth server as default authorization endpoint). */
  authorizationUri: string | null;
}

export type FrontEndBehaviour =
  /** Exchange 2016 CU3+, 2019 or SE: 401 Bearer on /api, Autodiscover v2 JSON, Exchange headers. */
  | {
      kind: 'exchange';
      server: ExchangeServerIdentity;
      backEnd?: ExchangeServerIdentity;
      oauth: OAuthChallenge | null;
      restUrl: string;
      ewsUrl: string;
    }
  /** Exchange 2013: no /api (404 from IIS), no Autodiscover v2, a 15.0 build in X-OWA-Version. */
  | { kind: 'exchange-2013'; server: ExchangeServerIdentity }
  /** A reverse proxy that sends every unauthenticated request to its sign-in page. */
  | { kind: 'pre-auth-gateway'; signInUrl: string }
  /** A web application firewall that blocks the paths. */
  | { kind: 'waf' }
  /** TLS completes, HTTP requests are read and never answered. */
  | { kind: 'no-http-response' }
  /** TCP is accepted and nothing is ever sent: the TLS handshake never completes. */
  | { kind: 'accept-and-hang' }
  /** TCP is accepted and reset at once. */
  | { kind: 'reset' }
  /** A load balancer: each new connection goes to the next member, round robin. */
  | { kind: 'pool'; members: Exclude<FrontEndBehaviour, { kind: 'pool' }>[] };

export type MemberBehaviour = Exclude<FrontEndBehaviour, { kind: 'pool' }>;
export type HttpBehaviour = Extract<
  MemberBehaviour,
  { kind: 'exchange' | 'exchange-2013' | 'pre-auth-gateway' | 'waf' | 'no-http-response' }
>;

/** The Exchange (Online) first-party application id: client_id of every Exchange Bearer challenge. */
export const EXCHANGE_CLIENT_ID = '00000002-0000-0ff1-ce00-000000000000';

/** "15.1.2507.6" → "Exchange/15.01.2507.006", the long form of X-ServerApplication. */
export function serverApplication(build: string): string {
  const [major = '0', minor = '0', buildNumber = '0', revision = '0'] = build.split('.');
  return `Exchange/${major}.${minor.padStart(2, '0')}.${buildNumber.padStart(4, '0')}.${revision.padStart(3, '0')}`;
}

export function bearerChallenge(oauth: OAuthChallenge): string {
  const params = [
    `client_id="${oauth.clientId}"`,
    `trusted_issuers="${oauth.trustedIssuers.join(',')}"`,
    'token_types="app_asserted_user_v1 service_asserted_app_v1"',
    ...(oauth.authorizationUri ? [`authorization_uri="${oauth.authorizationUri}"`] : []),
  ];
  return `Bearer ${params.join(', ')}`;
}

/**
 * What Exchange's EWS virtual directory offers an anonymous request: OAuth (when configured) next to the Windows and
 * Basic schemes of its default authentication methods.
 */
export function ewsChallenges(oauth: OAuthChallenge | null, host: string): string[] {
  return [...(oauth ? [bearerChallenge(oauth)] : []), 'Negotiate', 'NTLM', `Basic realm="${host}"`];
}

const IIS_404 =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><html><head><title>404 - File or directory not found.</title></head>' +
  '<body><h2>404 - File or directory not found.</h2><h3>The resource you are looking for might have been removed.</h3></body></html>';

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body = ''): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function hostOf(req: IncomingMessage): string {
  return req.headers.host ?? 'localhost';
}

function owaRedirect(req: IncomingMessage, server: ExchangeServerIdentity, res: ServerResponse): void {
  const back = encodeURIComponent(`https://${hostOf(req)}/owa/`).toLowerCase();
  send(res, 302, {
    location: `https://${hostOf(req)}/owa/auth/logon.aspx?url=${back}&reason=0`,
    'x-owa-version': server.build,
    'x-feserver': server.name,
    'request-id': randomUUID(),
    server: 'Microsoft-IIS/10.0',
  });
}

function autodiscoverJson(
  behaviour: Extract<HttpBehaviour, { kind: 'exchange' }>,
  url: URL,
  res: ServerResponse,
  backEnd: ExchangeServerIdentity,
): void {
  const protocol = url.searchParams.get('Protocol') ?? url.searchParams.get('protocol') ?? '';
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'x-feserver': behaviour.server.name,
    'x-beserver': backEnd.name,
    'x-calculatedbetarget': backEnd.fqdn,
    'x-serverapplication': serverApplication(backEnd.build),
    'request-id': randomUUID(),
  };
  const urls: Record<string, string> = { rest: behaviour.restUrl, ews: behaviour.ewsUrl };
  const target = urls[protocol.toLowerCase()];
  if (target) send(res, 200, headers, JSON.stringify({ Protocol: protocol, Url: target }));
  else
    send(
      res,
      400,
      { ...headers, jsonerror: 'true' },
      JSON.stringify({
        ErrorCode: 'InvalidProtocol',
        ErrorMessage: `The given protocol value '${protocol}' is invalid. Supported values are 'Rest,Ews'`,
      }),
    );
}

function exchange(behaviour: Extract<HttpBehaviour, { kind: 'exchange' }>, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', `https://${hostOf(req)}`);
  const path = url.pathname.toLowerCase();
  const backEnd = behaviour.backEnd ?? behaviour.server;
  if (path.startsWith('/autodiscover/autodiscover.json')) return autodiscoverJson(behaviour, url, res, backEnd);
  if (path === '/api' || path.startsWith('/api/')) {
    const challenges = [
      ...(behaviour.oauth ? [bearerChallenge(behaviour.oauth)] : []),
      `Basic realm="${hostOf(req).replace(/:\d+$/, '')}"`,
    ];
    return send(res, 401, {
      'www-authenticate': challenges,
      'x-feserver': behaviour.server.name,
      'request-id': randomUUID(),
      server: 'Microsoft-IIS/10.0',
    });
  }
  if (path === '/owa' || path.startsWith('/owa/')) return owaRedirect(req, behaviour.server, res);
  if (path === '/ews' || path.startsWith('/ews/')) {
    return send(res, 401, {
      'www-authenticate': ewsChallenges(behaviour.oauth, hostOf(req).replace(/:\d+$/, '')),
      'x-feserver': behaviour.server.name,
      'request-id': randomUUID(),
      server: 'Microsoft-IIS/10.0',
      'x-powered-by': 'ASP.NET',
    });
  }
  send(res, 404, { 'content-type': 'text/html', server: 'Microsoft-IIS/10.0' }, IIS_404);
}

function exchange2013(behaviour: Extract<HttpBehaviour, { kind: 'exchange-2013' }>, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', `https://${hostOf(req)}`).pathname.toLowerCase();
  if (path === '/owa' || path.startsWith('/owa/')) return owaRedirect(req, behaviour.server, res);
  // No /api virtual directory and no Autodiscover v2: IIS answers for the missing paths itself.
  send(res, 404, { 'content-type': 'text/html', server: 'Microsoft-IIS/8.5' }, IIS_404);
}

/** Answers one request as the behaviour says; `no-http-response` never answers. */
export function respond(behaviour: HttpBehaviour, req: IncomingMessage, res: ServerResponse): void {
  switch (behaviour.kind) {
    case 'exchange':
      return exchange(behaviour, req, res);
    case 'exchange-2013':
      return exchange2013(behaviour, req, res);
    case 'pre-auth-gateway': {
      const back = encodeURIComponent(`https://${hostOf(req)}${req.url ?? '/'}`);
      const location = `${behaviour.signInUrl}${behaviour.signInUrl.includes('?') ? '&' : '?'}redirect=${back}`;
      return send(
        res,
        302,
        { location, 'content-type': 'text/html', server: 'gateway' },
        `<html><body>Object moved to <a href="${location}">here</a>.</body></html>`,
      );
    }
    case 'waf':
      return send(
        res,
        403,
        { 'content-type': 'text/html', server: 'waf' },
        '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>',
      );
    case 'no-http-response':
      return;
  }
}
