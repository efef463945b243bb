import { describe, expect, it } from 'vitest';
import type { Collector } from '../../src/collectors/collector.js';
import { declarationsCollector } from '../../src/collectors/declarations.js';
import { CollectionError } from '../../src/errors.js';
import { Inventory } from '../../src/inventory/inventory.js';
import type { CollectOptions } from '../../src/options.js';
import { collectInventory, planCollection, withInputs } from '../../src/pipeline/collect.js';
import { type CollectOptionsOverrides, collectOptions } from '../support/collect-options.js';
import { server } from '../support/sample-report.js';

const BIND_PASSWORD = 'Tr0ub4dor&3-collect-test';

function options(overrides: CollectOptionsOverrides = {}): CollectOptions {
  return collectOptions({
    domains: ['contoso.com'],
    namespaces: ['mail.contoso.com'],
    ldapUrl: 'ldaps://127.0.0.1:13636',
    bindDn: 'CN=svc,DC=contoso,DC=com',
    bindPasswordEnv: 'HR_BIND',
    resolvers: ['127.0.0.1:5353'],
    treatAsPublic: ['127.0.0.0/8'],
    secrets: { bindPassword: BIND_PASSWORD },
    ...overrides,
  });
}

const quiet = { progress: () => undefined, debug: () => undefined };

const ldapLike: Collector = {
  name: 'ldap',
  produces: ['ExchangeServers', 'MailboxDatabases'],
  async collect(wanted) {
    return {
      artifacts: wanted.includes('ExchangeServers') ? { ExchangeServers: { servers: [server('EX01', '15.1.2507.6')] } } : {},
      errors: wanted.includes('MailboxDatabases')
        ? { MailboxDatabases: { code: 'ldap-insufficient-access', message: 'no read access to CN=Databases' } }
        : {},
    };
  },
};

describe('collectInventory', () => {
  it('records collected artifacts and per-artifact errors, and never secrets', async () => {
    const inventory = await collectInventory({
      options: options(),
      wanted: ['ExchangeServers', 'MailboxDatabases'],
      collectors: [ldapLike],
      ...quiet,
    });
    expect(Inventory.safeParse(inventory).success).toBe(true);
    expect(inventory.artifacts.ExchangeServers?.servers[0]?.name).toBe('EX01');
    expect(inventory.artifactErrors.MailboxDatabases).toEqual({
      code: 'ldap-insufficient-access',
      message: 'no read access to CN=Databases',
    });
    expect(inventory.settings).toMatchObject({ mode: 'live', bindPasswordEnv: 'HR_BIND', treatAsPublic: ['127.0.0.0/8'] });
    expect(JSON.stringify(inventory)).not.toContain(BIND_PASSWORD);
  });

  it('a collector that throws marks every artifact it was asked for as failed, with its message', async () => {
    const refusing: Collector = {
      name: 'ldap',
      produces: ['ExchangeServers', 'MailboxDatabases'],
      async collect() {
        throw new CollectionError('LDAP bind to ldaps://127.0.0.1:13636 was refused: invalid credentials (49)');
      },
    };
    const inventory = await collectInventory({
      options: options(),
      wanted: ['ExchangeServers', 'MailboxDatabases'],
      collectors: [refusing],
      ...quiet,
    });
    expect(inventory.artifacts).toEqual({});
    for (const name of ['ExchangeServers', 'MailboxDatabases'] as const) {
      expect(inventory.artifactErrors[name]).toEqual({
        code: 'collector-failed',
        message: 'LDAP bind to ldaps://127.0.0.1:13636 was refused: invalid credentials (49)',
      });
    }
  });

  it('an artifact no collector produces is failed with a reason, so its checks end error', async () => {
    const inventory = await collectInventory({ options: options(), wanted: ['PublicDns'], collectors: [ldapLike], ...quiet });
    expect(inventory.artifactErrors.PublicDns?.code).toBe('no-collector');
    expect(inventory.artifactErrors.PublicDns?.message).toMatch(/no live collector for PublicDns/);
  });

  it('refuses an artifact that breaks its schema, naming the field', async () => {
    const broken: Collector = {
      name: 'ldap',
      produces: ['ExchangeServers'],
      async collect() {
        return { artifacts: { ExchangeServers: { servers: [{ name: 'EX01' }] } } as never, errors: {} };
      },
    };
    const inventory = await collectInventory({ options: options(), wanted: ['ExchangeServers'], collectors: [broken], ...quiet });
    expect(inventory.artifactErrors.ExchangeServers?.code).toBe('invalid-artifact');
    expect(inventory.artifactErrors.ExchangeServers?.message).toMatch(/servers\[0\]\.dn: expected string/);
  });

  it('runs collectors concurrently', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = (name: string, artifact: 'PublicDns' | 'EndpointProbes'): Collector => ({
      name,
      produces: [artifact],
      async collect() {
        started.push(name);
        if (started.length === 2) release();
        await gate;
        return { artifacts: {}, errors: { [artifact]: { code: 'test', message: 'done' } } };
      },
    });
    await collectInventory({
      options: options(),
      wanted: ['PublicDns', 'EndpointProbes'],
      collectors: [slow('dns', 'PublicDns'), slow('https', 'EndpointProbes')],
      ...quiet,
    });
    expect(started.sort()).toEqual(['dns', 'https']);
  });

  it('declarations come from the config: declared calls and pools, or empty lists', async () => {
    const declared = await collectInventory({
      options: options({ apis: [{ method: 'GET', url: '/v1.0/me/events' }], pools: [{ name: 'web', namespace: null, members: ['ex01'] }] }),
      wanted: ['DeclaredApis', 'DeclaredPools'],
      collectors: [declarationsCollector as Collector],
      ...quiet,
    });
    expect(declared.artifacts.DeclaredApis).toEqual({ calls: [{ method: 'GET', url: '/v1.0/me/events' }] });
    expect(declared.artifacts.DeclaredPools).toEqual({ pools: [{ name: 'web', namespace: null, members: ['ex01'] }] });
    const none = await collectInventory({
      options: options(),
      wanted: ['DeclaredApis'],
      collectors: [declarationsCollector as Collector],
      ...quiet,
    });
    expect(none.artifacts).toEqual({ DeclaredApis: { calls: [] } });
  });
});

