// The HTTPS collector against real HTTPS front ends on distinct loopback addresses (src/lab/exchange-front-end.ts),
// with certificates minted per run, found through a dns2 authoritative server: one live collection, then one
// assertion block per behaviour. Every address, resolver and URL is on 127.0.0.0/8.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_EXCERPT_BYTES, connectPinned, pinnedHttpClient } from '../../src/clients/https.js';
import type { CollectorOutput } from '../../src/collectors/collector.js';
import { createInternetCollectors } from '../../src/collectors/internet.js';
import type { Artifacts, EndpointProbe, FrontEndSamples, RestEndpointProbe } from '../../src/inventory/artifacts.js';
import { type LabDnsServer, type LabRecord, startLabDnsServer } from '../../src/lab/dns-server.js';
import {
  EXCHANGE_CLIENT_ID,
  type ExchangeServerIdentity,
  type FrontEndBehaviour,
  type RunningFrontEnds,
  startFrontEnd,
  startFrontEnds,
} from '../../src/lab/exchange-front-end.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { hangBound } from '../support/hang-bound.js';
import { internetOptions, quietContext } from '../support/internet-options.js';

const TIMEOUT_MS = 1500;
const DAY = 24 * 60 * 60 * 1000;
const TENANT = '5de110f8-2e0f-4d45-891d-bcf2218e253d';

const ex2019: ExchangeServerIdentity = { name: 'EXSE1', fqdn: 'exse1.contoso.local', build: '15.2.2562.17' };
const ex2013: ExchangeServerIdentity = { name: 'EX13', fqdn: 'ex13.contoso.local', build: '15.0.1497.2' };
const exchangeSe: FrontEndBehaviour = {
  kind: 'exchange',
  server: ex2019,
  oauth: {
    clientId: EXCHANGE_CLIENT_ID,
    trustedIssuers: [`00000001-0000-0000-c000-000000000000@${TENANT}`, '00000004-0000-0ff1-ce00-000000000000@contoso.test'],
    authorizationUri: 'https://login.windows.net/common/oauth2/authorize',
  },
  restUrl: 'https://mail.contoso.test/api',
  ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
};

/** name → address → behaviour and certificate, one front end per address. */
const layout = {
  mail: { address: '127.0.0.21', names: ['mail.contoso.test', 'autodiscover.contoso.test', 'autodiscover.fabrikam.test'] },
  legacy: { address: '127.0.0.22', names: ['legacy.contoso.test'] },
  gateway: { address: '127.0.0.23', names: ['gateway.contoso.test'] },
  waf: { address: '127.0.0.24', names: ['waf.contoso.test'] },
  hang: { address: '127.0.0.25', names: ['hang.contoso.test'] },
  reset: { address: '127.0.0.26', names: ['reset.contoso.test'] },
  expired: { address: '127.0.0.27', names: ['expired.contoso.test'] },
  wrongName: { address: '127.0.0.28', names: ['wrongname.contoso.test'] },
  untrusted: { address: '127.0.0.29', names: ['untrusted.contoso.test'] },
  pool: { address: '127.0.0.30', names: ['pool.contoso.test'] },
  refused: { address: '127.0.0.31', names: ['refused.contoso.test'] },
  silent: { address: '127.0.0.32', names: ['silent.contoso.test'] },
} as const;

const SAMPLES = 6;
let pki: CertificateAuthority;
let dns: LabDnsServer;
let lab: RunningFrontEnds;
let output: CollectorOutput<'EndpointProbes' | 'AutodiscoverProbes' | 'RestEndpointProbes' | 'FrontEndSamples'>;
let wallMillis: number;

