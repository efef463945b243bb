// The lab's Graph v1.0 applications and service principals, for the hybrid set: GET /applications?$filter=appId eq '…',
// GET /servicePrincipals(appId='…'), GET /servicePrincipals/{id} and GET /servicePrincipals/{id}/appRoleAssignments,
// each refused (403) without Application.Read.All, with $select honoured the way Graph does (a keyCredential's key only
// when keyCredentials is selected). https://learn.microsoft.com/graph/api/application-list, …/serviceprincipal-get,
// …/serviceprincipal-list-approleassignments
import type { Caller, GraphContext } from './graph-lab-graph.js';
import { graphError, hasAny, insufficientPrivileges, select } from './graph-lab-graph.js';
import type { LabJsonAnswer } from './graph-lab-types.js';
import { APPLICATION_READ_ROLES, type LabApplication, type LabServicePrincipal, resolveLabTime } from './graph-scenario.js';

type KeyCredentials = LabApplication['keyCredentials'];

function keyCredentialsBody(credentials: KeyCredentials, withKey: boolean): Record<string, unknown>[] {
  return credentials.map((credential) => ({
    customKeyIdentifier: credential.customKeyIdentifier,
    displayName: credential.displayName,
    endDateTime: resolveLabTime(credential.endDateTime),
    key: withKey ? credential.key : null,
    keyId: credential.keyId,
    startDateTime: resolveLabTime(credential.startDateTime),
    type: credential.type,
    usage: credential.usage,
  }));
}

function selected(query: URLSearchParams, name: string): boolean {
  return (query.get('$select') ?? '').split(',').some((entry) => entry.trim() === name);
}

function notFound(what: string): LabJsonAnswer {
  return graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** GET /applications with the one filter the collector sends: appId eq '…'. */
export function listApplications(context: GraphContext, caller: Caller, query: URLSearchParams): LabJsonAnswer {
  if (!hasAny(caller.roles, APPLICATION_READ_ROLES)) return insufficientPrivileges();
  const filter = query.get('$filter');
  const match = filter === null ? null : /^appId eq '([0-9a-fA-F-]{36})'$/.exec(filter.trim());
  if (filter !== null && !match) return graphError(400, 'Request_UnsupportedQuery', `Unsupported query in the lab: ${filter}`);
  const apps = context.scenario.applications.filter((app) => !match || app.appId.toLowerCase() === match[1]!.toLowerCase());
  const withKey = selected(query, 'keyCredentials');
  return {
    status: 200,
    body: {
      '@odata.context': `${context.origin}/v1.0/$metadata#applications`,
      value: apps.map((app) =>
        select(
          {
            id: app.id,
            appId: app.appId,
            displayName: app.displayName,
            keyCredentials: keyCredentialsBody(app.keyCredentials, withKey),
            requiredResourceAccess: app.requiredResourceAccess,
          },
          query,
          ['id', 'appId', 'displayName', 'keyCredentials', 'requiredResourceAccess'],
        ),
      ),
    },
  };
}

/** `segments` after /v1.0: ["servicePrincipals(appId='…')"], ["servicePrincipals", id] or ["servicePrincipals", id, "appRoleAssignments"]. */
export function servicePrincipals(
  context: GraphContext,
  caller: Caller,
  segments: readonly string[],
  query: URLSearchParams,
): LabJsonAnswer {
  if (!hasAny(caller.roles, APPLICATION_READ_ROLES)) return insufficientPrivileges();
  const byAppId = /^servicePrincipals\(appId='([^']*)'\)$/.exec(decodeURIComponent(segments[0] ?? ''));
  const principals = context.scenario.servicePrincipals;
  const principal: LabServicePrincipal | undefined = byAppId
    ? principals.find((sp) => sp.appId.toLowerCase() === byAppId[1]!.toLowerCase())
    : principals.find((sp) => sp.id.toLowerCase() === (segments[1] ?? '').toLowerCase());
  const name = byAppId ? `appId='${byAppId[1]}'` : (segments[1] ?? '');
  if (!byAppId && segments.length < 2) return graphError(400, 'Request_UnsupportedQuery', 'The lab does not list service principals.');
  if (!principal) return notFound(name);
  if (segments[byAppId ? 1 : 2] === 'appRoleAssignments') {
    return {
      status: 200,
      body: {
        '@odata.context': `${context.origin}/v1.0/$metadata#servicePrincipals('${principal.id}')/appRoleAssignments`,
        value: principal.appRoleAssignments.map((assignment) => ({
          id: assignment.id,
          appRoleId: assignment.appRoleId,
          principalDisplayName: principal.displayName,
          principalId: principal.id,
          principalType: 'ServicePrincipal',
          resourceDisplayName: assignment.resourceDisplayName,
          resourceId: assignment.resourceId,
        })),
      },
    };
  }
  const all = {
    id: principal.id,
    appId: principal.appId,
    displayName: principal.displayName,
    keyCredentials: keyCredentialsBody(principal.keyCredentials, selected(query, 'keyCredentials')),
    appRoles: principal.appRoles.map((role) => ({ allowedMemberTypes: ['Application'], id: role.id, isEnabled: true, value: role.value })),
  };
  return {
    status: 200,
    body: { '@odata.context': `${context.origin}/v1.0/$metadata#servicePrincipals/$entity`, ...select(all, query, Object.keys(all)) },
  };
}
