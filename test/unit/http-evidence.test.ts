import { describe, expect, it } from 'vitest';
import { exchangeOnlineZoneOf, hostOfUrl } from '../../checks/lib/exchange-online.js';
import {
  bearerEvidence,
  classifyRestResponse,
  exchangeSignals,
  looksLikeSignInPage,
  redirectEvidence,
  shortExcerpt,
} from '../../checks/lib/http-evidence.js';
import type { AuthChallenge, HttpExchange } from '../../src/inventory/artifacts.js';

const url = 'https://mail.contoso.com/api/v2.0/me';
const tenant = '5de110f8-2e0f-4d45-891d-bcf2218e253d';
// The challenge of Microsoft's HMA document (docs/facts/http.md §3), as the collector parses it.
const exchangeBearer: AuthChallenge = {
  scheme: 'Bearer',
  params: {
    client_id: '00000002-0000-0ff1-ce00-000000000000',
    trusted_issuers: `00000001-0000-0000-c000-000000000000@${tenant},00000004-0000-0ff1-ce00-000000000000@contoso.com`,
    token_types: 'app_asserted_user_v1 service_asserted_app_v1',
    authorization_uri: 'https://login.windows.net/common/oauth2/authorize',
  },
};
const basic: AuthChallenge = { scheme: 'Basic', params: { realm: 'mail.contoso.com' } };

function response(status: number | null, headers: Record<string, string[]> = {}, bodyExcerpt: string | null = null): HttpExchange {
  return { url, status, headers, bodyExcerpt, error: status === null ? { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } : null };
}

describe('bearerEvidence', () => {
  it('reads client_id, the cloud trust realm and the HMA authorization_uri', () => {
    expect(bearerEvidence([basic, exchangeBearer])).toEqual({
      clientId: '00000002-0000-0ff1-ce00-000000000000',
      clientIdIsExchange: true,
      trustedIssuers: [`00000001-0000-0000-c000-000000000000@${tenant}`, '00000004-0000-0ff1-ce00-000000000000@contoso.com'],
      cloudTrustRealms: [tenant],
      authorizationUri: 'https://login.windows.net/common/oauth2/authorize',
      error: null,
    });
  });

  it('is null without a Bearer challenge and tolerates a bare Bearer', () => {
    expect(bearerEvidence([basic])).toBeNull();
    expect(bearerEvidence([{ scheme: 'bearer', params: {} }])).toMatchObject({
      clientId: null,
      clientIdIsExchange: false,
      cloudTrustRealms: [],
    });
  });
});

describe('exchangeSignals', () => {
  it('lists Exchange headers, repeated ones included, and the Exchange client_id', () => {
    expect(
      exchangeSignals({ 'x-feserver': ['EX01', 'EXO-HOP'], 'request-id': ['abc'], server: ['Microsoft-IIS/10.0'] }, [exchangeBearer]),
    ).toEqual(['x-feserver: EX01', 'x-feserver: EXO-HOP', 'request-id: abc', 'Bearer client_id=00000002-0000-0ff1-ce00-000000000000']);
  });

  it('finds none on a plain gateway answer', () => {
    expect(exchangeSignals({ server: ['BigIP'] }, [])).toEqual([]);
  });
});

describe('looksLikeSignInPage', () => {
  it.each([
    '<html><body><form method="post"><input type="password" name="pw"></form></body></html>',
    '<!DOCTYPE html><html><form action="/my.policy">Username</form></html>',
  ])('recognises a sign-in form', (body) => {
    expect(looksLikeSignInPage(body)).toBe(true);
  });

  it.each([null, '', '{"error":"x"}', '<html><body>Service unavailable</body></html>'])('does not call %j a sign-in page', (body) => {
    expect(looksLikeSignInPage(body)).toBe(false);
  });
});

describe('redirectEvidence', () => {
  it('tells sign-in pages and other hosts from same-host redirects', () => {
    expect(redirectEvidence(url, 'https://sts.contoso.com/adfs/ls/?wa=wsignin1.0')).toMatchObject({
      toOtherHost: true,
      toSignInPage: true,
    });
    expect(redirectEvidence(url, '/my.policy')).toMatchObject({ host: null, toOtherHost: false, toSignInPage: true });
    expect(redirectEvidence(url, 'https://MAIL.contoso.com/api/v2.0/me/')).toMatchObject({ toOtherHost: false, toSignInPage: false });
  });
});

describe('classifyRestResponse', () => {
  it.each<[string, HttpExchange, AuthChallenge[], string]>([
    ['401 with an Exchange Bearer challenge', response(401, { 'x-feserver': ['EX01'] }), [exchangeBearer, basic], 'oauth-challenge'],
    ['401 with any Bearer challenge', response(401), [{ scheme: 'Bearer', params: {} }], 'oauth-challenge'],
    ['401 Basic/NTLM from a gateway', response(401, { server: ['BigIP'] }), [basic, { scheme: 'NTLM', params: {} }], 'gateway-block'],
    ['401 Negotiate from Exchange', response(401, { 'x-feserver': ['EX01'] }), [{ scheme: 'Negotiate', params: {} }], 'oauth-not-offered'],
    ['302 to ADFS', response(302, { location: ['https://sts.contoso.com/adfs/ls/'] }), [], 'preauth-redirect'],
    ['302 to another host', response(302, { location: ['https://portal.contoso.com/'] }), [], 'preauth-redirect'],
    ['301 to the same path with a slash', response(301, { location: ['/api/v2.0/me/'] }), [], 'other'],
    ['200 sign-in form', response(200, {}, '<html><form><input type="password"></form></html>'), [], 'preauth-redirect'],
    ['200 JSON', response(200, {}, '{"value":[]}'), [], 'other'],
    ['403 from a WAF', response(403, { server: ['cloudflare'] }), [], 'gateway-block'],
    ['407 proxy auth', response(407), [{ scheme: 'Basic', params: {} }], 'gateway-block'],
    ['503 from a load balancer', response(503), [], 'gateway-block'],
    ['500 from Exchange', response(500, { 'x-feserver': ['EX01'] }), [], 'other'],
    ['404', response(404, { server: ['Microsoft-IIS/10.0'] }), [], 'not-found'],
    ['refused', response(null), [], 'unreachable'],
  ])('%s → %s', (_, exchange, challenges, kind) => {
    expect(classifyRestResponse(exchange, challenges).kind).toBe(kind);
  });
});

describe('exchange-online hosts', () => {
  it.each([
    ['autodiscover.outlook.com', 'outlook.com'],
    ['outlook.office365.com', 'office365.com'],
    ['Outlook.Office.com.', 'office.com'],
    ['autodiscover.contoso.onmicrosoft.com', 'onmicrosoft.com'],
    ['webmail.apps.mil', 'apps.mil'],
    ['mail.contoso.com', null],
    ['notoutlook.com', null],
  ])('%s belongs to %s', (host, zone) => {
    expect(exchangeOnlineZoneOf(host)).toBe(zone);
  });

  it('reads hosts of absolute URLs only', () => {
    expect(hostOfUrl('https://Outlook.Office365.com/api')).toBe('outlook.office365.com');
    expect(hostOfUrl('/api')).toBeNull();
    expect(hostOfUrl('https://')).toBeNull();
  });
});

describe('shortExcerpt', () => {
  it('flattens and cuts long bodies and names empty ones', () => {
    expect(shortExcerpt('a\n  b')).toBe('a b');
    expect(shortExcerpt('x'.repeat(200), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(shortExcerpt(null)).toBe('(empty body)');
  });
});
