// The DNS collector against real DNS servers on loopback: dns2 authoritative servers started from zone
// descriptions (src/lab/dns-server.ts), and once against BIND 9. Every resolver is on 127.0.0.0/8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternetCollectors } from '../../src/collectors/internet.js';
import type { DnsName, PublicDns } from '../../src/inventory/artifacts.js';
import { type LabDnsServer, type LabRecord, startLabDnsServer } from '../../src/lab/dns-server.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { hangBound } from '../support/hang-bound.js';
import { internetOptions, quietContext } from '../support/internet-options.js';
import { startNamed } from '../support/named.js';

// Zone names outside the RFC 6761 special-use TLDs, so that the system-resolver evidence is asked for
// (it goes to `internal`, a loopback server standing in for the admin's own DNS).
const publicRecords: LabRecord[] = [
  { name: 'autodiscover.contoso.com', type: 'CNAME', target: 'edge.contoso.com' },
  { name: 'edge.contoso.com', type: 'CNAME', target: 'mail.contoso.com' },
  { name: 'mail.contoso.com', type: 'A', address: '127.0.0.21' },
  { name: 'mail.contoso.com', type: 'A', address: '127.0.0.22' },
  { name: 'mail.contoso.com', type: 'AAAA', address: '2001:db8:0:0::21' },
  { name: 'intranet.contoso.com', type: 'A', address: '10.1.2.3' },
  { name: '_autodiscover._tcp.contoso.com', type: 'SRV', priority: 10, weight: 5, port: 443, target: 'mail.contoso.com.' },
  // An alias leaving the zone: a non-recursive server answers only the CNAME, and the client must ask again.
  { name: 'autodiscover.fabrikam.com', type: 'CNAME', target: 'mail.contoso.com' },
  // More A records than fit in 512 bytes of UDP: the server sets TC and the client must retry over TCP.
  ...Array.from({ length: 40 }, (_, i): LabRecord => ({ name: 'big.contoso.com', type: 'A', address: `127.0.1.${i + 1}` })),
];

let pki: CertificateAuthority;
let primary: LabDnsServer;
let disagreeing: LabDnsServer;
let silent: LabDnsServer;
let internal: LabDnsServer;
let nonRecursive: LabDnsServer;
let doh: LabDnsServer;

beforeAll(async () => {
  pki = await createCertificateAuthority();
  const dohCert = await pki.issue({ names: ['127.0.0.58'] });
  [primary, disagreeing, silent, internal, nonRecursive, doh] = await Promise.all([
    startLabDnsServer({ address: '127.0.0.53', zones: ['contoso.com', 'fabrikam.com'], records: publicRecords }),
    startLabDnsServer({
      address: '127.0.0.54',
      zones: ['contoso.com'],
      records: [{ name: 'mail.contoso.com', type: 'A', address: '127.0.0.99' }],
    }),
    startLabDnsServer({ address: '127.0.0.55', zones: ['contoso.com'], records: publicRecords, behaviour: 'never-answer' }),
    startLabDnsServer({
      address: '127.0.0.56',
      zones: ['contoso.com'],
      records: [{ name: 'mail.contoso.com', type: 'A', address: '10.0.0.5' }],
    }),
    startLabDnsServer({ address: '127.0.0.59', zones: ['contoso.com', 'fabrikam.com'], records: publicRecords, followCnames: false }),
    startLabDnsServer({ address: '127.0.0.58', zones: ['contoso.com'], records: publicRecords, doh: dohCert }),
  ]);
});

afterAll(async () => {
  await Promise.all([primary, disagreeing, silent, internal, nonRecursive, doh].map((server) => server?.close()));
});

async function collect(overrides: Parameters<typeof internetOptions>[0], systemServers: string[] | 'off' = 'off') {
  const options = internetOptions(overrides);
  const { dns } = createInternetCollectors({ systemResolver: systemServers === 'off' ? 'off' : { servers: systemServers }, env: {} });
  const started = performance.now();
  const output = await dns.collect(['PublicDns'], quietContext(options));
  return { publicDns: output.artifacts.PublicDns as PublicDns, millis: performance.now() - started };
}

function nameOf(publicDns: PublicDns, name: string, role: DnsName['role'] = 'namespace'): DnsName {
  const found = publicDns.names.find((entry) => entry.name === name && entry.role === role);
  if (!found) throw new Error(`${name} (${role}) is not in PublicDns`);
  return found;
}

