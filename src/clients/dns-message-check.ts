// Validates a DNS response (RFC 1035 §4.1) before dns2 decodes it: the section counts must fit the bytes present,
// every name must stay inside the message (compression pointers only backwards, at most 255 octets), every RDATA
// must fit its RDLENGTH, and A/AAAA RDATA must be exactly 4/16 octets. dns2's Packet.parse trusts the counts — one
// 40-byte packet claiming 65,535 records cost it seconds of blocking CPU, long enough that --timeout could not fire —
// and reads A/AAAA by RDLENGTH, turning 3 or 5 octets into "addresses" like 127.1. This walk is linear in the
// message (at most 64 KB), so no answer costs more than microseconds before it is refused or decoded.

const HEADER_BYTES = 12;
/** Smallest question: the root name (1 octet), QTYPE and QCLASS. */
const MIN_QUESTION_BYTES = 5;
/** Smallest resource record: the root name, TYPE, CLASS, TTL and RDLENGTH. */
const MIN_RECORD_BYTES = 11;
const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;
const TYPE_SRV = 33;

/** Why the message cannot be a DNS response, or null when it is well formed. */
export function dnsMessageProblem(message: Uint8Array): string | null {
  const view = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (view.length < HEADER_BYTES) return `${view.length} octets, shorter than a DNS header`;
  const questions = view.readUInt16BE(4);
  const records = view.readUInt16BE(6) + view.readUInt16BE(8) + view.readUInt16BE(10);
  const least = HEADER_BYTES + questions * MIN_QUESTION_BYTES + records * MIN_RECORD_BYTES;
  if (least > view.length) {
    return `its header counts ${questions} question(s) and ${records} record(s), which need at least ${least} octets, but it has ${view.length}`;
  }
  let offset = HEADER_BYTES;
  try {
    for (let index = 0; index < questions; index++) {
      offset = skipName(view, offset, view.length);
      offset = need(view, offset, 4, 'a question');
    }
    for (let index = 0; index < records; index++) {
      offset = skipName(view, offset, view.length);
      const fixed = need(view, offset, 10, 'a record header');
      const type = view.readUInt16BE(offset);
      const length = view.readUInt16BE(offset + 8);
      const end = need(view, fixed, length, `the RDATA of a type ${type} record`);
      if (type === TYPE_A && length !== 4) return `an A record's RDATA is ${length} octets, not 4`;
      if (type === TYPE_AAAA && length !== 16) return `an AAAA record's RDATA is ${length} octets, not 16`;
      if (type === TYPE_CNAME && skipName(view, fixed, end) !== end) return 'a CNAME record holds more than one name';
      if (type === TYPE_SRV && (length < 7 || skipName(view, fixed + 6, end) !== end)) return 'an SRV record is malformed';
      offset = end;
    }
  } catch (error) {
    if (error instanceof Malformed) return error.message;
    throw error;
  }
  return null;
}

class Malformed extends Error {}

function need(view: Buffer, offset: number, bytes: number, what: string): number {
  if (offset + bytes > view.length) throw new Malformed(`${what} runs past the end of the message (${view.length} octets)`);
  return offset + bytes;
}

/** The offset after the name at `offset`, which must end by `limit`; pointers are followed (backwards only) to check them. */
function skipName(view: Buffer, offset: number, limit: number): number {
  let position = offset;
  let after = -1;
  let octets = 0;
  for (let jumps = 0; ; ) {
    if (position >= (after < 0 ? limit : view.length)) throw new Malformed('a name runs past the end of its record');
    const length = view[position] as number;
    if (length === 0) return after < 0 ? position + 1 : after;
    const kind = length & 0xc0;
    if (kind === 0xc0) {
      if (position + 1 >= (after < 0 ? limit : view.length)) throw new Malformed('a compression pointer is cut off');
      const target = ((length & 0x3f) << 8) | (view[position + 1] as number);
      // Forward or self pointers are how loops are built; a real encoder only points back at names already written.
      if (target >= position) throw new Malformed('a compression pointer points forward (a loop)');
      if (after < 0) after = position + 2;
      if (++jumps > 127) throw new Malformed('a name follows too many compression pointers');
      position = target;
      continue;
    }
    if (kind !== 0) throw new Malformed(`a name uses the unsupported label type 0x${kind.toString(16)}`);
    octets += length + 1;
    if (octets > 255) throw new Malformed('a name is longer than 255 octets');
    position += length + 1;
  }
}
