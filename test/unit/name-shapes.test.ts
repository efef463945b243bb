// What each kind of marked string yields (src/report/name-shapes.ts), and what is never a name of the organization's.
import { describe, expect, it } from 'vitest';
import type { IdentifyingMark } from '../../src/inventory/identifying.js';
import { type KnownNames, NameCollector } from '../../src/report/known-names.js';
import { harvestMarked } from '../../src/report/name-shapes.js';

function harvest(text: string, mark: IdentifyingMark, urlsInFreeText = true): Partial<KnownNames> {
  const collector = new NameCollector();
  harvestMarked(text, mark, collector, { urlsInFreeText });
  return Object.fromEntries(Object.entries(collector.names).filter(([, list]) => list.length > 0));
}

describe('harvestMarked', () => {
  it("reads the Entra Connect account's description: the computer, the tenant, the installation", () => {
    const description =
      'Account created by Microsoft Azure Active Directory Connect with installation identifier 3f6a1c2b9d4e4c1f8a7b6e5d4c3b2a19 ' +
      'running on computer AADC01 configured to synchronize to tenant contoso.onmicrosoft.com. This account must have…';
    expect(harvest(description, { names: 'free-text' })).toEqual({
      computer: ['AADC01'],
      domain: ['contoso.onmicrosoft.com'],
      account: ['3f6a1c2b9d4e4c1f8a7b6e5d4c3b2a19'],
    });
  });

  it('finds the tenant in principals scoped to it and in sign-in paths, not in "common"', () => {
    expect(
      harvest(
        '00000001-0000-0000-c000-000000000000@5de110f8-2e0f-4d45-891d-bcf2218e253d,00000004-0000-0ff1-ce00-000000000000@contoso.com',
        {
          names: 'free-text',
        },
      ),
    ).toEqual({ tenant: ['5de110f8-2e0f-4d45-891d-bcf2218e253d'], domain: ['contoso.com'] });
    expect(
      harvest('https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml', { names: 'url' }),
    ).toEqual({
      domain: ['contoso.onmicrosoft.com'],
    });
    expect(harvest('https://login.windows.net/common/oauth2/authorize', { names: 'url' })).toEqual({});
  });

  it('reads a DN by its containers: the leaf, the organization, the domain, an OU only as an RDN value', () => {
    const dn =
      'CN=EX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com';
    expect(harvest(dn, { names: 'distinguished-name', leaf: 'server' })).toEqual({
      domain: ['corp.contoso.com'],
      server: ['EX01'],
      organization: ['Contoso'],
    });
    expect(harvest('CN=svc-audit,OU=Service Accounts,DC=corp,DC=contoso,DC=com', { names: 'account' })).toEqual({
      domain: ['corp.contoso.com'],
      account: ['svc-audit'],
      'rdn-value': ['Service Accounts'],
    });
  });

  it("reads certificate names, but keeps a public CA's", () => {
    expect(harvest('C=US, ST=Washington, O=Contoso Ltd, CN=*.contoso.com', { names: 'distinguished-name' })).toEqual({
      organization: ['Contoso Ltd'],
      host: ['contoso.com'],
    });
    expect(harvest('C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1', { names: 'distinguished-name' })).toEqual({});
    expect(harvest('DC=com, DC=contoso, CN=Contoso-Issuing-CA', { names: 'distinguished-name' })).toEqual({
      domain: ['contoso.com'],
      'display-name': ['Contoso-Issuing-CA'],
    });
  });

  it('takes accounts as DN, UPN or DOMAIN\\user, servers as NetBIOS or FQDN, hosts as SAN entries', () => {
    expect(harvest('svc@corp.contoso.com', { names: 'account' })).toEqual({ account: ['svc'], domain: ['corp.contoso.com'] });
    expect(harvest('CONTOSO\\svc', { names: 'account' })).toEqual({ 'display-name': ['CONTOSO'], account: ['svc'] });
    expect(harvest('exse-01.corp.contoso.com', { names: 'server' })).toEqual({
      host: ['exse-01.corp.contoso.com'],
      domain: ['corp.contoso.com'],
      server: ['exse-01'],
    });
    expect(harvest('DNS:mail.contoso.com', { names: 'host' })).toEqual({ host: ['mail.contoso.com'], domain: ['contoso.com'] });
    expect(harvest('IP Address:20.84.113.42', { names: 'host' })).toEqual({});
  });

  it("keeps Microsoft's hosts, ids and fixed names, addresses and pseudonyms", () => {
    expect(harvest('https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc', { names: 'url' })).toEqual({});
    expect(harvest('00000002-0000-0ff1-ce00-000000000000', { names: 'application' })).toEqual({});
    expect(harvest('Exchange Online', { names: 'application' })).toEqual({});
    expect(harvest('owa (Default Web Site)', { names: 'display-name' })).toEqual({});
    expect(harvest('udp:127.0.0.1:5353', { names: 'url' })).toEqual({});
    expect(harvest('server-3', { names: 'server' })).toEqual({});
    expect(harvest('doh:https://dns.contoso.com/dns-query', { names: 'url' })).toEqual({
      host: ['dns.contoso.com'],
      domain: ['contoso.com'],
    });
  });

  it("takes URL hosts out of an inventory's free text, not out of a report's (which links to Microsoft's and GitHub's pages)", () => {
    const body = '<a href="https://sso.fabrikam-idp.net/adfs/ls">sign in</a>';
    expect(harvest(body, { names: 'free-text' }).host).toEqual(['sso.fabrikam-idp.net']);
    expect(harvest(body, { names: 'free-text' }, false)).toEqual({});
  });
});
