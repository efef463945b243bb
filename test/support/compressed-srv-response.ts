// A DNS answer captured from the wire: the response the loopback DNS server of ldap-slapd.test.ts sent before its
// names were written out in full (dns2's default encoding). Two SRV records for _ldap._tcp.dc._msdcs.contoso.test,
// target "127.0.0.1", ports 1 and 2; the second target is the compression pointer c045, which RFC 2782 forbids and
// Node 24's c-ares answers with EBADRESP.
export const COMPRESSED_SRV_RESPONSE = Buffer.from(
  'd19881000001000200000000055f6c646170045f746370026463065f6d7364637307636f6e746f736f04746573740000210001' +
    'c00c002100010000003c00110000006400010331323701300130013100' +
    'c00c002100010000003c0008000a00640002c045',
  'hex',
);
