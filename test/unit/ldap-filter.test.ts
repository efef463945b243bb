// The lab directory's filters: decoded from the BER ldapts writes (the collector's client), printed back as
// RFC 4515 text, and evaluated as Active Directory evaluates them.
import { BerReader, BerWriter, FilterParser } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { filterText, type LdapValue, matchesFilter, readFilter, UnsupportedFilterError } from '../../src/lab/ldap-filter.js';

function decode(text: string) {
  const writer = new BerWriter();
  FilterParser.parseString(text).write(writer);
  return readFilter(new BerReader(writer.buffer));
}

const entry: Record<string, LdapValue[]> = {
  objectclass: ['top', 'person', 'organizationalPerson', 'user'],
  mail: ['Adele.Vance@contoso.test'],
  proxyaddresses: ['SMTP:adele.vance@contoso.test', 'smtp:adele@contoso.test'],
  homemdb: ['CN=DB01,CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Contoso'],
  msexchrecipienttypedetails: ['2147483648'],
  useraccountcontrol: ['514'],
  samaccountname: ['MSOL_3f6a1c2b9d4e'],
  objectguid: [Buffer.from('00112233445566778899aabbccddeeff', 'hex')],
};
const matches = (text: string) => matchesFilter((attribute) => entry[attribute.toLowerCase()] ?? [], decode(text));

describe('readFilter', () => {
  it.each([
    '(objectClass=*)',
    '(&(objectClass=user)(homeMDB=*))',
    '(|(mail=a@b.test)(proxyAddresses=smtp:a@b.test))',
    '(&(objectClass=user)(|(sAMAccountName=MSOL_*)(description=*configured to synchronize to tenant*)))',
    '(!(cn=x))',
    '(cn=a*b*c)',
    '(msExchVersion>=100)',
    '(msExchVersion<=100)',
    '(cn~=x)',
    '(userAccountControl:1.2.840.113556.1.4.803:=2)',
  ])('%s comes back as it was written', (text) => {
    expect(filterText(decode(text))).toBe(text);
  });
});

describe('matchesFilter (AD semantics)', () => {
  it.each([
    ['(objectClass=USER)', true],
    ['(MAIL=adele.vance@CONTOSO.test)', true],
    ['(proxyAddresses=smtp:adele.vance@contoso.test)', true],
    ['(proxyAddresses=smtp:megan@contoso.test)', false],
    ['(&(objectClass=user)(homeMDB=*))', true],
    ['(targetAddress=*)', false],
    ['(sAMAccountName=msol_*)', true],
    ['(sAMAccountName=*2b9d*)', true],
    ['(sAMAccountName=*x*)', false],
    ['(msExchRecipientTypeDetails=+2147483648)', true],
    ['(msExchRecipientTypeDetails>=2147483647)', true],
    ['(msExchRecipientTypeDetails<=999)', false],
    ['(!(mail=*))', false],
    ['(userAccountControl:1.2.840.113556.1.4.803:=2)', true],
    ['(userAccountControl:1.2.840.113556.1.4.803:=3)', false],
    ['(userAccountControl:1.2.840.113556.1.4.804:=3)', true],
  ] as const)('%s → %s', (text, expected) => {
    expect(matches(text)).toBe(expected);
  });

  it('an extensible match the lab does not know is refused, not answered wrongly', () => {
    expect(() => matches('(cn:caseExactMatch:=x)')).toThrow(UnsupportedFilterError);
  });
});