beforeAll(async () => {
  pki = await createCertificateAuthority();
  const stranger = await createCertificateAuthority('someone else');
  const valid = (names: readonly string[]) => pki.issue({ names: [...names] });
  const now = Date.now();
  const tlsFor = {
    mail: await valid(layout.mail.names),
    legacy: await valid(layout.legacy.names),
    gateway: await valid(layout.gateway.names),
    waf: await valid(layout.waf.names),
    hang: await valid(layout.hang.names),
    reset: await valid(layout.reset.names),
    expired: await pki.issue({ names: ['expired.contoso.test'], notBefore: new Date(now - 60 * DAY), notAfter: new Date(now - DAY) }),
    wrongName: await pki.issue({ names: ['other.contoso.test'] }),
    untrusted: await stranger.issue({ names: ['untrusted.contoso.test'] }),
    pool: await valid(layout.pool.names),
    silent: await valid(layout.silent.names),
  };
  const behaviours: Record<keyof typeof tlsFor, FrontEndBehaviour> = {
    mail: exchangeSe,
    legacy: { kind: 'exchange-2013', server: ex2013 },
    gateway: { kind: 'pre-auth-gateway', signInUrl: 'https://login.contoso.test/adfs/ls/' },
    waf: { kind: 'waf' },
    hang: { kind: 'accept-and-hang' },
    reset: { kind: 'reset' },
    expired: exchangeSe,
    wrongName: exchangeSe,
    untrusted: exchangeSe,
    pool: {
      kind: 'pool',
      members: [exchangeSe as Exclude<FrontEndBehaviour, { kind: 'pool' }>, { kind: 'exchange-2013', server: ex2013 }],
    },
    silent: { kind: 'no-http-response' },
  };
  lab = await startFrontEnds(
    (Object.keys(tlsFor) as (keyof typeof tlsFor)[]).map((key) => ({
      address: layout[key].address,
      tls: tlsFor[key],
      behaviour: behaviours[key],
    })),
  );

  const records: LabRecord[] = Object.values(layout).flatMap(({ address, names }) =>
    names.map(
      (name): LabRecord =>
        name.startsWith('autodiscover.contoso') ? { name, type: 'CNAME', target: 'mail.contoso.test' } : { name, type: 'A', address },
    ),
  );
  dns = await startLabDnsServer({ address: '127.0.0.53', zones: ['contoso.test', 'fabrikam.test'], records });

  const namespaces = Object.values(layout)
    .flatMap(({ names }) => names)
    .filter((name) => !name.startsWith('autodiscover.'));
  const options = internetOptions({
    domains: ['contoso.test', 'fabrikam.test'],
    namespaces,
    mailboxes: ['alice@contoso.test'],
    resolvers: [dns.resolver],
    httpsPort: lab.port,
    caPem: pki.cert,
    timeoutMs: TIMEOUT_MS,
  });
  const { https } = createInternetCollectors({ systemResolver: 'off', samplesPerAddress: SAMPLES, env: {} });
  const started = performance.now();
  output = await https.collect(['EndpointProbes', 'AutodiscoverProbes', 'RestEndpointProbes', 'FrontEndSamples'], quietContext(options));
  wallMillis = performance.now() - started;
});

afterAll(async () => {
  await Promise.all([lab?.close(), dns?.close()]);
});

function artifacts(): Pick<Artifacts, 'EndpointProbes' | 'AutodiscoverProbes' | 'RestEndpointProbes' | 'FrontEndSamples'> {
  expect(output.errors).toEqual({});
  return output.artifacts as Pick<Artifacts, 'EndpointProbes' | 'AutodiscoverProbes' | 'RestEndpointProbes' | 'FrontEndSamples'>;
}
const endpoint = (name: string): EndpointProbe => artifacts().EndpointProbes.probes.find((probe) => probe.name === name)!;
const rest = (name: string): RestEndpointProbe => artifacts().RestEndpointProbes.probes.find((probe) => probe.name === name)!;
const samples = (name: string): FrontEndSamples['targets'][number]['samples'] =>
  artifacts().FrontEndSamples.targets.find((target) => target.name === name)!.samples;

