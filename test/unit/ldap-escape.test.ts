// RFC 4515 filter escaping and RFC 4514 DN escaping/parsing, as properties: whatever a user types, ldapts parses
// the filter back to exactly that value, and a DN built from any name parses back to that name.
import fc from 'fast-check';
import { AndFilter, EqualityFilter, FilterParser, OrFilter } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { dnKey, domainToDn, escapeDnValue, escapeFilterValue, firstRdnValue, parentDn, parseDn } from '../../src/clients/ldap-escape.js';
import { mailboxFilter } from '../../src/collectors/ldap/mailbox-placement.js';

const anyText = fc.string({ unit: 'binary', maxLength: 40 });
// Characters that matter to filters and DNs, mixed with ordinary and non-ASCII ones.
const trickyText = fc.string({
  unit: fc.constantFrom('*', '(', ')', '\\', '\0', ',', '+', '"', ';', '<', '>', '=', '#', ' ', 'a', 'Z', '5', 'é', '😀', '\u00a0'),
  maxLength: 20,
});
const values = fc.oneof(anyText, trickyText);

describe('escapeFilterValue (RFC 4515)', () => {
  it('round-trips through the ldapts filter parser as one equality assertion', () => {
    fc.assert(
      fc.property(values, (value) => {
        const filter = FilterParser.parseString(`(mail=${escapeFilterValue(value)})`);
        expect(filter).toBeInstanceOf(EqualityFilter);
        expect((filter as EqualityFilter).value).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no filter metacharacter unescaped', () => {
    fc.assert(
      fc.property(values, (value) => {
        const escaped = escapeFilterValue(value);
        expect(escaped).not.toMatch(/[*()\0]/);
        expect(escaped.replace(/\\[0-9a-f]{2}/g, '')).not.toContain('\\');
      }),
    );
  });

  it('cannot inject a second assertion into the mailbox filter', () => {
    fc.assert(
      fc.property(values, (value) => {
        const filter = FilterParser.parseString(mailboxFilter(value));
        expect(filter).toBeInstanceOf(OrFilter);
        const parts = (filter as OrFilter).filters;
        expect(parts).toHaveLength(2);
        expect(parts.map((part) => (part as EqualityFilter).value)).toEqual([value.trim(), `smtp:${value.trim()}`]);
      }),
      { numRuns: 300 },
    );
  });

  it('turns a classic injection into plain text', () => {
    const filter = FilterParser.parseString(`(&(objectClass=user)(mail=${escapeFilterValue('*)(objectClass=*')}))`);
    expect(filter).toBeInstanceOf(AndFilter);
    expect(((filter as AndFilter).filters[1] as EqualityFilter).value).toBe('*)(objectClass=*');
  });
});

describe('escapeDnValue and parseDn (RFC 4514)', () => {
  it('a DN built from any value parses back to that value, with the parent intact', () => {
    fc.assert(
      fc.property(values, values, (name, parentName) => {
        const parent = `CN=${escapeDnValue(parentName)},DC=contoso,DC=com`;
        const dn = `CN=${escapeDnValue(name)},${parent}`;
        const parsed = parseDn(dn);
        expect(parsed?.rdns.map((rdn) => rdn.value)).toEqual([name, parentName, 'contoso', 'com']);
        expect(firstRdnValue(dn)).toBe(name);
        expect(parentDn(dn)).toBe(parent);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the escapes servers use: hex pairs (UTF-8 bytes), backslash-specials, spaces around separators', () => {
    expect(firstRdnValue('CN=Branch\\2C East,CN=Sites')).toBe('Branch, East');
    expect(firstRdnValue('CN=Branch\\, East,CN=Sites')).toBe('Branch, East');
    expect(firstRdnValue('CN=Caf\\C3\\A9,DC=x')).toBe('Café');
    expect(firstRdnValue('CN=a\\+b+OU=second,DC=x')).toBe('a+b');
    expect(parseDn('CN=EX1 , CN=Servers,DC=x')?.rdns.map((rdn) => rdn.value)).toEqual(['EX1', 'Servers', 'x']);
    expect(firstRdnValue('CN=\\ lead and trail\\ ,DC=x')).toBe(' lead and trail ');
    expect(firstRdnValue('1.3.6.1.4.1.1466.0=#04024869,DC=x')).toBe('#04024869');
  });

  it('rejects text that is not a DN', () => {
    for (const bad of ['no equals sign', 'CN=a,', 'CN=a\\', '=value', 'CN=a,,DC=b']) expect(parseDn(bad), bad).toBeNull();
    expect(parseDn('')?.rdns).toEqual([]);
  });

  it('compares DNs case- and escaping-insensitively', () => {
    expect(dnKey('CN=Branch\\2C East,CN=Sites,DC=Contoso')).toBe(dnKey('cn=branch\\, east, cn=sites,dc=contoso'));
    fc.assert(
      fc.property(values, (name) => {
        const dn = `CN=${escapeDnValue(name)},DC=x`;
        expect(dnKey(dn.toUpperCase())).toBe(dnKey(`CN=${escapeDnValue(name.toUpperCase())},DC=X`));
      }),
    );
  });

  it('builds a domain DN from a DNS name', () => {
    expect(domainToDn('corp.contoso.com')).toBe('DC=corp,DC=contoso,DC=com');
    expect(domainToDn('contoso.com.')).toBe('DC=contoso,DC=com');
  });
});
