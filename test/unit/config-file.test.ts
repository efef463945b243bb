import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cli/config-file.js';
import type { RawFlags } from '../../src/cli/flags.js';
import { resolveEvaluation, resolveExceptions, resolveOutputs, resolveSelection } from '../../src/cli/resolve-assess.js';
import { resolveCollectOptions } from '../../src/cli/resolve-collect.js';
import { OptionSources } from '../../src/cli/sources.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { serverBuildCheck } from '../support/synthetic-checks.js';

const yaml = (text: string) => parseConfig(text, 'hr.yaml', '/etc/hr');
const sourcesOf = (text: string, flags: RawFlags = {}) => new OptionSources(flags, yaml(text));

describe('config file shape', () => {
  it('accepts every option, plus apis, pools and exceptions; paths are relative to the file', () => {
    const config = yaml(`
domains: [contoso.com]
namespaces: mail.contoso.com
mailboxes: [adele@contoso.com]
ldapUrl: ldaps://dc01.contoso.com
bindDn: CN=svc,DC=contoso,DC=com
bindPasswordEnv: HR_BIND
resolvers: [1.1.1.1]
httpsPort: 8443
treatAsPublic: [127.0.0.0/8]
caFile: pki/ca.pem
cloud: usgov
globalCatalog: true
timeout: 2000
skip: exchange-support-lifecycle
formats: [json]
outputs: { json: out/report.json }
failOn: warning
maxSyncAge: 90m
apis: ["GET /v1.0/me/messages", { method: post, url: /v1.0/me/sendMail }]
pools: [{ name: web, namespace: mail.contoso.com, members: [EX01, ex02] }]
exceptions: [{ check: exchange-2016-cu3, reason: lab box, owner: it-ops, expires: 2027-01-31 }]
`);
    expect(config.values.caFile).toBe('/etc/hr/pki/ca.pem');
    expect(config.values.namespaces).toBe('mail.contoso.com');
    expect(config.values.httpsPort).toBe(8443);
    expect(config.values.exceptions?.[0]?.owner).toBe('it-ops');
  });

  it('an empty file is an empty config', () => {
    expect(yaml('').values).toEqual({});
  });

  it('names an unknown key and suggests the one probably meant', () => {
    expect(() => yaml('namespace: mail.contoso.com')).toThrow(ConfigError);
    expect(() => yaml('namespace: mail.contoso.com')).toThrow(
      'config hr.yaml: (top level): unknown field "namespace" (did you mean "namespaces"?)',
    );
    expect(() => yaml('failon: warning')).toThrow(/did you mean "failOn"/);
  });

  it('refuses secrets in the file and says where they belong', () => {
    expect(() => yaml('bindPassword: hunter2')).toThrow(/secrets are never read from the config file.*bindPasswordEnv/);
    expect(() => yaml('clientSecret: abc')).toThrow(/clientSecretEnv/);
  });

  it('names the key and the expected type', () => {
    expect(() => yaml('httpsPort: [443]')).toThrow('config hr.yaml: httpsPort: expected a number');
    expect(() => yaml('globalCatalog: yes please')).toThrow(/globalCatalog: expected boolean \(got string\)/);
    expect(() => yaml('pools: [{ name: web, members: [] }]')).toThrow(/pools\[0\]\.members: a pool lists at least one member/);
    expect(() => yaml('exceptions: [{ check: x, reason: r, owner: o, expires: soon }]')).toThrow(
      /exceptions\[0\]\.expires: expected a date as YYYY-MM-DD/,
    );
  });

  it('reports YAML and JSON syntax errors on one line', () => {
    expect(() => yaml('domains: [contoso.com')).toThrow(/^config hr.yaml is not valid YAML: [^\n]+$/);
    expect(() => parseConfig('{"domains": ', 'hr.json', '/')).toThrow(/^config hr.json is not valid JSON/);
    expect(() => yaml('- just\n- a list')).toThrow(/must be a mapping/);
  });
});

