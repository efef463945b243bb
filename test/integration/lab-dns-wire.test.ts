// The lab DNS server's answers on the wire, read strictly: every client (dns2, node:dns on Node 20 and 24,
// dig) must get a well-formed message. Node 24's c-ares rejects an SRV target written as a compression
// pointer (EBADRESP), which dns2 produced by default; these tests catch that form on any Node version.
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabDnsServer, type LabRecord, startLabDnsServer } from '../../src/lab/dns-server.js';
import { type CertificateAuthority, createCertificateAuthority } from '../../src/lab/pki.js';
import { COMPRESSED_SRV_RESPONSE } from '../support/compressed-srv-response.js';
import { startNamed } from '../support/named.js';
import { dnsQuery, readStrictDnsMessage, type StrictMessage } from '../support/strict-dns-message.js';

const SRV = 33;
const LOCATOR = '_ldap._tcp.dc._msdcs.contoso.test';
// Targets share the owner's suffix, so a compressing writer would point into earlier names.
const records: LabRecord[] = [
  { name: LOCATOR, type: 'SRV', priority: 0, weight: 100, port: 389, target: 'dc1.contoso.test' },
  { name: LOCATOR, type: 'SRV', priority: 10, weight: 50, port: 389, target: 'dc2.contoso.test.' },
  { name: 'autodiscover.contoso.test', type: 'CNAME', target: 'mail.contoso.test' },
  { name: 'mail.contoso.test', type: 'A', address: '127.0.0.21' },
  { name: 'mail.contoso.test', type: 'AAAA', address: '2001:db8::21' },
  { name: 'contoso.test', type: 'TXT', text: 'v=spf1 -all' },
];

let pki: CertificateAuthority;
let lab: LabDnsServer;

beforeAll(async () => {
  pki = await createCertificateAuthority();
  const doh = await pki.issue({ names: ['127.0.0.1'] });
  lab = await startLabDnsServer({ address: '127.0.0.1', zones: ['contoso.test'], records, doh });
});

afterAll(async () => {
  await lab?.close();
});

function askUdp(port: number, query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no UDP answer within 2 s'));
    }, 2000);
    socket.once('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.send(query, port, '127.0.0.1');
  });
}

function askTcp(port: number, query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const length = Buffer.alloc(2);
    length.writeUInt16BE(query.length);
    socket.setTimeout(2000, () => socket.destroy(new Error('no TCP answer within 2 s')));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
        socket.end();
        resolve(received.subarray(2, 2 + received.readUInt16BE(0)));
      }
    });
    socket.on('error', reject);
    socket.write(Buffer.concat([length, query]));
  });
}

function askDoh(url: string, query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: 'POST',
        ca: pki.cert,
        headers: { 'content-type': 'application/dns-message', accept: 'application/dns-message' },
        timeout: 2000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no DoH answer within 2 s')));
    req.on('error', reject);
    req.end(query);
  });
}

const srvOf = (message: StrictMessage) => message.answers.map((answer) => ({ ...answer.fields, rdlength: answer.rdlength }));

describe('the strict reader', () => {
  it('rejects an SRV target written as a compression pointer (the form Node 24 answers with EBADRESP)', () => {
    expect(() => readStrictDnsMessage(COMPRESSED_SRV_RESPONSE)).toThrow(/answer\[1\] SRV target: compression pointer/);
  });

  it('rejects an RDLENGTH that does not match the RDATA, and bytes after the last record', () => {
    const wrongLength = Buffer.from(COMPRESSED_SRV_RESPONSE.subarray(0, 51 + 29));
    wrongLength.writeUInt16BE(1, 6); // one answer: the literal one
    wrongLength.writeUInt16BE(0x12, 61); // its RDLENGTH one byte too long
    expect(() => readStrictDnsMessage(wrongLength)).toThrow(/RDLENGTH|past the end/);
    const trailing = Buffer.concat([COMPRESSED_SRV_RESPONSE.subarray(0, 51 + 29), Buffer.from([0])]);
    trailing.writeUInt16BE(1, 6);
    expect(() => readStrictDnsMessage(trailing)).toThrow(/1 bytes after the last record/);
  });
});

describe('lab DNS server wire format', () => {
  const expectedSrv = [
    { priority: 0, weight: 100, port: 389, target: 'dc1.contoso.test', rdlength: 6 + 18 },
    { priority: 10, weight: 50, port: 389, target: 'dc2.contoso.test', rdlength: 6 + 18 },
  ];

  it.each(['udp', 'tcp', 'doh'] as const)('writes SRV targets in full, with exact RDLENGTH, over %s', async (transport) => {
    const query = dnsQuery(0x4242, LOCATOR, SRV);
    const raw =
      transport === 'udp'
        ? await askUdp(lab.port, query)
        : transport === 'tcp'
          ? await askTcp(lab.port, query)
          : await askDoh(lab.dohUrl!, query);
    const message = readStrictDnsMessage(raw);
    expect(message).toMatchObject({ id: 0x4242, flags: { qr: true, aa: true, tc: false, rcode: 0 } });
    expect(message.questions).toEqual([{ name: LOCATOR, type: SRV, class: 1 }]);
    expect(srvOf(message)).toEqual(expectedSrv);
  });

  it('writes CNAME chains, addresses and TXT that read strictly too', async () => {
    const cname = readStrictDnsMessage(await askUdp(lab.port, dnsQuery(7, 'autodiscover.contoso.test', 1)));
    expect(cname.answers.map((answer) => answer.fields)).toEqual([{ target: 'mail.contoso.test' }, { address: '127.0.0.21' }]);
    const aaaa = readStrictDnsMessage(await askUdp(lab.port, dnsQuery(8, 'mail.contoso.test', 28)));
    expect(aaaa.answers.map((answer) => answer.fields)).toEqual([{ address: '20010db8000000000000000000000021' }]);
    const txt = readStrictDnsMessage(await askUdp(lab.port, dnsQuery(9, 'contoso.test', 16)));
    expect(txt.answers.map((answer) => answer.fields)).toEqual([{ strings: ['v=spf1 -all'] }]);
  });

  it('writes the same SRV RDATA as BIND 9 for the same records', async () => {
    const named = await startNamed(
      'contoso.test',
      `$TTL 300
@ IN SOA ns1.contoso.test. hostmaster.contoso.test. 1 3600 600 86400 60
@ IN NS ns1.contoso.test.
ns1 IN A 127.0.0.1
${LOCATOR}. IN SRV 0 100 389 dc1.contoso.test.
${LOCATOR}. IN SRV 10 50 389 dc2.contoso.test.
`,
    );
    try {
      const fromBind = readStrictDnsMessage(await askUdp(named.port, dnsQuery(1, LOCATOR, SRV)));
      const fromLab = readStrictDnsMessage(await askUdp(lab.port, dnsQuery(1, LOCATOR, SRV)));
      const rdataOf = (message: StrictMessage) => message.answers.map((answer) => answer.rdata.toString('hex')).sort();
      expect(fromBind.answers).toHaveLength(2);
      expect(rdataOf(fromLab)).toEqual(rdataOf(fromBind));
    } finally {
      await named.stop();
    }
  });

  it("answers node:dns (c-ares, this Node's version) with the SRV records", async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([lab.resolver]);
    const answers = await resolver.resolveSrv(LOCATOR);
    expect(answers.map(({ name, port, priority, weight }) => ({ name, port, priority, weight }))).toEqual([
      { name: 'dc1.contoso.test', port: 389, priority: 0, weight: 100 },
      { name: 'dc2.contoso.test', port: 389, priority: 10, weight: 50 },
    ]);
  });
});
