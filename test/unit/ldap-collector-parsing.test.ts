// The small pure parts of the LDAP collector: recipient-type buckets, sync-account descriptions, vdir servers,
// networkAddress FQDNs, URLs, SRV ordering, and the messages for AD's bind diagnostics.
import fc from 'fast-check';
import { InvalidCredentialsError, StrongAuthRequiredError, UnknownStatusCodeError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { endpointFromUrl } from '../../src/clients/ldap.js';
import { type LdapErrorContext, translateLdapError } from '../../src/clients/ldap-errors.js';
import { parseSyncAccountDescription } from '../../src/collectors/ldap/directory-sync.js';
import { dcLocatorName, globalCatalogOf, orderSrv } from '../../src/collectors/ldap/locate.js';
import { placementBucket, recipientCategory } from '../../src/collectors/ldap/recipient-types.js';
import { fqdnFromNetworkAddress } from '../../src/collectors/ldap/servers.js';
import { serverOf } from '../../src/collectors/ldap/virtual-directories.js';
import { ConfigError } from '../../src/errors.js';

describe('msExchRecipientTypeDetails buckets', () => {
  it('sorts the documented values (as decimal strings, beyond 2^31 too)', () => {
    expect(recipientCategory('1')).toBe('user');
    expect(recipientCategory('4')).toBe('shared');
    expect(recipientCategory('16')).toBe('resource');
    expect(recipientCategory('32')).toBe('resource');
    expect(recipientCategory('2')).toBe('linked');
    for (const system of ['8192', '16384', '4194304', '8388608', '536870912', '549755813888', '4398046511104']) {
      expect(recipientCategory(system), system).toBe('system');
    }
    for (const remote of ['2147483648', '8589934592', '17179869184', '34359738368', '274877906944', '8796093022208']) {
      expect(recipientCategory(remote), remote).toBe('remote');
    }
    expect(recipientCategory('68719476736')).toBe('other'); // PublicFolderMailbox
    expect(recipientCategory(null)).toBe('other');
    expect(recipientCategory('+0001')).toBe('user');
    expect(recipientCategory('not a number')).toBe('other');
  });

  it('never drops a mailbox: everything but system lands in a placement bucket', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String), fc.string()), (value) => {
        const category = recipientCategory(value);
        expect(placementBucket(category) === null).toBe(category === 'system');
      }),
    );
  });
});

describe('sync account description (docs/facts/graph.md §3)', () => {
  it('reads the computer and tenant of Azure AD Connect and Entra Connect accounts', () => {
    const aad =
      'Account created by Microsoft Azure Active Directory Connect with installation identifier 0123456789ab4cdef0123456789abcde ' +
      'running on computer SYNC01 configured to synchronize to tenant contoso.onmicrosoft.com. This account must have directory replication permissions.';
    expect(parseSyncAccountDescription(aad)).toEqual({ computer: 'SYNC01', tenant: 'contoso.onmicrosoft.com' });
    const entra =
      'Account created by Microsoft Entra Connect with installation identifier abc running on computer AADC-02.corp.contoso.com ' +
      'configured to synchronize to tenant fabrikam.onmicrosoft.com';
    expect(parseSyncAccountDescription(entra)).toEqual({ computer: 'AADC-02.corp.contoso.com', tenant: 'fabrikam.onmicrosoft.com' });
    expect(parseSyncAccountDescription('Service account for backups')).toEqual({ computer: null, tenant: null });
    expect(parseSyncAccountDescription(null)).toEqual({ computer: null, tenant: null });
  });
});

describe('directory value parsing', () => {
  it('finds the server of a virtual directory from its DN', () => {
    expect(serverOf('CN=owa (Default Web Site),CN=HTTP,CN=Protocols,CN=EX1,CN=Servers,CN=AG,CN=Org')).toBe('EX1');
    expect(serverOf('cn=EWS (Default Web Site),cn=http,cn=protocols,cn=Mail\\, 2,cn=Servers,cn=AG')).toBe('Mail, 2');
    expect(serverOf('CN=Something,CN=Elsewhere,CN=Org')).toBeNull();
  });

  it('takes the FQDN from the ncacn_ip_tcp networkAddress, lower-cased', () => {
    expect(fqdnFromNetworkAddress(['netbios:EX1', 'ncacn_ip_tcp:EX1.Contoso.COM', 'ncacn_vns_spp:EX1'])).toBe('ex1.contoso.com');
    expect(fqdnFromNetworkAddress(['netbios:EX1'])).toBeNull();
  });
});