describe('DNS collector against dns2 authoritative servers', () => {
  it('follows the CNAME chain of the Autodiscover host, reads A, AAAA and the SRV record, and records its settings', async () => {
    const { publicDns } = await collect({ domains: ['Contoso.com.'], resolvers: [primary.resolver], treatAsPublic: ['127.0.0.0/8'] });
    expect(publicDns.resolvers).toEqual([{ id: `udp:${primary.resolver}`, protocol: 'udp', address: primary.resolver }]);
    expect(publicDns.treatAsPublic).toEqual(['127.0.0.0/8']);
    const autodiscover = nameOf(publicDns, 'autodiscover.contoso.com', 'autodiscover');
    expect(autodiscover.domain).toBe('contoso.com');
    expect(autodiscover.systemResolver).toBeNull();
    expect(autodiscover.answers).toEqual([
      {
        resolver: `udp:${primary.resolver}`,
        rcode: 'NOERROR',
        cnameChain: ['edge.contoso.com', 'mail.contoso.com'],
        a: ['127.0.0.21', '127.0.0.22'],
        aaaa: ['2001:db8::21'],
        error: null,
      },
    ]);
    expect(publicDns.srv).toEqual([
      {
        domain: 'contoso.com',
        answers: [
          {
            resolver: `udp:${primary.resolver}`,
            rcode: 'NOERROR',
            records: [{ priority: 10, weight: 5, port: 443, target: 'mail.contoso.com' }],
            error: null,
          },
        ],
      },
    ]);
  });

  it('records NXDOMAIN and private answers as facts, and the domains of --mailbox as Autodiscover names', async () => {
    const { publicDns } = await collect({
      mailboxes: ['alice@contoso.com'],
      namespaces: ['missing.contoso.com', 'intranet.contoso.com'],
      resolvers: [primary.resolver],
    });
    expect(publicDns.names.map((name) => `${name.role}:${name.name}`)).toEqual([
      'autodiscover:autodiscover.contoso.com',
      'namespace:missing.contoso.com',
      'namespace:intranet.contoso.com',
    ]);
    expect(nameOf(publicDns, 'missing.contoso.com').answers[0]).toMatchObject({
      rcode: 'NXDOMAIN',
      a: [],
      aaaa: [],
      cnameChain: [],
      error: null,
    });
    expect(nameOf(publicDns, 'intranet.contoso.com').answers[0]).toMatchObject({ rcode: 'NOERROR', a: ['10.1.2.3'], error: null });
  });

  it("keeps each resolver's answer when resolvers disagree", async () => {
    const { publicDns } = await collect({ namespaces: ['mail.contoso.com'], resolvers: [primary.resolver, disagreeing.resolver] });
    const answers = nameOf(publicDns, 'mail.contoso.com').answers;
    expect(answers.map((answer) => [answer.resolver, answer.a])).toEqual([
      [`udp:${primary.resolver}`, ['127.0.0.21', '127.0.0.22']],
      [`udp:${disagreeing.resolver}`, ['127.0.0.99']],
    ]);
  });

  it('turns a resolver that never answers into an error inside its answer, within the timeout', async () => {
    const timeoutMs = 800;
    const { publicDns, millis } = await collect({
      domains: ['contoso.com'],
      namespaces: ['mail.contoso.com'],
      resolvers: [primary.resolver, silent.resolver],
      timeoutMs,
    });
    const [fromPrimary, fromSilent] = nameOf(publicDns, 'mail.contoso.com').answers;
    expect(fromPrimary).toMatchObject({ rcode: 'NOERROR', error: null });
    expect(fromSilent).toMatchObject({ resolver: `udp:${silent.resolver}`, rcode: null, a: [], aaaa: [], cnameChain: [] });
    expect(fromSilent!.error?.code).toBe('ETIMEDOUT');
    expect(publicDns.srv[0]!.answers[1]).toMatchObject({ rcode: null, error: { code: 'ETIMEDOUT' } });
    // Both UDP and the TCP fallback were tried, and the run ended (how close to one timeout: bench/).
    expect(silent.questions.length).toBeGreaterThan(0);
    expect(millis).toBeLessThan(hangBound(timeoutMs));
  });

  it('still produces the artifact when no resolver answers at all, and the HTTPS collector then reports why it probed nothing', async () => {
    const options = internetOptions({ namespaces: ['mail.contoso.com'], resolvers: [silent.resolver], timeoutMs: 400 });
    const { dns, https } = createInternetCollectors({ systemResolver: 'off', env: {} });
    const context = quietContext(options);
    const [dnsOutput, httpsOutput] = await Promise.all([
      dns.collect(['PublicDns'], context),
      https.collect(['EndpointProbes', 'RestEndpointProbes'], context),
    ]);
    expect(nameOf(dnsOutput.artifacts.PublicDns!, 'mail.contoso.com').answers[0]).toMatchObject({
      rcode: null,
      error: { code: 'ETIMEDOUT' },
    });
    expect(httpsOutput.errors.EndpointProbes?.code).toBe('dns-no-answer');
    expect(httpsOutput.errors.RestEndpointProbes?.code).toBe('dns-no-answer');
  });

  it('asks again for the target of a CNAME when the server does not follow it', async () => {
    const { publicDns } = await collect({ domains: ['fabrikam.com'], resolvers: [nonRecursive.resolver] });
    expect(nameOf(publicDns, 'autodiscover.fabrikam.com', 'autodiscover').answers[0]).toMatchObject({
      rcode: 'NOERROR',
      cnameChain: ['mail.contoso.com'],
      a: ['127.0.0.21', '127.0.0.22'],
      error: null,
    });
    expect(nonRecursive.questions).toContain('mail.contoso.com A');
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const { publicDns } = await collect({ namespaces: ['big.contoso.com'], resolvers: [primary.resolver] });
    expect(nameOf(publicDns, 'big.contoso.com').answers[0]!.a).toHaveLength(40);
  });

  it('asks a DNS-over-HTTPS resolver, trusting it only through --ca-file', async () => {
    const trusted = await collect({ namespaces: ['mail.contoso.com'], resolvers: [doh.dohUrl!], caPem: pki.cert });
    expect(trusted.publicDns.resolvers[0]).toMatchObject({ protocol: 'doh', id: `doh:${doh.dohUrl}` });
    expect(nameOf(trusted.publicDns, 'mail.contoso.com').answers[0]).toMatchObject({
      rcode: 'NOERROR',
      a: ['127.0.0.21', '127.0.0.22'],
      error: null,
    });

    const untrusted = await collect({ namespaces: ['mail.contoso.com'], resolvers: [doh.dohUrl!], caPem: null });
    const answer = nameOf(untrusted.publicDns, 'mail.contoso.com').answers[0]!;
    expect(answer.rcode).toBeNull();
    expect(answer.error?.code).toMatch(/CERT|VERIFY|SELF_SIGNED/);
  });

  it('records what the system resolver says as split-DNS evidence', async () => {
    const { publicDns } = await collect({ namespaces: ['mail.contoso.com', 'missing.contoso.com'], resolvers: [primary.resolver] }, [
      internal.resolver,
    ]);
    expect(nameOf(publicDns, 'mail.contoso.com').systemResolver).toEqual({ addresses: ['10.0.0.5'], error: null });
    expect(nameOf(publicDns, 'missing.contoso.com').systemResolver).toMatchObject({ addresses: [], error: { code: 'ENOTFOUND' } });
  });

  it('never asks the system resolver about RFC 6761 special-use names such as .test', async () => {
    const lab = await startLabDnsServer({
      address: '127.0.0.60',
      zones: ['contoso.test'],
      records: [{ name: 'mail.contoso.test', type: 'A', address: '127.0.0.21' }],
    });
    try {
      const { publicDns } = await collect({ namespaces: ['mail.contoso.test'], resolvers: [lab.resolver] }, [internal.resolver]);
      expect(nameOf(publicDns, 'mail.contoso.test').systemResolver).toBeNull();
      expect(internal.questions.filter((question) => question.startsWith('mail.contoso.test'))).toEqual([]);
    } finally {
      await lab.close();
    }
  });
});

