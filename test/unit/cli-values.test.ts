import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputFormat } from '../../src/cli/resolve-assess.js';
import * as values from '../../src/cli/values.js';

describe('durationMinutes (--max-sync-age)', () => {
  it.each([
    ['90m', 90],
    ['3h', 180],
    ['1d', 1440],
    ['1w', 10080],
    ['1h30m', 90],
    [' 2H ', 120],
  ])('%s → %d minutes', (text, minutes) => {
    expect(values.durationMinutes(text)).toBe(minutes);
  });

  it.each(['180', '3 h', 'h', '', '-3h', '3s', '1.5h', '0m', 'three hours'])('refuses %j', (text) => {
    expect(() => values.durationMinutes(text)).toThrow(values.InvalidValue);
  });

  it('adds up any sequence of parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 50 }), (d, h, m) => {
        expect(values.durationMinutes(`${d}d${h}h${m}m`)).toBe(d * 1440 + h * 60 + m);
      }),
    );
  });
});

describe('cidr (--treat-as-public)', () => {
  it.each(['127.0.0.0/8', '192.0.2.0/24', '0.0.0.0/0', '2001:db8::/32', '::1/128'])('accepts %s', (text) => {
    expect(values.cidr(text)).toBe(text);
  });
  it.each(['127.0.0.0', '127.0.0.0/33', '::1/129', '300.0.0.0/8', 'localhost/8', '10.0.0.0/x'])('refuses %s', (text) => {
    expect(() => values.cidr(text)).toThrow(/CIDR/);
  });
});

describe('resolver (--resolver)', () => {
  it.each(['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '::1', 'https://cloudflare-dns.com/dns-query'])('accepts %s', (text) => {
    expect(values.resolver(text)).toBe(text);
  });
  it.each(['dns.google', '127.0.0.1:0', '127.0.0.1:70000', 'http://1.1.1.1/dns-query', 'localhost:53', '[127.0.0.1]:53'])(
    'refuses %s',
    (text) => {
      expect(() => values.resolver(text)).toThrow(values.InvalidValue);
    },
  );
});

describe('other values', () => {
  it('ports and timeouts are whole numbers in range', () => {
    expect(values.port('8443')).toBe(8443);
    expect(() => values.port('0')).toThrow(/between 1 and 65535/);
    expect(() => values.port('443x')).toThrow(/TCP port/);
    expect(values.timeoutMs('2500')).toBe(2500);
    expect(() => values.timeoutMs('1.5')).toThrow(/milliseconds/);
  });

  it('host names and mailboxes are lower-cased; junk is refused', () => {
    expect(values.hostName('Mail.Contoso.COM.')).toBe('mail.contoso.com');
    expect(() => values.hostName('localhost')).toThrow(/DNS name/);
    expect(() => values.hostName('-bad.contoso.com')).toThrow();
    expect(values.mailbox('Adele.Vance@Contoso.com')).toBe('adele.vance@contoso.com');
    expect(() => values.mailbox('adele')).toThrow(/SMTP address/);
  });

  it('URLs must use the expected scheme and carry no credentials', () => {
    expect(values.url('ldaps://dc01.contoso.com', ['ldap:', 'ldaps:'])).toBe('ldaps://dc01.contoso.com');
    expect(() => values.url('https://dc01', ['ldap:', 'ldaps:'])).toThrow(/ldap:\/\//);
    expect(() => values.url('ldaps://admin:pw@dc01', ['ldaps:'])).toThrow(/credentials/);
  });

  it('environment variable names, not values', () => {
    expect(values.environmentVariableName('HR_BIND_PASSWORD')).toBe('HR_BIND_PASSWORD');
    expect(() => values.environmentVariableName('P@ssw0rd!')).toThrow(/NAME of an environment variable/);
  });

  it('comma lists split, trim and de-duplicate', () => {
    expect(values.commaList(['a, b', 'c,a', ' ,'])).toEqual(['a', 'b', 'c']);
  });

  it('formats: every reporter, case-insensitive; others are refused with the list', () => {
    expect(outputFormat('JSON')).toBe('json');
    for (const format of ['table', 'markdown', 'html', 'junit', 'sarif']) expect(outputFormat(format)).toBe(format);
    expect(() => outputFormat('xml')).toThrow(/expected a format: table, json, markdown, html, junit, sarif; got "xml"/);
  });
});
