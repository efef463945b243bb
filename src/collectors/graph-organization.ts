// GET /v1.0/organization: is the tenant synchronised from on-premises AD, and when did it last sync?
// onPremisesSyncEnabled: true = synced, false = was synced but no longer, null = never synced — or, with
// User.Read-level access, not visible at all (only id, displayName and verifiedDomains are filled then).
// The answer is validated against the documented shape (graph-shapes.ts) before anything is read from it.
// https://learn.microsoft.com/graph/api/resources/organization
import type { GraphClient } from '../clients/graph-client.js';
import { HttpFailure } from '../clients/graph-http.js';
import type { GraphOrganization } from '../inventory/artifacts.js';
import type { ArtifactError } from '../inventory/inventory.js';
import { formatFirstIssue } from '../validation.js';
import { describeGraphAnswer, describeGraphMalformed, describeGraphNetworkFailure, type FailureContext } from './graph-failures.js';
import { OrganizationCollection, type OrganizationShape } from './graph-shapes.js';

/** Properties every readable organization has, which a User.Read-level view leaves null. */
const restrictedProbes = ['createdDateTime', 'tenantType', 'countryLetterCode', 'preferredLanguage'] as const;
/** The documented properties the judgement needs; asked for alone when a Graph refuses the fuller $select with 400. */
const minimal = ['id', 'displayName', 'verifiedDomains', 'onPremisesSyncEnabled', 'onPremisesLastSyncDateTime'];
export const ORGANIZATION_REQUEST = `GET /v1.0/organization?$select=${[...minimal, ...restrictedProbes].join(',')}`;
const MINIMAL_REQUEST = `GET /v1.0/organization?$select=${minimal.join(',')}`;

export type OrganizationResult = { organization: GraphOrganization } | { error: ArtifactError };

export async function readOrganization(
  graph: GraphClient,
  facts: Pick<GraphOrganization, 'tokenRoles' | 'cloud'>,
  failureContext: Omit<FailureContext, 'resource' | 'request'>,
): Promise<OrganizationResult> {
  const context: FailureContext = { ...failureContext, resource: 'organization', request: 'GET /v1.0/organization' };
  try {
    let answer = await graph.read(ORGANIZATION_REQUEST.slice('GET '.length), OrganizationCollection);
    let probed = true;
    if (answer.kind === 'status' && answer.response.status === 400) {
      // Some Graph deployments refuse one of the restricted-view probes; the judgement needs only the minimal set.
      answer = await graph.read(MINIMAL_REQUEST.slice('GET '.length), OrganizationCollection);
      probed = false;
    }
    if (answer.kind === 'status') return { error: describeGraphAnswer(answer.response, context) };
    if (answer.kind === 'malformed') return { error: describeGraphMalformed(answer.problem, context) };
    const [organization] = answer.value.value;
    return { organization: { ...organizationFacts(organization as OrganizationShape, probed), ...facts } };
  } catch (error) {
    if (error instanceof HttpFailure) return { error: describeGraphNetworkFailure(error, context) };
    throw error;
  }
}

type OrganizationFacts = Omit<GraphOrganization, 'tokenRoles' | 'cloud'>;

/** The organization from a collection body, or what was wrong with it (the same validation as `read`). */
export function organizationFrom(body: unknown, probed = true): OrganizationFacts | string {
  const parsed = OrganizationCollection.safeParse(body);
  if (!parsed.success) return formatFirstIssue(parsed.error, body);
  return organizationFacts(parsed.data.value[0] as OrganizationShape, probed);
}

/**
 * The facts of a validated organization. `probed`: the restricted-view probes were asked for. Without them an
 * empty sync state cannot be told from a restricted view, so it is taken as possibly restricted (the check then
 * asks for a look by hand instead of failing with "never synced").
 */
function organizationFacts(record: OrganizationShape, probed = true): OrganizationFacts {
  const syncEnabled = record.onPremisesSyncEnabled ?? null;
  const lastSync = record.onPremisesLastSyncDateTime ?? null;
  const emptySync = syncEnabled === null && lastSync === null;
  const restrictedView = emptySync && (!probed || restrictedProbes.every((name) => isEmpty(record[name])));
  return {
    id: record.id,
    displayName: record.displayName || null,
    onPremisesSyncEnabled: syncEnabled,
    onPremisesLastSyncDateTime: lastSync,
    verifiedDomains: [...new Set((record.verifiedDomains ?? []).map((domain) => domain.name.toLowerCase()).filter(Boolean))].sort(),
    restrictedView,
  };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
