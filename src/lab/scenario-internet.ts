// A scenario's Internet side for the lab: the public zone the lab's DNS server answers, and the load balancer in
// front of the estate's Exchange servers. The recorded addresses (a public VIP, an internal VIP) become loopback
// addresses; what each member answers follows its build, as Exchange does (docs/facts/http.md): 2016 CU3+, 2019 and SE
// serve Autodiscover v2 and /api with a Bearer challenge, 2013 and 2016 before CU3 have neither.
import type { LabRecord } from './dns-server.js';
import type { HttpBehaviour, OAuthChallenge } from './front-end-behaviours.js';
import type { LoadBalancerDescription } from './load-balancer.js';
import { INTERNAL_VIP, PUBLIC_VIP, type PublicNames, serverFqdn, servesRestApi } from './scenarios/contoso.js';
import type { ServerSpec } from './scenarios/estates.js';
import { bearerChallengeOf, gatewaySignInOf, hybridOf, type PublicRecord, type Setup } from './scenarios/setup.js';

/** Where the lab puts the recorded load-balancer addresses. */
export interface VipAddresses {
  public: string;
  internal: string;
}

/** Recorded address → lab address; an address the lab has no place for is a scenario the lab cannot serve. */
export function labAddressOf(recorded: string, vips: VipAddresses): string {
  if (recorded === PUBLIC_VIP) return vips.public;
  if (recorded === INTERNAL_VIP) return vips.internal;
  throw new Error(`the lab has no loopback address for the recorded address ${recorded}`);
}

/** The load-balancer addresses the scenario's public zone hands out, recorded form. */
export function recordedVips(setup: Setup): string[] {
  const addresses = [setup.dns.autodiscover, setup.dns.namespace].flatMap((record) => (record.kind === 'nxdomain' ? [] : record.addresses));
  return [...new Set(addresses)];
}

function recordsOf(name: string, record: PublicRecord, vips: VipAddresses): LabRecord[] {
  switch (record.kind) {
    case 'nxdomain':
      return [];
    case 'address':
      return record.addresses.map((address) => ({ name, type: 'A' as const, address: labAddressOf(address, vips) }));
    case 'alias':
      return [{ name, type: 'CNAME', target: record.target }];
  }
}

/** The public zone of the SMTP domain: Autodiscover and the namespace, and the targets of any CNAME. */
export function publicZone(setup: Setup, vips: VipAddresses): { zone: string; records: LabRecord[] } {
  const { names } = setup;
  const records = [
    ...recordsOf(names.autodiscoverHost, setup.dns.autodiscover, vips),
    ...recordsOf(names.namespace, setup.dns.namespace, vips),
  ];
  // A CNAME to a name the scenario does not describe otherwise points at the addresses recorded with it.
  for (const record of [setup.dns.autodiscover, setup.dns.namespace]) {
    if (record.kind !== 'alias' || records.some((existing) => existing.name === record.target && existing.type !== 'CNAME')) continue;
    if (record.target === names.namespace) continue;
    records.push(...record.addresses.map((address) => ({ name: record.target, type: 'A' as const, address: labAddressOf(address, vips) })));
  }
  return { zone: names.smtpDomain, records };
}

function oauthOf(names: PublicNames): OAuthChallenge {
  const challenge = bearerChallengeOf(names);
  return {
    clientId: challenge.client_id,
    trustedIssuers: challenge.trusted_issuers.split(','),
    authorizationUri: challenge.authorization_uri,
  };
}

function memberOf(server: ServerSpec, setup: Setup): HttpBehaviour {
  const identity = { name: server.name, fqdn: serverFqdn(server.name), build: server.build };
  if (!servesRestApi(server.build)) return { kind: 'exchange-2013', server: identity };
  if (setup.discovery !== 'returns-urls' || setup.api === 'not-found') {
    throw new Error(`${server.name} (${server.build}) serves Autodiscover v2 and /api; the lab cannot make it answer 404`);
  }
  const { namespace } = setup.names;
  return {
    kind: 'exchange',
    server: identity,
    oauth: oauthOf(setup.names),
    restUrl: `https://${namespace}/api`,
    ewsUrl: `https://${namespace}/EWS/Exchange.asmx`,
  };
}

/** The balancer's pools and gateway (addresses, port and certificate are the lab's to add). */
export function loadBalancerOf(setup: Setup): Pick<LoadBalancerDescription, 'routes' | 'defaultPool' | 'preAuthentication'> {
  const { rotation } = setup.estate;
  if (rotation.length === 0) throw new Error('the load balancer needs members');
  const members = new Map(rotation.map((server) => [server.name, memberOf(server, setup)]));
  const pool = (servers: readonly ServerSpec[]) => servers.map((server) => members.get(server.name)!);
  const restCapable = rotation.filter((server) => servesRestApi(server.build));
  // EWS goes where /api goes: to the members that serve the hybrid workloads.
  const gated = [
    ...(setup.frontEnd === 'gateway' ? ['/api/'] : []),
    ...(hybridOf(setup).ews === 'gateway-sign-in-redirect' ? ['/ews/'] : []),
  ];
  return {
    routes: [{ prefixes: ['/autodiscover/', '/api/', '/ews/'], pool: pool(restCapable.length > 0 ? restCapable : rotation) }],
    defaultPool: pool(rotation),
    ...(gated.length > 0 ? { preAuthentication: { prefixes: gated, signInUrl: gatewaySignInOf(setup.names) } } : {}),
  };
}
