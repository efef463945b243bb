import { describe, expect, it } from 'vitest';
import { autodiscoverPath, mailboxesForDomain, parseAutodiscoverJson } from '../../src/collectors/https/autodiscover-probe.js';
import type { HttpExchange } from '../../src/inventory/artifacts.js';

const answer = (status: number, body: string): HttpExchange => ({
  url: 'https://autodiscover.contoso.com/',
  status,
  headers: {},
  bodyExcerpt: body,
  error: null,
});

describe('Autodiscover v2 probe requests', () => {
  it('builds only the plain documented form', () => {
    expect(autodiscoverPath('alice@contoso.com', 'Rest')).toBe('/autodiscover/autodiscover.json/v1.0/alice@contoso.com?Protocol=Rest');
    expect(autodiscoverPath("o'brien+x@contoso.com", 'Ews')).toBe(
      "/autodiscover/autodiscover.json/v1.0/o'brien%2Bx@contoso.com?Protocol=Ews",
    );
  });

  it('refuses addresses that would put a path, query or second @ into the URL (the ProxyShell shapes)', () => {
    for (const mailbox of [
      'a@b/owa/',
      'autodiscover.json?@evil.com',
      'a@b@c',
      'a@b?x=1',
      'a@b#f',
      'a@b&Email=autodiscover/autodiscover.json',
      'nobody',
      'a b@c',
    ]) {
      expect(() => autodiscoverPath(mailbox, 'Rest')).toThrow(/not a plain SMTP address/);
    }
  });

  it('uses the mailboxes at the domain, or one recognisably made-up address', () => {
    expect(mailboxesForDomain('contoso.com', ['alice@contoso.com', 'bob@fabrikam.com', 'Carol@CONTOSO.com'])).toEqual([
      'alice@contoso.com',
      'Carol@CONTOSO.com',
    ]);
    expect(mailboxesForDomain('fabrikam.net', ['alice@contoso.com'])).toEqual(['hybrid-readiness-probe@fabrikam.net']);
  });

  it('parses {Protocol, Url} in any casing from a 200, and nothing else', () => {
    expect(parseAutodiscoverJson(answer(200, '{"Protocol":"Rest","Url":"https://mail.contoso.com/api"}'))).toEqual({
      protocol: 'Rest',
      url: 'https://mail.contoso.com/api',
    });
    expect(parseAutodiscoverJson(answer(200, '{"protocol":"rest","url":"https://mail.contoso.com/api"}'))).toEqual({
      protocol: 'rest',
      url: 'https://mail.contoso.com/api',
    });
    expect(parseAutodiscoverJson(answer(400, '{"ErrorCode":"InvalidProtocol","ErrorMessage":"x"}'))).toBeNull();
    expect(parseAutodiscoverJson(answer(200, '<html>sign in</html>'))).toBeNull();
    expect(parseAutodiscoverJson(answer(200, '{"Protocol":"Rest"}'))).toBeNull();
    expect(parseAutodiscoverJson(answer(200, '[1,2]'))).toBeNull();
  });
});
