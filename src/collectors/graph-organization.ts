// GET /v1.0/organization: is the tenant synchronised from on-premises AD, and when did it last sync?
// onPremisesSyncEnabled: true = synced, false = was synced but no longer, null = never synced — or, with
// User.Read-level access, not visible at all (only id, displayName and verifiedDomains are filled then).
// https://learn.microsoft.com/graph/api/resources/organization
import type { GraphClient } from '../clients/graph-client.js';
import { HttpFailure } from '../clients/graph-http.js';
import type { GraphOrganization } from '../inventory/artifacts.js';
import type { ArtifactError } from '../inventory/inventory.js';
import { describeGraphAnswer, describeGraphNetworkFailure, type FailureContext } from './graph-failures.js';

/** Properties every readable organization has, which a User.Read-level view leaves null. */
const restrictedProbes = ['createdDateTime', 'tenantType', 'countryLetterCode', 'preferredLanguage'] as const;
const selected = ['id', 'displayName', 'verifiedDomains', 'onPremisesSyncEnabled', 'onPremisesLastSyncDateTime', ...restrictedProbes];
export const ORGANIZATION_REQUEST = `GET /v1.0/organization?$select=${selected.join(',')}`;

export type OrganizationResult = { organization: GraphOrganization } | { error: ArtifactError };

export async function readOrganization(
  graph: GraphClient,
  facts: Pick<GraphOrganization, 'tokenRoles' | 'cloud'>,
  failureContext: Omit<FailureContext, 'resource' | 'request'>,
): Promise<OrganizationResult> {
  const context: FailureContext = { ...failureContext, resource: 'organization', request: 'GET /v1.0/organization' };
  let response: Awaited<ReturnType<typeof graph.get>>;
  try {
    response = await graph.get(ORGANIZATION_REQUEST.slice('GET '.length));
  } catch (error) {
    if (error instanceof HttpFailure) return { error: describeGraphNetworkFailure(error, context) };
    throw error;
  }
  if (response.status !== 200) return { error: describeGraphAnswer(response, context) };
  const parsed = organizationFrom(response.body);
  if (typeof parsed === 'string')
    return { error: { code: 'graph-unexpected-answer', message: `${context.request} answered 200 but ${parsed}` } };
  return { organization: { ...parsed, ...facts } };
}

type OrganizationFacts = Omit<GraphOrganization, 'tokenRoles' | 'cloud'>;

/** The organization from the collection body, or a description of what was wrong with it. */
export function organizationFrom(body: unknown): OrganizationFacts | string {
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return 'the body has no "value" collection';
  const [org] = value as unknown[];
  if (!org || typeof org !== 'object') return 'the "value" collection is empty (no organization)';
  const record = org as Record<string, unknown>;
  if (typeof record['id'] !== 'string' || record['id'] === '') return 'the organization has no id';
  const syncEnabled = record['onPremisesSyncEnabled'] ?? null;
  if (syncEnabled !== null && typeof syncEnabled !== 'boolean')
    return `onPremisesSyncEnabled is ${JSON.stringify(syncEnabled)}, not true, false or null`;
  const lastSync = stringOrNull(record['onPremisesLastSyncDateTime']);
  const restrictedView = syncEnabled === null && lastSync === null && restrictedProbes.every((name) => isEmpty(record[name]));
  return {
    id: record['id'],
    displayName: stringOrNull(record['displayName']),
    onPremisesSyncEnabled: syncEnabled,
    onPremisesLastSyncDateTime: lastSync,
    verifiedDomains: domainNames(record['verifiedDomains']),
    restrictedView,
  };
}

function domainNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value
    .map((domain) => (domain as { name?: unknown } | null)?.name)
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => name.toLowerCase());
  return [...new Set(names)].sort();
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
