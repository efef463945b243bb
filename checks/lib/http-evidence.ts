// Reading HTTP responses of Exchange front ends: who answered (Exchange or something in front of it),
// what the OAuth challenge says, and what an unauthenticated GET /api/v2.0/me amounts to.
// Header facts: docs/facts/http.md §1 and §3; the challenge format is Microsoft's HMA document:
// https://learn.microsoft.com/en-us/exchange/clients/outlook-for-ios-and-android/use-hybrid-modern-auth
import type { AuthChallenge, Headers, HttpExchange } from '../../src/inventory/artifacts.js';
import { hostOfUrl } from './exchange-online.js';

/** The Exchange (Online) first-party application id: the client_id of Exchange's Bearer challenge. */
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
/** The issuer id of Microsoft's token services (ACS/Entra ID); `<this>@<tenant>` in trusted_issuers is a cloud trust. */
export const CLOUD_ISSUER_APP_ID = '00000001-0000-0000-c000-000000000000';

export function headerValues(headers: Headers, name: string): string[] {
  return headers[name.toLowerCase()] ?? [];
}

export function firstHeader(headers: Headers, name: string): string | null {
  return headerValues(headers, name)[0] ?? null;
}

// Headers that Exchange's HTTP proxy adds. Any one of them can be copied by a clone (docs/facts/http.md §1), so they are
// signals, not proof; request-id is the weakest (other Microsoft services send it too).
const exchangeHeaders = ['x-feserver', 'x-beserver', 'x-calculatedbetarget', 'x-diaginfo', 'x-owa-version', 'request-id'];

/** Why we think Exchange answered, as "header: value" strings; empty when nothing points to Exchange. */
export function exchangeSignals(headers: Headers, challenges: readonly AuthChallenge[]): string[] {
  const signals: string[] = [];
  for (const name of exchangeHeaders) {
    for (const value of headerValues(headers, name)) signals.push(`${name}: ${value}`);
  }
  const bearer = bearerEvidence(challenges);
  if (bearer?.clientIdIsExchange) signals.push(`Bearer client_id=${EXCHANGE_APP_ID}`);
  return signals;
}

export interface BearerEvidence {
  clientId: string | null;
  clientIdIsExchange: boolean;
  trustedIssuers: string[];
  /** Realms (tenant ids) trusted for Microsoft's cloud issuer: the on-premises org accepts tokens of these tenants. */
  cloudTrustRealms: string[];
  /** Present only when an AzureAD auth server is the default authorization endpoint (Hybrid Modern Authentication). */
  authorizationUri: string | null;
  error: string | null;
}

function isBearer(challenge: AuthChallenge): boolean {
  return challenge.scheme.toLowerCase() === 'bearer';
}

/** What the first Bearer challenge says; null when there is none. */
export function bearerEvidence(challenges: readonly AuthChallenge[]): BearerEvidence | null {
  const bearer = challenges.find(isBearer);
  if (!bearer) return null;
  const clientId = bearer.params['client_id'] ?? null;
  const trustedIssuers = (bearer.params['trusted_issuers'] ?? '')
    .split(',')
    .map((issuer) => issuer.trim())
    .filter((issuer) => issuer.length > 0);
  const cloudTrustRealms = trustedIssuers
    .map((issuer) => issuer.split('@'))
    .filter(([appId, realm]) => appId?.toLowerCase() === CLOUD_ISSUER_APP_ID && realm !== undefined && realm !== '')
    .map(([, realm]) => realm as string);
  return {
    clientId,
    clientIdIsExchange: clientId?.toLowerCase() === EXCHANGE_APP_ID,
    trustedIssuers,
    cloudTrustRealms,
    authorizationUri: bearer.params['authorization_uri'] ?? null,
    error: bearer.params['error'] ?? null,
  };
}

