import { describe, expect, it } from 'vitest';
import { defaultResolvers, parseResolver, resolversFrom } from '../../src/clients/dns.js';
import { UsageError } from '../../src/errors.js';

describe('--resolver values', () => {
  it('reads an IP with an optional port as UDP with a TCP fallback on the same port', () => {
    expect(parseResolver('127.0.0.1:5353')).toEqual({
      id: 'udp:127.0.0.1:5353',
      protocol: 'udp',
      address: '127.0.0.1:5353',
      transports: [
        { kind: 'udp', host: '127.0.0.1', port: 5353 },
        { kind: 'tcp', host: '127.0.0.1', port: 5353 },
      ],
    });
    expect(parseResolver('1.1.1.1').transports[0]).toEqual({ kind: 'udp', host: '1.1.1.1', port: 53 });
    expect(parseResolver('[::1]:5353')).toMatchObject({
      id: 'udp:[::1]:5353',
      transports: [
        { host: '::1', port: 5353 },
        { host: '::1', port: 5353 },
      ],
    });
    expect(parseResolver('2001:db8::53').transports[0]).toEqual({ kind: 'udp', host: '2001:db8::53', port: 53 });
  });

  it('reads an https:// URL as DNS-over-HTTPS only', () => {
    expect(parseResolver('https://127.0.0.1:8443/dns-query')).toEqual({
      id: 'doh:https://127.0.0.1:8443/dns-query',
      protocol: 'doh',
      address: 'https://127.0.0.1:8443/dns-query',
      transports: [{ kind: 'doh', url: 'https://127.0.0.1:8443/dns-query' }],
    });
  });

  it('refuses anything else with a message that names the value and the accepted forms', () => {
    for (const bad of ['dns.google', '127.0.0.1:99999', 'http://127.0.0.1/dns-query', '300.1.1.1', '127.0.0.1:', '']) {
      expect(() => parseResolver(bad)).toThrow(UsageError);
    }
    expect(() => parseResolver('dns.google')).toThrow(/--resolver "dns\.google": expected an IP address/);
  });

  it('defaults to three public resolvers over DoH by IP, each falling back to UDP then TCP', () => {
    const defaults = resolversFrom([]);
    expect(defaults).toEqual(defaultResolvers());
    expect(defaults.map((resolver) => resolver.id)).toEqual([
      'doh:https://1.1.1.1/dns-query',
      'doh:https://8.8.8.8/dns-query',
      'doh:https://9.9.9.9/dns-query',
    ]);
    expect(defaults[0]!.transports.map((transport) => transport.kind)).toEqual(['doh', 'udp', 'tcp']);
  });
});
