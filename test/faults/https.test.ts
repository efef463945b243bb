// Fault catalogue, HTTPS: per case a real TLS endpoint on its own loopback address (certificates minted for the run)
// and the fault DNS server pointing the namespace and Autodiscover host at it. Answers read over an untrusted or
// wrong-name connection are at most warn; a non-public address from public DNS is never connected to unless
// --probe-internal; every case holds the failure contract (support/run-fault.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { type DnsFaultServer, startDnsFaultServer } from './support/dns-fault-server.js';
import {
  type CertificateKind,
  type HttpFault,
  type HttpsFaultServer,
  startHttpsFaultServer,
  type TcpFault,
} from './support/https-fault-server.js';
import { expectSound, FAULT_TIMEOUT_MS, runFault, statusesOf } from './support/run-fault.js';

const CHECKS = ['endpoint-tls-reachability', 'rest-endpoint-oauth', 'autodiscover-rest-discovery'] as const;
let dns: DnsFaultServer;
let ca: CertificateAuthority;
let untrustedCa: CertificateAuthority;
let caFile: string;
const servers: HttpsFaultServer[] = [];
let nextAddress = 10;

beforeAll(async () => {
  dns = await startDnsFaultServer('127.0.3.53');
  ca = await createCertificateAuthority('fault catalogue HTTPS CA');
  untrustedCa = await createCertificateAuthority('a CA nobody trusts');
  caFile = join(mkdtempSync(join(tmpdir(), 'hr-https-faults-')), 'ca.pem');
  writeFileSync(caFile, ca.cert);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await dns.close();
});

interface Endpoint {
  domain: string;
  namespace: string;
  address: string;
  server: HttpsFaultServer | null;
  port: number;
}

/** A domain whose namespace and Autodiscover host resolve to one endpoint with the behaviour (or to nothing listening). */
async function endpoint(
  label: string,
  behaviour: { http: HttpFault; certificate?: CertificateKind } | { tcp: TcpFault } | 'closed',
  address = `127.0.1.${nextAddress++}`,
): Promise<Endpoint> {
  const domain = `${label}.faults.test`;
  const namespace = `mail.${domain}`;
  const names = [namespace, `autodiscover.${domain}`];
  for (const name of names) dns.set(name, { kind: 'answer', a: [address] });
  if (behaviour === 'closed') return { domain, namespace, address, server: null, port: 9 };
  const server = await startHttpsFaultServer(
    address,
    'tcp' in behaviour ? behaviour : { http: behaviour.http, certificate: behaviour.certificate ?? 'trusted', names },
    ca,
    untrustedCa,
  );
  servers.push(server);
  return { domain, namespace, address, server, port: server.port };
}

function assess(target: Endpoint, extra: string[] = [], only: string | null = CHECKS.join(',')) {
  return runFault([
    'assess',
    '--domain',
    target.domain,
    '--namespace',
    target.namespace,
    '--mailbox',
    `adele@${target.domain}`,
    '--resolver',
    dns.resolver,
    '--https-port',
    String(target.port),
    '--ca-file',
    caFile,
    '--treat-as-public',
    '127.0.1.0/24',
    ...(only ? ['--only', only] : []),
    '--format',
    'json',
    '--timeout',
    String(FAULT_TIMEOUT_MS),
    ...extra,
  ]);
}

type Statuses = Partial<Record<(typeof CHECKS)[number], string>>;

