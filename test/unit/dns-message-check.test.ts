// The DNS answer validator: counts, names, pointers and RDATA lengths are checked before any decoding, and no
// message, however hostile, costs more than a few milliseconds.
import dns2 from 'dns2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnsMessageProblem } from '../../src/clients/dns-message-check.js';

const { Packet } = dns2;

function answer(records: { type: number; rdata: number[] }[]): Buffer {
  const header = Buffer.from([0x12, 0x34, 0x81, 0x80, 0, 1, 0, records.length, 0, 0, 0, 0]);
  const question = Buffer.from([4, ...Buffer.from('mail'), 4, ...Buffer.from('test'), 0, 0, 1, 0, 1]);
  const body = records.map(({ type, rdata }) =>
    Buffer.from([0xc0, 12, 0, type, 0, 1, 0, 0, 0, 60, rdata.length >> 8, rdata.length & 0xff, ...rdata]),
  );
  return Buffer.concat([header, question, ...body]);
}

describe('dnsMessageProblem', () => {
  it('accepts a well-formed answer that dns2 then decodes', () => {
    const message = answer([{ type: 1, rdata: [127, 0, 0, 1] }]);
    expect(dnsMessageProblem(message)).toBeNull();
    expect(Packet.parse(message).answers[0]).toMatchObject({ address: '127.0.0.1' });
  });

  it('refuses A and AAAA RDATA of the wrong length (dns2 would make "127.1" or "127.0.0.1.9" of them)', () => {
    expect(dnsMessageProblem(answer([{ type: 1, rdata: [127, 1] }]))).toMatch(/A record's RDATA is 2 octets, not 4/);
    expect(dnsMessageProblem(answer([{ type: 1, rdata: [127, 0, 0, 1, 9] }]))).toMatch(/not 4/);
    expect(dnsMessageProblem(answer([{ type: 28, rdata: [1, 2, 3, 4] }]))).toMatch(/AAAA record's RDATA is 4 octets, not 16/);
  });

  it('refuses counts the bytes cannot hold, at once (dns2 spent seconds on this 40-byte packet)', () => {
    const message = Buffer.alloc(40);
    message.writeUInt16BE(0xffff, 6);
    message.writeUInt16BE(0xffff, 8);
    const started = performance.now();
    expect(dnsMessageProblem(message)).toMatch(/header counts .* record/);
    expect(performance.now() - started).toBeLessThan(5);
  });

  it('refuses pointer loops, forward pointers and records that run past the end', () => {
    const loop = answer([{ type: 5, rdata: [0xc0, 0x28] }]);
    expect(dnsMessageProblem(loop)).toMatch(/points forward/);
    const cut = answer([{ type: 1, rdata: [127, 0, 0, 1] }]).subarray(0, 40);
    expect(dnsMessageProblem(cut)).toMatch(/past the end/);
  });

  it('costs a few milliseconds at most for any message up to 64 KB', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 65_535 }), (bytes) => {
        const started = performance.now();
        dnsMessageProblem(bytes);
        expect(performance.now() - started).toBeLessThan(20);
      }),
      { numRuns: 200 },
    );
  });
});
