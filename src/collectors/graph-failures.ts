// Graph answers that are not facts, as artifact errors: a stable code and one line naming the cause and the fix.
// Permissions: https://learn.microsoft.com/graph/api/organization-get, https://learn.microsoft.com/graph/api/user-get,
// https://learn.microsoft.com/graph/api/application-list and https://learn.microsoft.com/graph/api/serviceprincipal-get

import { graphErrorSummary } from '../clients/graph-client.js';
import type { JsonResponse } from '../clients/graph-http.js';
import type { Redactor } from '../clients/redact.js';
import type { ArtifactError } from '../inventory/inventory.js';

export type GraphResource = 'organization' | 'users' | 'applications';

const permissionAdvice: Record<GraphResource, string> = {
  organization:
    'grant the app the Organization.Read.All (or Directory.Read.All) application permission in Microsoft Entra ID and have an administrator grant admin consent',
  users:
    'grant the app the User.Read.All (or Directory.Read.All) application permission in Microsoft Entra ID and have an administrator grant admin consent',
  applications:
    'grant the app the Application.Read.All application permission in Microsoft Entra ID (it reads applications, service principals and their app role assignments) and have an administrator grant admin consent',
};

export interface FailureContext {
  resource: GraphResource;
  request: string;
  graphUrl: string;
  tokenRoles: string[] | null;
  readyToken: boolean;
  redactor: Redactor;
}

/** An HTTP answer that is neither data nor a negative fact (404 of a user is a fact, handled by the caller). */
export function describeGraphAnswer(response: JsonResponse, context: FailureContext): ArtifactError {
  const { status } = response;
  const summary = graphErrorSummary(response.body, context.redactor);
  const said = summary ? ` (${summary})` : '';
  const roles = context.tokenRoles === null ? 'none readable' : context.tokenRoles.length === 0 ? 'none' : context.tokenRoles.join(', ');
  if (status === 400) {
    return {
      code: 'graph-bad-request',
      message: `Graph refused ${context.request} as a bad request (400${said}): this Graph does not accept the query, which is not a permission problem; check that --graph-url and --cloud point at Microsoft Graph v1.0 of the tenant's cloud, and run again with --debug to see the request`,
    };
  }
  if (status === 403) {
    return {
      code: 'graph-forbidden',
      message: `Graph refused ${context.request} with 403${said}: ${permissionAdvice[context.resource]}; the token's application permissions: ${roles}`,
    };
  }
  if (status === 401) {
    const fix = context.readyToken
      ? `check that the --graph-token-env token was issued for ${context.graphUrl} (its audience, in this --cloud) and has not expired`
      : `check that --cloud/--graph-url match the tenant's cloud`;
    return { code: 'graph-unauthorized', message: `Graph rejected the access token for ${context.request} with 401${said}: ${fix}` };
  }
  if ((status === 429 || status === 503) && response.retryAfterMs !== null) {
    return {
      code: 'graph-throttled',
      message: `Graph answered ${context.request} with ${status}${said} and asked to retry after ${Math.ceil(response.retryAfterMs / 1000)} s, past the --timeout budget${response.retries > 0 ? ` (after ${response.retries} retries)` : ''}: run again later or raise --timeout`,
    };
  }
  return { code: 'graph-http-error', message: `Graph answered ${context.request} with HTTP ${status}${said}` };
}

/** A 200 whose body is not JSON or not of the documented shape: nothing in it is judged. */
export function describeGraphMalformed(problem: string, context: FailureContext): ArtifactError {
  return {
    code: 'graph-malformed-answer',
    message: context.redactor.redact(`${context.request} answered 200, but not with the documented ${context.resource} shape: ${problem}`),
  };
}

/** No HTTP answer at all, or one whose body passed the size cap. */
export function describeGraphNetworkFailure(failure: { code: string; message: string }, context: FailureContext): ArtifactError {
  if (failure.code === 'EBODYTOOLARGE') {
    return {
      code: 'graph-answer-too-large',
      message: `${context.request} to ${context.graphUrl} was refused while reading: ${failure.message}`,
    };
  }
  return {
    code: failure.code === 'ETIMEDOUT' ? 'graph-timeout' : 'graph-unreachable',
    message: context.redactor.redact(`${context.request} to ${context.graphUrl} got no answer: ${failure.code}: ${failure.message}`),
  };
}
