import { describe, expect, it } from 'vitest';
import { resolveGraphEndpoints } from '../../src/clients/graph-endpoints.js';
import { ConfigError } from '../../src/errors.js';

describe('resolveGraphEndpoints', () => {
  it('picks the national cloud hosts (docs/facts/graph.md §4)', () => {
    expect(resolveGraphEndpoints('global', null, null)).toEqual({
      graphUrl: 'https://graph.microsoft.com',
      loginUrl: 'https://login.microsoftonline.com',
      cloud: 'global',
    });
    expect(resolveGraphEndpoints('usgov', null, null)).toEqual({
      graphUrl: 'https://graph.microsoft.us',
      loginUrl: 'https://login.microsoftonline.us',
      cloud: 'usgov',
    });
    expect(resolveGraphEndpoints('usgovdod', null, null)).toEqual({
      graphUrl: 'https://dod-graph.microsoft.us',
      loginUrl: 'https://login.microsoftonline.us',
      cloud: 'usgovdod',
    });
    expect(resolveGraphEndpoints('china', null, null)).toEqual({
      graphUrl: 'https://microsoftgraph.chinacloudapi.cn',
      loginUrl: 'https://login.chinacloudapi.cn',
      cloud: 'china',
    });
  });

  it('records overrides as a custom cloud, keeping the origin only', () => {
    expect(resolveGraphEndpoints('global', 'https://127.0.0.1:8443/', null)).toEqual({
      graphUrl: 'https://127.0.0.1:8443',
      loginUrl: 'https://login.microsoftonline.com',
      cloud: 'custom',
    });
    expect(resolveGraphEndpoints('usgov', 'https://graph.microsoft.us', null).cloud).toBe('usgov');
  });

  it('refuses plain HTTP, paths and non-URLs', () => {
    expect(() => resolveGraphEndpoints('global', 'http://127.0.0.1:8080', null)).toThrow(ConfigError);
    expect(() => resolveGraphEndpoints('global', null, 'https://127.0.0.1:8443/tenant')).toThrow(/origin only/);
    expect(() => resolveGraphEndpoints('global', 'graph', null)).toThrow(/not a URL/);
  });
});
