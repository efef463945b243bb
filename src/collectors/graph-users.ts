// Each --mailbox as a Graph user: is it synchronised from on-premises AD, with which immutable id, and are there
// provisioning errors? The on-premises properties are returned only on $select. Each answer is validated against the
// documented shape (graph-shapes.ts): a malformed one is a failed lookup, never "not synchronized".
// https://learn.microsoft.com/graph/api/resources/user
import type { GraphAnswer, GraphClient } from '../clients/graph-client.js';
import { HttpFailure, type JsonResponse } from '../clients/graph-http.js';
import type { GraphUsers } from '../inventory/artifacts.js';
import type { ArtifactError } from '../inventory/inventory.js';
import { describeGraphAnswer, describeGraphMalformed, describeGraphNetworkFailure, type FailureContext } from './graph-failures.js';
import { UserCollection, UserShape } from './graph-shapes.js';

type GraphUser = GraphUsers['users'][number];
type ProvisioningError = GraphUser['onPremisesProvisioningErrors'][number];

const SELECT =
  '$select=id,userPrincipalName,mail,onPremisesSyncEnabled,onPremisesImmutableId,onPremisesLastSyncDateTime,onPremisesProvisioningErrors';
/** Graph advises few parallel requests per app; a handful of mailboxes need no more. */
const CONCURRENCY = 4;

export type UsersResult = { users: GraphUsers } | { error: ArtifactError };

/** A systemic refusal (401/403) ends the whole artifact; other failures stay with the one mailbox. */
class SystemicRefusal extends Error {
  constructor(readonly artifactError: ArtifactError) {
    super(artifactError.message);
  }
}

export async function readUsers(
  graph: GraphClient,
  mailboxes: readonly string[],
  failureContext: Omit<FailureContext, 'resource' | 'request'>,
): Promise<UsersResult> {
  const results: GraphUser[] = new Array<GraphUser>(mailboxes.length);
  let refusal: ArtifactError | null = null;
  let next = 0;
  const worker = async () => {
    while (next < mailboxes.length && refusal === null) {
      const index = next++;
      try {
        results[index] = await readUser(graph, mailboxes[index] as string, failureContext);
      } catch (error) {
        if (!(error instanceof SystemicRefusal)) throw error;
        refusal ??= error.artifactError;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, mailboxes.length) }, worker));
  return refusal === null ? { users: { users: results } } : { error: refusal };
}

async function readUser(
  graph: GraphClient,
  mailbox: string,
  failureContext: Omit<FailureContext, 'resource' | 'request'>,
): Promise<GraphUser> {
  const context: FailureContext = { ...failureContext, resource: 'users', request: `GET /v1.0/users/${mailbox}` };
  try {
    let answer: GraphAnswer<UserShape> = await graph.read(`/v1.0/users/${encodeURIComponent(mailbox)}?${SELECT}`, UserShape);
    if (answer.kind === 'status' && answer.response.status === 404) {
      // /users/{id} takes the id or the userPrincipalName; a mailbox's primary address may differ from its UPN.
      const filter = `mail eq '${mailbox.replace(/'/g, "''")}'`;
      const found = await graph.read(`/v1.0/users?$filter=${encodeURIComponent(filter)}&${SELECT}`, UserCollection);
      if (found.kind === 'data') {
        const [first] = found.value.value;
        return first ? userFrom(mailbox, first) : { ...emptyUser(mailbox), found: false };
      }
      answer = found.kind === 'malformed' ? found : { kind: 'status', response: found.response };
    }
    if (answer.kind === 'data') return userFrom(mailbox, answer.value);
    // A body that is not a user is no fact about the user: never "not synchronized" from a truncated answer.
    if (answer.kind === 'malformed') return failedUser(mailbox, describeGraphMalformed(answer.problem, context));
    const { response } = answer;
    if (response.status === 401 || response.status === 403) throw new SystemicRefusal(describeGraphAnswer(response, context));
    return failedUser(mailbox, statusFailure(response, context));
  } catch (error) {
    if (error instanceof HttpFailure) {
      const failure = describeGraphNetworkFailure(error, context);
      return failedUser(mailbox, { code: error.code, message: failure.message });
    }
    throw error;
  }
}

function statusFailure(response: JsonResponse, context: FailureContext): { code: string; message: string } {
  return { code: `HTTP_${response.status}`, message: describeGraphAnswer(response, context).message };
}

function userFrom(mailbox: string, record: UserShape): GraphUser {
  return {
    mailbox,
    found: true,
    id: record.id,
    onPremisesSyncEnabled: record.onPremisesSyncEnabled ?? null,
    onPremisesImmutableId: record.onPremisesImmutableId || null,
    onPremisesLastSyncDateTime: record.onPremisesLastSyncDateTime ?? null,
    onPremisesProvisioningErrors: (record.onPremisesProvisioningErrors ?? []).map(
      (entry): ProvisioningError => ({
        category: entry.category || null,
        occurredDateTime: entry.occurredDateTime || null,
        propertyCausingError: entry.propertyCausingError || null,
        value: entry.value || null,
      }),
    ),
    error: null,
  };
}

function failedUser(mailbox: string, error: { code: string; message: string }): GraphUser {
  return { ...emptyUser(mailbox), error };
}

function emptyUser(mailbox: string): GraphUser {
  return {
    mailbox,
    found: false,
    id: null,
    onPremisesSyncEnabled: null,
    onPremisesImmutableId: null,
    onPremisesLastSyncDateTime: null,
    onPremisesProvisioningErrors: [],
    error: null,
  };
}
