// Fault catalogue, DNS: a real DNS server on loopback (UDP and TCP) serving one fault per name, and a DNS-over-HTTPS
// server; each case runs the CLI and holds it to the failure contract (support/run-fault.ts). A malformed answer is
// a resolver error and never "exists but has no address"; no answer costs more than a few milliseconds of CPU.
import { createServer, type Server } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { type DnsFault, type DnsFaultServer, encodeName, questionOf, rawReply, startDnsFaultServer } from './support/dns-fault-server.js';
import { expectSound, FAULT_TIMEOUT_MS, runFault, statusOf } from './support/run-fault.js';

const CHECK = 'client-namespace-public-dns';
let dns: DnsFaultServer;
let ca: CertificateAuthority;

beforeAll(async () => {
  dns = await startDnsFaultServer('127.0.2.53');
  ca = await createCertificateAuthority('fault catalogue DNS CA');
});
afterAll(async () => {
  await dns.close();
});

function assess(name: string, extra: string[] = [], resolver = dns.resolver) {
  return runFault([
    'assess',
    '--namespace',
    name,
    '--resolver',
    resolver,
    '--treat-as-public',
    '127.0.1.0/24',
    '--only',
    CHECK,
    '--format',
    'json',
    '--timeout',
    String(FAULT_TIMEOUT_MS),
    ...extra,
  ]);
}

/** An answer whose single A record carries `rdata` (wrong lengths included). */
const aRecordWith = (rdata: number[]) => (query: Buffer) =>
  rawReply(
    query,
    [1, 1, 0, 0],
    Buffer.concat([questionOf(query), Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, rdata.length]), Buffer.from(rdata)]),
  );

interface Case {
  name: string;
  fault: DnsFault;
  code: number;
  status: string;
  /** Text the JSON report must contain (the resolver error, say). */
  says?: RegExp;
}

const cases: Case[] = [
  { name: 'servfail', fault: { kind: 'rcode', rcode: 2 }, code: 1, status: 'fail', says: /SERVFAIL/ },
  { name: 'refused', fault: { kind: 'rcode', rcode: 5 }, code: 2, status: 'manual', says: /REFUSED/ },
  { name: 'nxdomain', fault: { kind: 'rcode', rcode: 3 }, code: 1, status: 'fail', says: /NXDOMAIN/ },
  { name: 'black-hole', fault: { kind: 'silent' }, code: 2, status: 'manual', says: /ETIMEDOUT/ },
  {
    name: 'tc-then-tcp',
    fault: { kind: 'truncated', tcp: { kind: 'answer', a: ['127.0.1.7'] } },
    code: 0,
    status: 'pass',
    says: /127\.0\.1\.7/,
  },
  { name: 'tc-tcp-closed', fault: { kind: 'truncated', tcp: 'close' }, code: 2, status: 'manual', says: /truncated|ECONNRESET/ },
  { name: 'tc-tcp-silent', fault: { kind: 'truncated', tcp: { kind: 'silent' } }, code: 2, status: 'manual' },
  {
    name: 'absurd-counts',
    fault: {
      kind: 'raw',
      bytes: (query) => rawReply(query, [1, 0xffff, 0xffff, 0xffff], Buffer.concat([questionOf(query), Buffer.alloc(12)])),
    },
    code: 2,
    status: 'manual',
    says: /malformed answer from udp:127\.0\.2\.53:\d+: its header counts/,
  },
  { name: 'a-rdata-short', fault: { kind: 'raw', bytes: aRecordWith([127, 1]) }, code: 2, status: 'manual', says: /RDATA is 2 octets/ },
  {
    name: 'a-rdata-long',
    fault: { kind: 'raw', bytes: aRecordWith([127, 0, 0, 1, 9]) },
    code: 2,
    status: 'manual',
    says: /RDATA is 5 octets/,
  },
  {
    name: 'pointer-loop',
    fault: {
      kind: 'raw',
      bytes: (query) =>
        rawReply(
          query,
          [1, 1, 0, 0],
          Buffer.concat([questionOf(query), Buffer.from([0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xc0, 0x40])]),
        ),
    },
    code: 2,
    status: 'manual',
    says: /points forward/,
  },
  {
    name: 'cut-short',
    fault: { kind: 'raw', bytes: (query) => aRecordWith([127, 0, 1, 7])(query).subarray(0, 30) },
    code: 2,
    status: 'manual',
    says: /malformed answer/,
  },
  { name: 'garbage', fault: { kind: 'raw', bytes: () => Buffer.from('\u00ff'.repeat(40), 'latin1') }, code: 2, status: 'manual' },
  { name: 'tiny', fault: { kind: 'raw', bytes: () => Buffer.alloc(5) }, code: 2, status: 'manual', says: /shorter than a DNS header/ },
  {
    name: 'wrong-id',
    fault: {
      kind: 'raw',
      keepId: true,
      bytes: (query) => Buffer.concat([Buffer.from([query[0]! ^ 0xff, query[1]!]), aRecordWith([127, 0, 1, 7])(query).subarray(2)]),
    },
    code: 2,
    status: 'manual',
    says: /ETIMEDOUT|malformed/,
  },
];

