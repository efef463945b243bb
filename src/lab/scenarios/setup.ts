// What one scenario is: an estate (servers, databases, AD preparation) plus how the organization looks from the
// Internet and from Microsoft Graph. The saved inventory (scripts/fixtures) records it; the lab (src/lab) serves it.
import type { DeclaredApis } from '../../inventory/artifacts.js';
import { minutesBeforeCollection, PUBLIC_VIP, type PublicNames, TENANT_ID } from './contoso.js';
import type { Estate } from './estates.js';
import { CLASSIC_HYBRID, type HybridSetup } from './hybrid.js';

/** What the public zone holds for one name. Addresses are the recorded (public or internal) ones. */
export type PublicRecord =
  | { kind: 'address'; addresses: string[] }
  | { kind: 'alias'; target: string; addresses: string[] }
  | { kind: 'nxdomain' };

export function address(...addresses: string[]): PublicRecord {
  return { kind: 'address', addresses };
}
export function alias(target: string, ...addresses: string[]): PublicRecord {
  return { kind: 'alias', target, addresses };
}
export const NXDOMAIN: PublicRecord = { kind: 'nxdomain' };

/** Addresses a public client would reach for this record (what the HTTPS probes go to). */
export function publicAddressesOf(record: PublicRecord): string[] {
  return record.kind === 'nxdomain' ? [] : [...record.addresses];
}

/** What Autodiscover v2 answers for Protocol=Rest/Ews: the URLs, or IIS's 404 (no Autodiscover v2 before 2016 CU3). */
export type DiscoveryBehaviour = 'returns-urls' | 'not-found';
/** What an anonymous GET /api/v2.0/me gets: Exchange's Bearer challenge, IIS's 404, or a gateway's sign-in redirect. */
export type ApiBehaviour = 'bearer-challenge' | 'not-found' | 'gateway-sign-in-redirect';

export interface TenantSync {
  /** organization.onPremisesSyncEnabled: true synced, false turned off, null never synced. */
  enabled: boolean | null;
  lastSync: string | null;
}

export interface Setup {
  names: PublicNames;
  estate: Estate;
  dns: { autodiscover: PublicRecord; namespace: PublicRecord };
  discovery: DiscoveryBehaviour;
  api: ApiBehaviour;
  /** `gateway`: a pre-authenticating gateway answers every /api request itself; the rest reaches Exchange. */
  frontEnd: 'direct' | 'gateway';
  /** Tenant directory sync as Graph reports it; `no-graph-access` when no Graph credentials are given. */
  tenant: TenantSync | 'no-graph-access';
  intraOrganizationConnectorEnabled: boolean;
  /** The Graph calls the application declares (config `apis:`). */
  calls: DeclaredApis['calls'];
  /** `bind-refused`: the assessment's bind password is wrong, so no Active Directory artifact exists. */
  ldap: 'ok' | 'bind-refused';
  /** The hybrid requirement set's facts (hybrid.ts); the classic, never-moved state when absent. */
  hybrid?: HybridSetup;
}

export function hybridOf(setup: Pick<Setup, 'hybrid'>): HybridSetup {
  return setup.hybrid ?? CLASSIC_HYBRID;
}

const GRAPH = 'https://graph.microsoft.com';

/** The calls of Contoso's line-of-business app: v1.0 Mail, Calendar and Contacts only. */
export const IN_SCOPE_CALLS: DeclaredApis['calls'] = [
  { method: 'GET', url: `${GRAPH}/v1.0/users/{id}/messages` },
  { method: 'POST', url: `${GRAPH}/v1.0/users/{id}/sendMail` },
  { method: 'GET', url: `${GRAPH}/v1.0/users/{id}/calendar/events` },
  { method: 'GET', url: `${GRAPH}/v1.0/users/{id}/contacts` },
];

/** Exchange's OAuth challenge with HMA (EvoSTS default endpoint) and the tenant's cloud trust (docs/facts/http.md §3). */
export function bearerChallengeOf(
  names: PublicNames,
): Record<'client_id' | 'trusted_issuers' | 'token_types' | 'authorization_uri', string> {
  return {
    client_id: '00000002-0000-0ff1-ce00-000000000000',
    trusted_issuers: `00000001-0000-0000-c000-000000000000@${TENANT_ID},00000004-0000-0ff1-ce00-000000000000@${names.smtpDomain}`,
    token_types: 'app_asserted_user_v1 service_asserted_app_v1',
    authorization_uri: 'https://login.windows.net/common/oauth2/authorize',
  };
}

/** Where the pre-authenticating gateway (an F5 BIG-IP APM policy) sends every /api request. */
export function gatewaySignInOf(names: PublicNames): string {
  return `https://${names.namespace}/my.policy`;
}

/** Contoso as it should be: public Autodiscover (a CNAME to the namespace), HMA, Entra Connect synced 40 minutes ago. */
export function readySetup(estate: Estate, names: PublicNames): Setup {
  return {
    names,
    estate,
    dns: { autodiscover: alias(names.namespace, PUBLIC_VIP), namespace: address(PUBLIC_VIP) },
    discovery: 'returns-urls',
    api: 'bearer-challenge',
    frontEnd: 'direct',
    tenant: { enabled: true, lastSync: minutesBeforeCollection(40) },
    intraOrganizationConnectorEnabled: true,
    calls: IN_SCOPE_CALLS,
    ldap: 'ok',
  };
}