const cases: { name: string; behaviour: Parameters<typeof endpoint>[1]; code: number; statuses: Statuses }[] = [
  {
    name: 'healthy',
    behaviour: { http: 'exchange' },
    code: 0,
    statuses: { 'endpoint-tls-reachability': 'pass', 'rest-endpoint-oauth': 'pass', 'autodiscover-rest-discovery': 'pass' },
  },
  { name: 'refused', behaviour: 'closed', code: 1, statuses: { 'endpoint-tls-reachability': 'fail', 'rest-endpoint-oauth': 'fail' } },
  { name: 'black-hole', behaviour: { tcp: 'black-hole' }, code: 1, statuses: { 'endpoint-tls-reachability': 'fail' } },
  { name: 'reset', behaviour: { tcp: 'reset' }, code: 1, statuses: { 'endpoint-tls-reachability': 'fail' } },
  { name: 'plain-text', behaviour: { tcp: 'plain-text' }, code: 1, statuses: { 'endpoint-tls-reachability': 'fail' } },
  {
    name: 'status-500',
    behaviour: { http: 'status-500' },
    code: 1,
    statuses: { 'rest-endpoint-oauth': 'fail', 'autodiscover-rest-discovery': 'fail' },
  },
  {
    name: 'redirect-loop',
    behaviour: { http: 'redirect-loop' },
    code: 1,
    statuses: { 'rest-endpoint-oauth': 'fail', 'autodiscover-rest-discovery': 'fail' },
  },
  {
    name: 'stall-mid-response',
    behaviour: { http: 'stall-mid-response' },
    code: 1,
    statuses: { 'rest-endpoint-oauth': 'fail', 'autodiscover-rest-discovery': 'fail' },
  },
  {
    name: 'reset-mid-response',
    behaviour: { http: 'reset-mid-response' },
    code: 1,
    statuses: { 'rest-endpoint-oauth': 'fail', 'autodiscover-rest-discovery': 'fail' },
  },
  { name: 'huge-headers', behaviour: { http: 'huge-headers' }, code: 1, statuses: { 'rest-endpoint-oauth': 'fail' } },
  { name: 'huge-body', behaviour: { http: 'huge-body' }, code: 1, statuses: { 'autodiscover-rest-discovery': 'fail' } },
  {
    name: 'autodiscover-truncated-json',
    behaviour: { http: 'autodiscover-garbage' },
    code: 1,
    statuses: { 'autodiscover-rest-discovery': 'fail', 'rest-endpoint-oauth': 'pass' },
  },
  // Answers over a connection Microsoft 365 would refuse: the TLS check fails, the answers are at most warn.
  ...(['expired', 'wrong-name', 'untrusted'] as const).map((certificate) => ({
    name: `certificate-${certificate}`,
    behaviour: { http: 'exchange' as const, certificate },
    code: 1,
    statuses: { 'endpoint-tls-reachability': 'fail', 'rest-endpoint-oauth': 'warn', 'autodiscover-rest-discovery': 'warn' },
  })),
];

describe('fault catalogue: HTTPS', () => {
  it.each(cases)('$name → exit $code', async ({ name, behaviour, code, statuses }) => {
    const target = await endpoint(name, behaviour);
    const run = await assess(target);
    expectSound(run);
    expect(statusesOf(run, Object.keys(statuses))).toEqual(statuses);
    expect(run.code).toBe(code);
  });

  it('with --skip endpoint-tls-reachability, answers over a self-signed certificate still say why they are not proof', async () => {
    const target = await endpoint('skip-tls', { http: 'exchange', certificate: 'untrusted' });
    const run = await assess(target, ['--skip', 'endpoint-tls-reachability,load-balancer-2013-free'], null);
    expectSound(run);
    expect(statusesOf(run, ['rest-endpoint-oauth', 'autodiscover-rest-discovery'])).toEqual({
      'rest-endpoint-oauth': 'warn',
      'autodiscover-rest-discovery': 'warn',
    });
    expect(run.stdout).toMatch(/over a connection Microsoft 365 would refuse \(the certificate is not trusted: /);
  });

  it('header values carrying terminal escapes reach no output raw', async () => {
    const target = await endpoint('hostile-headers', { http: 'hostile-headers' });
    for (const format of ['table', 'markdown', 'json']) {
      const run = await assess(target, ['--format', format], 'rest-endpoint-oauth,load-balancer-2013-free');
      expectSound(run);
      expect(run.code).not.toBe(0);
    }
  });

  it('a non-public address from public DNS is evidence, never connected to', async () => {
    // 127.0.9.x is outside --treat-as-public 127.0.1.0/24: to the tool it is a loopback address, not the Internet.
    const target = await endpoint('internal', { http: 'exchange' }, '127.0.9.20');
    const run = await assess(target);
    expectSound(run);
    expect(target.server?.connections).toBe(0);
    expect(statusesOf(run, ['endpoint-tls-reachability', 'rest-endpoint-oauth'])).toEqual({
      'endpoint-tls-reachability': 'warn',
      'rest-endpoint-oauth': 'warn',
    });
    expect(run.stdout).toMatch(/127\.0\.9\.20, a loopback address the Internet cannot reach: it was not probed/);
    expect(run.stderr).toMatch(/https: not probing 127\.0\.9\.20 \(loopback\)/);
    expect(run.code).not.toBe(0);
  });

  it('--probe-internal connects to it and labels the answers as the inside view', async () => {
    const target = await endpoint('internal-opt-in', { http: 'exchange' }, '127.0.9.21');
    const run = await assess(target, ['--probe-internal']);
    expectSound(run);
    expect(target.server?.connections).toBeGreaterThan(0);
    expect(statusesOf(run, ['endpoint-tls-reachability', 'rest-endpoint-oauth'])).toEqual({
      'endpoint-tls-reachability': 'warn',
      'rest-endpoint-oauth': 'warn',
    });
    expect(run.stdout).toMatch(/inside view/);
  });
});
