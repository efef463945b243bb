// The hybrid set's Graph facts, read app-only with Application.Read.All (docs/facts/hybrid.md):
// - HybridApplications: each dedicated application on-premises names — GET /v1.0/applications?$filter=appId eq '…'
//   (its key credentials and requested permissions), GET /v1.0/servicePrincipals(appId='…') and
//   GET /v1.0/servicePrincipals/{id}/appRoleAssignments (the granted permissions, named from each resource's appRoles);
// - ExchangeOnlineServicePrincipal: GET /v1.0/servicePrincipals(appId='00000002-…')?$select=…,keyCredentials.
// A 401/403 or an unexpected answer fails the artifact with what to fix; "not found" (an empty collection, a 404 of
// an alternate key) is a fact. Only URLs on the Graph endpoint are followed.
import type { GraphClient } from '../clients/graph-client.js';
import { HttpFailure, type JsonResponse } from '../clients/graph-http.js';
import type { AppRoleAssignment, ExchangeOnlineServicePrincipal, HybridApplications } from '../inventory/artifacts.js';
import type { ArtifactError } from '../inventory/inventory.js';
import { ApplicationCollection, AppRoleAssignmentCollection, keyCredentialOf, parseBody, ServicePrincipalBody } from './graph-bodies.js';
import { describeGraphAnswer, describeGraphNetworkFailure, type FailureContext } from './graph-failures.js';

export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
/** Bounds on what one run reads: applications looked up, assignment pages, resources whose role names are read. */
const MAX_APPLICATIONS = 8;
const MAX_ASSIGNMENT_PAGES = 5;
const MAX_RESOURCES = 8;

type Context = Omit<FailureContext, 'resource' | 'request'>;
type Application = HybridApplications['applications'][number];

/** A refusal or a broken answer that ends the whole artifact. */
class ArtifactFailure extends Error {
  constructor(readonly artifactError: ArtifactError) {
    super(artifactError.message);
  }
}

/** GET with the failure contract; a 404 is returned (a fact) only where it means "no such object". */
async function get(
  graph: GraphClient,
  pathAndQuery: string,
  request: string,
  context: Context,
  notFoundIsFact = false,
): Promise<JsonResponse> {
  const failure: FailureContext = { ...context, resource: 'applications', request };
  try {
    const response = await graph.get(pathAndQuery);
    if (response.status === 200 || (notFoundIsFact && response.status === 404)) return response;
    throw new ArtifactFailure(describeGraphAnswer(response, failure));
  } catch (error) {
    if (error instanceof HttpFailure) throw new ArtifactFailure(describeGraphNetworkFailure(error, failure));
    throw error;
  }
}

function parsed<T>(value: T | string, request: string): T {
  if (typeof value === 'string')
    throw new ArtifactFailure({ code: 'graph-unexpected-answer', message: `${request} answered 200 but ${value}` });
  return value;
}

export type ApplicationsResult = { applications: HybridApplications } | { error: ArtifactError };
export type SharedPrincipalResult = { principal: ExchangeOnlineServicePrincipal } | { error: ArtifactError };

/** The application ids the auth servers name, other than the first-party Exchange id (GUIDs, de-duplicated, bounded). */
export function requestedAppIds(identifiers: readonly (string | null)[]): string[] {
  const ids = identifiers
    .map((id) => id?.trim().toLowerCase() ?? '')
    .filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) && id !== EXCHANGE_ONLINE_APP_ID);
  return [...new Set(ids)].slice(0, MAX_APPLICATIONS);
}

export async function readHybridApplications(graph: GraphClient, appIds: readonly string[], context: Context): Promise<ApplicationsResult> {
  try {
    const roleNames = new Map<string, Promise<{ appId: string | null; roles: Map<string, string> } | null>>();
    const applications: Application[] = [];
    for (const appId of appIds) applications.push(await readApplication(graph, appId, context, roleNames));
    return { applications: { requested: [...appIds], applications } };
  } catch (error) {
    if (error instanceof ArtifactFailure) return { error: error.artifactError };
    throw error;
  }
}

async function readApplication(
  graph: GraphClient,
  appId: string,
  context: Context,
  roleNames: Map<string, Promise<{ appId: string | null; roles: Map<string, string> } | null>>,
): Promise<Application> {
  const request = `GET /v1.0/applications?$filter=appId eq '${appId}'`;
  const filter = encodeURIComponent(`appId eq '${appId}'`);
  const list = await get(
    graph,
    `/v1.0/applications?$filter=${filter}&$select=id,appId,displayName,keyCredentials,requiredResourceAccess`,
    request,
    context,
  );
  const body = parsed(parseBody(ApplicationCollection, list.body), request);
  const app = body.value.find((candidate) => candidate.appId.toLowerCase() === appId);
  if (!app)
    return { appId, found: false, id: null, displayName: null, keyCredentials: [], requiredResourceAccess: [], servicePrincipal: null };
  const spRequest = `GET /v1.0/servicePrincipals(appId='${appId}')`;
  const spAnswer = await get(graph, `/v1.0/servicePrincipals(appId='${appId}')?$select=id,appId,displayName`, spRequest, context, true);
  const sp = spAnswer.status === 200 ? parsed(parseBody(ServicePrincipalBody, spAnswer.body), spRequest) : null;
  return {
    appId,
    found: true,
    id: app.id,
    displayName: app.displayName ?? null,
    keyCredentials: (app.keyCredentials ?? []).map(keyCredentialOf),
    requiredResourceAccess: (app.requiredResourceAccess ?? []).map((entry) => ({
      resourceAppId: entry.resourceAppId,
      resourceAccess: entry.resourceAccess.map((access) => ({ id: access.id, type: access.type })),
    })),
    servicePrincipal: sp
      ? { id: sp.id, displayName: sp.displayName ?? null, appRoleAssignments: await readAssignments(graph, sp.id, context, roleNames) }
      : null,
  };
}