/** An HTML page with a password field or a sign-in form: what pre-authenticating gateways serve. */
export function looksLikeSignInPage(body: string | null): boolean {
  if (body === null || !/<html|<!doctype html|<form/i.test(body)) return false;
  if (/<input[^>]+type\s*=\s*["']?password/i.test(body)) return true;
  return /<form/i.test(body) && /sign[\s-]?in|log[\s-]?in|logon|username|user name|password/i.test(body);
}

export function looksLikeHtml(body: string | null): boolean {
  return body !== null && /^\s*(<!doctype html|<html|<head|<body)/i.test(body);
}

const signInPathPattern = /login|logon|signin|sign-in|\/sso|saml|adfs|oauth2|authorize|\/owa\/auth|my\.policy|vdesk|\/auth\b/i;

export interface RedirectEvidence {
  location: string;
  /** Host of the Location when it is absolute; null when relative (same host). */
  host: string | null;
  toOtherHost: boolean;
  toSignInPage: boolean;
}

export function redirectEvidence(requestUrl: string, location: string): RedirectEvidence {
  const host = hostOfUrl(location);
  const requestHost = hostOfUrl(requestUrl);
  return {
    location,
    host,
    toOtherHost: host !== null && host !== requestHost,
    toSignInPage: signInPathPattern.test(location),
  };
}

export type RestResponseKind =
  /** 401 with a Bearer challenge: OAuth is offered, as Graph needs. */
  | 'oauth-challenge'
  /** A 3xx to a sign-in page or another host, or a 200 sign-in form: a pre-authenticating gateway. */
  | 'preauth-redirect'
  /** 403/407/5xx from something that is not Exchange, or 401 without Bearer and without Exchange headers. */
  | 'gateway-block'
  /** Exchange itself answered 401 but offers no Bearer challenge: OAuth is not enabled on /api. */
  | 'oauth-not-offered'
  | 'not-found'
  /** The request got no HTTP answer (refused, reset, timeout, TLS failure). */
  | 'unreachable'
  | 'other';

export interface RestResponseClassification {
  kind: RestResponseKind;
  status: number | null;
  /** Authentication schemes offered, in order. */
  schemes: string[];
  exchangeSignals: string[];
  bearer: BearerEvidence | null;
  redirect: RedirectEvidence | null;
  server: string | null;
}

/** Classifies the answer to an unauthenticated GET /api/v2.0/me. */
export function classifyRestResponse(response: HttpExchange, challenges: readonly AuthChallenge[]): RestResponseClassification {
  const location = firstHeader(response.headers, 'location');
  const base = {
    status: response.status,
    schemes: challenges.map((challenge) => challenge.scheme),
    exchangeSignals: exchangeSignals(response.headers, challenges),
    bearer: bearerEvidence(challenges),
    redirect: location === null ? null : redirectEvidence(response.url, location),
    server: firstHeader(response.headers, 'server'),
  };
  return { kind: restResponseKind(response, base), ...base };
}

function restResponseKind(
  response: HttpExchange,
  { status, exchangeSignals: signals, bearer, redirect }: Omit<RestResponseClassification, 'kind'>,
): RestResponseKind {
  if (response.error !== null || status === null) return 'unreachable';
  const fromExchange = signals.length > 0;
  if (status === 401) {
    if (bearer) return 'oauth-challenge';
    return fromExchange ? 'oauth-not-offered' : 'gateway-block';
  }
  if (status >= 300 && status < 400) {
    return redirect && (redirect.toSignInPage || redirect.toOtherHost) ? 'preauth-redirect' : 'other';
  }
  if (status === 200 && looksLikeSignInPage(response.bodyExcerpt)) return 'preauth-redirect';
  if (status === 404) return 'not-found';
  if ((status === 403 || status === 407 || status >= 500) && !fromExchange) return 'gateway-block';
  return 'other';
}

/** A short, single-line excerpt of a body for messages (the full excerpt stays in evidence). */
export function shortExcerpt(body: string | null, max = 160): string {
  if (body === null || body.trim() === '') return '(empty body)';
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
