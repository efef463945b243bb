import { describe, expect, it } from 'vitest';
import { isExemptFromProxy, proxyFor } from '../../src/clients/proxy-env.js';

describe('HTTPS_PROXY / NO_PROXY for probes', () => {
  it('uses HTTPS_PROXY (or https_proxy) and strips credentials into a Proxy-Authorization value', () => {
    expect(proxyFor('mail.contoso.com', 443, {})).toBeNull();
    expect(proxyFor('mail.contoso.com', 443, { HTTPS_PROXY: 'http://127.0.0.40:3128' })).toEqual({
      origin: 'http://127.0.0.40:3128',
      authorization: null,
    });
    expect(proxyFor('mail.contoso.com', 443, { https_proxy: 'http://u%40x:p%3Aw@127.0.0.40:3128/' })).toEqual({
      origin: 'http://127.0.0.40:3128',
      authorization: `Basic ${Buffer.from('u@x:p:w').toString('base64')}`,
    });
    expect(proxyFor('mail.contoso.com', 443, { HTTPS_PROXY: '127.0.0.40:3128' })?.origin).toBe('http://127.0.0.40:3128');
  });

  it('matches NO_PROXY against the probed name like undici does: exact, subdomain, leading dot or *., port, *', () => {
    expect(isExemptFromProxy('mail.contoso.com', 443, 'contoso.com')).toBe(true);
    expect(isExemptFromProxy('mail.contoso.com', 443, '.contoso.com')).toBe(true);
    expect(isExemptFromProxy('mail.contoso.com', 443, '*.contoso.com')).toBe(true);
    expect(isExemptFromProxy('contoso.com', 443, 'contoso.com')).toBe(true);
    expect(isExemptFromProxy('mail.contoso.com', 443, 'notcontoso.com,fabrikam.com')).toBe(false);
    expect(isExemptFromProxy('mailcontoso.com', 443, 'contoso.com')).toBe(false);
    expect(isExemptFromProxy('mail.contoso.com', 443, 'contoso.com:8443')).toBe(false);
    expect(isExemptFromProxy('mail.contoso.com', 8443, 'contoso.com:8443')).toBe(true);
    expect(isExemptFromProxy('MAIL.Contoso.com', 443, ' fabrikam.com  CONTOSO.com ')).toBe(true);
    expect(isExemptFromProxy('anything', 443, '*')).toBe(true);
    expect(proxyFor('mail.contoso.com', 443, { HTTPS_PROXY: 'http://127.0.0.40:3128', NO_PROXY: 'contoso.com' })).toBeNull();
  });
});
