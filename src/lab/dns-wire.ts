// The bytes the lab DNS server puts on the wire: every name written out in full, no compression pointers.
// dns2 compresses every name it writes, the SRV target included, but RFC 2782 says "name compression is not
// to be used for this field" (https://www.rfc-editor.org/rfc/rfc2782), and c-ares 1.34.7+ (Node 24's
// node:dns) rejects such an answer as EBADRESP (https://github.com/c-ares/c-ares/pull/1190). Compression is
// the sender's option everywhere (RFC 1035 §4.1.4), so literal names are well-formed for every client.
import dns2 from 'dns2';

const { Packet } = dns2;
type DnsPacket = InstanceType<typeof Packet>;

/** The message as dns2 would write it, but with literal names (dns2 compresses only through a shared writer). */
export function encodeWithoutCompression(packet: DnsPacket): Buffer {
  const records = [...packet.answers, ...packet.authorities, ...packet.additionals];
  const header = new Packet.Header({
    ...packet.header,
    qdcount: packet.questions.length,
    ancount: packet.answers.length,
    nscount: packet.authorities.length,
    arcount: packet.additionals.length,
  });
  return Buffer.concat([
    header.toBuffer(),
    ...packet.questions.map((question) => Packet.Question.encode(question)),
    ...records.map((record) => Packet.Resource.encode(record)),
  ]);
}

/** The same packet, serialised by encodeWithoutCompression wherever dns2's servers call toBuffer (UDP, TCP, DoH). */
export function withoutNameCompression(packet: DnsPacket): DnsPacket {
  packet.toBuffer = () => encodeWithoutCompression(packet);
  return packet;
}
