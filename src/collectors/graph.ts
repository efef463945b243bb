// The Graph collector: the tenant's directory-synchronisation status (GraphOrganization) and each --mailbox as a
// Graph user (GraphUsers), read app-only. Negative facts (sync off, never synced, user not found) are data;
// no access, refused permissions and outages are artifact errors that say what to fix.

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
import { readOrganization } from './graph-organization.js';
import { readUsers } from './graph-users.js';

type GraphArtifact = 'GraphOrganization' | 'GraphUsers';

export const graphCollector: Collector<GraphArtifact> = {
  name: 'graph',
  produces: ['GraphOrganization', 'GraphUsers'],
  async collect(wanted, { options, debug }) {
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
      const [organization, users] = await Promise.all([
        wanted.includes('GraphOrganization')
          ? readOrganization(graph, { tokenRoles: roles, cloud: endpoints.cloud }, failureContext)
          : null,
        wanted.includes('GraphUsers') ? readUsers(graph, options.mailboxes, failureContext) : null,
      ]);
      if (organization && 'organization' in organization) output.artifacts.GraphOrganization = organization.organization;
      if (organization && 'error' in organization) output.errors.GraphOrganization = organization.error;
      if (users && 'users' in users) output.artifacts.GraphUsers = users.users;
      if (users && 'error' in users) output.errors.GraphUsers = users.error;
      return output;
    } finally {
      await dispatcher.destroy();
    }
  },
};
