// The EWS probe (the "ews" collector) against real HTTPS front ends on loopback, with certificates minted per run and
// names served by a dns2 authoritative server: Exchange trusting the tenant, Exchange trusting another one, a pre-auth
// gateway, a WAF, an untrusted certificate, a name nobody publishes — then ews-oauth-reachable judges what was read.
import { createServer as createHttpServer } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import check from '../../checks/ews-oauth-reachable.js';
import type { CollectedInput, CollectorOutput } from '../../src/collectors/collector.js';
import { createInternetCollectors } from '../../src/collectors/internet.js';
import type { ArtifactName, EwsEndpointProbes, HybridConfiguration, VirtualDirectories } from '../../src/inventory/artifacts.js';
import { type LabDnsServer, startLabDnsServer } from '../../src/lab/dns-server.js';
import { EXCHANGE_CLIENT_ID, type FrontEndBehaviour, type RunningFrontEnds, startFrontEnds } from '../../src/lab/exchange-front-end.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { type CaseInput, inventoryOf } from '../support/check-tester.js';
import { internetOptions, quietContext } from '../support/internet-options.js';

const TENANT = '5de110f8-2e0f-4d45-891d-bcf2218e253d';
const OTHER_TENANT = '0b1c7f1e-6a55-4a1f-9d3e-1f2d3c4b5a69';
const exchange = (tenant: string): FrontEndBehaviour => ({
  kind: 'exchange',
  server: { name: 'EXSE1', fqdn: 'exse1.contoso.local', build: '15.2.2562.17' },
  oauth: { clientId: EXCHANGE_CLIENT_ID, trustedIssuers: [`00000001-0000-0000-c000-000000000000@${tenant}`], authorizationUri: null },
  restUrl: 'https://mail.contoso.test/api',
  ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
});

const layout = {
  mail: { address: '127.0.0.141', name: 'mail.contoso.test', behaviour: exchange(TENANT) },
  other: { address: '127.0.0.142', name: 'other.contoso.test', behaviour: exchange(OTHER_TENANT) },
  gateway: {
    address: '127.0.0.143',
    name: 'gateway.contoso.test',
    behaviour: { kind: 'pre-auth-gateway', signInUrl: 'https://sts.contoso.test/adfs/ls/' },
  },
  waf: { address: '127.0.0.144', name: 'waf.contoso.test', behaviour: { kind: 'waf' } },
  untrusted: { address: '127.0.0.145', name: 'untrusted.contoso.test', behaviour: exchange(TENANT) },
} satisfies Record<string, { address: string; name: string; behaviour: FrontEndBehaviour }>;

const directory = (server: string, externalUrl: string | null): VirtualDirectories['directories'][number] => ({
  server,
  kind: 'ews',
  name: 'EWS (Default Web Site)',
  internalUrl: `https://${server.toLowerCase()}.contoso.local/EWS/Exchange.asmx`,
  externalUrl,
});

let pki: CertificateAuthority;
let dns: LabDnsServer;
let lab: RunningFrontEnds;
let output: CollectorOutput<'EwsEndpointProbes'>;
let probes: EwsEndpointProbes;
// Judged through the real runner (not the CheckTester: this file covers the probe, not every message id).
const run = (input: CaseInput) =>
  evaluate({ inventory: inventoryOf(input), checks: [check], deselected: new Set(), options: DEFAULT_EVALUATION_OPTIONS })[0]!;

beforeAll(async () => {
  pki = await createCertificateAuthority();
  const stranger = await createCertificateAuthority('someone else');
  lab = await startFrontEnds(
    await Promise.all(
      Object.entries(layout).map(async ([key, entry]) => ({
        address: entry.address,
        tls: await (key === 'untrusted' ? stranger : pki).issue({ names: [entry.name] }),
        behaviour: entry.behaviour,
      })),
    ),
  );
  dns = await startLabDnsServer({
    address: '127.0.0.154',
    zones: ['contoso.test'],
    records: Object.values(layout).map((entry) => ({ name: entry.name, type: 'A' as const, address: entry.address })),
  });
  const directories: VirtualDirectories = {
    directories: [
      ...Object.values(layout).map((entry, index) => directory(`EX${index + 1}`, `https://${entry.name}/EWS/Exchange.asmx`)),
      // The same host twice is probed once; cloud, plain-http and unpublished URLs are recorded, not probed.
      directory('EX9', 'https://MAIL.contoso.test/ews/exchange.asmx'),
      directory('EX10', 'https://outlook.office365.com/EWS/Exchange.asmx'),
      directory('EX11', 'http://plain.contoso.test/EWS/Exchange.asmx'),
      directory('EX12', null),
      directory('EX13', 'https://nowhere.contoso.test/EWS/Exchange.asmx'),
    ],
  };
  const hybrid: HybridConfiguration = {
    authServers: [],
    partnerApplications: [],
    intraOrganizationConnectors: [
      {
        name: 'HybridIOC',
        enabled: true,
        targetAddressDomains: ['contoso.mail.onmicrosoft.com'],
        discoveryEndpoint: 'https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc',
      },
    ],
  } as unknown as HybridConfiguration;
  const inputs: Partial<Record<ArtifactName, CollectedInput<ArtifactName>>> = {
    VirtualDirectories: { artifact: directories },
    HybridConfiguration: { artifact: hybrid },
  };
  const options = internetOptions({ resolvers: [dns.resolver], httpsPort: lab.port, caPem: pki.cert, timeoutMs: 1500 });
  const { ews } = createInternetCollectors({ systemResolver: 'off', env: {} });
  output = await ews.collect(['EwsEndpointProbes'], {
    ...quietContext(options),
    input: async (name) => (inputs[name] ?? { error: { code: 'input-not-planned', message: `${name} not given` } }) as never,
  });
  probes = output.artifacts.EwsEndpointProbes!;
});