describe('fault catalogue: DNS', () => {
  it.each(cases)('$name → exit $code, $status', async ({ name, fault, code, status, says }) => {
    const host = `mail-${name}.faults.test`;
    dns.set(host, fault);
    const run = await assess(host);
    expectSound(run);
    expect(run.code).toBe(code);
    expect(statusOf(run, CHECK)).toBe(status);
    if (says) expect(run.stdout).toMatch(says);
    // A malformed answer never becomes "exists but has no A or AAAA record".
    if (status === 'manual') expect(run.stdout).not.toMatch(/has no A or AAAA record/);
  });

  it('a CNAME loop is a name without an address, never a pass, and ends', async () => {
    dns.set('loop-a.faults.test', { kind: 'answer', cname: 'loop-b.faults.test' });
    dns.set('loop-b.faults.test', { kind: 'answer', cname: 'loop-a.faults.test' });
    const run = await assess('loop-a.faults.test');
    expectSound(run);
    expect(run.code).toBe(1);
    expect(statusOf(run, CHECK)).toBe('fail');
    expect(run.stdout).toMatch(/loop-b\.faults\.test/);
  });

  it('ten names with absurd counts end within one run, not 53 s', async () => {
    const absurd: DnsFault = {
      kind: 'raw',
      bytes: (query) => rawReply(query, [1, 0xffff, 0xffff, 0xffff], Buffer.concat([questionOf(query), Buffer.alloc(12)])),
    };
    const names = Array.from({ length: 10 }, (_, index) => `absurd-${index}.faults.test`);
    for (const name of names) dns.set(name, absurd);
    const run = await runFault([
      'assess',
      ...names.flatMap((name) => ['--namespace', name]),
      '--resolver',
      dns.resolver,
      '--only',
      CHECK,
      '--format',
      'json',
      '--timeout',
      String(FAULT_TIMEOUT_MS),
    ]);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(run.millis).toBeLessThan(FAULT_TIMEOUT_MS + 3000);
  });

  it('a hostile CNAME target (OSC, BEL, CSI, ESC c) never reaches the terminal raw, in any format', async () => {
    const hostile = 'x\x1b]0;pwned\x07\x1b[2J\x1bc\x9b1m.faults.test';
    // The alias leads nowhere, so the finding (shown in every format) names the chain.
    dns.set('mail-hostile.faults.test', { kind: 'answer', cname: hostile });
    for (const format of ['table', 'json', 'markdown', 'html', 'junit', 'sarif']) {
      const run = await assess('mail-hostile.faults.test', ['--format', format, '--debug']);
      expectSound(run);
      expect(run.stdout).toContain('␛]0;pwned␇');
    }
    expect(encodeName(hostile).includes(0x1b)).toBe(true);
  });
});

describe('fault catalogue: DNS over HTTPS', () => {
  let server: Server;
  let url: string;
  let mode: 'status-500' | 'huge' | 'garbage' | 'stall' = 'status-500';
  beforeAll(async () => {
    const certificate = await ca.issue({ names: ['127.0.2.54'] });
    server = createServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
      if (mode === 'status-500') response.writeHead(500).end('boom');
      else if (mode === 'garbage') response.writeHead(200, { 'content-type': 'application/dns-message' }).end(Buffer.alloc(40, 0xff));
      else if (mode === 'huge') {
        response.writeHead(200, { 'content-type': 'application/dns-message' });
        for (let i = 0; i < 40; i++) response.write(Buffer.alloc(65_536));
        response.end();
      } else request.socket.on('close', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.2.54', () => resolve()));
    url = `https://127.0.2.54:${(server.address() as { port: number }).port}/dns-query`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(['status-500', 'huge', 'garbage', 'stall'] as const)('DoH %s → exit 2, manual', async (fault) => {
    mode = fault;
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const caFile = join(mkdtempSync(join(tmpdir(), 'hr-doh-')), 'ca.pem');
    writeFileSync(caFile, ca.cert);
    const run = await assess('mail.doh-fault.test', ['--ca-file', caFile], url);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(statusOf(run, CHECK)).toBe('manual');
  });
});