describe('HTTPS probes of an Exchange SE front end with a valid certificate', () => {
  it('records TCP, TLS and a trusted certificate that covers the name, connecting to the address with SNI = name', () => {
    const probe = endpoint('mail.contoso.test');
    expect(probe).toMatchObject({ address: '127.0.0.21', port: lab.port, tcp: { connected: true, error: null } });
    expect(probe.tls).toMatchObject({ protocol: 'TLSv1.3', trusted: true, verifyError: null, coversName: true, error: null });
    expect(probe.tls!.certificate).toMatchObject({
      subject: 'CN=mail.contoso.test',
      issuer: 'CN=hybrid-readiness lab CA',
      subjectAltNames: ['DNS:mail.contoso.test', 'DNS:autodiscover.contoso.test', 'DNS:autodiscover.fabrikam.test'],
    });
    expect(new Date(probe.tls!.certificate!.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(probe.tls!.certificate!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('parses every challenge of the 401 on /api/v2.0/me', () => {
    const probe = rest('mail.contoso.test');
    expect(probe.response).toMatchObject({ url: `https://mail.contoso.test:${lab.port}/api/v2.0/me`, status: 401, error: null });
    expect(probe.response.headers['x-feserver']).toEqual(['EXSE1']);
    expect(probe.challenges).toEqual([
      {
        scheme: 'Bearer',
        params: {
          client_id: EXCHANGE_CLIENT_ID,
          trusted_issuers: `00000001-0000-0000-c000-000000000000@${TENANT},00000004-0000-0ff1-ce00-000000000000@contoso.test`,
          token_types: 'app_asserted_user_v1 service_asserted_app_v1',
          authorization_uri: 'https://login.windows.net/common/oauth2/authorize',
        },
      },
      { scheme: 'Basic', params: { realm: 'mail.contoso.test' } },
    ]);
  });

  it('asks Autodiscover v2 for Rest and Ews per mailbox, and with a made-up address where no mailbox is given', () => {
    const probes = artifacts().AutodiscoverProbes.probes;
    expect(probes.map((probe) => `${probe.host} ${probe.mailbox} ${probe.protocol} ${probe.parsed?.url ?? probe.response.status}`)).toEqual(
      [
        'autodiscover.contoso.test alice@contoso.test Rest https://mail.contoso.test/api',
        'autodiscover.contoso.test alice@contoso.test Ews https://mail.contoso.test/EWS/Exchange.asmx',
        'autodiscover.fabrikam.test hybrid-readiness-probe@fabrikam.test Rest https://mail.contoso.test/api',
        'autodiscover.fabrikam.test hybrid-readiness-probe@fabrikam.test Ews https://mail.contoso.test/EWS/Exchange.asmx',
      ],
    );
    expect(probes[0]).toMatchObject({
      address: '127.0.0.21',
      domain: 'contoso.test',
      parsed: { protocol: 'Rest', url: 'https://mail.contoso.test/api' },
      response: {
        url: `https://autodiscover.contoso.test:${lab.port}/autodiscover/autodiscover.json/v1.0/alice@contoso.test?Protocol=Rest`,
        status: 200,
      },
    });
    // Never the ProxyShell/ProxyNotShell shapes (docs/facts/http.md §4): nothing after "autodiscover.json?" and no "@" in a query.
    for (const probe of probes) {
      const url = new URL(probe.response.url);
      expect(url.search).toMatch(/^\?Protocol=(Rest|Ews)$/);
      expect(url.pathname).not.toMatch(/owa|powershell|mapi/i);
    }
  });

  it('samples the front end: every sample names the SE server and sees /api answer 401', () => {
    const list = samples('mail.contoso.test');
    expect(list).toHaveLength(SAMPLES);
    for (const sample of list) {
      expect(sample).toEqual({
        feServer: 'EXSE1',
        beServer: null,
        calculatedBeTarget: null,
        owaVersion: '15.2.2562.17',
        serverApplication: null,
        apiStatus: 401,
        owaStatus: 302,
        error: null,
      });
    }
  });
});

describe('HTTPS probes of other behaviours', () => {
  it('Exchange 2013: /api is 404 and the samples carry a 15.0 build', () => {
    expect(rest('legacy.contoso.test').response.status).toBe(404);
    // One connection per sample: the handshake's carries /api (the REST probe) and /owa/, the first sample.
    expect(lab.frontEnds[1]!.connections).toHaveLength(SAMPLES);
    expect(lab.frontEnds[1]!.requests.filter((request) => request === 'GET /api/v2.0/me')).toHaveLength(SAMPLES);
    expect(lab.frontEnds[1]!.requests.filter((request) => request === 'GET /owa/')).toHaveLength(SAMPLES);
    expect(rest('legacy.contoso.test').challenges).toEqual([]);
    expect(samples('legacy.contoso.test').every((sample) => sample.owaVersion === '15.0.1497.2' && sample.apiStatus === 404)).toBe(true);
  });

  it('a load-balanced pool with a 2013 member: some samples hit 2013, some SE', () => {
    const seen = new Set(samples('pool.contoso.test').map((sample) => `${sample.feServer} ${sample.owaVersion} ${sample.apiStatus}`));
    expect(seen).toEqual(new Set(['EXSE1 15.2.2562.17 401', 'EX13 15.0.1497.2 404']));
  });

  it('a pre-authenticating gateway: the 302 to the sign-in page is recorded, not followed', () => {
    const probe = rest('gateway.contoso.test');
    expect(probe.response.status).toBe(302);
    expect(probe.response.headers.location?.[0]).toMatch(/^https:\/\/login\.contoso\.test\/adfs\/ls\/\?redirect=/);
    const gateway = lab.frontEnds[2]!;
    expect(gateway.requests.filter((request) => request.includes('/adfs/'))).toEqual([]);
  });

  it('a WAF: 403 with the body excerpt kept', () => {
    const probe = rest('waf.contoso.test');
    expect(probe.response.status).toBe(403);
    expect(probe.response.bodyExcerpt).toContain('rejected');
  });

  it('an address that accepts TCP and never answers: a TLS timeout, and no request sent', () => {
    const probe = endpoint('hang.contoso.test');
    expect(probe.tcp.connected).toBe(true);
    expect(probe.tls).toMatchObject({ trusted: false, certificate: null, error: { code: 'ETIMEDOUT' } });
    expect(rest('hang.contoso.test').response).toMatchObject({
      status: null,
      error: { code: 'ETIMEDOUT', message: expect.stringMatching(/^not sent/) },
    });
    expect(samples('hang.contoso.test').every((sample) => sample.error?.code === 'ETIMEDOUT' && sample.apiStatus === null)).toBe(true);
    expect(lab.frontEnds[4]!.requests).toEqual([]);
  });

  it('an address that resets: a handshake failure, recorded', () => {
    const probe = endpoint('reset.contoso.test');
    expect(probe.tls?.error?.code ?? probe.tcp.error?.code).toMatch(/^(ECONNRESET|EPIPE)$/);
    expect(rest('reset.contoso.test').response.status).toBeNull();
  });

  it('an address where nothing listens: TCP refused', () => {
    const probe = endpoint('refused.contoso.test');
    expect(probe).toMatchObject({ tcp: { connected: false, error: { code: 'ECONNREFUSED' }, millis: null }, tls: null });
    expect(rest('refused.contoso.test').response.error?.code).toBe('ECONNREFUSED');
  });

  it('an address that completes TLS but never answers HTTP: the requests time out, and no sample starts after a timeout', () => {
    expect(endpoint('silent.contoso.test').tls).toMatchObject({ trusted: true, error: null });
    expect(rest('silent.contoso.test').response).toMatchObject({
      status: null,
      error: { code: expect.stringMatching(/ETIMEDOUT|UND_ERR_HEADERS_TIMEOUT/) },
    });
    const list = samples('silent.contoso.test');
    expect(list).toHaveLength(SAMPLES);
    const timedOut = list.filter((sample) => !sample.error!.message.startsWith('not sent'));
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.length).toBeLessThan(SAMPLES);
    expect(
      list.slice(timedOut.length).every((sample) => /^not sent: an earlier sample of this address timed out/.test(sample.error!.message)),
    ).toBe(true);
    // The handshake's connection (its /api timed out: the first sample), then the samples in flight when the first one timed out.
    expect(list[0]!.error!.message).toMatch(/^\/api\/v2\.0\/me: /);
    expect(lab.frontEnds[10]!.connections).toHaveLength(timedOut.length);
  });

  it('an expired certificate: untrusted with CERT_HAS_EXPIRED, and the probes still run', () => {
    expect(endpoint('expired.contoso.test').tls).toMatchObject({
      trusted: false,
      verifyError: 'CERT_HAS_EXPIRED',
      coversName: true,
      error: null,
    });
    expect(rest('expired.contoso.test').response.status).toBe(401);
  });

  it('a certificate for another name: trusted chain, does not cover the name', () => {
    const probe = endpoint('wrongname.contoso.test');
    expect(probe.tls).toMatchObject({ trusted: true, verifyError: null, coversName: false });
    expect(probe.tls!.certificate!.subjectAltNames).toEqual(['DNS:other.contoso.test']);
  });

  it('a certificate from a CA not given with --ca-file: untrusted, covers the name', () => {
    const probe = endpoint('untrusted.contoso.test');
    expect(probe.tls).toMatchObject({ trusted: false, coversName: true, error: null });
    expect(probe.tls!.verifyError).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    expect(probe.tls!.certificate!.issuer).toBe('CN=someone else');
  });

  it('runs everything concurrently: silent and hanging addresses cost about one timeout in all', () => {
    expect(artifacts().EndpointProbes.probes).toHaveLength(14);
    expect(wallMillis).toBeLessThan(hangBound(TIMEOUT_MS));
  });
});

describe('HTTPS probes through HTTPS_PROXY', () => {
  let proxy: Server;
  let proxyPort: number;
  const tunnels: string[] = [];

  beforeAll(async () => {
    const sockets = new Set<Socket>();
    proxy = createHttpServer();
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      tunnels.push(`${req.method} ${req.url}`);
      const [host, port] = [req.url!.slice(0, req.url!.lastIndexOf(':')), Number(req.url!.slice(req.url!.lastIndexOf(':') + 1))];
      const upstream = netConnect({ host, port }, () => {
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
    proxy.on('close', () => sockets.forEach((socket) => socket.destroy()));
    proxyPort = await new Promise((resolve) => proxy.listen(0, '127.0.0.40', () => resolve((proxy.address() as { port: number }).port)));
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });

  async function probeMail(env: Record<string, string>) {
    const options = internetOptions({
      namespaces: ['mail.contoso.test'],
      resolvers: [dns.resolver],
      httpsPort: lab.port,
      caPem: pki.cert,
      timeoutMs: TIMEOUT_MS,
    });
    const { https } = createInternetCollectors({ systemResolver: 'off', samplesPerAddress: 1, env });
    const result = await https.collect(['EndpointProbes', 'RestEndpointProbes', 'FrontEndSamples'], quietContext(options));
    return result.artifacts as Pick<Artifacts, 'EndpointProbes' | 'RestEndpointProbes' | 'FrontEndSamples'>;
  }

  it('tunnels to the chosen address (CONNECT address:port), keeping SNI and Host = the name', async () => {
    tunnels.length = 0;
    const result = await probeMail({ HTTPS_PROXY: `http://127.0.0.40:${proxyPort}` });
    // One sample asked for: the handshake's connection carries it, /api then /owa/, and no other connection is made.
    expect(tunnels).toHaveLength(1);
    expect(new Set(tunnels)).toEqual(new Set([`CONNECT 127.0.0.21:${lab.port}`]));
    expect(result.EndpointProbes.probes[0]!.tls).toMatchObject({ trusted: true, coversName: true });
    expect(result.RestEndpointProbes.probes[0]!.response.status).toBe(401);
    expect(result.FrontEndSamples.targets[0]!.samples[0]).toMatchObject({ feServer: 'EXSE1', owaStatus: 302, apiStatus: 401 });
  });

  it('goes direct for names in NO_PROXY', async () => {
    tunnels.length = 0;
    const result = await probeMail({ HTTPS_PROXY: `http://127.0.0.40:${proxyPort}`, NO_PROXY: '.contoso.test' });
    expect(tunnels).toEqual([]);
    expect(result.RestEndpointProbes.probes[0]!.response.status).toBe(401);
  });
});

describe('pinned HTTP client', () => {
  it('keeps only the first few KB of a body', async () => {
    const tls = await pki.issue({ names: ['big.contoso.test'] });
    const server = createHttpsServer(tls, (_req, res) => res.end('x'.repeat(100_000)));
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.41', () => resolve((server.address() as { port: number }).port)),
    );
    try {
      const client = pinnedHttpClient(
        { name: 'big.contoso.test', address: '127.0.0.41', port },
        { caPem: pki.cert, timeoutMs: TIMEOUT_MS, env: {} },
      );
      const exchange = await client.get('/');
      await client.close();
      expect(exchange.status).toBe(200);
      expect(exchange.bodyExcerpt).toHaveLength(BODY_EXCERPT_BYTES);
      expect(exchange.error).toBeNull();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('lab front end with added latency (what bench/probes-latency.ts stands on)', () => {
  it('holds the TLS handshake for handshakeLatencyMs and each response for latencyMs', async () => {
    const handshakeLatencyMs = 150;
    const latencyMs = 100;
    const target = { name: 'far.contoso.test', address: '127.0.0.42', port: 0 };
    const frontEnd = await startFrontEnd({
      address: target.address,
      tls: await pki.issue({ names: [target.name] }),
      behaviour: exchangeSe,
      latencyMs,
      handshakeLatencyMs,
    });
    target.port = frontEnd.port;
    try {
      const options = { caPem: pki.cert, timeoutMs: TIMEOUT_MS, env: {} };
      let started = performance.now();
      const { facts, tlsSocket } = await connectPinned(target, options, false);
      // Timers never fire early, so these lower bounds hold on any machine.
      expect(facts.tls?.error).toBeNull();
      expect(performance.now() - started).toBeGreaterThanOrEqual(handshakeLatencyMs - 1);
      started = performance.now();
      const client = pinnedHttpClient(target, options, tlsSocket);
      const exchange = await client.get('/api/v2.0/me');
      await client.close();
      expect(exchange.status).toBe(401);
      expect(performance.now() - started).toBeGreaterThanOrEqual(latencyMs - 1);
    } finally {
      await frontEnd.close();
    }
  });
});