describe('DNS collector against BIND 9', () => {
  it('reads a CNAME chain, addresses, NXDOMAIN and SRV from named', async () => {
    const named = await startNamed(
      'contoso.org',
      `$TTL 300
@            IN SOA ns1.contoso.org. hostmaster.contoso.org. 1 3600 600 86400 300
@            IN NS  ns1.contoso.org.
ns1          IN A   127.0.0.1
autodiscover IN CNAME mail
mail         IN A   127.0.0.21
mail         IN AAAA 2001:db8::21
_autodiscover._tcp IN SRV 0 0 443 mail.contoso.org.
`,
    );
    try {
      const { publicDns } = await collect({ domains: ['contoso.org'], namespaces: ['nothing.contoso.org'], resolvers: [named.resolver] });
      expect(nameOf(publicDns, 'autodiscover.contoso.org', 'autodiscover').answers).toEqual([
        {
          resolver: `udp:${named.resolver}`,
          rcode: 'NOERROR',
          cnameChain: ['mail.contoso.org'],
          a: ['127.0.0.21'],
          aaaa: ['2001:db8::21'],
          error: null,
        },
      ]);
      expect(nameOf(publicDns, 'nothing.contoso.org').answers[0]).toMatchObject({ rcode: 'NXDOMAIN', a: [], error: null });
      expect(publicDns.srv[0]!.answers[0]).toMatchObject({
        rcode: 'NOERROR',
        records: [{ priority: 0, weight: 0, port: 443, target: 'mail.contoso.org' }],
      });
    } finally {
      await named.stop();
    }
  });
});