afterAll(async () => {
  await Promise.all([lab?.close(), dns?.close()]);
});

const judged = () =>
  run({
    artifacts: {
      EwsEndpointProbes: probes,
      GraphOrganization: {
        id: TENANT,
        displayName: 'Contoso',
        onPremisesSyncEnabled: true,
        onPremisesLastSyncDateTime: null,
        verifiedDomains: ['contoso.test'],
        tokenRoles: null,
        restrictedView: false,
        cloud: 'custom',
      },
    },
  });
const findingFor = (host: string) => judged().findings.find((finding) => finding.subject.name.includes(host));

describe('the EWS probe, live', () => {
  it('probes each on-premises EWS host once, and records what it did not probe and why', () => {
    expect(output.errors).toEqual({});
    expect(probes.hosts.map((host) => host.host)).toEqual([
      'mail.contoso.test',
      'other.contoso.test',
      'gateway.contoso.test',
      'waf.contoso.test',
      'untrusted.contoso.test',
      'nowhere.contoso.test',
    ]);
    expect(probes.hosts[0]?.sources.map((source) => source.owner)).toEqual(['EX1', 'EX9']);
    expect(probes.skipped.map((entry) => [entry.owner, entry.reason])).toEqual([
      ['EX10', 'a Microsoft cloud endpoint, not on-premises'],
      ['EX11', 'not an https URL'],
      ['HybridIOC', 'a Microsoft cloud endpoint, not on-premises'],
    ]);
  });

  it('reads Exchange’s 401 Bearer challenge over a trusted connection, and it passes for the assessed tenant', () => {
    const mail = probes.hosts[0]!.probes[0]!;
    expect(mail.response.status).toBe(401);
    expect(mail.response.url).toMatch(/^https:\/\/mail\.contoso\.test:\d+\/EWS\/Exchange\.asmx$/);
    expect(mail.challenges.map((challenge) => challenge.scheme)).toEqual(['Bearer', 'Negotiate', 'NTLM', 'Basic']);
    expect(mail.endpoint.tls).toMatchObject({ trusted: true, coversName: true });
    expect(findingFor('mail.contoso.test')).toMatchObject({ status: 'pass', messageId: 'oauth-challenge' });
  });

  it('fails a challenge for another tenant, a pre-auth gateway and a WAF block', () => {
    expect(findingFor('other.contoso.test')).toMatchObject({ status: 'fail', messageId: 'other-tenant' });
    const gateway = findingFor('gateway.contoso.test');
    expect(gateway).toMatchObject({ status: 'fail', messageId: 'preauth' });
    expect(gateway?.message).toContain('302 to https://sts.contoso.test/adfs/ls/?redirect=');
    expect(findingFor('waf.contoso.test')).toMatchObject({ status: 'fail', messageId: 'blocked' });
  });

  it('caps an answer read over an untrusted certificate at a warning', () => {
    const untrusted = probes.hosts.find((host) => host.host === 'untrusted.contoso.test')!.probes[0]!;
    expect(untrusted.endpoint.tls?.trusted).toBe(false);
    expect(untrusted.response.status).toBe(401);
    expect(findingFor('untrusted.contoso.test')).toMatchObject({ status: 'warn', messageId: 'untrusted-tls' });
  });

  it('fails a host public DNS does not know, and the whole check fails', () => {
    expect(probes.hosts.find((host) => host.host === 'nowhere.contoso.test')?.probes).toEqual([]);
    expect(findingFor('nowhere.contoso.test')).toMatchObject({ status: 'fail', messageId: 'host-not-public' });
    expect(judged().status).toBe('fail');
  });
});

describe('the EWS probe through HTTPS_PROXY', () => {
  it('tunnels to the address it resolved (CONNECT address:port), with the same answer as direct', async () => {
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createHttpServer();
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      tunnels.push(`${req.method} ${req.url}`);
      const at = req.url!.lastIndexOf(':');
      const upstream = netConnect({ host: req.url!.slice(0, at), port: Number(req.url!.slice(at + 1)) }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      }
    });
    const proxyPort = await new Promise<number>((resolve) =>
      proxy.listen(0, '127.0.0.140', () => resolve((proxy.address() as { port: number }).port)),
    );
    try {
      const options = internetOptions({ resolvers: [dns.resolver], httpsPort: lab.port, caPem: pki.cert, timeoutMs: 1500 });
      const { ews } = createInternetCollectors({ systemResolver: 'off', env: { HTTPS_PROXY: `http://127.0.0.140:${proxyPort}` } });
      const directories: VirtualDirectories = { directories: [directory('EX1', 'https://mail.contoso.test/EWS/Exchange.asmx')] };
      const result = await ews.collect(['EwsEndpointProbes'], {
        ...quietContext(options),
        input: async (name) =>
          (name === 'VirtualDirectories'
            ? { artifact: directories }
            : { error: { code: 'input-not-planned', message: 'not given' } }) as never,
      });
      expect(tunnels).toEqual([`CONNECT 127.0.0.141:${lab.port}`]);
      expect(result.artifacts.EwsEndpointProbes?.hosts[0]?.probes[0]?.response.status).toBe(401);
    } finally {
      for (const socket of sockets) socket.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