describe('resolving config values', () => {
  const env = { HR_BIND: 's3cr3t-bind-value' };

  it('validates values with the flag parsers and names the key', async () => {
    await expect(resolveCollectOptions(sourcesOf('treatAsPublic: [127.0.0.0/8, nope]'), env, '/')).rejects.toThrow(
      'config hr.yaml: treatAsPublic[1]: expected an address range in CIDR notation',
    );
    await expect(resolveCollectOptions(sourcesOf('cloud: mars'), env, '/')).rejects.toThrow(
      /cloud: expected one of the clouds: global, usgov, usgovdod, china/,
    );
    expect(() => resolveEvaluation(sourcesOf('maxSyncAge: 180'))).toThrow(/maxSyncAge: expected a duration such as 90m/);
  });

  it('flags win over the config, lists included', async () => {
    const sources = sourcesOf('namespaces: [mail.contoso.com, owa.contoso.com]\ntimeout: 2000\nfailOn: warning', {
      namespace: ['webmail.contoso.com'],
      failOn: 'blocker',
    });
    const options = await resolveCollectOptions(sources, env, '/');
    expect(options.namespaces).toEqual(['webmail.contoso.com']);
    expect(options.timeoutMs).toBe(2000);
    expect(resolveEvaluation(sources).failOn).toBe('blocker');
  });

  it('a bad flag value is a usage error naming the flag', async () => {
    await expect(resolveCollectOptions(new OptionSources({ httpsPort: '99999' }, null), env, '/')).rejects.toThrow(UsageError);
    await expect(resolveCollectOptions(new OptionSources({ httpsPort: '99999' }, null), env, '/')).rejects.toThrow(
      /^--https-port: expected a TCP port number between 1 and 65535/,
    );
  });

  it('turns apis: and pools: into declarations', async () => {
    const options = await resolveCollectOptions(
      sourcesOf('apis: ["get /v1.0/me/messages", {method: POST, url: "/v1.0/me/sendMail"}]\npools: [{name: web, members: [EX01]}]'),
      env,
      '/',
    );
    expect(options.apis).toEqual([
      { method: 'GET', url: '/v1.0/me/messages' },
      { method: 'POST', url: '/v1.0/me/sendMail' },
    ]);
    expect(options.pools).toEqual([{ name: 'web', namespace: null, members: ['ex01'] }]);
    await expect(resolveCollectOptions(sourcesOf('apis: ["FETCH /v1.0/me"]'), env, '/')).rejects.toThrow(
      /apis\[0\]: expected an HTTP method/,
    );
  });

  it('no apis: declared stays null (the checks tell "none declared" apart)', async () => {
    expect((await resolveCollectOptions(sourcesOf('domains: contoso.com'), env, '/')).apis).toBeNull();
  });

  it('reads secrets from the named variable, records only the name, and names a missing variable', async () => {
    const options = await resolveCollectOptions(sourcesOf('bindDn: CN=svc,DC=contoso,DC=com\nbindPasswordEnv: HR_BIND'), env, '/');
    expect(options.secrets.bindPassword).toBe('s3cr3t-bind-value');
    expect(options.bindPasswordEnv).toBe('HR_BIND');
    await expect(resolveCollectOptions(sourcesOf('bindDn: CN=svc\nbindPasswordEnv: HR_MISSING'), env, '/')).rejects.toThrow(
      'environment variable HR_MISSING (named by bindPasswordEnv in hr.yaml) is not set or is empty',
    );
    await expect(resolveCollectOptions(sourcesOf('bindDn: CN=svc'), env, '/')).rejects.toThrow(
      /bindDn: needs the password: --bind-password-file FILE .* or --bind-password-env VAR/,
    );
  });

  it('app-only Graph credentials need a tenant and a client id, and only one credential', async () => {
    const flags = { clientSecretEnv: 'HR_BIND' };
    await expect(resolveCollectOptions(new OptionSources(flags, null), env, '/')).rejects.toThrow(
      /--client-secret-env: app-only Graph access also needs --tenant-id and --client-id/,
    );
    await expect(resolveCollectOptions(new OptionSources({ ...flags, graphTokenEnv: 'HR_BIND' }, null), env, '/')).rejects.toThrow(
      /--graph-token-env: cannot be combined with --client-secret-env/,
    );
  });

  it('selection, outputs and exceptions', () => {
    expect(resolveSelection(sourcesOf('only: "a, b"'))).toEqual({ only: ['a', 'b'], skip: null, requirements: 'graph-rest' });
    expect(resolveSelection(new OptionSources({ skip: ['a,b', 'c'] }, null))).toEqual({
      only: null,
      skip: ['a', 'b', 'c'],
      requirements: 'graph-rest',
    });
    expect(resolveSelection(sourcesOf('requirements: hybrid')).requirements).toBe('hybrid');
    expect(resolveSelection(new OptionSources({ requirements: 'ALL' }, sourcesOf('requirements: hybrid').config)).requirements).toBe('all');
    expect(() => resolveSelection(sourcesOf('requirements: graph'))).toThrow(
      /requirements: expected one of graph-rest, hybrid, all, got "graph"/,
    );
    expect(() => resolveSelection(new OptionSources({ requirements: 'rest' }, null))).toThrow(/^--requirements: expected one of/);
    expect(resolveOutputs(sourcesOf('outputs: {json: out/r.json}'), '/work')).toEqual([{ format: 'json', path: '/etc/hr/out/r.json' }]);
    expect(resolveOutputs(sourcesOf('outputs: [sarif=r.sarif]'), '/work')).toEqual([{ format: 'sarif', path: '/etc/hr/r.sarif' }]);
    expect(() => resolveOutputs(sourcesOf('outputs: {pdf: r.pdf}'), '/work')).toThrow(
      /outputs.pdf: expected a format: table, json, markdown, html, junit, sarif/,
    );
    expect(() =>
      resolveExceptions(sourcesOf('exceptions: [{check: nope, reason: r, owner: o, expires: 2027-01-01}]'), [
        serverBuildCheck('exchange-2016-cu3'),
      ]),
    ).toThrow(/exceptions\[0\]\.check: unknown check id "nope"; valid ids: exchange-2016-cu3/);
  });
});

describe('files named by options', () => {
  const env = {};
  const certificate = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGUtdGVzdA==\n-----END CERTIFICATE-----\n';
  const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
  const app = { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };

  it('reads the client certificate with its key, and the CA file; refuses what is not PEM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hr-config-'));
    try {
      await writeFile(join(dir, 'app.pem'), certificate + key);
      await writeFile(join(dir, 'cert-only.pem'), certificate);
      await writeFile(join(dir, 'ca.pem'), certificate);
      const options = await resolveCollectOptions(
        new OptionSources({ ...app, clientCertificate: 'app.pem', caFile: 'ca.pem' }, null),
        env,
        dir,
      );
      expect(options.secrets.clientCertificatePem).toBe(certificate + key);
      expect(options.clientCertificate).toBe('app.pem');
      expect(options.caPem).toBe(certificate);
      await expect(
        resolveCollectOptions(new OptionSources({ ...app, clientCertificate: 'cert-only.pem' }, null), env, dir),
      ).rejects.toThrow(
        '--client-certificate: cert-only.pem is not a PEM client certificate with its private key (no "BEGIN PRIVATE KEY" block)',
      );
      await expect(resolveCollectOptions(new OptionSources({ caFile: 'missing.pem' }, null), env, dir)).rejects.toThrow(
        '--ca-file: cannot read missing.pem: no such file',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