describe('planCollection', () => {
  it('gives each artifact to the first collector producing it', () => {
    const other: Collector = { ...ldapLike, name: 'other' };
    const plan = planCollection(['MailboxDatabases', 'PublicDns', 'ExchangeServers'], [ldapLike, other]);
    expect(plan.runs.map((run) => [run.collector.name, run.names])).toEqual([['ldap', ['MailboxDatabases', 'ExchangeServers']]]);
    expect(plan.orphans).toEqual(['PublicDns']);
  });
});

describe('collector inputs', () => {
  const auth = {
    authConfig: null,
    authServers: [
      {
        name: 'EvoSts',
        dn: 'CN=EvoSts,CN=Auth Servers,CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com',
        type: 'AzureAD',
        enabled: true,
        realm: null,
        applicationIdentifier: 'a7f0c3e2-5b19-4d8e-9c61-2f4b8e0d7a35',
        issuerIdentifier: null,
      },
    ],
  };
  const slowLdap = (fail: boolean): Collector => ({
    name: 'ldap',
    produces: ['ExchangeAuthConfig'],
    async collect() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fail
        ? { artifacts: {}, errors: { ExchangeAuthConfig: { code: 'ldap-insufficient-access', message: 'no read access' } } }
        : { artifacts: { ExchangeAuthConfig: auth }, errors: {} };
    },
  });
  const graphLike = (waitFor: 'ExchangeAuthConfig' | 'HybridApplications' | 'PublicDns' = 'ExchangeAuthConfig'): Collector => ({
    name: 'graph',
    produces: ['HybridApplications'],
    inputs: { HybridApplications: ['ExchangeAuthConfig'] },
    async collect(_wanted, context) {
      const got = await context.input!(waitFor);
      if ('error' in got)
        return { artifacts: {}, errors: { HybridApplications: { code: 'input', message: `${got.error.code}: ${got.error.message}` } } };
      const ids = (got.artifact as typeof auth).authServers.map((server) => server.applicationIdentifier);
      return { artifacts: { HybridApplications: { requested: ids, applications: [] } }, errors: {} };
    },
  });

  it('collects the inputs of a wanted artifact too, and hands them over once their collector is done', async () => {
    const inventory = await collectInventory({
      options: options(),
      wanted: ['HybridApplications'],
      collectors: [slowLdap(false), graphLike()],
      ...quiet,
    });
    expect(inventory.artifacts.HybridApplications?.requested).toEqual(['a7f0c3e2-5b19-4d8e-9c61-2f4b8e0d7a35']);
    expect(Object.keys(inventory.artifacts)).toEqual(['ExchangeAuthConfig', 'HybridApplications']);
  });

  it('hands over the producer’s error when the input could not be collected', async () => {
    const inventory = await collectInventory({
      options: options(),
      wanted: ['HybridApplications'],
      collectors: [slowLdap(true), graphLike()],
      ...quiet,
    });
    expect(inventory.artifactErrors.HybridApplications?.message).toBe('ldap-insufficient-access: no read access');
  });

  it('never waits for an artifact of its own, nor for one that is not collected in this run', async () => {
    const own = await collectInventory({
      options: options(),
      wanted: ['HybridApplications'],
      collectors: [slowLdap(false), graphLike('HybridApplications')],
      ...quiet,
    });
    expect(own.artifactErrors.HybridApplications?.message).toMatch(
      /^input-cycle: the graph collector cannot wait for its own HybridApplications/,
    );
    const absent = await collectInventory({
      options: options(),
      wanted: ['HybridApplications'],
      collectors: [slowLdap(false), graphLike('PublicDns')],
      ...quiet,
    });
    expect(absent.artifactErrors.HybridApplications?.message).toBe('input-not-planned: PublicDns is not collected in this run');
  });

  it('refuses a wait between two collectors that take inputs from each other, instead of hanging', async () => {
    const ldapWaiting: Collector = { ...slowLdap(false), inputs: { ExchangeAuthConfig: ['HybridApplications'] } };
    const inventory = await collectInventory({
      options: options(),
      wanted: ['HybridApplications'],
      collectors: [ldapWaiting, graphLike()],
      ...quiet,
    });
    expect(inventory.artifactErrors.HybridApplications?.message).toMatch(
      /^input-cycle: the graph and ldap collectors take inputs from each other/,
    );
  });

  it('withInputs adds the inputs transitively, in the registry order', () => {
    expect(withInputs(['HybridApplications'], [slowLdap(false), graphLike()])).toEqual(['ExchangeAuthConfig', 'HybridApplications']);
    expect(withInputs(['PublicDns'], [slowLdap(false), graphLike()])).toEqual(['PublicDns']);
  });
});
