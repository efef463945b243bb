// A strict reader of DNS responses for wire-format tests: it throws where a strict resolver would answer
// EBADRESP, instead of repairing what it reads the way dns2's decoder does.
// - RDATA names may use compression only in the RFC 1035 types (RFC 3597 §4); an SRV target never may
//   (RFC 2782), which c-ares 1.34.7+ (Node 24) enforces.
// - RDLENGTH must be exactly the RDATA read; the sections must end exactly at the end of the message.

export interface StrictRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  rdlength: number;
  rdata: Buffer;
  /** SRV: priority, weight, port, target; CNAME: target; A/AAAA: address; TXT: strings. */
  fields: Record<string, string | number | string[]>;
}

export interface StrictMessage {
  id: number;
  flags: { qr: boolean; aa: boolean; tc: boolean; rcode: number };
  questions: { name: string; type: number; class: number }[];
  answers: StrictRecord[];
  authorities: StrictRecord[];
  additionals: StrictRecord[];
}

const TYPE = { A: 1, CNAME: 5, TXT: 16, AAAA: 28, SRV: 33 } as const;
// RFC 1035 types whose RDATA names may be compressed (RFC 3597 §4).
const COMPRESSIBLE_RDATA = new Set<number>([2, 5, 6, 7, 8, 9, 12, 14, 15]);

export function readStrictDnsMessage(message: Buffer): StrictMessage {
  if (message.length < 12) throw new Error(`message of ${message.length} bytes is shorter than a DNS header`);
  const flags = message.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((offset) => message.readUInt16BE(offset)) as [number, number, number, number];
  let offset = 12;

  const readName = (allowPointers: boolean, where: string): string => {
    const labels: string[] = [];
    let at = offset;
    let jumped = false;
    const visited = new Set<number>();
    for (;;) {
      const length = byteAt(message, at, where);
      if ((length & 0xc0) === 0xc0) {
        if (!allowPointers) throw new Error(`${where}: compression pointer at byte ${at} where RFC 2782/3597 allow none`);
        const target = ((length & 0x3f) << 8) | byteAt(message, at + 1, where);
        if (target >= at || visited.has(target)) throw new Error(`${where}: compression pointer at byte ${at} does not point backwards`);
        visited.add(target);
        if (!jumped) offset = at + 2;
        jumped = true;
        at = target;
        continue;
      }
      if (length & 0xc0) throw new Error(`${where}: reserved label type 0x${length.toString(16)} at byte ${at}`);
      if (length === 0) {
        if (!jumped) offset = at + 1;
        return labels.join('.');
      }
      if (at + 1 + length > message.length) throw new Error(`${where}: label runs past the end of the message`);
      labels.push(message.toString('latin1', at + 1, at + 1 + length));
      at += 1 + length;
    }
  };

  const readRecord = (section: string, index: number): StrictRecord => {
    const where = `${section}[${index}]`;
    const name = readName(true, `${where} owner`);
    need(message, offset + 10, where);
    const type = message.readUInt16BE(offset);
    const klass = message.readUInt16BE(offset + 2);
    const ttl = message.readUInt32BE(offset + 4);
    const rdlength = message.readUInt16BE(offset + 8);
    offset += 10;
    const start = offset;
    const end = start + rdlength;
    need(message, end, where);
    const fields: StrictRecord['fields'] = {};
    if (type === TYPE.SRV) {
      need(message, start + 6, where);
      fields.priority = message.readUInt16BE(start);
      fields.weight = message.readUInt16BE(start + 2);
      fields.port = message.readUInt16BE(start + 4);
      offset = start + 6;
      fields.target = readName(false, `${where} SRV target`);
    } else if (type === TYPE.CNAME) {
      fields.target = readName(COMPRESSIBLE_RDATA.has(type), `${where} CNAME target`);
    } else if (type === TYPE.A || type === TYPE.AAAA) {
      const size = type === TYPE.A ? 4 : 16;
      if (rdlength !== size) throw new Error(`${where}: RDLENGTH ${rdlength} for an address of ${size} bytes`);
      const bytes = [...message.subarray(start, end)];
      fields.address = type === TYPE.A ? bytes.join('.') : bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
      offset = end;
    } else if (type === TYPE.TXT) {
      const strings: string[] = [];
      while (offset < end) {
        const length = byteAt(message, offset, where);
        strings.push(message.toString('utf8', offset + 1, offset + 1 + length));
        offset += 1 + length;
      }
      fields.strings = strings;
    } else {
      offset = end;
    }
    if (offset !== end) throw new Error(`${where}: RDLENGTH ${rdlength} but the RDATA takes ${offset - start} bytes`);
    return { name, type, class: klass, ttl, rdlength, rdata: message.subarray(start, end), fields };
  };

  const questions = Array.from({ length: counts[0] }, (_, index) => {
    const name = readName(true, `question[${index}]`);
    need(message, offset + 4, `question[${index}]`);
    const question = { name, type: message.readUInt16BE(offset), class: message.readUInt16BE(offset + 2) };
    offset += 4;
    return question;
  });
  const answers = Array.from({ length: counts[1] }, (_, index) => readRecord('answer', index));
  const authorities = Array.from({ length: counts[2] }, (_, index) => readRecord('authority', index));
  const additionals = Array.from({ length: counts[3] }, (_, index) => readRecord('additional', index));
  if (offset !== message.length) throw new Error(`${message.length - offset} bytes after the last record`);
  return {
    id: message.readUInt16BE(0),
    flags: { qr: (flags & 0x8000) !== 0, aa: (flags & 0x0400) !== 0, tc: (flags & 0x0200) !== 0, rcode: flags & 0x0f },
    questions,
    answers,
    authorities,
    additionals,
  };
}

/** A query for one name and type, as a stub resolver sends it (RD set, no EDNS). */
export function dnsQuery(id: number, name: string, type: number): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')]));
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2);
  return Buffer.concat([header, ...labels, Buffer.from([0]), tail]);
}

function byteAt(message: Buffer, at: number, where: string): number {
  const value = message[at];
  if (value === undefined) throw new Error(`${where}: runs past the end of the message`);
  return value;
}

function need(message: Buffer, end: number, where: string): void {
  if (end > message.length) throw new Error(`${where}: runs past the end of the message (needs ${end} of ${message.length} bytes)`);
}
