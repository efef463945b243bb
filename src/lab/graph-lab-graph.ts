// The lab's Microsoft Graph v1.0: bearer-token validation, GET /organization and GET /users, with $select honoured
// the way Graph does (the on-premises user properties only when selected) and Graph's JSON error bodies.
// https://learn.microsoft.com/graph/api/organization-get, https://learn.microsoft.com/graph/api/user-get
import { type KeyObject, randomUUID } from 'node:crypto';
import type { LabJsonAnswer } from './graph-lab-types.js';
import { type GraphLabScenario, type LabUser, ORGANIZATION_READ_ROLES, resolveLabTime, USER_READ_ROLES } from './graph-scenario.js';
import { decodeJwt, verifyJwtSignature } from './lab-jwt.js';

export interface GraphContext {
  origin: string;
  scenario: GraphLabScenario;
  publicKey: KeyObject;
}

export interface Caller {
  clientId: string;
  roles: string[];
}

/** Returned by default (without $select); the on-premises ones are "returned only on $select". */
const DEFAULT_USER_PROPERTIES = ['id', 'displayName', 'userPrincipalName', 'mail'];

/** The caller behind a bearer token, or Graph's 401. */
export function authenticate(context: GraphContext, authorization: string | undefined): Caller | LabJsonAnswer {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const jwt = decodeJwt(token);
  if (!jwt) return graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).');
  if (jwt.header['alg'] !== 'RS256' || !verifyJwtSignature(jwt, context.publicKey)) {
    return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid signature.');
  }
  const { payload } = jwt;
  if (payload['aud'] !== context.origin)
    return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  if (typeof payload['exp'] !== 'number' || payload['exp'] * 1000 < Date.now()) {
    return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
  }
  if (payload['tid'] !== context.scenario.tenantId)
    return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid issuer.');
  const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((role): role is string => typeof role === 'string') : [];
  return { clientId: String(payload['appid'] ?? ''), roles };
}

export function getOrganization(context: GraphContext, caller: Caller, query: URLSearchParams): LabJsonAnswer {
  const { scenario, origin } = context;
  const org = scenario.organization;
  const full = hasAny(caller.roles, ORGANIZATION_READ_ROLES);
  if (!full && scenario.organizationWithoutPermission === 'forbidden') return insufficientPrivileges();
  const id = org.id ?? scenario.tenantId;
  const domains = org.verifiedDomains.map((name, index) => ({
    capabilities: index === 0 ? 'Email, OfficeCommunicationsOnline' : 'Email',
    isDefault: index === 0,
    isInitial: name.toLowerCase().endsWith('.onmicrosoft.com'),
    name,
    type: 'Managed',
  }));
  const visible: Record<string, unknown> = { id, displayName: org.displayName, verifiedDomains: domains };
  // User.Read-level access: everything but id, displayName and verifiedDomains comes back null.
  const rest: Record<string, unknown> = {
    onPremisesSyncEnabled: org.onPremisesSyncEnabled,
    onPremisesLastSyncDateTime: resolveLabTime(org.onPremisesLastSyncDateTime),
    createdDateTime: org.createdDateTime,
    tenantType: org.tenantType,
    countryLetterCode: org.countryLetterCode,
    preferredLanguage: org.preferredLanguage,
    technicalNotificationMails: [`admin@${org.verifiedDomains[0] ?? 'contoso.test'}`],
  };
  const all = { ...visible, ...Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, full ? value : null])) };
  return {
    status: 200,
    body: { '@odata.context': `${origin}/v1.0/$metadata#organization`, value: [select(all, query, Object.keys(all))] },
  };
}

export function getUser(context: GraphContext, caller: Caller, idOrUpn: string, query: URLSearchParams): LabJsonAnswer {
  if (!hasAny(caller.roles, USER_READ_ROLES)) return insufficientPrivileges();
  const user = context.scenario.users.find(
    (candidate) =>
      userId(candidate, context.scenario) === idOrUpn.toLowerCase() || candidate.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase(),
  );
  if (!user) {
    return graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return {
    status: 200,
    body: { '@odata.context': `${context.origin}/v1.0/$metadata#users/$entity`, ...userBody(user, context.scenario, query) },
  };
}

/** GET /users?$filter=mail eq '…' or userPrincipalName eq '…' — the filters the collector and the lab need. */
export function listUsers(context: GraphContext, caller: Caller, query: URLSearchParams): LabJsonAnswer {
  if (!hasAny(caller.roles, USER_READ_ROLES)) return insufficientPrivileges();
  const filter = query.get('$filter');
  let users = context.scenario.users;
  if (filter !== null) {
    const match = /^(mail|userPrincipalName) eq '((?:[^']|'')*)'$/.exec(filter.trim());
    if (!match) return graphError(400, 'Request_UnsupportedQuery', `Unsupported query in the lab: ${filter}`);
    const [, property, quoted] = match as unknown as [string, 'mail' | 'userPrincipalName', string];
    const wanted = quoted.replace(/''/g, "'").toLowerCase();
    users = users.filter((user) => (user[property] ?? '').toLowerCase() === wanted);
  }
  return {
    status: 200,
    body: {
      '@odata.context': `${context.origin}/v1.0/$metadata#users`,
      value: users.map((user) => userBody(user, context.scenario, query)),
    },
  };
}

function userBody(user: LabUser, scenario: GraphLabScenario, query: URLSearchParams): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: userId(user, scenario),
    displayName: user.displayName ?? user.userPrincipalName.split('@')[0],
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    onPremisesSyncEnabled: user.onPremisesSyncEnabled,
    onPremisesImmutableId: user.onPremisesImmutableId,
    onPremisesLastSyncDateTime: resolveLabTime(user.onPremisesLastSyncDateTime),
    onPremisesProvisioningErrors: user.onPremisesProvisioningErrors,
  };
  return select(all, query, DEFAULT_USER_PROPERTIES);
}

/** A stable id per user when the scenario names none, so repeated reads agree. */
function userId(user: LabUser, scenario: GraphLabScenario): string {
  if (user.id) return user.id.toLowerCase();
  const index = scenario.users.indexOf(user);
  return `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

export function select(all: Record<string, unknown>, query: URLSearchParams, defaults: readonly string[]): Record<string, unknown> {
  const requested = query.get('$select');
  const names = requested === null ? defaults : requested.split(',').map((name) => name.trim());
  return Object.fromEntries(names.filter((name) => Object.hasOwn(all, name)).map((name) => [name, all[name]]));
}

export function hasAny(roles: readonly string[], wanted: readonly string[]): boolean {
  return roles.some((role) => wanted.includes(role));
}

export function insufficientPrivileges(): LabJsonAnswer {
  return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/** Graph's error body. https://learn.microsoft.com/graph/errors */
export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): LabJsonAnswer {
  const requestId = randomUUID();
  return {
    status,
    ...(headers ? { headers } : {}),
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': requestId },
      },
    },
  };
}