describe('where to connect', () => {
  it('parses --ldap-url', () => {
    expect(endpointFromUrl('ldaps://dc01.contoso.com')).toEqual({ host: 'dc01.contoso.com', port: 636, transport: 'ldaps' });
    expect(endpointFromUrl('ldap://dc01.contoso.com')).toEqual({ host: 'dc01.contoso.com', port: 389, transport: 'starttls' });
    expect(endpointFromUrl('LDAPS://[::1]:3269/DC=x')).toEqual({ host: '::1', port: 3269, transport: 'ldaps' });
    for (const bad of ['dc01.contoso.com', 'https://dc01', 'ldap://user:pw@dc01', 'ldapi://%2Frun%2Fldapi']) {
      expect(() => endpointFromUrl(bad), bad).toThrow(ConfigError);
    }
  });

  it('orders SRV answers by priority, then weight', () => {
    const ordered = orderSrv([
      { name: 'c', port: 389, priority: 10, weight: 100 },
      { name: 'a', port: 389, priority: 0, weight: 10 },
      { name: 'b', port: 389, priority: 0, weight: 90 },
    ]);
    expect(ordered.map((answer) => answer.name)).toEqual(['b', 'a', 'c']);
    expect(dcLocatorName('corp.contoso.com.')).toBe('_ldap._tcp.dc._msdcs.corp.contoso.com');
  });

  it('uses the global catalog ports of the same domain controller', () => {
    expect(globalCatalogOf({ host: 'dc01', port: 636, transport: 'ldaps' })).toEqual({ host: 'dc01', port: 3269, transport: 'ldaps' });
    expect(globalCatalogOf({ host: 'dc01', port: 389, transport: 'starttls' })).toEqual({
      host: 'dc01',
      port: 3268,
      transport: 'starttls',
    });
  });
});

describe('messages for LDAP result codes', () => {
  const context: LdapErrorContext = {
    phase: 'bind',
    server: 'dc01.contoso.com:636 (LDAPS)',
    host: 'dc01.contoso.com',
    timeoutMs: 5000,
    bindDn: 'svc@contoso.com',
    passwordEnv: 'AD_PASSWORD',
  };

  it("explains Active Directory's bind data codes", () => {
    const cases: [string, RegExp][] = [
      ['52e', /the password is wrong/],
      ['525', /user was not found/],
      ['533', /account is disabled/],
      ['775', /locked out/],
      ['532', /password has expired/],
    ];
    for (const [data, expected] of cases) {
      const error = new InvalidCredentialsError(
        `80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data ${data}, v4563`,
      );
      const failure = translateLdapError(error, context);
      expect(failure.reason).toBe('invalid-credentials');
      expect(failure.message).toMatch(expected);
      expect(failure.message).toContain('$AD_PASSWORD');
    }
  });

  it('explains strong authentication and what this tool cannot do', () => {
    const failure = translateLdapError(
      new StrongAuthRequiredError('00002028: LdapErr: DSID-0C090259, comment: The server requires binds to turn on integrity checking'),
      context,
    );
    expect(failure.reason).toBe('strong-auth-required');
    expect(failure.message).toMatch(/ldaps:\/\/host:636.*StartTLS.*Kerberos or NTLM/);
  });

  it('names the search base of a referral', () => {
    const failure = translateLdapError(new UnknownStatusCodeError(10, 'Referral'), {
      ...context,
      phase: 'search',
      base: 'CN=Configuration,DC=x',
    });
    expect(failure.reason).toBe('referral');
    expect(failure.message).toContain('"CN=Configuration,DC=x"');
  });
});
