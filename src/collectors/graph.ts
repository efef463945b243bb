// The Graph collector: the tenant's directory-synchronisation status (GraphOrganization), each --mailbox as a
// Graph user (GraphUsers), and for the hybrid set the dedicated applications AD names (HybridApplications) and the
// shared Exchange Online service principal (ExchangeOnlineServicePrincipal), read app-only. Negative facts (sync
// off, never synced, user or application not found) are data; no access, refused permissions and outages are
// artifact errors that say what to fix.

import {
  acquireGraphToken,
  type GraphCredential,
  GraphCredentialError,
  GraphTokenError,
  graphCredentialFrom,
} from '../clients/graph-auth.js';
import { createGraphClient } from '../clients/graph-client.js';
import { resolveGraphEndpoints } from '../clients/graph-endpoints.js';
import { createGraphDispatcher } from '../clients/graph-http.js';
import { tokenRoles } from '../clients/jwt-claims.js';
import { Redactor } from '../clients/redact.js';
import type { ArtifactError } from '../inventory/inventory.js';
import type { Collector, CollectorOutput } from './collector.js';
import { readHybridApplications, readSharedServicePrincipal, requestedAppIds } from './graph-applications.js';
import { readOrganization } from './graph-organization.js';
import { readUsers } from './graph-users.js';
import { GRAPH_ARTIFACTS, GRAPH_INPUTS } from './manifest.js';

type GraphArtifact = (typeof GRAPH_ARTIFACTS)[number];

export const graphCollector: Collector<GraphArtifact> = {
  name: 'graph',
  produces: GRAPH_ARTIFACTS,
  inputs: GRAPH_INPUTS,
  async collect(wanted, { options, debug, input }) {
    const { secrets } = options;
    const redactor = new Redactor([secrets.clientSecret, secrets.graphToken, secrets.clientCertificatePem]);
    const safeDebug = (message: string) => debug(redactor.redact(message));
    const failAll = (error: ArtifactError): CollectorOutput<GraphArtifact> => ({
      artifacts: {},
      errors: Object.fromEntries(wanted.map((name) => [name, { code: error.code, message: redactor.redact(error.message) }])),
    });

    let credential: GraphCredential;
    try {
      credential = graphCredentialFrom(options);
    } catch (error) {
      if (error instanceof GraphCredentialError) return failAll({ code: error.code, message: error.message });
      throw error;
    }
    const endpoints = resolveGraphEndpoints(options.cloud, options.graphUrl, options.loginUrl);
    const dispatcher = createGraphDispatcher(options.caPem);
    try {
      safeDebug(`graph: ${credential.kind} credential, Graph ${endpoints.graphUrl}, login ${endpoints.loginUrl}`);
      let token: string;
      try {
        token = await acquireGraphToken(credential, {
          endpoints,
          dispatcher,
          timeoutMs: options.timeoutMs,
          redactor,
          debug: safeDebug,
          onRetry: (status, waitMs, url) => safeDebug(`login: ${status} for ${new URL(url).pathname}, waiting ${waitMs} ms (Retry-After)`),
        });
      } catch (error) {
        if (error instanceof GraphTokenError) return failAll({ code: 'graph-token-failed', message: error.message });
        throw error;
      }
      redactor.add(token);
      const roles = tokenRoles(token);
      safeDebug(`graph: the token's application permissions: ${roles?.join(', ') ?? '(no roles claim)'}`);

      const graph = createGraphClient({
        graphUrl: endpoints.graphUrl,
        token,
        dispatcher,
        timeoutMs: options.timeoutMs,
        redactor,
        debug: safeDebug,
      });
      const failureContext = { graphUrl: endpoints.graphUrl, tokenRoles: roles, readyToken: credential.kind === 'token', redactor };
      const output: CollectorOutput<GraphArtifact> = { artifacts: {}, errors: {} };
      const hybridApplications = async () => {
        const auth = input ? await input('ExchangeAuthConfig') : { error: { code: 'input-not-planned', message: 'not collected' } };
        if ('error' in auth) {
          return {
            error: {
              code: 'graph-input-missing',
              message: `the dedicated application's id could not be read from Active Directory (ExchangeAuthConfig: ${auth.error.message})`,
            },
          };
        }
        const ids = requestedAppIds(auth.artifact.authServers.map((server) => server.applicationIdentifier));
        return readHybridApplications(graph, ids, failureContext);
      };
      const [organization, users, applications, shared] = await Promise.all([
        wanted.includes('GraphOrganization')
          ? readOrganization(graph, { tokenRoles: roles, cloud: endpoints.cloud }, failureContext)
          : null,
        wanted.includes('GraphUsers') ? readUsers(graph, options.mailboxes, failureContext) : null,
        wanted.includes('HybridApplications') ? hybridApplications() : null,
        wanted.includes('ExchangeOnlineServicePrincipal') ? readSharedServicePrincipal(graph, failureContext) : null,
      ]);
      if (organization && 'organization' in organization) output.artifacts.GraphOrganization = organization.organization;
      if (organization && 'error' in organization) output.errors.GraphOrganization = organization.error;
      if (users && 'users' in users) output.artifacts.GraphUsers = users.users;
      if (users && 'error' in users) output.errors.GraphUsers = users.error;
      if (applications && 'applications' in applications) output.artifacts.HybridApplications = applications.applications;
      if (applications && 'error' in applications)
        output.errors.HybridApplications = { ...applications.error, message: redactor.redact(applications.error.message) };
      if (shared && 'principal' in shared) output.artifacts.ExchangeOnlineServicePrincipal = shared.principal;
      if (shared && 'error' in shared)
        output.errors.ExchangeOnlineServicePrincipal = { ...shared.error, message: redactor.redact(shared.error.message) };
      return output;
    } finally {
      await dispatcher.destroy();
    }
  },
};