async function readAssignments(
  graph: GraphClient,
  principalId: string,
  context: Context,
  roleNames: Map<string, Promise<{ appId: string | null; roles: Map<string, string> } | null>>,
): Promise<AppRoleAssignment[]> {
  const request = `GET /v1.0/servicePrincipals/${principalId}/appRoleAssignments`;
  const raw: { id: string | null; resourceId: string; resourceDisplayName: string | null; appRoleId: string }[] = [];
  let next: string | null = `/v1.0/servicePrincipals/${encodeURIComponent(principalId)}/appRoleAssignments`;
  for (let page = 0; next !== null && page < MAX_ASSIGNMENT_PAGES; page++) {
    const answer = await get(graph, next, request, context);
    const body = parsed(parseBody(AppRoleAssignmentCollection, answer.body), request);
    raw.push(...body.value.map((entry) => ({ ...entry, id: entry.id ?? null, resourceDisplayName: entry.resourceDisplayName ?? null })));
    next = onGraph(graph, body['@odata.nextLink'] ?? null);
  }
  const resources = [...new Set(raw.map((entry) => entry.resourceId))].slice(0, MAX_RESOURCES);
  for (const resourceId of resources) if (!roleNames.has(resourceId)) roleNames.set(resourceId, readRoles(graph, resourceId, context));
  const resolved = new Map(await Promise.all(resources.map(async (id) => [id, await roleNames.get(id)!] as const)));
  return raw.map((entry) => {
    const resource = resolved.get(entry.resourceId) ?? null;
    return {
      id: entry.id,
      resourceId: entry.resourceId,
      resourceAppId: resource?.appId ?? null,
      resourceDisplayName: entry.resourceDisplayName,
      appRoleId: entry.appRoleId,
      appRoleValue: resource?.roles.get(entry.appRoleId.toLowerCase()) ?? null,
    };
  });
}

/** The resource's appId and appRoles (id → value), so a granted role can be named; null when it is not readable. */
async function readRoles(graph: GraphClient, resourceId: string, context: Context) {
  const request = `GET /v1.0/servicePrincipals/${resourceId}`;
  const answer = await get(
    graph,
    `/v1.0/servicePrincipals/${encodeURIComponent(resourceId)}?$select=id,appId,displayName,appRoles`,
    request,
    context,
    true,
  );
  if (answer.status !== 200) return null;
  const body = parsed(parseBody(ServicePrincipalBody, answer.body), request);
  const roles = new Map<string, string>();
  for (const role of body.appRoles ?? []) if (role.value) roles.set(role.id.toLowerCase(), role.value);
  return { appId: body.appId?.toLowerCase() ?? null, roles };
}

/** A nextLink is followed only when it points at the Graph endpoint this run was given. */
function onGraph(graph: GraphClient, link: string | null): string | null {
  if (link === null) return null;
  return link.startsWith(`${graph.graphUrl}/v1.0/`) ? link.slice(graph.graphUrl.length) : null;
}

export async function readSharedServicePrincipal(graph: GraphClient, context: Context): Promise<SharedPrincipalResult> {
  const request = `GET /v1.0/servicePrincipals(appId='${EXCHANGE_ONLINE_APP_ID}')`;
  try {
    const path = `/v1.0/servicePrincipals(appId='${EXCHANGE_ONLINE_APP_ID}')?$select=id,appId,displayName,keyCredentials`;
    const answer = await get(graph, path, request, context, true);
    if (answer.status === 404) {
      return { principal: { appId: EXCHANGE_ONLINE_APP_ID, found: false, id: null, displayName: null, keyCredentials: [] } };
    }
    const body = parsed(parseBody(ServicePrincipalBody, answer.body), request);
    return {
      principal: {
        appId: EXCHANGE_ONLINE_APP_ID,
        found: true,
        id: body.id,
        displayName: body.displayName ?? null,
        keyCredentials: (body.keyCredentials ?? []).map(keyCredentialOf),
      },
    };
  } catch (error) {
    if (error instanceof ArtifactFailure) return { error: error.artifactError };
    throw error;
  }
}
